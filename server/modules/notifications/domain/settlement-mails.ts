/**
 * The mails after a cancellation (to the studio) or a no-show, and the mails about an unpaid
 * reservation (the reminder before its deadline, its lapse): pure composition, no I/O.
 */
import { formatDate, formatMoney, type FormatLocale, type Lang } from '../../../../shared/format.ts';
import { fill, strings } from './strings.ts';
import { settlementStrings } from './settlement-strings.ts';
import { fmt, inert, staffFmt, mailBodies, type BookingMailBase, type ComposedMail, type StaffWords } from './booking-mails.ts';
import { refundAccountLink, settlementParagraphs, type SettlementMailData } from './settlement-lines.ts';

export interface StaffCancellationMailData extends StaffWords {
  customer: { name: string; email: string };
  program: { title: string };
  variant: { name: string };
  studio: { name: string };
  by: 'customer' | 'staff';
  fault: 'policy' | 'studio';
  settlement: SettlementMailData;
}

/** To the studio: who cancelled what, and what the settlement did (a bank refund waits for their transfer). */
export function staffCancellationMail(d: StaffCancellationMailData): ComposedMail {
  const T = settlementStrings[d.staffLang];
  const by = d.fault === 'studio' ? T.studioFault : d.by === 'customer' ? T.byCustomer : T.byStudio;
  const bank = d.settlement.refunds.filter((r) => r.provider === 'bank_transfer').reduce((a, r) => a + r.amount, 0);
  const paragraphs = [
    fill(T.staffCancelledBody, { program: d.program.title, variant: d.variant.name, customer: inert(d.customer.name), email: d.customer.email, by }),
    // The customer's sentences for refunds, fees and the credit note; the studio's own for what is theirs to do or collect.
    ...settlementParagraphs(d.staffLang, d.studio.name, { ...d.settlement, refunds: d.settlement.refunds.filter((r) => r.provider !== 'bank_transfer'), feeCollection: null }, staffFmt(d)),
    ...(bank > 0 ? [fill(T.staffRefundBank, { amount: formatMoney(bank, d.settlement.currency, staffFmt(d)) })] : []),
    ...(d.settlement.feeCollection && d.settlement.feeCollection.amount > 0
      ? [fill(d.settlement.feeCollection.collection === 'charge' ? T.staffFeeCharged : T.staffFeeOwed, { amount: formatMoney(d.settlement.feeCollection.amount, d.settlement.currency, staffFmt(d)) })] : []),
  ];
  const text = paragraphs.join('\n\n');
  return { subject: fill(T.staffCancelledSubject, { customer: inert(d.customer.name), program: d.program.title }), ...mailBodies(text) };
}

/** To the customer: a missed session, and what it cost by the studio's no-show policy. */
export function noShowMail(d: BookingMailBase & { session: { seq: number; startsAt: Date }; settlement: SettlementMailData }): ComposedMail {
  const S = strings[d.lang];
  const T = settlementStrings[d.lang];
  const text = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(T.noShowIntro, { seq: d.session.seq, program: d.program.title, date: formatDate(d.session.startsAt, d.zone, fmt(d)) }),
    ...settlementParagraphs(d.lang, d.studio.name, d.settlement, fmt(d)),
    fill(S.signOff, { studio: d.studio.name }),
  ].join('\n\n');
  return { subject: fill(T.noShowSubject, { program: d.program.title }), ...mailBodies(text, [refundAccountLink(d.lang, d.settlement), d.manageUrl]) };
}

/**
 * To the customer: staff gave money back while the booking goes on (not a cancellation): how much,
 * how and when it arrives (a bank refund links the portal's form for the account), the credit note.
 */
export function refundGivenMail(d: BookingMailBase & { amount: number; settlement: SettlementMailData }): ComposedMail {
  const S = strings[d.lang];
  const T = settlementStrings[d.lang];
  const text = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(T.refundGivenIntro, { studio: d.studio.name, amount: formatMoney(d.amount, d.settlement.currency, fmt(d)), program: d.program.title, variant: d.variant.name }),
    ...settlementParagraphs(d.lang, d.studio.name, d.settlement, fmt(d)),
    // The booking goes on: where to see it.
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
    fill(S.signOff, { studio: d.studio.name }),
  ].join('\n\n');
  return { subject: fill(T.refundGivenSubject, { program: d.program.title }), ...mailBodies(text, [refundAccountLink(d.lang, d.settlement), d.manageUrl]) };
}

