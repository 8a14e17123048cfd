/** One booking in the console: who, what they answered, sessions with attendance, money, history, cancelling with the quote. */
import { html, nothing, type TemplateResult } from 'lit';
import type { BookingDetailOut } from '../../schema/api/admin-pipeline.ts';
import type { TandemAdmin } from './tandem-admin.ts';

export interface CancellationQuote { quote_id: string; currency: string; refund: number; fee: number; total: number; paid: number }

async function attendance(el: TandemAdmin, b: BookingDetailOut, sessionId: string, what: 'check-in' | 'no-show'): Promise<void> {
  if (await el.attempt(() => el.client.send('POST', `/v1/admin/bookings/${b.id}/sessions/${sessionId}/${what}`)) !== undefined) await el.openBooking(b.id);
}

async function askQuote(el: TandemAdmin, b: BookingDetailOut): Promise<void> {
  const q = await el.attempt(() => el.client.get<CancellationQuote>(`/v1/admin/bookings/${b.id}/cancellation`));
  if (q) el.quote = q;
}

async function cancel(el: TandemAdmin, b: BookingDetailOut, quoteId: string): Promise<void> {
  if (await el.attempt(() => el.client.send('POST', `/v1/admin/bookings/${b.id}/cancel`, { quote_id: quoteId })) !== undefined) await el.openBooking(b.id);
}

export function bookingView(el: TandemAdmin, b: BookingDetailOut): TemplateResult {
  const t = el.t.bind(el);
  const open = b.status !== 'cancelled' && b.status !== 'completed';
  return html`<p><button @click=${() => el.openPipeline()}>${t('back')}</button></p>
    <h2>${b.customer.name || b.customer.email} · ${b.program.title}</h2>
    <dl>
      <dt>${t('status')}</dt><dd>${t(b.status)}</dd>
      <dt>${t('customer')}</dt><dd>${b.customer.email}${b.customer.phone ? html`, ${b.customer.phone}` : nothing} (${b.customer.language}${b.customer.timezone ? html`, ${b.customer.timezone}` : nothing})</dd>
      <dt>${t('instructor')}</dt><dd>${b.instructor.name}</dd>
      <dt>${t('total')}</dt><dd>${el.money(b.total_price)}</dd>
    </dl>
    <h3>${t('intake')}</h3>
    ${b.intake.answers.length ? html`<dl>${b.intake.answers.map((a) => html`<dt>${a.label}</dt><dd>${a.value}</dd>`)}</dl>` : html`<p>${t('none')}</p>`}
    ${b.intake.health_withheld ? html`<p class="notice">${t('healthWithheld')}</p>` : nothing}
    <h3>${t('sessions')}</h3>
    <table><thead><tr><th scope="col">#</th><th scope="col">${t('next')}</th><th scope="col">${t('status')}</th><th scope="col">${t('checkIn')}</th></tr></thead>
      <tbody>${b.sessions.map((s) => html`<tr><td>${s.seq}</td><td>${el.when(s.starts_at, s.timezone)}</td>
        <td>${s.check_in_at ? t('checkedIn') : t(s.staff_status === 'scheduled' ? 'confirmed' : s.staff_status as 'completed')}</td>
        <td>${s.status === 'scheduled' && !s.check_in_at ? html`
          <button @click=${() => attendance(el, b, s.id, 'check-in')}>${t('checkIn')} #${s.seq}</button>
          <button @click=${() => attendance(el, b, s.id, 'no-show')}>${t('noShow')} #${s.seq}</button>` : nothing}</td></tr>`)}</tbody></table>
    ${b.order ? html`<h3>${t('order')}</h3><dl>
      <dt>${t('total')}</dt><dd>${el.money({ amount: b.order.total, currency: b.order.currency })}</dd>
      <dt>${t('payments')}</dt><dd>${b.order.payments.map((p) => html`${el.money({ amount: p.amount, currency: p.currency })} (${p.method}, ${p.status}) `)}</dd>
    </dl>` : nothing}
    ${open ? html`<h3>${t('cancelBooking')}</h3>
      ${el.quote ? html`<dl><dt>${t('refund')}</dt><dd>${el.money({ amount: el.quote.refund, currency: el.quote.currency })}</dd>
        <dt>${t('fee')}</dt><dd>${el.money({ amount: el.quote.fee, currency: el.quote.currency })}</dd></dl>
        <button class="primary" @click=${() => cancel(el, b, el.quote!.quote_id)}>${t('confirmCancel')}</button>`
        : html`<button @click=${() => askQuote(el, b)}>${t('cancelBooking')}</button>`}` : nothing}
    ${b.events.length ? html`<h3>${t('events')}</h3><ol>${b.events.map((e) => html`<li>${el.when(e.at, 'UTC')} UTC · ${e.type} (${e.actor_role})</li>`)}</ol>` : nothing}`;
}
