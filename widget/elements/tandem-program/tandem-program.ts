import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import { ApiClient, ApiError, scriptOrigin } from '../controllers/api-client.ts';
import { LocaleController } from '../controllers/locale-controller.ts';
import type { Localizer } from '../i18n/localizer.ts';
import { bookingContext, initialState, type BookingActions, type BookingContext } from '../state/booking-context.ts';
import { STEPS, type BookingState, type ProgramDetail, type StepName } from '../state/types.ts';
import { TandemReadyEvent } from '../events/ready-event.ts';
import { TandemStepEvent } from '../events/step-event.ts';
import { TandemBookedEvent } from '../events/booked-event.ts';
import { TandemErrorEvent } from '../events/error-event.ts';
import { base, tokens } from '../shared/styles.ts';
import { detectTimeZone } from '../shared/time.ts';
import { errorBox, loadingBox } from '../shared/templates.ts';
import '../steps/program-page/program-page.ts';
import { programStyles } from './tandem-program.styles.ts';
import type { StepElement } from '../steps/step-element.ts';

/** Later steps are separate chunks, loaded when reached (or when the button leading there is hovered). */
const STEP_LOADERS: Record<Exclude<StepName, 'program'>, () => Promise<unknown>> = {
  time: () => import('../steps/time/time-step.ts'),
  intake: () => import('../steps/intake/intake-step.ts'),
  checkout: () => import('../steps/checkout/checkout-step.ts'),
  confirmation: () => import('../steps/confirmation/confirmation-step.ts'),
};
const loadedSteps = new Set<StepName>(['program']);
const loadingSteps = new Map<StepName, Promise<unknown>>();

function loadStep(step: StepName): Promise<unknown> {
  if (step === 'program' || loadedSteps.has(step)) return Promise.resolve();
  let p = loadingSteps.get(step);
  if (!p) {
    p = STEP_LOADERS[step]().then(
      (m) => {
        loadedSteps.add(step);
        return m;
      },
      (err: unknown) => {
        loadingSteps.delete(step);
        throw new ApiError(0, 'load_failed', err instanceof Error ? err.message : String(err));
      },
    );
    loadingSteps.set(step, p);
  }
  return p;
}

/** Parts of the steps that the page can style, re-exported through each step element. */
const STEP_PARTS =
  'heading, button, button-primary, banner, price, variant, section, calendar, day, slot, timezone, field, input, error, summary, test-mode, invoice, session, retry, loading';

/**
 * Sells one program: program page, time selection, intake form, details and payment,
 * confirmation, all inside one element on the studio's own page.
 *
 * @tagname tandem-program
 * @summary `<tandem-program key="pk_test_…" program="evolve"></tandem-program>`
 *
 * @attr {string} key - The studio's publishable key (`pk_…`).
 * @attr {string} program - The program's slug.
 * @attr {string} link - The private-link token of a `by_link` program.
 * @attr {string} api - The API origin; defaults to the origin the script was loaded from.
 * @attr {string} lang - Language (en, de, fr, it; a region such as `de-CH` is kept for formats); defaults to the closest `[lang]`, then the browser.
 * @attr {'light'|'dark'|'auto'} theme - Colour scheme; `auto` (default) follows `prefers-color-scheme`.
 *
 * @event {TandemReadyEvent} tandem:ready - The program is shown and interactive. detail: `{program, title, locale}`.
 * @event {TandemStepEvent} tandem:step - The customer moved to another step. detail: `{program, step, index, previous}`.
 * @event {TandemBookedEvent} tandem:booked - The booking reached the confirmation step. detail: `{booking_id, status, program, variant, method, order_id, total:{amount,currency}, sessions:[{starts_at,ends_at}], sessions_to_schedule}`.
 * @event {TandemErrorEvent} tandem:error - A request failed and a message was shown. detail: `{code, status, message, step, retryable}`.
 *
 * @csspart base - The widget's outer box.
 * @csspart progress - The step indicator.
 * @csspart heading - Each step's heading.
 * @csspart button - Every button.
 * @csspart button-primary - The main action of a step.
 * @csspart banner - The program's banner image.
 * @csspart price - A price.
 * @csspart variant - A price option of the program.
 * @csspart section - A section of the program page (itinerary, FAQ, …).
 * @csspart calendar - The month grid.
 * @csspart day - A day of the calendar.
 * @csspart slot - A free time.
 * @csspart timezone - The time zone picker.
 * @csspart field - A form field (label, input and error).
 * @csspart input - An input, select or textarea.
 * @csspart error - An error message or box.
 * @csspart summary - The booking summary.
 * @csspart test-mode - The test-mode payment box.
 * @csspart invoice - The QR-bill invoice link.
 * @csspart session - A booked session on the confirmation.
 *
 * @cssproperty --tandem-color-primary - Accent colour of buttons, selection and focus.
 * @cssproperty --tandem-color-on-primary - Text on the accent colour.
 * @cssproperty --tandem-font - Font family (default: inherited from the page).
 * @cssproperty --tandem-radius - Corner radius (default 0.5rem).
 * @cssproperty --tandem-space - Base spacing (default 1rem).
 * @cssproperty --tandem-color-text - Text colour.
 * @cssproperty --tandem-color-background - Background colour.
 * @cssproperty --tandem-color-surface - Background of boxes and cards.
 * @cssproperty --tandem-color-muted - Secondary text.
 * @cssproperty --tandem-color-border - Borders of fields and cards.
 * @cssproperty --tandem-color-error - Errors.
 */
