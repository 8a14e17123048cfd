import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState as notYet } from '@lit/task';
import { ApiClient, ApiError, scriptOrigin } from '../../core/api/client.ts';
import { getProgram, programPath } from '../../core/api/programs.ts';
import { LocaleController } from '../../core/controllers/locale-controller.ts';
import { loadErrorTable } from '../../core/i18n/errors.ts';

/** Whether this tab holds a visit to resume (the visit module itself is loaded only then). */
function hasVisit(key: string): boolean {
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}
import type { Localizer } from '../../core/i18n/localizer.ts';
import { initialState, selectedVariant } from '../../core/context/booking-state.ts';
import { STEPS, type BookingState, type StepName } from '../../core/context/types.ts';
import { TandemReadyEvent } from '../../core/events/ready-event.ts';
import { TandemStepEvent } from '../../core/events/step-event.ts';
import { TandemBookedEvent } from '../../core/events/booked-event.ts';
import { BookingChangeEvent } from '../../core/events/booking-change-event.ts';
import { StepRequestEvent } from '../../core/events/step-request-event.ts';
import { StepPrefetchEvent } from '../../core/events/step-prefetch-event.ts';
import { VariantSelectEvent } from '../../core/events/variant-select-event.ts';
import { INTERNAL_EVENTS } from '../../core/events/internal-events.ts';
import { reportError } from '../../core/report-error.ts';
import { base, tokens } from '../../core/styles.ts';
import { detectTimeZone } from '../../core/time-zones.ts';
import { errorBox, loadingBox } from '../../core/templates.ts';
import { isStepLoaded, loadStep } from './step-loader.ts';
import './steps/program-page/program-page.ts';
import { programStyles } from './tandem-program.styles.ts';

/** How long a reached step waits for its sentences in the visitor's language once its code is in. */
const WORDS_WAIT_MS = 1_500;

/** What the root asks of the rendered step after a step change (the later steps also take the booking state). */
type RenderedStep = HTMLElement & { focusHeading(): void; updateComplete: Promise<unknown>; requestUpdate(): void; state?: BookingState; settled?: Promise<unknown> };

