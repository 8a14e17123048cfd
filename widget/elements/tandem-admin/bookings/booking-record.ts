/**
 * `<tandem-admin-booking-record>`: what the booking detail shows beyond its sessions and payments:
 * the order's payment plan, refunds, invoices and credit notes (owners and managers: instructors get no order),
 * the milestone progress, and the message thread with the customer, where staff answer
 * (`POST /v1/admin/bookings/:id/messages`, mailed to the customer at most once per ten minutes);
 * logging a milestone (`PUT /v1/admin/bookings/:id/progress/:milestoneId`: done, notes, an https link);
 * a private note on the booking and one per session, for staff only (`PUT …/note`, `PUT …/sessions/:sessionId/note`);
 * granting or deducting class credits with a reason (owners and managers: `POST …/credits`);
 * a refund outside a cancellation, full, partial or by quote (owners and managers: `<tandem-admin-refund>`);
 * and sending the confirmation mail again (`POST /v1/admin/bookings/:id/confirmation`).
 * Messages arrive as HTML the server rendered from markdown and sanitised.
 *
 * @event booking-changed - after a message was sent (detail: the booking's id)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { BookingDetailOut } from '../../../../schema/api/admin-pipeline.ts';
import type { PortalMessageList } from '../../../../schema/api/portal.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { consoleLang, formatMoney, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { recordWords, type RecordKey } from './booking-record-i18n.ts';
import { attempt, type Problem } from '../core/shared.ts';
import './refund-dialog.ts';

/** Only web links become anchors; anything else stays text. */
const webLink = (url: string) => /^https?:\/\//i.test(url);