export class TandemProgram extends LitElement {
  static override styles = [tokens, base, programStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** The studio's publishable key (`pk_…`). */
  @property() key = '';
  /** The program's slug. */
  @property() program = '';
  /** The private-link token of a `by_link` program. */
  @property() link = '';
  /** The API origin; defaults to the origin the script was loaded from. */
  @property() api = '';
  /** `light`, `dark` or `auto`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | undefined;

  @state() private bookingState: BookingState = initialState(detectTimeZone());
  @state() private stepError: ApiError | null = null;

  private readonly locale = new LocaleController(this);
  private readonly provider: ContextProvider<typeof bookingContext, this>;
  private client = new ApiClient(scriptOrigin(), '');
  private readyFired = false;
  private focusAfterRender = false;

  private readonly actions: BookingActions = this.makeActions();

  private readonly programTask = new Task(this, {
    task: async ([apiBase, key, slug, link], { signal }) => {
      if (!slug) throw new ApiError(404, 'not_found', 'No program attribute');
      const client = new ApiClient(apiBase, key);
      try {
        const [program] = await Promise.all([
          client.get<ProgramDetail>(`/v1/embed/programs/${encodeURIComponent(slug)}`, { query: { link }, signal }),
          this.locale.ready,
        ]);
        this.bookingState = { ...initialState(this.bookingState.timezone), program, variantId: program.variants[0]?.id ?? null };
        return program;
      } catch (err) {
        if (!signal.aborted) this.fail(err, 'program');
        throw err;
      }
    },
    args: () => [this.api || scriptOrigin(), this.key, this.program, this.link] as const,
  });

  constructor() {
    super();
    this.provider = new ContextProvider(this, { context: bookingContext, initialValue: this.contextValue() });
  }

  /** The current booking state (read-only; for tests and debugging). */
  get state(): Readonly<BookingState> {
    return this.bookingState;
  }

  private makeActions(): BookingActions {
    const self = this;
    return {
      get api() {
        return self.client;
      },
      get link() {
        return self.link;
      },
      update: (patch) => {
        self.bookingState = { ...self.bookingState, ...patch };
        // Steps see the new state at once (not after the root's next render).
        self.provider.setValue(self.contextValue());
      },
      go: (step) => void self.go(step),
      fail: (err, step) => self.fail(err, step),
      prefetch: (step) => void loadStep(step).catch(() => undefined),
    };
  }

  private contextValue(): BookingContext {
    return { state: this.bookingState, i18n: this.locale.localizer, actions: this.actions };
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.locale.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('key')) this.client = new ApiClient(this.api || scriptOrigin(), this.key);
    if (changed.has('program') || changed.has('link')) this.readyFired = false;
    const ctx = this.provider.value;
    if (!ctx || ctx.state !== this.bookingState || ctx.i18n !== this.locale.localizer) this.provider.setValue(this.contextValue());
  }

