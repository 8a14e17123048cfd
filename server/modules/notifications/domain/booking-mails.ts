import { formatDate, formatDateTime, formatMoney, formatTime, zoneLabel, type FormatLocale, type Lang } from '../../../../shared/format.ts';
import { fill, strings } from './strings.ts';
import { refundAccountLink, settlementParagraphs, type SettlementMailData } from './settlement-lines.ts';

/** What every mail about a booking says, already looked up. Times are shown in `zone` (the customer's). */
export interface BookingMailBase {
  lang: Lang;
  /** Formats: the customer's language with the studio's country (`en-CH`); absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  zone: string;
  customer: { name: string; email: string };
  studio: { name: string };
  program: { title: string };
  variant: { name: string };
  instructor: { name: string };
  place: string | null;
  meetingUrl: string | null;
  manageUrl: string;
}

/** The locale a mail's dates and amounts are formatted in. */
export const fmt = (d: { lang: Lang; locale?: FormatLocale | undefined }): FormatLocale => d.locale ?? d.lang;

/** What a mail to the studio's people is written in: the studio's language, formats of the studio's country (`de-DE`). */
export interface StaffWords {
  staffLang: Lang;
  /** Absent: `staffLang` with Swiss formats. */
  staffLocale?: FormatLocale | undefined;
}

/** The locale of a mail to the studio's people. */
export const staffFmt = (d: StaffWords): FormatLocale => d.staffLocale ?? d.staffLang;

/** Everything the confirmation and QR-bill mails say. */
export interface BookingMailData extends BookingMailBase {
  sessions: MailSession[];
  toSchedule: number;
  money: {
    currency: string;
    total: number;
    paid: number;
    /** Paid in class credits instead of money. */
    credits?: number | undefined;
    installments: { dueAt: Date; amount: number }[];
  };
  /** `number`: as printed on the invoice (`FLOW-2026-0001`). */
  invoice?: { number: string | number; url?: string | undefined } | undefined;
}

export interface MailSession { seq: number; startsAt: Date; endsAt: Date }

export interface ComposedMail { subject: string; text: string; html: string }

/** Text for an HTML page: the five characters that could open markup or end an attribute, escaped. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** U+2060 WORD JOINER: invisible, no line break, and not part of any URL or domain a linkifier looks for. */
const JOINER = '\u2060';

/**
 * Text that no mail client turns into a link: in every word that looks like a URL, a domain or an
 * address (`://`, `www.`, `name.tld`, `@`), an invisible word joiner follows each `.`, `:`, `/` and `@`.
 * For what a customer typed (their name): "pay now at https://evil.example/login" stays readable and
 * is never a link, in the HTML part or the plain text.
 */
export function inert(text: string): string {
  return text.replace(/\S+/g, (word) => (/:\/\/|^www\.|\.[a-z]|@/i.test(word) ? word.replace(/([.:/@])(?!\u2060)/g, `$1${JOINER}`) : word));
}

/** A link the mail puts in, with the short words it shows in the HTML part ("Open the invoice"). */
export interface MailLink { url: string; label: string }

/** A URL the mail itself puts in: bare (its words are the line that leads to it, ending in a colon) or with its own words. */
export type LinkArg = string | MailLink | null | undefined;

const urlOf = (l: LinkArg) => (typeof l === 'string' ? l : l?.url);

/**
 * The plain text with every http(s) URL alone on its own line, after the words that lead to it, so
 * mail clients make it clickable and wrapping never breaks it ("Manage your booking:\nhttps://…").
 * A full stop or comma right after a URL is dropped (it would end up in the link). Text made inert
 * (a customer's name) holds no `://` and stays as it is.
 */
export function linkLines(text: string): string {
  return text.replace(/[^\S\n]*(https?:\/\/\S+?)[.,;]?(?=\s|$)[^\S\n]*/g, (m: string, url: string, at: number, whole: string) => {
    const startsLine = at === 0 || whole[at - 1] === '\n';
    const end = at + m.length;
    const endsLine = end === whole.length || whole[end] === '\n';
    return `${startsLine ? '' : '\n'}${url}${endsLine ? '' : '\n'}`;
  });
}

/** The last clause of a line, and what comes before it ("…still owed. ", "You can pay it here"). */
function leadIn(line: string): [string, string] | null {
  // The last clause: after the last sentence end or colon followed by a space ("0.50" does not end one).
  const m = /^(.*[.!?:;]\s+)?((?:(?![.!?:;]\s).)*?)\s*[:\uFF1A]\s*$/.exec(line.replace(/\u202f:$/, ':'));
  if (!m || !m[2]!.trim()) return null;
  return [m[1] ?? '', m[2]!.trim()];
}

/**
 * Plain text paragraphs (blank-line separated) to a small HTML body. Only `links` — the URLs the
 * mail itself puts in (manage link, invoice link, the studio's meeting link) — become links; all
 * other text is escaped and made inert, so a URL inside a customer's name is neither an <a> nor
 * auto-linked by the mail client. No URL is ever the visible text: a link shows its `label`, or,
 * for a bare URL on its own line, the words leading to it ("See, reschedule or cancel your
 * booking: https://…" becomes one link on "See, reschedule or cancel your booking").
 */
export function toHtml(text: string, links: LinkArg[] = []): string {
  const labels = new Map<string, string | undefined>();
  for (const l of links) {
    const url = urlOf(l);
    if (url && /^https?:\/\//.test(url) && !labels.get(url)) labels.set(url, typeof l === 'string' ? undefined : l?.label);
  }
  const plain = (s: string) => esc(inert(s));
  const anchor = (url: string, words: string) => `<a href="${esc(url)}">${plain(words)}</a>`;
  const paragraphs = linkLines(text).split(/\n{2,}/).map((p) => {
    const out: string[] = [];
    let prev: string | null = null;
    for (const line of p.split('\n')) {
      const url = line.trim();
      if (!labels.has(url)) { out.push(plain(line)); prev = line; continue; }
      const label = labels.get(url);
      const lead = label === undefined && prev !== null ? leadIn(prev) : null;
      if (lead) out[out.length - 1] = `${plain(lead[0])}${anchor(url, lead[1])}`;
      else out.push(anchor(url, label ?? 'Link'));
      prev = null;
    }
    return `<p>${out.join('<br>')}</p>`;
  });
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;overflow-wrap:anywhere">${paragraphs.join('\n')}</body></html>`;
}

/** The text and HTML parts of a mail: URLs on their own lines in the text, short link words in the HTML. */
export function mailBodies(text: string, links: LinkArg[] = []): { text: string; html: string } {
  const lined = linkLines(text);
  return { text: lined, html: toHtml(lined, links) };
}

/** "Your sessions:" with one line per session and the zone the times are in. */
export function sessionList(d: BookingMailBase, heading: string, sessions: MailSession[]): string {
  const S = strings[d.lang];
  const lines = sessions.map((s) => fill(S.sessionLine, {
    n: s.seq, date: formatDateTime(s.startsAt, d.zone, fmt(d)), end: formatTime(s.endsAt, d.zone, fmt(d)),
  }));
  return [`${heading}${d.lang === 'fr' ? '\u202f' : ''}:`, ...lines, fill(S.timesIn, { zone: zoneLabel(sessions[0]!.startsAt, d.zone, fmt(d)) })].join('\n');
}

/** Who leads the sessions and where they happen. */
export function whereAndWho(d: BookingMailBase): string {
  const S = strings[d.lang];
  const where = [fill(S.instructor, { name: d.instructor.name })];
  if (d.place) where.push(fill(S.place, { place: d.place }));
  if (d.meetingUrl) where.push(fill(S.online, { url: d.meetingUrl }));
  return where.join('\n');
}

function details(d: BookingMailData): string[] {
  const S = strings[d.lang];
  const money = (n: number) => formatMoney(n, d.money.currency, fmt(d));
  const parts: string[] = [];
  if (d.sessions.length) parts.push(sessionList(d, S.sessionsHeading, d.sessions));
  if (d.toSchedule > 0) parts.push(fill(S.toSchedule, { count: d.toSchedule }));
  parts.push(whereAndWho(d));
  if (d.money.credits) {
    parts.push(fill(S.paidCredits, { credits: d.money.credits }));
  } else if (d.money.total > 0) {
    const due = Math.max(0, d.money.total - d.money.paid);
    const lines = [fill(S.paid, { amount: money(d.money.paid) })];
    if (due > 0) {
      lines.push(fill(S.due, { amount: money(due) }));
      for (const i of d.money.installments) lines.push(fill(S.installment, { amount: money(i.amount), date: formatDate(i.dueAt, d.zone, fmt(d)) }));
    }
    parts.push(lines.join('\n'));
  }
  return parts;
}

export function confirmationMail(d: BookingMailData): ComposedMail {
  const S = strings[d.lang];
  const vars = { program: d.program.title, variant: d.variant.name, instructor: d.instructor.name };
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.confirmedIntro, vars),
    ...details(d),
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
    ...(d.sessions.length ? [S.calendarNote] : []),
    ...(d.invoice ? [[fill(S.invoiceAttached, { number: d.invoice.number }), d.invoice.url].filter(Boolean).join('\n')] : []),
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.confirmedSubject, vars), ...mailBodies(text, [d.manageUrl, d.invoice?.url ? { url: d.invoice.url, label: S.invoiceLink } : null, d.meetingUrl]) };
}

