/**
 * `<tandem-admin-refund>`: a refund outside a cancellation, from the booking record (owners and
 * managers). A dialog with the three modes (everything refundable, an amount, or by quote: the
 * chosen sessions' shares); the quote (`GET …/refunds/quote`) is shown line by line before the
 * refund is confirmed (`POST …/refunds` with the quote's id); the API's field errors are shown
 * with the field's name in the console's language.
 *
 * @event refund-given - after a refund was given (detail: the booking's id); the booking view reads the booking again
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { BookingDetailOut } from '../../../../schema/api/admin-pipeline.ts';
import type { RefundQuoteOut, StaffRefundOut } from '../../../../schema/api/admin-refunds.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { consoleLang, formatMoney, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { refundWords, type RefundKey } from './refund-i18n.ts';
import { attempt, minorOf, type Problem } from '../core/shared.ts';

type Mode = 'full' | 'partial' | 'quote';

export class TandemAdminRefund extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    dialog { max-width: 40rem; width: calc(100% - 2rem); border: 1px solid var(--_border); border-radius: var(--_radius); }
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); display: grid; gap: 0.25rem; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  `];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) booking!: BookingDetailOut;
  @property() override lang: string = 'en';

  @state() mode: Mode = 'full';
  @state() quote: RefundQuoteOut | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  /** What the quote was asked for: a change of the form asks again. */
  private asked: { mode: Mode; amount?: number; session_ids?: string[]; reason: string } | null = null;

  private get language(): ConsoleLang {
    return consoleLang(this.lang);
  }

  t(key: RefundKey): string {
    return refundWords[this.language][key];
  }

  private money(n: number): string {
    return formatMoney(this.language, n, this.quote?.currency ?? this.booking.order?.currency ?? 'CHF');
  }

  private open(): void {
    this.quote = null;
    this.problem = null;
    this.notice = '';
    this.dialog.showModal();
  }

  private close(): void {
    this.dialog.close();
  }

  /** The form's request; a field the API would refuse is left for the API to say. */
  private request(): NonNullable<typeof this.asked> {
    const f = new FormData(this.renderRoot.querySelector('form')!);
    const reason = String(f.get('reason') ?? '').trim();
    if (this.mode === 'partial') return { mode: 'partial', amount: minorOf(String(f.get('amount') ?? '')), reason };
    if (this.mode === 'quote') return { mode: 'quote', session_ids: f.getAll('session').map(String), reason };
    return { mode: 'full', reason };
  }

  private async showQuote(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const req = this.request();
    this.problem = null;
    this.quote = null;
    const qs = new URLSearchParams({ mode: req.mode });
    if (req.mode === 'partial') qs.set('amount', Number.isFinite(req.amount) ? String(req.amount) : '');
    if (req.mode === 'quote') qs.set('session_ids', req.session_ids!.join(','));
    this.busy = true;
    const out = await attempt(() => this.client.get<RefundQuoteOut>(`/v1/admin/bookings/${this.booking.id}/refunds/quote?${qs}`), (p) => { this.problem = p; });
    this.busy = false;
    if (out) {
      this.quote = out;
      this.asked = req;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#refund-quote')?.focus();
    }
  }

  private async confirm(): Promise<void> {
    if (!this.quote || !this.asked) return;
    const req = { ...this.request(), quote_id: this.quote.quote_id };
    this.problem = null;
    this.busy = true;
    const out = await attempt(() => this.client.send<StaffRefundOut>('POST', `/v1/admin/bookings/${this.booking.id}/refunds`, req), (p) => { this.problem = p; });
    this.busy = false;
    if (out) {
      this.notice = this.t('done').replace('{amount}', formatMoney(this.language, out.amount, out.currency));
      this.quote = null;
      this.close();
      this.dispatchEvent(new CustomEvent('refund-given', { detail: this.booking.id, bubbles: true, composed: true }));
    }
  }

  private fieldName(field: string): string {
    const key = `field_${field}` as RefundKey;
    return key in refundWords.en ? this.t(key) : field;
  }

  override render(): TemplateResult {
    if (!this.booking?.order) return html``;
    const p = this.problem;
    const sessions = this.booking.sessions;
    return html`
      <p class="row"><button type="button" @click=${() => this.open()}>${this.t('open')}</button></p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <dialog aria-labelledby="refund-title" @close=${() => { this.quote = null; }}>
        <h3 id="refund-title">${this.t('title')}</h3>
        <div role="alert">${p ? html`<div class="error"><p>${p.message}</p>${p.fields.length ? html`<ul>${p.fields.map((f) => html`<li>${this.fieldName(f.field)}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
        <form class="stack" @submit=${(e: SubmitEvent) => this.showQuote(e)} @input=${() => { this.quote = null; }}>
          <fieldset><legend>${this.t('mode')}</legend>
            ${(['full', 'partial', 'quote'] as const).map((m) => html`<label><input type="radio" name="mode" value=${m} .checked=${this.mode === m} @change=${() => { this.mode = m; this.quote = null; }}> ${this.t(`mode_${m}`)}</label>`)}
          </fieldset>
          ${this.mode === 'partial' ? html`<label for="refund-amount">${this.t('amount')} (${this.booking.order.currency})</label>
            <input id="refund-amount" name="amount" inputmode="decimal" required>` : nothing}
          ${this.mode === 'quote' ? html`<fieldset><legend>${this.t('sessions')}</legend>
            ${sessions.map((s) => html`<label><input type="checkbox" name="session" value=${s.id}> ${this.t('session')} ${s.seq}${s.starts_at ? html` · ${formatWhen(this.language, s.starts_at, s.timezone || undefined)}` : nothing}</label>`)}
          </fieldset>` : nothing}
          <label for="refund-reason">${this.t('reason')}</label>
          <input id="refund-reason" name="reason" required maxlength="500">
          <p class="row"><button type="submit" ?disabled=${this.busy}>${this.t('quote')}</button><button type="button" @click=${() => this.close()}>${this.t('cancel')}</button></p>
        </form>
        ${this.quote ? this.quoteView(this.quote) : nothing}
      </dialog>`;
  }

  private quoteView(q: RefundQuoteOut): TemplateResult {
    return html`<section id="refund-quote" tabindex="-1" aria-labelledby="refund-quote-title">
      <h4 id="refund-quote-title">${this.t('total')}: ${this.money(q.amount)}</h4>
      <dl><dt>${this.t('paid')}</dt><dd>${this.money(q.paid)}</dd><dt>${this.t('refunded')}</dt><dd>${this.money(q.refunded)}</dd><dt>${this.t('refundable')}</dt><dd>${this.money(q.refundable)}</dd></dl>
      ${q.lines.length ? html`<table><thead><tr><th scope="col">${this.t('session')}</th><th scope="col">${this.t('share')}</th><th scope="col">${this.t('before')}</th><th scope="col">${this.t('back')}</th></tr></thead>
        <tbody>${q.lines.map((l) => html`<tr><td>${l.seq}${l.starts_at ? html` · ${formatWhen(this.language, l.starts_at)}` : nothing}</td><td>${this.money(l.value)}</td><td>${this.money(l.refunded_before)}</td><td>${this.money(l.refund)}</td></tr>`)}</tbody></table>` : nothing}
      <p><button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.confirm()}>${this.t('confirm').replace('{amount}', this.money(q.amount))}</button></p>
    </section>`;
  }
}

define('tandem-admin-refund', TandemAdminRefund);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-refund': TandemAdminRefund }
}