  protected override async updated(): Promise<void> {
    const step = this.renderRoot.querySelector<StepElement>('[data-step]');
    if (!step) return;
    await step.updateComplete;
    if (this.focusAfterRender && step.dataset.step === this.bookingState.step) {
      this.focusAfterRender = false;
      step.focusHeading();
    }
    const p = this.bookingState.program;
    if (!this.readyFired && p && step.dataset.step === 'program') {
      this.readyFired = true;
      this.dispatchEvent(new TandemReadyEvent({ program: p.slug, title: p.title, locale: this.locale.localizer.locale }));
    }
  }

  private fail(err: unknown, step: StepName): ApiError {
    const e = ApiError.from(err);
    this.dispatchEvent(new TandemErrorEvent({ code: e.code, status: e.status, message: e.message, step, retryable: e.retryable }));
    return e;
  }

  private async go(step: StepName): Promise<void> {
    const previous = this.bookingState.step;
    this.stepError = null;
    this.bookingState = { ...this.bookingState, step };
    this.focusAfterRender = true;
    this.dispatchEvent(
      new TandemStepEvent({ program: this.bookingState.program?.slug ?? this.program, step, index: STEPS.indexOf(step) + 1, previous }),
    );
    if (step === 'confirmation') this.emitBooked();
    try {
      await loadStep(step);
      this.requestUpdate();
    } catch (err) {
      if (this.bookingState.step === step) this.stepError = this.fail(err, step);
    }
  }

  private emitBooked(): void {
    const s = this.bookingState;
    const b = s.checkout?.booking ?? s.booking;
    if (!b) return;
    this.dispatchEvent(
      new TandemBookedEvent({
        booking_id: b.id,
        status: b.status,
        program: s.program?.slug ?? this.program,
        variant: b.variant.id,
        method: s.method,
        order_id: s.checkout?.order.id ?? null,
        total: s.checkout ? { amount: s.checkout.order.total, currency: s.checkout.order.currency } : b.total_price,
        sessions: b.sessions.map((x) => ({ starts_at: x.starts_at, ends_at: x.ends_at })),
        sessions_to_schedule: b.sessions_to_schedule,
      }),
    );
  }

  private renderProgress(i18n: Localizer) {
    const step = this.bookingState.step;
    if (step === 'program') return nothing;
    const idx = STEPS.indexOf(step);
    return html`<div class="progress" part="progress">
      <p>${i18n.t('stepOf', { n: idx + 1, total: STEPS.length, name: i18n.t(`step_${step}`) })}</p>
      <ol aria-hidden="true">
        ${STEPS.map((s, i) => html`<li ?data-done=${i < idx} aria-current=${s === step ? 'step' : 'false'}></li>`)}
      </ol>
    </div>`;
  }

  private renderStep(i18n: Localizer) {
    const step = this.bookingState.step;
    if (step !== 'program' && !loadedSteps.has(step)) {
      return this.stepError ? errorBox(this.stepError, i18n, () => void this.go(step)) : loadingBox(i18n);
    }
    switch (step) {
      case 'program':
        return html`<tandem-program-page data-step="program" exportparts=${STEP_PARTS}></tandem-program-page>`;
      case 'time':
        return html`<tandem-time-step data-step="time" exportparts=${STEP_PARTS}></tandem-time-step>`;
      case 'intake':
        return html`<tandem-intake-step data-step="intake" exportparts=${STEP_PARTS}></tandem-intake-step>`;
      case 'checkout':
        return html`<tandem-checkout-step data-step="checkout" exportparts=${STEP_PARTS}></tandem-checkout-step>`;
      case 'confirmation':
        return html`<tandem-confirmation-step data-step="confirmation" exportparts=${STEP_PARTS}></tandem-confirmation-step>`;
    }
  }

  protected override render() {
    const i18n = this.locale.localizer;
    return html`<div class="root" part="base" lang=${i18n.locale}>
      ${this.programTask.render({
        initial: () => loadingBox(i18n),
        pending: () => loadingBox(i18n),
        error: (err) => errorBox(err, i18n, () => void this.programTask.run()),
        complete: () => html`${this.renderProgress(i18n)}${this.renderStep(i18n)}`,
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tandem-program': TandemProgram;
  }
}