/**
 * For a QR-bill (or EPC QR bank transfer) checkout: the invoice to pay, and until when the times are held.
 * `proven: false` (the address was not confirmed by code): no amount, invoice number or bank details,
 * only that the times are reserved and that the invoice waits where the customer booked.
 */
export function qrBillMail(d: BookingMailData & { invoice: { number: string | number }; holdUntil: Date; method?: 'qr_bill' | 'bank_transfer'; proven?: boolean }): ComposedMail {
  const S = strings[d.lang];
  const due = Math.max(0, d.money.total - d.money.paid);
  const vars = { program: d.program.title, variant: d.variant.name, instructor: d.instructor.name, number: d.invoice.number };
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.reservedIntro, { ...vars, until: formatDateTime(d.holdUntil, d.zone, fmt(d)) }),
    d.proven === false ? S.reservedPayUnproven
      : fill(d.method === 'bank_transfer' ? S.reservedPayTransfer : S.reservedPay, { amount: formatMoney(due, d.money.currency, fmt(d)), number: d.invoice.number }),
    ...details({ ...d, money: { ...d.money, installments: [] } }).slice(0, -1),
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(d.proven === false ? S.reservedSubjectUnproven : S.reservedSubject, vars), ...mailBodies(text, [d.manageUrl, d.meetingUrl]) };
}

