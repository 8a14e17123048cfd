import { html, nothing } from 'lit';
import { StepElement } from '../step-element.ts';
import { define } from '../../../../core/define.ts';
import { base } from '../../../../core/styles.ts';
import { CONFIRMED } from '../../../../core/api/bookings.ts';
import { icsCalendar, type IcsEvent } from '../../../../../shared/ics.ts';
import { dateOfInstant } from '../../../../../shared/zone.ts';
import { confirmationStepStyles } from './confirmation-step.styles.ts';
import { timeAtPlace } from '../../../../core/place-time.ts';
import type { BookingState } from '../../../../core/context/types.ts';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { MessageKey } from '../../../../../shared/words/en.ts';

/**
 * What was paid now, what is still due, when and by which method: the card's deposit and the
 * installments charged to it, the class credits, or the bank transfer due by the invoice's date.
 */
function paidSummary(s: BookingState, i18n: Localizer, confirmed: boolean, holdUntil: string | null | undefined) {
  const order = s.checkout!.order;
  const money = (n: number) => i18n.money(n, order.currency);
  const method = s.method;
  let lines: string[];
  if (method === 'credits') {
    lines = [i18n.plural('paidCredits', order.credits ?? (s.program?.variants.find((v) => v.id === s.variantId) ?? s.program?.variants[0])?.credit_price ?? 0)];
  } else if (method === 'qr_bill' || method === 'bank_transfer') {
    lines = !confirmed && holdUntil
      ? [i18n.t('dueByTransfer', { date: i18n.date(dateOfInstant(holdUntil, s.timezone), 'long'), amount: money(order.total) })]
      : [i18n.t('paidTotal', { amount: money(order.total) })];
  } else {
    const now = order.plan ? order.plan.deposit : order.total;
    const by = method ? i18n.t(`method_${method}` as MessageKey) : '';
    lines = [
      i18n.t('paidTotal', { amount: money(order.total) }),
      by ? i18n.t('paidNowBy', { amount: money(now), method: by }) : i18n.t('dueNow', { amount: money(now) }),
    ];
    if (order.plan?.installments.length) {
      lines.push(
        i18n.t('stillDue', { amount: money(order.total - now) }),
        ...order.plan.installments.map((x) => i18n.t('installmentOn', { n: x.seq, date: i18n.date(dateOfInstant(x.due_at, s.timezone), 'long'), amount: money(x.amount) })),
        i18n.t('installmentsByCard'),
      );
    }
  }
  return html`<section aria-labelledby="paid-h" part="payment-summary">
    <h3 id="paid-h">${i18n.t('payHeading')}</h3>
    <ul class="plain">
      ${lines.map((l) => html`<li>${l}</li>`)}
    </ul>
  </section>`;
}

/** A `data:` link to a calendar file of the events. */
const icsHref = (events: IcsEvent[]) => `data:text/calendar;charset=utf-8,${encodeURIComponent(icsCalendar(events))}`;

/**
 * Step 5: the confirmation — sessions with "add to calendar", the manage link, and for a
 * QR-bill the invoice download and how long the times stay reserved. Renders from `state`
 * (booking, checkout, program, customer, zone) and `i18n` alone.
 * @internal
 */
export class TandemConfirmationStep extends StepElement {
  static override styles = [base, confirmationStepStyles];

  protected override render() {
    const { state: s, i18n } = this;
    const booking = s?.checkout?.booking ?? s?.booking;
    if (!i18n || !s || !booking) return nothing;
    const confirmed = CONFIRMED.has(booking.status);
    const program = s.program;
    const location = program?.location ? program.location.label : program?.delivery_mode === 'online' ? 'Online' : undefined;
    const manage = s.checkout?.booking.manage_url ?? s.booking?.manage_url;
    const events: IcsEvent[] = booking.sessions.map((x, i) => {
      const e: IcsEvent = {
        uid: `${x.id}@tandem`,
        start: x.starts_at,
        end: x.ends_at,
        summary: `${booking.program.title} (${i + 1}/${booking.sessions.length + booking.sessions_to_schedule}) · ${booking.instructor.name}`,
      };
      if (location) e.location = location;
      if (manage) e.url = manage;
      return e;
    });
    const invoice = s.checkout?.invoice;
    const order = s.checkout?.order;
    const holdUntil = s.checkout?.booking.hold_expires_at ?? booking.hold_expires_at;
    return html`
      <h2 tabindex="-1" part="heading" class=${confirmed ? 'ok' : ''}>${i18n.t(confirmed ? 'confirmedHeading' : 'reservedHeading')}</h2>
      ${s.customer.email ? html`<p>${i18n.t('confirmationSent', { email: s.customer.email })}</p>` : nothing}
      ${invoice
        ? html`<div class="notice" part="invoice">
            <p>
              <a class="invoice" href=${invoice.pdf_url} target="_blank" rel="noopener" download>
                ${i18n.t('invoiceDownload', { number: invoice.number })}
              </a>
            </p>
            ${!confirmed && holdUntil ? html`<p>${i18n.t('reservedUntil', { datetime: i18n.dateTime(holdUntil, s.timezone) })}</p>` : nothing}
          </div>`
        : nothing}
      <section aria-labelledby="sessions-h">
        <h3 id="sessions-h">${i18n.t('sessionsHeading')}</h3>
        <ul class="plain sessions">
          ${booking.sessions.map(
            (x, i) => html`<li part="session">
              <span>
                <strong>${i18n.t('sessionN', { n: i + 1 })}:</strong>
                ${i18n.dateTime(x.starts_at, s.timezone)}–${i18n.time(x.ends_at, s.timezone)}${timeAtPlace(i18n, x.starts_at, s.timezone, s.program) ? ` (${timeAtPlace(i18n, x.starts_at, s.timezone, s.program)})` : ''} · ${booking.instructor.name}
              </span>
              <a
                class="btn"
                part="button"
                href=${icsHref([events[i]!])}
                download=${`${booking.program.slug}-${i + 1}.ics`}
                aria-label=${i18n.t('addSessionToCalendar', { n: i + 1, date: i18n.date(dateOfInstant(x.starts_at, s.timezone)) })}
              >
                ${i18n.t('addToCalendar')}
              </a>
            </li>`,
          )}
        </ul>
        ${booking.sessions_to_schedule > 0 ? html`<p>${i18n.plural('toSchedule', booking.sessions_to_schedule)}</p>` : nothing}
        <p class="hint">${i18n.t('timesShownIn', { zone: i18n.zone(s.timezone, booking.sessions[0] ? Date.parse(booking.sessions[0].starts_at) : undefined) })}</p>
        ${booking.sessions.length > 1
          ? html`<p>
              <a class="btn" part="button" href=${icsHref(events)} download=${`${booking.program.slug}.ics`}>${i18n.t('addAllToCalendar')}</a>
            </p>`
          : nothing}
      </section>
      ${order ? paidSummary(s, i18n, confirmed, holdUntil) : nothing}
      <p>
        ${manage
          ? html`<a class="btn primary" part="button button-primary" href=${manage} target="_blank" rel="noopener">${i18n.t('manageLink')}</a>`
          : i18n.t('manageByEmail')}
      </p>
    `;
  }
}

define('tandem-confirmation-step', TandemConfirmationStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-confirmation-step': TandemConfirmationStep;
  }
}