export interface UnpaidReservationMailData {
  lang: Lang;
  /** Formats: the customer's language with the studio's country; absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  zone: string;
  customer: { name: string; email: string };
  studio: { name: string };
  program: { title: string };
  variant: { name: string };
  instructor: { name: string };
  invoice: { number: string };
  amount: number;
  currency: string;
  /** The payment deadline: the reservation's hold. */
  until: Date;
}

const vars = (d: UnpaidReservationMailData, lang: FormatLocale) => ({
  program: d.program.title, variant: d.variant.name, instructor: d.instructor.name, number: d.invoice.number, studio: d.studio.name,
  amount: formatMoney(d.amount, d.currency, lang), until: formatDate(d.until, d.zone, lang), customer: inert(d.customer.name), email: d.customer.email,
});

/** Two days before the deadline, the invoice still unpaid: pay by then, or the times are released. */
export function paymentReminderMail(d: UnpaidReservationMailData): ComposedMail {
  const T = settlementStrings[d.lang];
  const S = strings[d.lang];
  const text = [fill(S.hello, { name: inert(d.customer.name) }), fill(T.reminderBody, vars(d, fmt(d))), fill(S.signOff, { studio: d.studio.name })].join('\n\n');
  return { subject: fill(T.reminderSubject, vars(d, fmt(d))), ...mailBodies(text) };
}

/** The deadline passed unpaid: the reservation lapsed, its times are released and the invoice is void. */
export function reservationLapsedMail(d: UnpaidReservationMailData): ComposedMail {
  const T = settlementStrings[d.lang];
  const S = strings[d.lang];
  const text = [fill(S.hello, { name: inert(d.customer.name) }), fill(T.lapsedBody, vars(d, fmt(d))), fill(S.signOff, { studio: d.studio.name })].join('\n\n');
  return { subject: fill(T.lapsedSubject, vars(d, fmt(d))), ...mailBodies(text) };
}

/** To the studio: the same lapse, with what happens to a payment that still arrives. */
export function reservationLapsedStaffMail(d: UnpaidReservationMailData & StaffWords): ComposedMail {
  const T = settlementStrings[d.staffLang];
  const text = fill(T.lapsedStaffBody, vars(d, staffFmt(d)));
  return { subject: fill(T.lapsedStaffSubject, vars(d, staffFmt(d))), ...mailBodies(text) };
}

export interface FeeDeclinedMailData {
  lang: Lang;
  /** Formats: the customer's language with the studio's country; absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  customer: { name: string; email: string };
  studio: { name: string };
  program: { title: string };
  variant: { name: string };
  amount: number;
  currency: string;
  reason: string;
  /** Where the customer sees what is owed and pays it (the booking's manage link). */
  payUrl: string;
}

/** To the customer: the fee charged to their saved card was declined; it is still owed, and where to pay it. */
export function feeDeclinedMail(d: FeeDeclinedMailData): ComposedMail {
  const T = settlementStrings[d.lang];
  const S = strings[d.lang];
  const v = { program: d.program.title, variant: d.variant.name, amount: formatMoney(d.amount, d.currency, fmt(d)), reason: d.reason, url: d.payUrl, studio: d.studio.name };
  const text = [fill(S.hello, { name: inert(d.customer.name) }), fill(T.feeDeclinedBody, v), fill(S.signOff, { studio: d.studio.name })].join('\n\n');
  return { subject: fill(T.feeDeclinedSubject, v), ...mailBodies(text, [d.payUrl]) };
}

/** To the studio: the same decline, and that the fee is still owed on the order. */
export function feeDeclinedStaffMail(d: FeeDeclinedMailData & StaffWords): ComposedMail {
  const T = settlementStrings[d.staffLang];
  const v = { program: d.program.title, variant: d.variant.name, amount: formatMoney(d.amount, d.currency, staffFmt(d)), reason: d.reason, customer: inert(d.customer.name), email: d.customer.email };
  const text = fill(T.feeDeclinedStaffBody, v);
  return { subject: fill(T.feeDeclinedStaffSubject, v), ...mailBodies(text) };
}
