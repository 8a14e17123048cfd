/**
 * One instructor's statement for one period as PDF: the studio, the instructor, the period and
 * its status (paid: when and with which reference), then the delivered sessions, the bookings
 * paid flat, the adjustments with their reasons, and the total. Drawn after the transaction that
 * read it closed.
 */
import { insideTransaction } from '../../platform/db/identity.ts';
import { formatMoney, type FormatLocale, type Lang } from '../../../shared/format.ts';
import { fillTemplate as fill } from '../../../shared/template.ts';
import type { EarningLineRow, PeriodRow } from './periods.queries.ts';

export interface StatementDocument {
  studio: string;
  zone: string;
  period: PeriodRow;
  staff: { id: string; name: string };
  lines: EarningLineRow[];
  /** The statement's language: the one asked for, else the studio's. */
  lang: Lang;
  /** Amounts in that language with the studio's country (`de-DE`: `1.080,00 €`); absent: Swiss formats. */
  locale?: FormatLocale | undefined;
}

interface StatementWords {
  title: string; instructor: string; period: string; status: string; paid: string; closed: string; open: string;
  sessions: string; bookings: string; adjustments: string; date: string; what: string; how: string; amount: string; total: string; nothing: string;
  session: string; sessionsCount: string; of: string; perSession: string; percent: string; perBooking: string;
  outcomes: Record<string, string>;
}

/** The statement's words per language (the reasons of adjustments stay as recorded). */
export const STATEMENT_WORDS: Record<Lang, StatementWords> = {
  en: {
    title: 'Payroll statement', instructor: 'Instructor: {name}', period: 'Period: {from} to {to} ({zone})', status: 'Status: {status}',
    paid: 'paid on {date}, reference {reference}', closed: 'closed, to be paid', open: 'open: figures may still grow',
    sessions: 'Sessions', bookings: 'Bookings', adjustments: 'Adjustments', date: 'Date', what: 'What', how: 'How', amount: 'Amount', total: 'Total',
    nothing: 'Nothing earned in this period', session: 'session {seq}', sessionsCount: '{n} sessions', of: '{rule} of {amount}',
    perSession: '{amount} per session', percent: '{value} % of net revenue', perBooking: '{amount} per booking',
    outcomes: { no_show: 'no-show', late_cancel: 'late cancellation' },
  },
  de: {
    title: 'Lohnabrechnung', instructor: 'Kursleitung: {name}', period: 'Periode: {from} bis {to} ({zone})', status: 'Stand: {status}',
    paid: 'bezahlt am {date}, Referenz {reference}', closed: 'abgeschlossen, zur Zahlung', open: 'offen: die Beträge können noch wachsen',
    sessions: 'Sitzungen', bookings: 'Buchungen', adjustments: 'Korrekturen', date: 'Datum', what: 'Was', how: 'Wie', amount: 'Betrag', total: 'Total',
    nothing: 'In dieser Periode nichts verdient', session: 'Sitzung {seq}', sessionsCount: '{n} Sitzungen', of: '{rule} von {amount}',
    perSession: '{amount} pro Sitzung', percent: '{value} % des Nettoumsatzes', perBooking: '{amount} pro Buchung',
    outcomes: { no_show: 'nicht erschienen', late_cancel: 'kurzfristig abgesagt' },
  },
  fr: {
    title: 'Relevé de rémunération', instructor: 'Intervenant·e : {name}', period: 'Période : du {from} au {to} ({zone})', status: 'État : {status}',
    paid: 'payé le {date}, référence {reference}', closed: 'clôturé, à payer', open: 'ouvert : les montants peuvent encore augmenter',
    sessions: 'Séances', bookings: 'Réservations', adjustments: 'Corrections', date: 'Date', what: 'Quoi', how: 'Comment', amount: 'Montant', total: 'Total',
    nothing: 'Rien gagné pendant cette période', session: 'séance {seq}', sessionsCount: '{n} séances', of: '{rule} de {amount}',
    perSession: '{amount} par séance', percent: '{value} % du chiffre d\'affaires net', perBooking: '{amount} par réservation',
    outcomes: { no_show: 'absence', late_cancel: 'annulation tardive' },
  },
  it: {
    title: 'Rendiconto compensi', instructor: 'Istruttore/istruttrice: {name}', period: 'Periodo: dal {from} al {to} ({zone})', status: 'Stato: {status}',
    paid: 'pagato il {date}, riferimento {reference}', closed: 'chiuso, da pagare', open: 'aperto: gli importi possono ancora crescere',
    sessions: 'Sessioni', bookings: 'Prenotazioni', adjustments: 'Rettifiche', date: 'Data', what: 'Cosa', how: 'Come', amount: 'Importo', total: 'Totale',
    nothing: 'Nulla guadagnato in questo periodo', session: 'sessione {seq}', sessionsCount: '{n} sessioni', of: '{rule} di {amount}',
    perSession: '{amount} per sessione', percent: '{value} % del ricavo netto', perBooking: '{amount} per prenotazione',
    outcomes: { no_show: 'assenza', late_cancel: 'disdetta tardiva' },
  },
};