export class TandemAdminBookingRecord extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) booking!: BookingDetailOut;
  @property() override lang: string = 'en';
  /** The staff member's role: instructors get no credit form. */
  @property({ attribute: 'staff-role' }) staffRole = 'owner';

  @state() messages: PortalMessageList['messages'] | null = null;
  @state() loadProblem = '';
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() sending = false;
  @state() resendNotice = '';
  @state() creditsNotice = '';
  @state() noteNotice = '';
  @state() noteProblem: Problem | null = null;
  @state() creditsProblem: Problem | null = null;
  /** The milestone whose log form is open. */
  @state() editing: string | null = null;
  @state() progressNotice = '';
  @state() progressProblem: Problem | null = null;
  @state() resendProblem = '';
  private loadedFor = '';

  private get language(): ConsoleLang {
    return consoleLang(this.lang);
  }

  t(key: RecordKey): string {
    return recordWords[this.language][key];
  }

  override willUpdate(): void {
    if (this.booking && this.booking.id !== this.loadedFor) {
      this.loadedFor = this.booking.id;
      void this.load(this.booking.id);
    }
  }

  private path(): string {
    return `/v1/admin/bookings/${this.booking.id}/messages`;
  }

  private async load(id: string): Promise<void> {
    this.messages = null;
    this.loadProblem = '';
    const list = await attempt(() => this.client.get<PortalMessageList>(`/v1/admin/bookings/${id}/messages`), (p) => { this.loadProblem = p.message; });
    if (list && id === this.booking.id) this.messages = list.messages;
  }

  private async send(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = String(new FormData(form).get('body') ?? '').trim();
    this.problem = null;
    this.notice = '';
    this.sending = true;
    const out = await attempt(() => this.client.send<PortalMessageList>('POST', this.path(), { body }), (p) => { this.problem = p; });
    this.sending = false;
    if (out) {
      this.messages = out.messages;
      this.notice = this.t('sent');
      form.reset();
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  override render(): TemplateResult {
    const b = this.booking;
    if (!b) return html``;
    return html`${b.order ? this.money(b.order) : nothing}${this.progress(b)}${this.notes(b)}${this.thread()}${this.staffRole !== 'instructor' ? this.credits() : nothing}${this.confirmation(b)}`;
  }

  private notes(b: BookingDetailOut): TemplateResult {
    const p = this.noteProblem;
    const sessions = b.sessions.filter((s) => s.starts_at);
    return html`<section aria-labelledby="record-notes">
      <h3 id="record-notes">${this.t('notesTitle')}</h3>
      <div role="status" aria-live="polite">${this.noteNotice ? html`<p class="notice">${this.noteNotice}</p>` : nothing}</div>
      <div role="alert">${p ? html`<div class="error"><p>${p.message}</p>${p.fields.length ? html`<ul>${p.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      <form class="stack" @submit=${(e: SubmitEvent) => this.saveBookingNote(e)}>
        <label for="note-booking">${this.t('bookingNote')}</label>
        <textarea id="note-booking" name="note" maxlength="5000" rows="3" .value=${b.notes_private_md ?? ''}></textarea>
        <p><button type="submit">${this.t('bookingNoteSave')}</button></p>
      </form>
      ${sessions.map((s) => html`<form class="stack" @submit=${(e: SubmitEvent) => this.saveNote(e, s.id)}>
        <label for=${`note-${s.id}`}>${this.t('noteFor')} ${s.seq} · ${formatWhen(this.language, s.starts_at!, s.timezone || undefined)}</label>
        <textarea id=${`note-${s.id}`} name="note" maxlength="5000" rows="2" .value=${s.notes_private_md ?? ''}></textarea>
        <p><button type="submit">${this.t('noteSave')} ${s.seq}</button></p>
      </form>`)}
    </section>`;
  }

  private async saveBookingNote(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('note') ?? '').trim();
    this.noteProblem = null;
    this.noteNotice = '';
    const out = await attempt(() => this.client.send('PUT', `/v1/admin/bookings/${this.booking.id}/note`, { notes_md: text || null }), (p) => { this.noteProblem = p; });
    if (out !== undefined) this.noteNotice = this.t('noteSaved');
  }

  private async saveNote(e: SubmitEvent, sessionId: string): Promise<void> {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('note') ?? '').trim();
    this.noteProblem = null;
    this.noteNotice = '';
    const out = await attempt(() => this.client.send('PUT', `/v1/admin/bookings/${this.booking.id}/sessions/${sessionId}/note`, { notes_md: text || null }), (p) => { this.noteProblem = p; });
    if (out !== undefined) {
      this.noteNotice = this.t('noteSaved');
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  private credits(): TemplateResult {
    const p = this.creditsProblem;
    return html`<section aria-labelledby="record-credits">
      <h3 id="record-credits">${this.t('creditsTitle')}</h3>
      <div role="status" aria-live="polite">${this.creditsNotice ? html`<p class="notice">${this.creditsNotice}</p>` : nothing}</div>
      <div role="alert">${p ? html`<div class="error"><p>${p.message}</p>${p.fields.length ? html`<ul>${p.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      <form class="inline" @submit=${(e: SubmitEvent) => this.adjustCredits(e)}>
        <div><label for="credits-delta">${this.t('creditsDelta')}</label><input id="credits-delta" name="delta" type="number" step="1" min="-1000" max="1000" required></div>
        <div><label for="credits-reason">${this.t('creditsReason')}</label><input id="credits-reason" name="reason" required maxlength="500"></div>
        <button type="submit">${this.t('creditsDo')}</button>
      </form>
    </section>`;
  }

  private async adjustCredits(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    this.creditsProblem = null;
    this.creditsNotice = '';
    const out = await attempt(() => this.client.send<{ balance: number }>('POST', `/v1/admin/bookings/${this.booking.id}/credits`,
      { delta: Number.parseInt(String(f.get('delta')), 10), reason: String(f.get('reason') ?? '').trim() }), (p) => { this.creditsProblem = p; });
    if (out) {
      this.creditsNotice = this.t('creditsDone').replace('{n}', String(out.balance));
      form.reset();
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  private confirmation(b: BookingDetailOut): TemplateResult {
    if (!['confirmed', 'in_progress', 'completed'].includes(b.booking_status)) return html``;
    return html`<div class="resend">
      <p class="tools"><button type="button" @click=${() => this.resend()}>${this.t('resend')}</button></p>
      <div role="status" aria-live="polite">${this.resendNotice ? html`<p class="notice">${this.resendNotice}</p>` : nothing}</div>
      <div role="alert">${this.resendProblem ? html`<p class="error">${this.resendProblem}</p>` : nothing}</div>
    </div>`;
  }

  private async resend(): Promise<void> {
    this.resendProblem = '';
    this.resendNotice = '';
    const out = await attempt(() => this.client.send<{ invoice_number: string }>('POST', `/v1/admin/bookings/${this.booking.id}/confirmation`), (p) => { this.resendProblem = p.message; });
    if (out) {
      this.resendNotice = this.t('resent').replace('{n}', out.invoice_number);
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  private money(o: NonNullable<BookingDetailOut['order']>): TemplateResult {
    const lang = this.language;
    const m = (n: number, currency = o.currency) => formatMoney(lang, n, currency);
    return html`<section aria-labelledby="record-money">
      <h3 id="record-money">${this.t('money')}</h3>
      ${o.installments.length ? html`<h4>${this.t('plan')}</h4><table class="plan"><thead><tr><th scope="col">#</th><th scope="col">${this.t('due')}</th><th scope="col">${this.t('amount')}</th><th scope="col">${this.t('status')}</th></tr></thead>
        <tbody>${o.installments.map((i) => html`<tr><td>${i.seq}</td><td>${formatWhen(lang, i.due_at)}</td><td>${m(i.amount, i.currency)}</td><td>${this.t(`inst_${i.status}`)}</td></tr>`)}</tbody></table>` : nothing}
      <h4>${this.t('refunds')}</h4>
      ${this.staffRole !== 'instructor' ? html`<tandem-admin-refund .client=${this.client} .booking=${this.booking} lang=${this.lang}></tandem-admin-refund>` : nothing}
      ${o.refunds.length ? html`<table><thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('amount')}</th><th scope="col">${this.t('kind')}</th><th scope="col">${this.t('status')}</th><th scope="col">${this.t('reason')}</th></tr></thead>
        <tbody>${o.refunds.map((r) => html`<tr><td>${formatWhen(lang, r.created_at)}</td>
          <td>${r.kind === 'credits' ? `${r.credits} ${this.t('credits')}` : m(r.amount, r.currency)}</td>
          <td>${this.t(`kind_${r.kind}`)}</td><td>${this.t(`status_${r.status}`)}</td><td>${r.reason}</td></tr>`)}</tbody></table>`
        : html`<p>${this.t('noRefunds')}</p>`}
      <h4>${this.t('invoices')}</h4>
      ${o.invoices.length ? html`<ul>${o.invoices.map((i) => html`<li>${this.t('number')} ${i.number} · ${formatWhen(lang, i.issued_at)} ·
        <a href=${i.pdf_url} aria-label=${`${this.t('pdf')} ${i.number}`}>${this.t('pdf')}</a></li>`)}</ul>` : html`<p>${this.t('noInvoices')}</p>`}
      <h4>${this.t('creditNotes')}</h4>
      ${o.credit_notes.length ? html`<ul>${o.credit_notes.map((n) => html`<li>${n.number} · ${formatWhen(lang, n.issued_at)} · ${m(n.total, n.currency)} · ${n.reason} ·
        <a href=${n.pdf_url} aria-label=${`${this.t('pdf')} ${n.number}`}>${this.t('pdf')}</a></li>`)}</ul>` : html`<p>${this.t('noCreditNotes')}</p>`}
    </section>`;
  }

  private progress(b: BookingDetailOut): TemplateResult {
    const lang = this.language;
    const live = b.booking_status !== 'reserved' && b.booking_status !== 'cancelled';
    return html`<section aria-labelledby="record-progress">
      <h3 id="record-progress">${this.t('progress')}</h3>
      <div role="status" aria-live="polite">${this.progressNotice ? html`<p class="notice">${this.progressNotice}</p>` : nothing}</div>
      <div role="alert">${this.progressProblem ? html`<div class="error"><p>${this.progressProblem.message}</p>${this.progressProblem.fields.length ? html`<ul>${this.progressProblem.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      ${b.progress.length ? html`<table><thead><tr><th scope="col">${this.t('milestone')}</th><th scope="col">${this.t('status')}</th><th scope="col">${this.t('artifact')}</th><th scope="col">${this.t('notes')}</th>${live ? html`<th scope="col">${this.t('actions')}</th>` : nothing}</tr></thead>
        <tbody>${b.progress.map((p) => html`<tr><td>${p.name}</td>
          <td>${p.completed_at ? html`${this.t('done')} ${formatWhen(lang, p.completed_at)}` : this.t('open')}</td>
          <td>${p.artifact_url ? (webLink(p.artifact_url) ? html`<a href=${p.artifact_url} rel="noopener noreferrer" target="_blank">${p.artifact_url}</a>` : p.artifact_url) : '—'}</td>
          <td>${p.notes_md ?? '—'}</td>
          ${live ? html`<td><button type="button" aria-expanded=${String(this.editing === p.milestone_id)} @click=${() => { this.editing = this.editing === p.milestone_id ? null : p.milestone_id; }}>${this.t('edit')}: ${p.name}</button>
            ${this.editing === p.milestone_id ? this.progressForm(p) : nothing}</td>` : nothing}</tr>`)}</tbody></table>`
        : html`<p>${this.t('noProgress')}</p>`}
    </section>`;
  }

  private progressForm(p: BookingDetailOut['progress'][number]): TemplateResult {
    const id = p.milestone_id;
    return html`<form class="stack" @submit=${(e: SubmitEvent) => this.saveProgress(e, id)}>
      <label><input type="checkbox" name="completed" ?checked=${p.completed_at !== null}> ${this.t('isDone')}</label>
      <label for=${`notes-${id}`}>${this.t('notes')}</label>
      <textarea id=${`notes-${id}`} name="notes" maxlength="5000" rows="3" .value=${p.notes_md ?? ''}></textarea>
      <label for=${`artifact-${id}`}>${this.t('artifactLink')}</label>
      <input id=${`artifact-${id}`} name="artifact" type="url" pattern="https://.+" maxlength="2000" .value=${p.artifact_url ?? ''}>
      <p><button class="primary" type="submit">${this.t('save')}</button></p>
    </form>`;
  }

  private async saveProgress(e: SubmitEvent, milestoneId: string): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const notes = String(f.get('notes') ?? '').trim();
    const artifact = String(f.get('artifact') ?? '').trim();
    this.progressProblem = null;
    this.progressNotice = '';
    const out = await attempt(() => this.client.send('PUT', `/v1/admin/bookings/${this.booking.id}/progress/${milestoneId}`,
      { completed: f.get('completed') === 'on', notes_md: notes || null, artifact_url: artifact || null }), (p) => { this.progressProblem = p; });
    if (out !== undefined) {
      this.editing = null;
      this.progressNotice = this.t('saved');
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  private thread(): TemplateResult {
    const lang = this.language;
    return html`<section aria-labelledby="record-messages">
      <h3 id="record-messages">${this.t('messages')}</h3>
      ${this.loadProblem ? html`<p class="error" role="alert">${this.t('failed')} ${this.loadProblem}</p>`
        : this.messages === null ? html`<p>${this.t('loading')}</p>`
        : this.messages.length === 0 ? html`<p>${this.t('noMessages')}</p>`
        : html`<ol class="thread">${this.messages.map((msg) => html`<li><strong>${this.t(`from_${msg.from}`)}</strong> · ${formatWhen(lang, msg.created_at)}
            <div class="md">${unsafeHTML(msg.body_html)}</div></li>`)}</ol>`}
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.problem ? html`<div class="error"><p>${this.problem.message}</p>${this.problem.fields.length ? html`<ul>${this.problem.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      <form class="stack" @submit=${(e: SubmitEvent) => this.send(e)}>
        <label for="message-body">${this.t('write')}</label>
        <textarea id="message-body" name="body" required maxlength="5000" rows="4" aria-describedby="message-note"></textarea>
        <p id="message-note" class="hint">${this.t('mailNote')}</p>
        <p><button class="primary" type="submit" ?disabled=${this.sending}>${this.t('send')}</button></p>
      </form>
    </section>`;
  }
}

define('tandem-admin-booking-record', TandemAdminBookingRecord);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-booking-record': TandemAdminBookingRecord }
}
