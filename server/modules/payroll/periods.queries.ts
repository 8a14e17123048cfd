/**
 * Reading payroll periods and what is in them, as the caller: the earnings' policies show an
 * instructor only their own rows, so their totals and statements are their own; managers and
 * owners see the studio's.
 */
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { periodTotals, statementsOf, type KnownPeriod, type PeriodStatus, type StaffStatement, type StaffTotal } from './domain/index.ts';

export interface PeriodRow {
  id: string; startsOn: string; endsOn: string; status: PeriodStatus;
  closedAt: Date | null; closedBy: string | null; paidOn: string | null; paidReference: string | null; paidAt: Date | null;
}

export interface PeriodWithTotals extends PeriodRow { totals: StaffTotal[] }

const periodColumns = {
  id: t.payrollPeriods.id, startsOn: t.payrollPeriods.startsOn, endsOn: t.payrollPeriods.endsOn, status: t.payrollPeriods.status,
  closedAt: t.payrollPeriods.closedAt, closedBy: t.payrollPeriods.closedBy, paidOn: t.payrollPeriods.paidOn,
  paidReference: t.payrollPeriods.paidReference, paidAt: t.payrollPeriods.paidAt,
};

/** Every period, newest first, with its totals per instructor (Σ of its rows the caller may see). */
export async function listPeriods(tx: Tx, orgId: string): Promise<PeriodWithTotals[]> {
  const periods = await tx.select(periodColumns).from(t.payrollPeriods).where(eq(t.payrollPeriods.orgId, orgId)).orderBy(desc(t.payrollPeriods.startsOn)) as PeriodRow[];
  if (periods.length === 0) return [];
  const sums = await tx.select({ periodId: t.earnings.periodId, staffId: t.earnings.staffId, currency: t.earnings.currency, amount: sql<string>`sum(${t.earnings.amount})` })
    .from(t.earnings).where(eq(t.earnings.orgId, orgId)).groupBy(t.earnings.periodId, t.earnings.staffId, t.earnings.currency);
  return periods.map((p) => ({
    ...p,
    totals: periodTotals(sums.filter((s) => s.periodId === p.id).map((s) => ({ id: '', staffId: s.staffId, kind: 'session' as const, amount: Number(s.amount), currency: s.currency }))),
  }));
}

export async function periodById(tx: Tx, orgId: string, periodId: string, lock = false): Promise<PeriodRow | undefined> {
  const q = tx.select(periodColumns).from(t.payrollPeriods).where(and(eq(t.payrollPeriods.orgId, orgId), eq(t.payrollPeriods.id, periodId)));
  const [row] = lock ? await q.for('update') : await q;
  return row as PeriodRow | undefined;
}

/** Periods that may hold or follow `date` (those ending within two months before it, and later). */
export async function periodsAround(tx: Tx, orgId: string, date: string): Promise<KnownPeriod[]> {
  return await tx.select({ id: t.payrollPeriods.id, startsOn: t.payrollPeriods.startsOn, endsOn: t.payrollPeriods.endsOn, status: t.payrollPeriods.status })
    .from(t.payrollPeriods)
    .where(and(eq(t.payrollPeriods.orgId, orgId), gte(t.payrollPeriods.endsOn, sql`(${date}::date - 62)`)))
    .orderBy(asc(t.payrollPeriods.startsOn)) as KnownPeriod[];
}

/** One earning as statements and exports show it. */
export interface EarningLineRow {
  id: string;
  staffId: string;
  staffName: string;
  kind: 'session' | 'booking' | 'adjustment';
  amount: number;
  currency: string;
  earnedOn: string;
  earnedAt: Date;
  bookingId: string | null;
  sessionId: string | null;
  sessionSeq: number | null;
  sessionStartsAt: Date | null;
  programId: string | null;
  programTitle: string | null;
  customerName: string | null;
  ruleId: string | null;
  rule: Record<string, unknown>;
  inputs: Record<string, unknown>;
  adjustsId: string | null;
  reason: string | null;
}

/** The ids of the period's rows the caller may see, in the order of periodLines (an export reads them in pieces). */
export async function periodLineIds(tx: Tx, orgId: string, periodId: string): Promise<string[]> {
  const rows = await tx.select({ id: t.earnings.id }).from(t.earnings)
    .innerJoin(t.staff, and(eq(t.staff.orgId, t.earnings.orgId), eq(t.staff.id, t.earnings.staffId)))
    .where(and(eq(t.earnings.orgId, orgId), eq(t.earnings.periodId, periodId)))
    .orderBy(...LINE_ORDER);
  return rows.map((r) => r.id);
}

const LINE_ORDER = [asc(t.staff.name), asc(t.earnings.staffId), asc(t.earnings.earnedOn), asc(t.earnings.kind), asc(t.earnings.createdAt), asc(t.earnings.id)];

/** The period's rows the caller may see (or only `only.ids` of them), by instructor, date and kind. */
export async function periodLines(tx: Tx, orgId: string, periodId: string, staffIds?: string[], only?: { ids: string[] }): Promise<EarningLineRow[]> {
  const rows = await tx.select({
    id: t.earnings.id, staffId: t.earnings.staffId, staffName: t.staff.name, kind: t.earnings.kind, amount: t.earnings.amount, currency: t.earnings.currency,
    earnedOn: t.earnings.earnedOn, earnedAt: t.earnings.earnedAt, bookingId: t.earnings.bookingId, sessionId: t.earnings.sessionId,
    sessionSeq: t.programSessions.seq, sessionStartsAt: t.programSessions.startsAt, programId: t.earnings.programId, programTitle: t.programs.title,
    customerName: sql<string | null>`coalesce(${t.programBookings.customerName}, ${t.customers.name})`,
    ruleId: t.earnings.ruleId, rule: t.earnings.rule, inputs: t.earnings.inputs, adjustsId: t.earnings.adjustsId, reason: t.earnings.reason,
  })
    .from(t.earnings)
    .innerJoin(t.staff, and(eq(t.staff.orgId, t.earnings.orgId), eq(t.staff.id, t.earnings.staffId)))
    .leftJoin(t.programSessions, and(eq(t.programSessions.orgId, t.earnings.orgId), eq(t.programSessions.id, t.earnings.sessionId)))
    .leftJoin(t.programs, and(eq(t.programs.orgId, t.earnings.orgId), eq(t.programs.id, t.earnings.programId)))
    .leftJoin(t.programBookings, and(eq(t.programBookings.orgId, t.earnings.orgId), eq(t.programBookings.id, t.earnings.bookingId)))
    .leftJoin(t.customers, and(eq(t.customers.orgId, t.earnings.orgId), eq(t.customers.id, t.programBookings.customerId)))
    .where(and(eq(t.earnings.orgId, orgId), eq(t.earnings.periodId, periodId), staffIds ? inArray(t.earnings.staffId, staffIds) : undefined, only ? inArray(t.earnings.id, only.ids) : undefined))
    .orderBy(...LINE_ORDER);
  return rows as EarningLineRow[];
}

export interface PeriodDetail { period: PeriodRow; statements: StaffStatement<EarningLineRow>[]; totals: StaffTotal[] }

export async function periodDetail(tx: Tx, orgId: string, periodId: string): Promise<PeriodDetail | undefined> {
  const period = await periodById(tx, orgId, periodId);
  if (!period) return undefined;
  const lines = await periodLines(tx, orgId, periodId);
  return { period, statements: statementsOf(lines), totals: periodTotals(lines) };
}