/** One session moved (by the customer or the studio); the calendar file attached moves the event. */
export function sessionMovedMail(d: BookingMailBase & { session: MailSession; previousStart: Date }): ComposedMail {
  const S = strings[d.lang];
  const date = formatDateTime(d.session.startsAt, d.zone, fmt(d));
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.rescheduledIntro, {
      n: d.session.seq, program: d.program.title, instructor: d.instructor.name, date,
      end: formatTime(d.session.endsAt, d.zone, fmt(d)), previous: formatDateTime(d.previousStart, d.zone, fmt(d)),
    }),
    fill(S.timesIn, { zone: zoneLabel(d.session.startsAt, d.zone, fmt(d)) }),
    whereAndWho(d),
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
    S.rescheduledCalendarNote,
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.rescheduledSubject, { program: d.program.title, date }), ...mailBodies(text, [d.manageUrl, d.meetingUrl]) };
}

/** Several sessions moved together (the customer moved the series); one calendar file per session moves each. */
export function seriesMovedMail(d: BookingMailBase & { sessions: MailSession[] }): ComposedMail {
  const S = strings[d.lang];
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.seriesMovedIntro, { count: d.sessions.length, program: d.program.title, instructor: d.instructor.name }),
    sessionList(d, S.seriesMovedHeading, d.sessions),
    whereAndWho(d),
    fill(S.manage, { instructor: d.instructor.name, url: d.manageUrl }),
    S.seriesMovedCalendarNote,
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.seriesMovedSubject, { program: d.program.title }), ...mailBodies(text, [d.manageUrl, d.meetingUrl]) };
}

/** A fresh manage link, asked for on the page of an expired one. */
export function newManageLinkMail(d: BookingMailBase): ComposedMail {
  const S = strings[d.lang];
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    `${fill(S.newLinkIntro, { program: d.program.title, instructor: d.instructor.name })}\n${d.manageUrl}`,
    S.newLinkNote,
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.newLinkSubject, { program: d.program.title }), ...mailBodies(text, [d.manageUrl]) };
}

/**
 * Staff booked on the customer's behalf with a payment link: the times are held until `holdUntil`,
 * and the link (the booking's manage page, opened at its payment) takes the payment there.
 */