/** The longest a step change holds the element's height while the next step loads (then it gives way, whatever is late). */
const HOLD_MS = 4000;

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
 * @attr {'light'|'dark'|'auto'} theme - Colour scheme: `light` (default), `dark`, or `auto` to follow the visitor's system setting.
 * @attr {string} variant - Chooses a price option in advance (a variant id); also `?tandem-variant=` on the page's address. See presets.ts.
 * @attr {string} instructor - Chooses the instructor in advance (a staff id); also `?tandem-instructor=`.
 * @attr {string} start - Opens the calendar on a date (`YYYY-MM-DD`) and with a time (`YYYY-MM-DDTHH:MM`) chooses it when free; also `?tandem-start=`.
 * @attr {string} prefill-name - The customer's name in the details form (editable); also `?tandem-name=`.
 * @attr {string} prefill-email - The customer's e-mail address in the details form (editable); also `?tandem-email=`.
 * @attr {string} coupon - A coupon code at the payment (editable); also `?tandem-coupon=`.
 * @slot - Optional: the program as server-rendered HTML (a hosted page), shown until the widget has loaded the program, then replaced in place.
 * @attr {'push'|'none'} history - `push` (default): each step is an entry of the page's history, so the browser's Back button walks the steps; `none` for pages that manage history themselves.
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
  @property() link: string | null = '';
  /** The API origin; defaults to the origin the script was loaded from. */
  @property() api = '';
  /** `light` (default), `dark` or `auto`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | undefined;
  /** `push` (default): each step is a history entry; `none`: the page manages history. */
  @property() history: 'push' | 'none' = 'push';

  @state() private bookingState: BookingState = initialState(detectTimeZone());
  @state() private stepError: ApiError | null = null;

  private readonly locale = new LocaleController(this);
  private client = new ApiClient(scriptOrigin(), '');
  private readyFired = false;
  private focusAfterRender = false;
  private errorsLang = '';
  /** The step change whose height hold is current (a later change takes the hold over). */
  private holdSeq = 0;

  private readonly programTask = new Task(this, {
    task: async ([apiBase, key, slug, link], { signal }) => {
      // A framework may set the key after the element is in the page (React sets it in an effect): no request without one.
      if (!key) return notYet;
      if (!slug) throw new ApiError(404, 'not_found', 'No program attribute');
      if (key.startsWith('sk_')) {
        console.error('[tandem] key="sk_…" is a SECRET key: remove it from this page, roll it, use the pk_ key.');
        throw new ApiError(401, 'secret_key', 'Secret key in a page');
      }
      try {
        const client = new ApiClient(apiBase, key);
        // arrival.ts (prefill and deep links, the funnel) comes in parallel with the program; without it the widget works as before.
        const [program, , arrival] = await Promise.all([getProgram(client, slug, link ?? '', signal), this.locale.ready, import('./arrival.ts').catch(() => null)]);
        this.locale.region = program.region ?? '';
        this.locale.refresh();
        const state: BookingState = { ...initialState(this.bookingState.timezone), program, variantId: program.variants[0]?.id ?? null };
        this.bookingState = arrival ? await arrival.arrive(this, state, client, programPath(slug)) : state;
        if (hasVisit(this.visitKey())) void this.restore(program.id);
        return program;
      } catch (err) {
        if (!signal.aborted) reportError(this, err, 'program');
        throw err;
      }
    },
    args: () => [this.api || scriptOrigin(), this.key, this.program, this.link] as const,
  });

  constructor() {
    super();
    // The steps ask; the root decides. The widget's own events stop here (the page hears only `tandem:…`).
    for (const name of INTERNAL_EVENTS) this.addEventListener(name, (e) => e.stopPropagation());
    this.addEventListener(BookingChangeEvent.eventName, (e) => {
      this.change(e.detail.patch);
    });
    this.addEventListener(VariantSelectEvent.eventName, (e) => {
      this.change({ variantId: e.detail.variantId, firstSlot: null, conflicts: [], starts: [], mode: 'cadence' });
    });
    this.addEventListener(StepRequestEvent.eventName, (e) => {
      if (!this.bookingState.variantId) this.change({ variantId: selectedVariant(this.bookingState)?.id ?? null });
      void this.go(e.detail.step);
    });
    this.addEventListener(StepPrefetchEvent.eventName, (e) => {
      void loadStep(e.detail.step).catch(() => undefined);
      // The later steps' sentences in this language (not in the first screen's catalog) come with them.
      void loadErrorTable(this.locale.localizer.lang);
    });
  }

  /** The current booking state (read-only; for tests and debugging). */
  get state(): Readonly<BookingState> {
    return this.bookingState;
  }

  /** Replaces parts of the state (a new state object); the rendered step gets it at once, not after the root's next render. */
  private change(patch: Partial<BookingState>): void {
    this.bookingState = { ...this.bookingState, ...patch };
    const step = this.renderedStep();
    if (step && 'state' in step) step.state = this.bookingState;
    this.save();
  }

  private renderedStep(): RenderedStep | null {
    return this.renderRoot?.querySelector<RenderedStep>('[data-step]') ?? null;
  }

  /** The visit module (sessionStorage), loaded once the customer leaves the first screen or a visit is to be resumed. */
  private visits: Promise<typeof import('./visit.ts')> | null = null;

  private save(clear = false): void {
    if (!this.visits && this.bookingState.step === 'program') return;
    this.visits ??= import('./visit.ts');
    const key = this.visitKey();
    const state = this.bookingState;
    void this.visits.then((v) => (clear ? v.clearVisit(key) : v.saveVisit(key, state))).catch(() => undefined);
  }

  /** After a reload: the visit's choices back, then the step reached (see visit.ts). */
  private async restore(programId: string): Promise<void> {
    this.visits ??= import('./visit.ts');
    const v = await this.visits;
    const visit = v.readVisit(this.visitKey(), programId);
    if (!visit) return;
    const { step, ...saved } = visit;
    this.change(saved);
    await v.resume(step, {
      state: () => this.bookingState,
      change: (patch) => this.change(patch),
      go: (to) => this.go(to, 'replace'),
      client: this.client,
      expired: async () => {
        await loadErrorTable(this.locale.localizer.lang);
        return this.locale.localizer.t('holdExpired');
      },
    });
  }

  /** Where this visit is kept in the page's sessionStorage (per studio key and program). */
  private visitKey(): string {
    return `tandem:${this.key}:${this.program}:${this.link ?? ''}`;
  }

  /** The member of `history.state` that holds this element's step. */
  private historyKey(): string {
    return `tandem:${this.program}`;
  }

  private writeHistory(step: StepName, how: 'push' | 'replace'): void {
    if (this.history === 'none') return;
    const current: unknown = history.state;
    const next = { ...(current && typeof current === 'object' ? current : {}), [this.historyKey()]: step };
    if (how === 'push') history.pushState(next, '');
    else history.replaceState(next, '');
  }

  /** The browser's Back and Forward buttons walk the steps (not past a booking that is made, not into a step not reached). */
  private readonly onPopState = (e: PopStateEvent): void => {
    const s = this.bookingState;
    if (this.history === 'none' || !s.program) return;
    const st: unknown = e.state && typeof e.state === 'object' ? (e.state as Record<string, unknown>)[this.historyKey()] : undefined;
    const step = (STEPS as readonly unknown[]).includes(st) ? (st as StepName) : 'program';
    if (step === s.step) return;
    const reachable =
      s.step !== 'confirmation' && step !== 'confirmation' && (step === 'program' || step === 'time' || (!!s.firstSlot && (step !== 'intake' || !!s.program.intake_form)));
    if (!reachable) {
      this.writeHistory(s.step, 'push');
      return;
    }
    void this.go(step, 'pop');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.onPopState);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.locale.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('key')) this.client = new ApiClient(this.api || scriptOrigin(), this.key);
    this.client.lang = this.locale.localizer.locale;
    if (changed.has('program') || changed.has('link')) this.readyFired = false;
  }

  protected override async updated(): Promise<void> {
    // The error sentences of the language come with the later steps (and again when the language changes).
    const lang = this.locale.localizer.lang;
    if (this.errorsLang !== lang && this.bookingState.step !== 'program') {
      this.errorsLang = lang;
      void loadErrorTable(lang).then(() => this.renderedStep()?.requestUpdate());
    }
    const step = this.renderedStep();
    if (!step) return;
    await step.updateComplete;
    if (this.focusAfterRender && step.dataset.step === this.bookingState.step) {
      this.focusAfterRender = false;
      step.focusHeading();
    }
    const p = this.bookingState.program;
    if (!this.readyFired && p && step.dataset.step === 'program') {
      this.readyFired = true;
      if (!(history.state && typeof history.state === 'object' && this.historyKey() in history.state)) this.writeHistory('program', 'replace');
      this.dispatchEvent(new TandemReadyEvent({ program: p.slug, title: p.title, locale: this.locale.localizer.locale }));
    }
  }

  /** The steps this program has (no questions step without an intake form). */
  private steps(): StepName[] {
    return STEPS.filter((x) => x !== 'intake' || !!this.bookingState.program?.intake_form);
  }

  /**
   * Moves to a step: a history entry (`push`; `replace` when resuming; none when the browser's
   * own Back/Forward brought us here). Going back from the payment (to the details or an earlier
   * step) gives the held times back.
   */
  private async go(step: StepName, nav: 'push' | 'replace' | 'pop' = 'push'): Promise<void> {
    const previous = this.bookingState.step;
    const held = this.bookingState.booking;
    if (held && previous === 'checkout' && (step === 'checkout' || STEPS.indexOf(step) < STEPS.indexOf('checkout'))) {
      this.change({ booking: null, checkout: null });
      void import('../../core/api/bookings.ts').then(({ releaseBooking }) => releaseBooking(this.client, held)).catch((err: unknown) => reportError(this, err, 'checkout'));
    }
    this.stepError = null;
    const hold = step !== previous ? this.holdHeight() : 0;
    this.bookingState = { ...this.bookingState, step };
    this.focusAfterRender = true;
    if (nav !== 'pop' && step !== previous) this.writeHistory(step, nav);
    this.dispatchEvent(
      new TandemStepEvent({ program: this.bookingState.program?.slug ?? this.program, step, index: this.steps().indexOf(step) + 1, previous }),
    );
    if (step === 'confirmation') {
      this.save(true);
      this.emitBooked();
    } else this.save();
    // The steps' sentences load beside the step's code. The step waits a little for them, so that a
    // German visitor does not see it in English first when its code happens to arrive before its words;
    // a slower words chunk is not waited for longer (the step renders again once they are in).
    const words = step !== 'program' ? loadErrorTable(this.locale.localizer.lang) : undefined;
    try {
      await loadStep(step);
      if (words) await Promise.race([words, new Promise((resolve) => setTimeout(resolve, WORDS_WAIT_MS))]);
      this.requestUpdate();
      if (hold) await this.settledStep(step);
    } catch (err) {
      if (this.bookingState.step === step) this.stepError = reportError(this, err, step);
    } finally {
      if (hold) this.releaseHeight(hold);
    }
  }

  /**
   * Keeps the element as tall as the step it leaves until the next step has settled (its code
   * loaded, its first data in: the time step's slots), so the page below the widget moves once,
   * when the new step is complete, and not twice around a short loading box (a layout shift the
   * visitor sees and Core Web Vitals count). Set through the CSSOM, which a strict CSP allows.
   * Returns the hold's number (0: nothing rendered to hold).
   */
  private holdHeight(): number {
    const root = this.renderRoot?.querySelector<HTMLElement>('.root');
    const height = root?.getBoundingClientRect().height ?? 0;
    if (!root || !height) return 0;
    root.style.minHeight = `${Math.ceil(height)}px`;
    return ++this.holdSeq;
  }

  private releaseHeight(hold: number): void {
    if (hold !== this.holdSeq) return;
    this.renderRoot?.querySelector<HTMLElement>('.root')?.style.removeProperty('min-height');
  }

  /** The step's element rendered and settled (`settled`, when it has one), or HOLD_MS, whichever comes first. */
  private async settledStep(step: StepName): Promise<void> {
    await this.updateComplete;
    const el = this.renderedStep();
    if (!el || el.dataset.step !== step) return;
    await el.updateComplete;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.resolve(el.settled).catch(() => undefined),
      new Promise((r) => (timer = setTimeout(r, HOLD_MS))),
    ]);
    clearTimeout(timer);
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
    const steps = this.steps();
    const idx = steps.indexOf(step);
    return html`<div class="progress" part="progress">
      <p>${i18n.t('stepOf', { n: idx + 1, total: steps.length, name: i18n.t(`step_${step}`) })}</p>
      <ol aria-hidden="true">
        ${steps.map((s, i) => html`<li ?data-done=${i < idx} aria-current=${s === step ? 'step' : 'false'}></li>`)}
      </ol>
    </div>`;
  }

  private renderStep(i18n: Localizer) {
    const step = this.bookingState.step;
    if (!isStepLoaded(step)) {
      return this.stepError ? errorBox(this.stepError, i18n, () => void this.go(step)) : loadingBox(i18n);
    }
    switch (step) {
      case 'program':
        return html`<tandem-program-page
          data-step="program"
          exportparts=${STEP_PARTS}
          .program=${this.bookingState.program}
          .variantId=${this.bookingState.variantId}
          .i18n=${i18n}
        ></tandem-program-page>`;
      case 'time':
        return html`<tandem-time-step
          data-step="time"
          exportparts=${STEP_PARTS}
          .state=${this.bookingState}
          .i18n=${i18n}
          .api=${this.client}
          .link=${this.link ?? ''}
        ></tandem-time-step>`;
      case 'intake':
        return html`<tandem-intake-step data-step="intake" exportparts=${STEP_PARTS} .state=${this.bookingState} .i18n=${i18n}></tandem-intake-step>`;
      case 'checkout':
        return html`<tandem-checkout-step
          data-step="checkout"
          exportparts=${STEP_PARTS}
          .state=${this.bookingState}
          .i18n=${i18n}
          .api=${this.client}
          .link=${this.link ?? ''}
        ></tandem-checkout-step>`;
      case 'confirmation':
        return html`<tandem-confirmation-step
          data-step="confirmation"
          exportparts=${STEP_PARTS}
          .state=${this.bookingState}
          .i18n=${i18n}
        ></tandem-confirmation-step>`;
    }
  }

  protected override render() {
    const i18n = this.locale.localizer;
    if (this.key.startsWith('sk_')) return nothing;
    // Server-rendered content inside the element (a hosted program page) stays shown until the program is here.
    const fallback = this.childElementCount > 0 ? html`<slot></slot>` : null;
    return html`<div class="root" part="base" lang=${i18n.locale}>
      ${this.programTask.render({
        initial: () => fallback ?? loadingBox(i18n),
        pending: () => fallback ?? loadingBox(i18n),
        error: (err) => html`${errorBox(err, i18n, () => void this.programTask.run())}${fallback ?? nothing}`,
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
