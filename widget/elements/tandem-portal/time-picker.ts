/**
 * Choosing a time in the portal with the booking widget's own time step (the same element,
 * engine, series check and API, not a copy): the booking's program with the booking's
 * instructor, as one session (book the next, move one, or the series' new first date) or as
 * the sessions still to schedule at the program's cadence (book all remaining, with clashes and
 * their alternatives shown before anything is booked). Loaded as its own chunk when asked for.
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
import { plannedStarts } from '../../core/context/schedule.ts';
import type { Picking, PortalHost } from './portal-host.ts';

/** The program as `count` sessions with one instructor: one offers single starts, more a series at the cadence. */
function asSessions(p: ProgramDetail, instructorId: string, count: number): ProgramDetail {
  return {
    ...p,
    sessions_count: count,
    intake_form: null,
    variants: p.variants.map((v) => ({ ...v, sessions_count: count })),
    instructors: p.instructors.filter((i) => i.id === instructorId),
  };
}

/** How many sessions the picker places: the remaining ones for "book all remaining", else one start. */
export function pickerSessions(picking: Picking, b: PortalBookingDetail): number {
  return picking.kind === 'series-book' ? Math.max(1, b.sessions_to_schedule) : 1;
}

/** @internal */
export class TandemPortalTime extends LitElement {
  static override styles = [base];

  @property({ attribute: false }) portal?: PortalHost;
  @property({ attribute: false }) booking?: PortalBookingDetail;
  @property({ attribute: false }) picking: Picking = { kind: 'book' };
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
      const count = pickerSessions(this.picking, b);
      const program = asSessions(await getProgram(api, b.program.slug, ''), b.instructor.id, count);
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      this.bookingState = { ...initialState(zone), step: 'time', program, variantId: program.variants[0]?.id ?? null, instructorId: b.instructor.id, mode: count > 1 ? 'cadence' : 'explicit' };
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
    const s = this.bookingState;
    if (e.detail.step === 'program' || !s?.firstSlot) this.portal?.closePanels();
    // The series as the time step shows it (the cadence, or the alternatives chosen for clashes).
    else void this.portal?.picked(plannedStarts(s));
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
