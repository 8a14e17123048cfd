/**
 * A period's earnings as CSV, one line per earning, in the order of the statements. The columns
 * are fixed (documented in docs/payroll.md, "Export"); amounts are given exactly in minor units
 * and as a decimal with a point; dates are the studio's local dates, instants UTC ISO 8601.
 */
import { csvLines, csvOf, decimal, type Cell } from '../../../shared/csv.ts';
import type { EarningLineRow, PeriodRow } from './periods.queries.ts';

export const EARNINGS_CSV_COLUMNS = [
  'period_id', 'period_starts_on', 'period_ends_on', 'period_status', 'earning_id', 'kind', 'staff_id', 'staff_name', 'earned_on',
  'booking_id', 'session_id', 'session_seq', 'session_starts_at', 'program', 'customer', 'outcome', 'rule_id', 'rule_kind', 'rule_value',
  'rule_min_amount', 'rule_max_amount', 'rule_valid_from', 'net_revenue_minor', 'share_bp', 'amount_minor', 'amount', 'currency', 'adjusts_id', 'reason',
] as const;

const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

export function earningsCsv(period: PeriodRow, lines: readonly EarningLineRow[]): string {
  return csvOf(EARNINGS_CSV_COLUMNS, earningCells(period, lines));
}

/** The header row alone, then `earningsCsvLines` per piece: the same file written in pieces. */
export const EARNINGS_CSV_HEADER = csvOf(EARNINGS_CSV_COLUMNS, []);

export function earningsCsvLines(period: PeriodRow, lines: readonly EarningLineRow[]): string {
  return csvLines(earningCells(period, lines));
}

function earningCells(period: PeriodRow, lines: readonly EarningLineRow[]): Cell[][] {
  return lines.map((l) => [
    period.id, period.startsOn, period.endsOn, period.status, l.id, l.kind, l.staffId, l.staffName, l.earnedOn,
    l.bookingId, l.sessionId, l.sessionSeq, l.sessionStartsAt?.toISOString() ?? null, l.programTitle, l.customerName, str(l.inputs.outcome),
    l.ruleId, str(l.rule.kind), num(l.rule.value), num(l.rule.min_amount), num(l.rule.max_amount), str(l.rule.valid_from),
    num(l.inputs.net_revenue), num(l.inputs.share_bp), l.amount, decimal(l.amount), l.currency, l.adjustsId, l.reason,
  ]);
}
