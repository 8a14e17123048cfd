/**
 * Choosing a time in the portal with the booking widget's own time step (the same element,
 * engine and API, not a copy): the booking's program as one session with the booking's
 * instructor. Loaded as its own chunk when the customer asks for it.
 */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../core/define.ts';
import { base } from '../../core/styles.ts';
import { getProgram } from '../../core/api/programs.ts';
import { initialState } from '../../core/context/booking-state.ts';
import type { BookingState, ProgramDetail } from '../../core/context/types.ts';
import type { BookingChangeEvent } from '../../core/events/booking-change-event.ts';
import type { StepRequestEvent } from '../../core/events/step-request-event.ts';
import type { PortalBookingDetail } from '../../core/api/portal.ts';
import { errorBox } from '../../core/templates.ts';
import '../tandem-program/steps/time/time-step.ts';
import type { TandemPortal } from './tandem-portal.ts';

/** The program as one session with one instructor: the time step then offers single starts. */
function oneSession(p: ProgramDetail, instructorId: string): ProgramDetail {
  return {
    ...p,
    sessions_count: 1,
    intake_form: null,
    variants: p.variants.map((v) => ({ ...v, sessions_count: 1 })),
    instructors: p.instructors.filter((i) => i.id === instructorId),
  };
}

/** @internal */
export class TandemPortalTime extends LitElement {
  static override styles = [base];

  @property({ attribute: false }) portal?: TandemPortal;
  @property({ attribute: false }) booking?: PortalBookingDetail;
  @state() private bookingState: BookingState | null = null;
  @state() private error: unknown = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const api = this.portal?.embedApi;
    const b = this.booking;
    if (!api || !b) return;
    try {
      const program = oneSession(await getProgram(api, b.program.slug, ''), b.instructor.id);
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      this.bookingState = { ...initialState(zone), step: 'time', program, variantId: program.variants[0]?.id ?? null, instructorId: b.instructor.id, mode: 'explicit' };
    } catch (err) {
      this.error = err;
    }
  }

  private onChange(e: BookingChangeEvent): void {
    e.stopPropagation();
    if (this.bookingState) this.bookingState = { ...this.bookingState, ...e.detail.patch };
  }

  private onStep(e: StepRequestEvent): void {
    e.stopPropagation();
    const start = this.bookingState?.firstSlot?.start;
    if (e.detail.step === 'program' || !start) this.portal?.closePanels();
    else void this.portal?.picked(start);
  }

  override render() {
    const p = this.portal;
    if (!p) return nothing;
    if (this.error) return errorBox(this.error, p.localizer, () => { this.error = null; void this.load(); });
    if (!this.bookingState) return html`<p role="status">${p.localizer.t('loading')}</p>`;
    return html`<tandem-time-step
      .state=${this.bookingState}
      .i18n=${p.localizer}
      .api=${p.embedApi!}
      @tandem-booking-change=${this.onChange}
      @tandem-step-request=${this.onStep}
    ></tandem-time-step>`;
  }
}

define('tandem-portal-time', TandemPortalTime);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-portal-time': TandemPortalTime;
  }
}
