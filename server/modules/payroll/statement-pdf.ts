/**
 * One instructor's statement for one period as PDF: the studio, the instructor, the period and
 * its status (paid: when and with which reference), then the delivered sessions, the bookings
 * paid flat, the adjustments with their reasons, and the total. Drawn after the transaction that
 * read it closed.
 */
import PDFDocument from 'pdfkit';
import { insideTransaction } from '../../platform/db/identity.ts';
import { formatMoney } from '../../../shared/format.ts';
import type { EarningLineRow, PeriodRow } from './periods.queries.ts';

export interface StatementDocument {
  studio: string;
  zone: string;
  period: PeriodRow;
  staff: { id: string; name: string };
  lines: EarningLineRow[];
}

const RULE: Record<string, (v: number, currency: string) => string> = {
  per_session: (v, c) => `${formatMoney(v, c, 'en')} per session`,
  percent: (v) => `${(v / 100).toFixed(2).replace(/\.?0+$/, '')} % of net revenue`,
  flat: (v, c) => `${formatMoney(v, c, 'en')} per booking`,
};

export function ruleText(rule: Record<string, unknown>, currency: string): string {
  const text = RULE[String(rule.kind)];
  return text ? text(Number(rule.value), currency) : '';
}

export async function renderStatementPdf(d: StatementDocument): Promise<Buffer> {
  if (insideTransaction()) throw new Error('statement PDFs are rendered outside database transactions');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Payroll statement ${d.period.startsOn} – ${d.period.endsOn}: ${d.staff.name}`, Author: d.studio } });
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
  const money = (n: number, c: string) => (n < 0 ? `-${formatMoney(-n, c, 'en')}` : formatMoney(n, c, 'en'));

  doc.font('Helvetica-Bold').fontSize(16).text('Payroll statement', left);
  doc.font('Helvetica').fontSize(10).moveDown(0.4);
  doc.text(d.studio);
  doc.text(`Instructor: ${d.staff.name}`);
  doc.text(`Period: ${d.period.startsOn} to ${d.period.endsOn} (${d.zone})`);
  const status = d.period.status === 'paid' ? `paid on ${d.period.paidOn}, reference ${d.period.paidReference}`
    : d.period.status === 'closed' ? 'closed, to be paid' : 'open: figures may still grow';
  doc.text(`Status: ${status}`);

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
    row(['Date', 'What', 'How', 'Amount'], true);
    rule();
    for (const l of lines) row([l.earnedOn, what(l), how(l), money(l.amount, l.currency)]);
  };
  const program = (l: EarningLineRow) => [l.programTitle, l.customerName].filter(Boolean).join(', ');
  const outcome = (l: EarningLineRow) => (l.inputs.outcome && l.inputs.outcome !== 'completed' ? ` (${String(l.inputs.outcome).replace('_', ' ')})` : '');
  const ofSessions = d.lines.filter((l) => l.kind === 'session');
  const ofBookings = d.lines.filter((l) => l.kind === 'booking');
  const adjustments = d.lines.filter((l) => l.kind === 'adjustment');
  section('Sessions', ofSessions, (l) => `${program(l)}, session ${l.sessionSeq ?? ''}${outcome(l)}`,
    (l) => `${ruleText(l.rule, l.currency)}${l.rule.kind === 'percent' ? ` of ${money(Number(l.inputs.net_revenue ?? 0), l.currency)}` : ''}`);
  section('Bookings', ofBookings, (l) => `${program(l)}, ${String(l.inputs.sessions_delivered ?? '')} sessions`, (l) => ruleText(l.rule, l.currency));
  section('Adjustments', adjustments, (l) => `${program(l)}${l.sessionSeq ? `, session ${l.sessionSeq}` : ''}`, (l) => l.reason ?? '');

  y += 6;
  rule();
  const totals = new Map<string, number>();
  for (const l of d.lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.amount);
  if (totals.size === 0) row(['', 'Nothing earned in this period', '', ''], true);
  for (const [currency, amount] of totals) row(['', 'Total', '', money(amount, currency)], true);
  doc.end();
  return done;
}