export function paymentLinkMail(d: BookingMailBase & { sessions: MailSession[]; amount: number; currency: string; holdUntil: Date; payUrl: string }): ComposedMail {
  const S = strings[d.lang];
  const until = formatDateTime(d.holdUntil, d.zone, fmt(d));
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    `${fill(S.payLinkIntro, { studio: d.studio.name, program: d.program.title, variant: d.variant.name, instructor: d.instructor.name, amount: formatMoney(d.amount, d.currency, fmt(d)), until })}\n${d.payUrl}`,
    ...(d.sessions.length ? [sessionList(d, S.sessionsHeading, d.sessions)] : []),
    whereAndWho(d),
    S.payLinkNote,
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.payLinkSubject, { program: d.program.title, until }), ...mailBodies(text, [d.payUrl, d.meetingUrl]) };
}

/** The messages one side wrote in a thread within one batching window: one mail, with a link back to the thread. */
export function messagesMail(d: { lang: Lang; recipient: string; from: string; program: string; studio: string; bodies: string[]; threadUrl: string }): ComposedMail {
  const S = strings[d.lang];
  const parts = [
    fill(S.hello, { name: inert(d.recipient) }),
    fill(S.messagesIntro, { from: inert(d.from), program: d.program }),
    ...d.bodies.map((b) => b.split('\n').map((line) => `> ${inert(line)}`).join('\n')),
    fill(S.messagesReply, { url: d.threadUrl }),
    fill(S.signOff, { studio: d.studio }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.messagesSubject, { program: d.program }), ...mailBodies(text, [d.threadUrl]) };
}

/**
 * The booking is cancelled: which sessions are off (those still ahead), and what the settlement
 * gave back, kept and still claims (refund, how and when, fees and why, the credit note); without
 * a settlement (older events), that the studio will be in touch about what was paid.
 */
export function bookingCancelledMail(d: BookingMailBase & { sessions: MailSession[]; calendarAttached: boolean; paid: { amount: number; currency: string } | null; settlement?: SettlementMailData | undefined }): ComposedMail {
  const S = strings[d.lang];
  const vars = { program: d.program.title, variant: d.variant.name, instructor: d.instructor.name };
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.cancelledIntro, vars),
    ...(d.sessions.length ? [sessionList(d, S.cancelledSessionsHeading, d.sessions)] : []),
    ...(d.calendarAttached ? [S.cancelledCalendarNote] : []),
    ...(d.settlement ? settlementParagraphs(d.lang, d.studio.name, d.settlement, fmt(d))
      : d.paid && d.paid.amount > 0 ? [fill(S.cancelledPaidNote, { amount: formatMoney(d.paid.amount, d.paid.currency, fmt(d)), studio: d.studio.name })] : []),
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.cancelledSubject, vars), ...mailBodies(text, [refundAccountLink(d.lang, d.settlement), d.manageUrl]) };
}

export interface InstallmentMailData {
  lang: Lang;
  /** Formats: the customer's language with the studio's country; absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  zone: string;
  customer: { name: string; email: string };
  studio: { name: string };
  program: { title: string };
  amount: number;
  currency: string;
  dueAt: Date;
  reason: string;
  attempts: number;
  nextAttemptAt: Date | null;
  manageUrl: string;
}

/** A failed installment charge: a reminder that says when the next attempt is. */
export function installmentFailedMail(d: InstallmentMailData): ComposedMail {
  const S = strings[d.lang];
  const amount = formatMoney(d.amount, d.currency, fmt(d));
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.failedBody, { amount, program: d.program.title, reason: d.reason }),
    ...(d.nextAttemptAt ? [fill(S.failedRetry, { date: formatDate(d.nextAttemptAt, d.zone, fmt(d)), url: d.manageUrl })] : []),
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.failedSubject, { program: d.program.title }), ...mailBodies(text, [d.manageUrl]) };
}

/** The last attempt failed: the installment is overdue. */
export function installmentOverdueMail(d: InstallmentMailData): ComposedMail {
  const S = strings[d.lang];
  const amount = formatMoney(d.amount, d.currency, fmt(d));
  const parts = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(S.overdueBody, { amount, program: d.program.title, studio: d.studio.name, url: d.manageUrl }),
    fill(S.signOff, { studio: d.studio.name }),
  ];
  const text = parts.join('\n\n');
  return { subject: fill(S.overdueSubject, { program: d.program.title }), ...mailBodies(text, [d.manageUrl]) };
}

