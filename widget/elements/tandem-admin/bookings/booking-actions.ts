/**
 * `<tandem-admin-booking-actions>`: what staff do with one booking in the console. Per session:
 * check in, mark a no-show (on a paid booking, when the session's attendance is open), move it (outside the hours too, as staff); schedule the sessions still
 * open; shift the whole series; record a transfer received; cancel with the settlement quote shown
 * line by line (the cancel sends that quote's id, so changed figures are refused, not applied).
 * Each change fires `booking-changed` for the console to read the booking again.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { BookingDetailOut } from '../../../../schema/api/admin-pipeline.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { wizardStyles } from '../wizard/wizard.styles.ts';
import { wizardWords, type WizardKey } from '../wizard/words.ts';
import { consoleLang } from '../core/console-lang.ts';
import { attempt, instantOf, localOf, minorOf, money, when, type Problem } from '../core/shared.ts';
import { checkInOpen, noShowOpen, takesAttendance } from '../../../../shared/attendance.ts';

type Session = BookingDetailOut['sessions'][number];

interface QuoteLine { session_id: string | null; seq: number; starts_at: string | null; rule: string; value: number; refund: number; fee: number }
export interface CancellationQuote {
  quote_id: string; currency: string; total: number; paid: number; refund: number; fee: number; credits_back: number; balance_due: number;
  method: 'money' | 'credits'; lines: QuoteLine[]; policy: { free_cancel_hours: number; text: string | null };
}

export class TandemAdminBookingActions extends LitElement {
  static override styles = [tokens, base, adminStyles, wizardStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) booking!: BookingDetailOut;
  @property() override lang: 'en' | 'de' = 'en';
  /** The staff member's role: instructors see no money (no transfers). */
  @property({ attribute: 'staff-role' }) staffRole = 'owner';

  @state() moving: string | null = null;
  @state() quote: CancellationQuote | null = null;
  @state() notice = '';
  @state() problem: Problem | null = null;

  w(key: WizardKey): string {
    return wizardWords[consoleLang(this.lang)][key];
  }

  private async act<T>(work: () => Promise<T>, done: WizardKey): Promise<T | undefined> {
    this.problem = null;
    this.notice = '';
    const out = await attempt(work, (p) => { this.problem = p; });
    if (out !== undefined) {
      this.notice = this.w(done);
      this.moving = null;
      this.quote = null;
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
    return out;
  }

  private path(tail = ''): string {
    return `/v1/admin/bookings/${this.booking.id}${tail}`;
  }

  override render(): TemplateResult {
    const b = this.booking;
    if (!b) return html``;
    const live = b.status !== 'cancelled' && b.status !== 'completed';
    return html`<section aria-labelledby="actions-title">
      <h3 id="actions-title">${this.w('actions')}</h3>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.problem ? html`<div class="error"><p>${this.problem.message}</p>${this.problem.fields.length ? html`<ul>${this.problem.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      ${this.sessions(b, live)}
      ${live && b.sessions_to_schedule > 0 ? this.schedule(b) : nothing}
      ${live && b.sessions.filter((s) => s.status === 'scheduled' && s.starts_at).length > 1 ? this.shift() : nothing}
      ${b.order && this.staffRole !== 'instructor' && b.order.balance_due > 0 ? this.transfer(b) : nothing}
      ${live ? this.cancel(b) : nothing}
    </section>`;
  }

  private sessions(b: BookingDetailOut, live: boolean): TemplateResult {
    const zone = b.customer.timezone ?? 'UTC';
    const rows = b.sessions.filter((s) => s.starts_at && s.status === 'scheduled');
    if (!rows.length || !live) return html``;
    const now = Date.now();
    return html`<table><caption>${this.w('sessions')}</caption><thead><tr><th scope="col">#</th><th scope="col">${this.w('moveTo')}</th><th scope="col">${this.w('actions')}</th></tr></thead>
      <tbody>${rows.map((s) => html`<tr><td>${s.seq}</td><td>${when(this.lang, s.starts_at!, s.timezone || zone)}</td><td>
        ${this.attendance(b, s, now)}
        <button type="button" aria-expanded=${String(this.moving === s.id)} @click=${() => { this.moving = this.moving === s.id ? null : s.id; }}>${this.w('move')} #${s.seq}</button>
        ${this.moving === s.id ? html`<form class="inline" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const f = new FormData(e.target as HTMLFormElement);
          void this.act(() => this.client.send('POST', this.path(`/sessions/${s.id}/reschedule`), { starts_at: instantOf(String(f.get('at'))), override: f.get('override') === 'on' }), 'moved');
        }}>
          <div><label for=${`move-${s.id}`}>${this.w('moveTo')} #${s.seq}</label><input id=${`move-${s.id}`} name="at" type="datetime-local" required .value=${localOf(s.starts_at!)}></div>
          <label><input type="checkbox" name="override"> ${this.w('override')}</label>
          <button class="primary" type="submit">${this.w('moveDo')}</button>
        </form>` : nothing}
      </td></tr>`)}</tbody></table>`;
  }

  /**
   * Check-in and no-show, offered only where the API takes them (shared/attendance.ts): on a paid
   * booking, check-in from an hour before the start, a no-show from the start while attendance is
   * still open (before the end, or `awaiting_attendance` after it).
   */
  private attendance(b: BookingDetailOut, s: Session, now: number): TemplateResult | typeof nothing {
    if (s.check_in_at || !takesAttendance(b.booking_status)) return nothing;
    const start = Date.parse(s.starts_at!);
    const open = now < Date.parse(s.ends_at!) || s.staff_status === 'awaiting_attendance';
    return html`${checkInOpen(start, now) ? html`
      <button type="button" @click=${() => this.act(() => this.client.send('POST', this.path(`/sessions/${s.id}/check-in`)), 'checkedIn')}>${this.w('checkIn')} #${s.seq}</button>` : nothing}
      ${noShowOpen(start, now) && open ? html`
      <button type="button" @click=${() => this.act(() => this.client.send('POST', this.path(`/sessions/${s.id}/no-show`)), 'noShowMarked')}>${this.w('noShow')} #${s.seq}</button>` : nothing}`;
  }

  private schedule(b: BookingDetailOut): TemplateResult {
    const n = b.sessions_to_schedule;
    return html`<form class="stack" aria-labelledby="schedule-title" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const starts = new FormData(e.target as HTMLFormElement).getAll('start').map(String).filter(Boolean).map(instantOf);
      void this.act(() => this.client.send('POST', this.path('/sessions'), { starts }), 'scheduled');
    }}>
      <h4 id="schedule-title">${this.w('schedule')}</h4>
      ${Array.from({ length: n }, (_, i) => html`<label for=${`sched-${i}`}>${this.w('sessionN')} ${b.sessions.length - n + i + 1}</label>
        <input id=${`sched-${i}`} name="start" type="datetime-local" ?required=${i === 0}>`)}
      <p><button class="primary" type="submit">${this.w('scheduleDo')}</button></p>
    </form>`;
  }

  private shift(): TemplateResult {
    return html`<form class="inline" aria-labelledby="shift-title" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      void this.act(() => this.client.send('POST', this.path('/reschedule-series'), { shift_weeks: Number.parseInt(String(f.get('weeks')), 10), override: f.get('override') === 'on' }), 'moved');
    }}>
      <h4 id="shift-title">${this.w('shiftSeries')}</h4>
      <div><label for="shift-weeks">${this.w('shiftWeeks')}</label><input id="shift-weeks" name="weeks" type="number" min="-52" max="52" value="1" required></div>
      <label><input type="checkbox" name="override"> ${this.w('override')}</label>
      <button type="submit">${this.w('shiftDo')}</button>
    </form>`;
  }

  private transfer(b: BookingDetailOut): TemplateResult {
    const o = b.order!;
    return html`<form class="inline" aria-labelledby="transfer-title" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      void this.act(() => this.client.send('POST', `/v1/admin/orders/${o.id}/payments`, { amount: minorOf(String(f.get('amount'))), method: 'bank_transfer', reference: String(f.get('reference') ?? '').trim() }), 'recorded');
    }}>
      <h4 id="transfer-title">${this.w('recordTransfer')} (${this.w('balanceDue')}: ${money(this.lang, o.balance_due, o.currency)})</h4>
      <div><label for="tr-amount">${this.w('amount')} (${o.currency})</label><input id="tr-amount" name="amount" required pattern="[0-9]+([.,][0-9]{1,2})?" .value=${(o.balance_due / 100).toFixed(2)}></div>
      <div><label for="tr-ref">${this.w('reference')}</label><input id="tr-ref" name="reference" required maxlength="140"></div>
      <button type="submit">${this.w('record')}</button>
    </form>`;
  }

  private async askQuote(): Promise<void> {
    this.problem = null;
    const q = await attempt(() => this.client.get<CancellationQuote>(this.path('/cancellation')), (p) => { this.problem = p; });
    if (q) {
      this.quote = q;
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#quote-title')?.focus();
    }
  }

  private ruleWord(rule: string): string {
    const key = `rule_${rule}` as WizardKey;
    return key in wizardWords.en ? this.w(key) : rule;
  }

  private cancel(b: BookingDetailOut): TemplateResult {
    const q = this.quote;
    if (!q) return html`<p><button type="button" @click=${() => this.askQuote()}>${this.w('askQuote')}</button></p>`;
    const m = (n: number) => money(this.lang, n, q.currency);
    const zone = b.customer.timezone ?? 'UTC';
    return html`<section aria-labelledby="quote-title" class="quote">
      <h4 id="quote-title" tabindex="-1">${this.w('quote')}</h4>
      <table><thead><tr><th scope="col">${this.w('line')}</th><th scope="col">${this.w('moveTo')}</th><th scope="col">${this.w('rule')}</th>
        <th scope="col">${this.w('value')}</th><th scope="col">${this.w('refund')}</th><th scope="col">${this.w('fee')}</th></tr></thead>
        <tbody>${q.lines.map((l) => html`<tr><td>${l.seq}</td><td>${l.starts_at ? when(this.lang, l.starts_at, zone) : '—'}</td><td>${this.ruleWord(l.rule)}</td>
          <td>${m(l.value)}</td><td>${m(l.refund)}</td><td>${m(l.fee)}</td></tr>`)}</tbody></table>
      <dl>
        <dt>${this.w('totalPaid')}</dt><dd>${m(q.paid)}</dd>
        <dt>${this.w('refund')}</dt><dd>${m(q.refund)}</dd>
        <dt>${this.w('fee')}</dt><dd>${m(q.fee)}</dd>
        ${q.credits_back ? html`<dt>${this.w('creditsBack')}</dt><dd>${q.credits_back}</dd>` : nothing}
        ${q.balance_due ? html`<dt>${this.w('balanceDue')}</dt><dd>${m(q.balance_due)}</dd>` : nothing}
      </dl>
      ${q.policy.text ? html`<p>${q.policy.text}</p>` : nothing}
      <p class="tools">
        <button class="primary" type="button" @click=${() => this.act(() => this.client.send('POST', this.path('/cancel'), { quote_id: q.quote_id }), 'cancelled')}>${this.w('confirmCancel')}</button>
        <button type="button" @click=${() => { this.quote = null; }}>${this.w('keep')}</button>
      </p>
    </section>`;
  }
}

define('tandem-admin-booking-actions', TandemAdminBookingActions);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-booking-actions': TandemAdminBookingActions }
}