export function ruleText(rule: Record<string, unknown>, currency: string, lang: Lang = 'en', locale: FormatLocale = lang): string {
  const W = STATEMENT_WORDS[lang];
  const v = Number(rule.value);
  switch (String(rule.kind)) {
    case 'per_session': return fill(W.perSession, { amount: formatMoney(v, currency, locale) });
    case 'percent': return fill(W.percent, { value: (v / 100).toFixed(2).replace(/\.?0+$/, '') });
    case 'flat': return fill(W.perBooking, { amount: formatMoney(v, currency, locale) });
    default: return '';
  }
}

export async function renderStatementPdf(d: StatementDocument): Promise<Buffer> {
  if (insideTransaction()) throw new Error('statement PDFs are rendered outside database transactions');
  const W = STATEMENT_WORDS[d.lang];
  // Loaded at the first PDF, not at start-up (see billing/invoice-pdf.ts).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${W.title} ${d.period.startsOn} – ${d.period.endsOn}: ${d.staff.name}`, Author: d.studio } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 50;
  const right = doc.page.width - 50;
  const width = right - left;
  const col = { date: left, what: left + 70, rule: left + width * 0.55, amount: left + width * 0.8 };
  const locale = d.locale ?? d.lang;
  const money = (n: number, c: string) => (n < 0 ? `-${formatMoney(-n, c, locale)}` : formatMoney(n, c, locale));

  doc.font('Helvetica-Bold').fontSize(16).text(W.title, left);
  doc.font('Helvetica').fontSize(10).moveDown(0.4);
  doc.text(d.studio);
  doc.text(fill(W.instructor, { name: d.staff.name }));
  doc.text(fill(W.period, { from: d.period.startsOn, to: d.period.endsOn, zone: d.zone }));
  const status = d.period.status === 'paid' ? fill(W.paid, { date: d.period.paidOn ?? '', reference: d.period.paidReference ?? '' })
    : d.period.status === 'closed' ? W.closed : W.open;
  doc.text(fill(W.status, { status }));

  let y = doc.moveDown(1).y;
  const ensureRoom = () => { if (y > doc.page.height - 90) { doc.addPage(); y = 50; } };
  const row = (cells: [string, string, string, string], bold = false) => {
    ensureRoom();
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    doc.text(cells[0], col.date, y, { width: col.what - col.date - 6 });
    const a = doc.y;
    doc.text(cells[1], col.what, y, { width: col.rule - col.what - 8 });
    const b = doc.y;
    doc.text(cells[2], col.rule, y, { width: col.amount - col.rule - 8 });
    const c = doc.y;
    doc.text(cells[3], col.amount, y, { width: right - col.amount, align: 'right' });
    y = Math.max(a, b, c, doc.y) + 4;
  };
  const rule = () => { doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).stroke(); y += 6; };
  const section = (title: string, lines: EarningLineRow[], what: (l: EarningLineRow) => string, how: (l: EarningLineRow) => string) => {
    if (lines.length === 0) return;
    y += 6;
    ensureRoom();
    doc.font('Helvetica-Bold').fontSize(11).text(title, left, y);
    y = doc.y + 4;
    row([W.date, W.what, W.how, W.amount], true);
    rule();
    for (const l of lines) row([l.earnedOn, what(l), how(l), money(l.amount, l.currency)]);
  };
  const program = (l: EarningLineRow) => [l.programTitle, l.customerName].filter(Boolean).join(', ');
  const outcome = (l: EarningLineRow) => (l.inputs.outcome && l.inputs.outcome !== 'completed' ? ` (${W.outcomes[String(l.inputs.outcome)] ?? String(l.inputs.outcome)})` : '');
  const seq = (l: EarningLineRow) => fill(W.session, { seq: l.sessionSeq ?? '' });
  const ofSessions = d.lines.filter((l) => l.kind === 'session');
  const ofBookings = d.lines.filter((l) => l.kind === 'booking');
  const adjustments = d.lines.filter((l) => l.kind === 'adjustment');
  section(W.sessions, ofSessions, (l) => `${program(l)}, ${seq(l)}${outcome(l)}`,
    (l) => (l.rule.kind === 'percent' ? fill(W.of, { rule: ruleText(l.rule, l.currency, d.lang, locale), amount: money(Number(l.inputs.net_revenue ?? 0), l.currency) }) : ruleText(l.rule, l.currency, d.lang, locale)));
  section(W.bookings, ofBookings, (l) => `${program(l)}, ${fill(W.sessionsCount, { n: String(l.inputs.sessions_delivered ?? '') })}`, (l) => ruleText(l.rule, l.currency, d.lang, locale));
  section(W.adjustments, adjustments, (l) => `${program(l)}${l.sessionSeq ? `, ${seq(l)}` : ''}`, (l) => l.reason ?? '');

  y += 6;
  rule();
  const totals = new Map<string, number>();
  for (const l of d.lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.amount);
  if (totals.size === 0) row(['', W.nothing, '', ''], true);
  for (const [currency, amount] of totals) row(['', W.total, '', money(amount, currency)], true);
  doc.end();
  return done;
}
