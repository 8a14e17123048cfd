import { html, nothing } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { BookingState, CheckoutResponse, QuoteResponse } from '../../../../core/context/types.ts';
import { selectedVariant, sessionsCount } from '../../../../core/context/booking-state.ts';
import { plannedStarts } from '../../../../core/context/schedule.ts';
import { dateOfInstant } from '../../../../../shared/zone.ts';
import { timeAtPlace } from '../../../../core/place-time.ts';

/** The figures the summary shows: the checkout's order, else the quote of the current choices. */
interface Figures {
  currency: string;
  /** Each line before the code's discount. */
  lines: { description: string; amount: number }[];
  discount: { code: string; amount: number } | null;
  total: number;
  vat: number;
  /** With a plan: the deposit now, then the installments. */
  dueNow: number | null;
  installments: { seq: number; due_at: string; amount: number }[];
}

function ofOrder(o: CheckoutResponse['order']): Figures {
  return {
    currency: o.currency,
    lines: o.lines.map((l) => ({ description: l.description, amount: l.amount + (l.discount ?? 0) })),
    discount: o.discount && o.discount_total ? { code: o.discount.code, amount: o.discount_total } : null,
    total: o.total,
    vat: o.vat_total,
    dueNow: o.plan ? o.plan.deposit : null,
    installments: o.plan?.installments ?? [],
  };
}

function ofQuote(q: QuoteResponse): Figures {
  return {
    currency: q.currency,
    lines: q.lines.map((l) => ({ description: l.description, amount: l.amount + l.discount })),
    discount: q.discount && q.discount_total ? { code: q.discount.code, amount: q.discount_total } : null,
    total: q.total,
    vat: q.vat_total,
    dueNow: q.installments.length ? q.due_now : null,
    installments: q.installments,
  };
}

/**
 * What is being booked: sessions (planned or reserved), then the order's lines, the code's
 * discount, VAT and plan (what is due now, then the installments' dates) in the customer's zone:
 * from the checkout, or before it from the quote of the customer's current choices.
 */
export function bookingSummary(s: BookingState, i18n: Localizer, quote: QuoteResponse | null = null) {
  const v = selectedVariant(s);
  const booked = s.checkout?.booking ?? s.booking;
  const starts = booked ? booked.sessions.map((x) => x.starts_at) : plannedStarts(s);
  const later = booked ? booked.sessions_to_schedule : s.mode === 'later' ? sessionsCount(s) - 1 : 0;
  const f = s.checkout?.order ? ofOrder(s.checkout.order) : quote ? ofQuote(quote) : null;
  const money = (n: number) => i18n.money(n, f!.currency);
  return html`<div class="summary" part="summary" aria-live="polite">
    <strong>${s.program?.title}</strong>${v ? html` · ${v.name}` : nothing}
    <ul>
      ${starts.map((x) => html`<li>${i18n.dateTime(x, s.timezone)}${timeAtPlace(i18n, x, s.timezone, s.program) ? ` (${timeAtPlace(i18n, x, s.timezone, s.program)})` : ''}</li>`)}
      ${later > 0 ? html`<li>${i18n.plural('toSchedule', later)}</li>` : nothing}
    </ul>
    ${f
      ? html`<table class="lines">
          <tbody>
            ${f.lines.map((l) => html`<tr><td>${l.description}</td><td>${money(l.amount)}</td></tr>`)}
            ${f.discount
              ? html`<tr class="discount"><td>${i18n.t('discountCode', { code: f.discount.code })}</td><td>−${money(f.discount.amount)}</td></tr>`
              : nothing}
            <tr class="total">
              <td>${i18n.t('total')}</td>
              <td>${money(f.total)}</td>
            </tr>
          </tbody>
        </table>
        ${f.vat ? html`<p class="hint">${i18n.t('vatTotal', { amount: money(f.vat) })}</p>` : nothing}
        ${f.dueNow != null
          ? html`<ul class="plan">
              <li>${i18n.t('dueNow', { amount: money(f.dueNow) })}</li>
              ${f.installments.map(
                (x) => html`<li>${i18n.t('installmentOn', { n: x.seq, date: i18n.date(dateOfInstant(x.due_at, s.timezone), 'long'), amount: money(x.amount) })}</li>`,
              )}
            </ul>`
          : nothing}`
      : v
        ? html`<p><strong>${i18n.t('total')}: ${i18n.money(booked?.total_price.amount ?? v.price, booked?.total_price.currency ?? v.currency)}</strong></p>`
        : nothing}
    <p class="hint">${i18n.t('timesShownIn', { zone: i18n.zone(s.timezone, starts[0] ? Date.parse(starts[0]) : undefined) })}</p>
  </div>`;
}
