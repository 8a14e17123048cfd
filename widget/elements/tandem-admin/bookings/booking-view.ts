/**
 * One booking in the console: who, what they answered, sessions with attendance (and each online
 * session's meeting link, meeting-url.ts), money, history; the actions (booking-actions.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BookingDetailOut } from '../../../../schema/api/admin-pipeline.ts';
import type { ConsoleHost } from '../console-host.ts';
import './booking-actions.ts';
import './booking-record.ts';
import './homework-list.ts';
import { meetingUrlHeading } from './meeting-url.ts';
import { codeWord } from '../core/booking-words.ts';

export function bookingView(el: ConsoleHost, b: BookingDetailOut): TemplateResult {
  const t = el.t.bind(el);
  // Online and hybrid sessions each have their own meeting address.
  const online = b.delivery_mode === 'online' || b.delivery_mode === 'hybrid';
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
    <table><thead><tr><th scope="col">#</th><th scope="col">${t('next')}</th><th scope="col">${t('status')}</th>${online ? html`<th scope="col">${meetingUrlHeading(el.viewLang)}</th>` : nothing}</tr></thead>
      <tbody>${b.sessions.map((s) => html`<tr><td>${s.seq}</td><td>${s.starts_at ? el.when(s.starts_at, s.timezone) : t('none')}</td>
        <td>${s.check_in_at ? t('checkedIn') : t(s.staff_status === 'scheduled' ? 'confirmed' : s.staff_status as 'completed')}</td>
        ${online ? html`<td><tandem-admin-meeting-url .client=${el.client} lang=${el.viewLang} booking-id=${b.id} session-id=${s.id} seq=${s.seq} .value=${s.meeting_url ?? ''}></tandem-admin-meeting-url></td>` : nothing}</tr>`)}</tbody></table>
    ${b.order ? html`<h3>${t('order')}</h3><dl>
      <dt>${t('total')}</dt><dd>${el.money({ amount: b.order.total, currency: b.order.currency })}</dd>
      <dt>${t('payments')}</dt><dd>${b.order.payments.map((p) => html`${el.money({ amount: p.amount, currency: p.currency })} (${codeWord(el.language, 'method', p.method)}, ${codeWord(el.language, 'payment', p.status)}) `)}</dd>
    </dl>` : nothing}
    <tandem-admin-homework .client=${el.client} booking-id=${b.id} lang=${el.language}
      .milestones=${Object.fromEntries(b.progress.map((p) => [p.milestone_id, p.name]))}></tandem-admin-homework>
    <tandem-admin-booking-record .client=${el.client} .booking=${b} lang=${el.viewLang} staff-role=${el.session?.staff.role ?? 'owner'}
      @refund-given=${() => el.openBooking(b.id)}></tandem-admin-booking-record>
    <tandem-admin-booking-actions .client=${el.client} .booking=${b} lang=${el.language} staff-role=${el.session?.staff.role ?? 'owner'}
      @booking-changed=${() => el.openBooking(b.id)}></tandem-admin-booking-actions>
    ${b.events.length ? html`<h3>${t('events')}</h3><ol>${b.events.map((e) => html`<li>${el.when(e.at, 'UTC')} UTC · ${codeWord(el.language, 'event', e.type)} (${codeWord(el.language, 'actor', e.actor_role)})</li>`)}</ol>` : nothing}`;
}