/** To the studio: an installment is overdue and the booking is flagged. */
export function installmentOverdueStaffMail(d: InstallmentMailData & StaffWords): ComposedMail {
  const S = strings[d.staffLang];
  const text = fill(S.overdueStaffBody, {
    amount: formatMoney(d.amount, d.currency, staffFmt(d)), date: formatDate(d.dueAt, d.zone, staffFmt(d)), customer: inert(d.customer.name),
    email: d.customer.email, program: d.program.title, attempts: d.attempts, reason: d.reason,
  });
  return { subject: fill(S.overdueStaffSubject, { customer: inert(d.customer.name), program: d.program.title }), ...mailBodies(text) };
}

export interface LatePaymentMailData {
  lang: Lang;
  /** Formats: the customer's language with the studio's country; absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  customer: { name: string; email: string };
  studio: { name: string };
  program: { title: string };
  amount: number;
  currency: string;
  /** The lapsed reservation's invoice was voided: the payment goes back. */
  voided?: boolean | undefined;
}

/** To the customer: the money arrived after the reservation expired and its times are gone. */
export function latePaymentMail(d: LatePaymentMailData): ComposedMail {
  const S = strings[d.lang];
  const text = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(d.voided ? S.latePaymentVoidedBody : S.latePaymentBody, { amount: formatMoney(d.amount, d.currency, fmt(d)), program: d.program.title, studio: d.studio.name }),
    fill(S.signOff, { studio: d.studio.name }),
  ].join('\n\n');
  return { subject: fill(S.latePaymentSubject, { program: d.program.title }), ...mailBodies(text) };
}

/** To the studio: the same, with what to do (re-book or refund). */
export function latePaymentStaffMail(d: LatePaymentMailData & StaffWords): ComposedMail {
  const S = strings[d.staffLang];
  const text = fill(d.voided ? S.latePaymentVoidedStaffBody : S.latePaymentStaffBody, {
    amount: formatMoney(d.amount, d.currency, staffFmt(d)), customer: inert(d.customer.name), email: d.customer.email, program: d.program.title,
  });
  return { subject: fill(S.latePaymentStaffSubject, { customer: inert(d.customer.name), program: d.program.title }), ...mailBodies(text) };
}

export interface OverpaidMailData extends LatePaymentMailData {
  /** What of `amount` was more than due, and goes back. */
  excess: number;
  reference: string;
  /** The booking's page where the customer gives the account holder and IBAN of the refund (`POST /v1/portal/bookings/:id/refunds/:refundId/account`). */
  accountUrl: string;
  /**
   * How the excess goes back: `bank_transfer` (a transfer's money: the studio sends it to the IBAN the
   * customer gives) or `provider` (a card or TWINT payment: refunded to it by itself). Absent: bank.
   */
  refundKind?: 'bank_transfer' | 'provider' | undefined;
}

/** To the customer: a payment of more than was due; the excess goes back (by transfer: where to?). */
export function overpaidMail(d: OverpaidMailData): ComposedMail {
  const S = strings[d.lang];
  const card = d.refundKind === 'provider';
  const figures = { amount: formatMoney(d.amount, d.currency, fmt(d)), excess: formatMoney(d.excess, d.currency, fmt(d)), program: d.program.title, url: d.accountUrl };
  const text = [
    fill(S.hello, { name: inert(d.customer.name) }),
    fill(card ? S.overpaidCardBody : S.overpaidBody, figures),
    fill(S.signOff, { studio: d.studio.name }),
  ].join('\n\n');
  return { subject: fill(S.overpaidSubject, { program: d.program.title }), ...mailBodies(text, card ? [] : [d.accountUrl]) };
}

/** To the studio: the same, and what to do (by transfer: send the excess back, record the transfer; by card: nothing). */
export function overpaidStaffMail(d: OverpaidMailData & StaffWords): ComposedMail {
  const S = strings[d.staffLang];
  const card = d.refundKind === 'provider';
  const text = fill(card ? S.overpaidCardStaffBody : S.overpaidStaffBody, {
    amount: formatMoney(d.amount, d.currency, staffFmt(d)), excess: formatMoney(d.excess, d.currency, staffFmt(d)),
    customer: inert(d.customer.name), email: d.customer.email, program: d.program.title, reference: inert(d.reference),
  });
  return { subject: fill(card ? S.overpaidCardStaffSubject : S.overpaidStaffSubject, { customer: inert(d.customer.name), program: d.program.title }), ...mailBodies(text) };
}
