/** The payroll answers for staff: snake_case, instants as ISO 8601 UTC, dates as the studio's local `YYYY-MM-DD`. */
import type { EarningLineRow, PayRuleRow, PayrollSettings, PeriodRow, StaffStatement, StaffTotal } from '../../../modules/payroll/index.ts';

const totalsOut = (totals: readonly StaffTotal[]) => totals.map((t) => ({ staff_id: t.staffId, amount: t.amount, currency: t.currency }));

export function periodOut(p: PeriodRow, totals: readonly StaffTotal[]) {
  return {
    id: p.id, starts_on: p.startsOn, ends_on: p.endsOn, status: p.status, closed_at: p.closedAt?.toISOString() ?? null,
    paid_on: p.paidOn, paid_reference: p.paidReference, totals: totalsOut(totals),
  };
}

export function earningOut(l: EarningLineRow) {
  return {
    id: l.id, kind: l.kind, amount: l.amount, currency: l.currency, earned_on: l.earnedOn, booking_id: l.bookingId, session_id: l.sessionId,
    session_seq: l.sessionSeq, session_starts_at: l.sessionStartsAt?.toISOString() ?? null,
    program: l.programId ? { id: l.programId, title: l.programTitle } : null, customer_name: l.customerName,
    rule: l.rule, inputs: l.inputs, adjusts_id: l.adjustsId, reason: l.reason,
  };
}

export function statementOut(s: StaffStatement<EarningLineRow>, periodId: string, publicOrigin: string) {
  const name = s.sessions[0]?.staffName ?? s.bookings[0]?.staffName ?? s.adjustments[0]?.staffName ?? '';
  return {
    staff_id: s.staffId, staff_name: name, statement_pdf_url: statementPdfUrl(publicOrigin, periodId, s.staffId),
    sessions: s.sessions.map(earningOut), bookings: s.bookings.map(earningOut), adjustments: s.adjustments.map(earningOut), totals: s.totals,
  };
}

export const statementPdfUrl = (origin: string, periodId: string, staffId: string) => `${origin}/v1/admin/payroll/periods/${periodId}/statements/${staffId}.pdf`;
export const exportCsvUrl = (origin: string, periodId: string) => `${origin}/v1/admin/payroll/periods/${periodId}/export.csv`;

export function payRuleOut(r: PayRuleRow, inUse: boolean) {
  return {
    id: r.id, staff_id: r.staffId, program_id: r.programId, kind: r.kind as 'per_session' | 'percent' | 'flat', value: r.value, currency: r.currency,
    min_amount: r.minAmount, max_amount: r.maxAmount, valid_from: r.validFrom, created_at: r.createdAt.toISOString(), in_use: inUse,
  };
}

export function settingsOut(s: PayrollSettings) {
  return {
    period: s.periodKind, anchor_on: s.anchorOn, no_show_share_bp: s.noShowShareBp, late_cancel_share_bp: s.lateCancelShareBp,
    currency: s.currency, timezone: s.timezone, saved: s.saved,
  };
}
