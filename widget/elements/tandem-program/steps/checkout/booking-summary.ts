import { html, nothing } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { BookingState } from '../../../../core/context/types.ts';
import { selectedVariant, sessionsCount } from '../../../../core/context/booking-state.ts';
import { plannedStarts } from '../../../../core/context/schedule.ts';
import { dateOfInstant } from '../../../../../shared/zone.ts';

/** What is being booked: sessions (planned or reserved), the order's lines, VAT and plan, in the customer's zone. */
export function bookingSummary(s: BookingState, i18n: Localizer) {
  const v = selectedVariant(s);
  const booked = s.checkout?.booking ?? s.booking;
  const starts = booked ? booked.sessions.map((x) => x.starts_at) : plannedStarts(s);
  const later = booked ? booked.sessions_to_schedule : s.mode === 'later' ? sessionsCount(s) - 1 : 0;
  const order = s.checkout?.order;
  return html`<div class="summary" part="summary">
    <strong>${s.program?.title}</strong>${v ? html` · ${v.name}` : nothing}
    <ul>
      ${starts.map((x) => html`<li>${i18n.dateTime(x, s.timezone)}</li>`)}
      ${later > 0 ? html`<li>${i18n.plural('toSchedule', later)}</li>` : nothing}
    </ul>
    ${order
      ? html`<table class="lines">
          <tbody>
            ${order.lines.map((l) => html`<tr><td>${l.description}</td><td>${i18n.money(l.amount, order.currency)}</td></tr>`)}
            <tr class="total">
              <td>${i18n.t('total')}</td>
              <td>${i18n.money(order.total, order.currency)}</td>
            </tr>
          </tbody>
        </table>
        ${order.vat_total ? html`<p class="hint">${i18n.t('vatTotal', { amount: i18n.money(order.vat_total, order.currency) })}</p>` : nothing}
        ${order.plan
          ? html`<ul>
              <li>${i18n.t('dueNow', { amount: i18n.money(order.plan.deposit, order.currency) })}</li>
              ${order.plan.installments.map(
                (x) =>
                  html`<li>
                    ${i18n.t('installmentOn', { n: x.seq, date: i18n.date(dateOfInstant(x.due_at, s.timezone), 'long'), amount: i18n.money(x.amount, order.currency) })}
                  </li>`,
              )}
            </ul>`
          : nothing}`
      : v
        ? html`<p><strong>${i18n.t('total')}: ${i18n.money(booked?.total_price.amount ?? v.price, booked?.total_price.currency ?? v.currency)}</strong></p>`
        : nothing}
    <p class="hint">${i18n.t('timesShownIn', { zone: i18n.zone(s.timezone) })}</p>
  </div>`;
}
