/**
 * Computing one booking's earnings: the facts (its sessions and how they ended, its order's net
 * revenue and what was refunded, the instructor's rules, what was already written) go through
 * the pure rules, and only what they ask for is written: an original per newly delivered session
 * (or per completed booking under a flat rule) in the period of its date, and an adjustment for
 * each original whose figure changed, in the period open today. Idempotent: the same facts
 * write nothing the second time. The booking row is locked, so two runs for it take turns.
 */
import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { dateOfInstant } from '../../../shared/zone.ts';
import { decimal } from '../../../shared/csv.ts';
import {
  earningTargets, liveRefundParts, frozenRules, frozenShares, reconcile, sessionNetRevenue, writtenOff,
  type EarningKey, type PayRule, type RevenueTier, type PaySession, type Recorded, type RuleKind, type RuleSnapshot, type SessionOutcome,
} from './domain/index.ts';
import { UNCLAIMED_MONEY_REFUND_REASONS } from '../billing/index.ts';
import { payrollSettingsOf, type PayrollSettings } from './settings.queries.ts';
import { periodFor } from './placement.mutations.ts';

export interface EarningsWritten { originals: number; adjustments: number }

const tierOf = (o: SessionOutcome): RevenueTier => (o === 'completed' ? 'consumed' : o === 'none' ? 'undelivered' : 'kept');

type SessionRow = { id: string; seq: number; status: string; startsAt: Date | null; cancelledAt: Date | null; cancelledBy: string | null };

/** How a session ended, for pay: a late cancellation is one the customer answers for (settlement marks it `cancelled_by = customer`). */
export function outcomeOf(s: SessionRow): SessionOutcome {
  if (s.status === 'completed') return 'completed';
  if (s.status === 'no_show') return 'no_show';
  if (s.status === 'cancelled' && s.cancelledAt && s.cancelledBy === 'customer' && s.startsAt) return 'late_cancel';
  return 'none';
}

export async function computeBookingEarnings(tx: Tx, orgId: string, bookingId: string, now: Date, cause: string, known?: PayrollSettings): Promise<EarningsWritten> {
  const [booking] = await tx.select({
    id: t.programBookings.id, staffId: t.programBookings.instructorId, programId: t.programBookings.programId, status: t.programBookings.status,
    orderId: t.programBookings.orderId, sessionsCount: t.programBookings.sessionsCount,
  }).from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId))).for('update');
  if (!booking) return { originals: 0, adjustments: 0 };
  const settings = known ?? await payrollSettingsOf(tx, orgId);

  const [sessions, money, refunded, tied, ruleRows, recordedRows, notes] = await Promise.all([
    tx.select({ id: t.programSessions.id, seq: t.programSessions.seq, status: t.programSessions.status, startsAt: t.programSessions.startsAt, cancelledAt: t.programSessions.cancelledAt, cancelledBy: t.programSessions.cancelledBy })
      .from(t.programSessions).where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, bookingId))).orderBy(asc(t.programSessions.seq)) as Promise<SessionRow[]>,
    booking.orderId
      ? tx.select({ gross: sql<string>`coalesce(sum(${t.orderItems.amount}), 0)`, net: sql<string>`coalesce(sum(${t.orderItems.amount} - ${t.orderItems.vatAmount}), 0)` })
        .from(t.orderItems).where(and(eq(t.orderItems.orgId, orgId), eq(t.orderItems.orderId, booking.orderId)))
      : Promise.resolve([{ gross: '0', net: '0' }]),
    // Money the order never claimed (paid after it was cancelled, or beyond what was due) and sent back was never revenue.
    tx.select({ amount: sql<string>`coalesce(sum(${t.refunds.amount}), 0)` }).from(t.refunds)
      .where(and(eq(t.refunds.orgId, orgId), eq(t.refunds.bookingId, bookingId), ne(t.refunds.status, 'failed'), notInArray(t.refunds.reason, [...UNCLAIMED_MONEY_REFUND_REASONS]))),
    // What the settlement refunded of each session (its events say so, per session): it comes off that session.
    tx.select({ type: t.domainEvents.type, payload: t.domainEvents.payload })
      .from(t.domainEvents).where(and(eq(t.domainEvents.orgId, orgId), eq(t.domainEvents.subjectId, bookingId), inArray(t.domainEvents.type, [...SETTLING])))
      .orderBy(asc(t.domainEvents.occurredAt), asc(t.domainEvents.seq)),
    tx.select().from(t.payrollRules).where(and(eq(t.payrollRules.orgId, orgId), eq(t.payrollRules.staffId, booking.staffId))),
    tx.select({ id: t.earnings.id, kind: t.earnings.kind, sessionId: t.earnings.sessionId, amount: t.earnings.amount, adjustsId: t.earnings.adjustsId, rule: t.earnings.rule, programId: t.earnings.programId, staffId: t.earnings.staffId, currency: t.earnings.currency, ruleId: t.earnings.ruleId, inputs: t.earnings.inputs })
      .from(t.earnings).where(and(eq(t.earnings.orgId, orgId), eq(t.earnings.bookingId, bookingId))),
    // The order's credit notes: what each wrote off beyond the refund it documents (a partly paid order's unpaid part).
    booking.orderId
      ? tx.select({ id: t.creditNotes.id, total: t.creditNotes.total, refund: sql<string | null>`${t.creditNotes.snapshot}->>'refund'` })
        .from(t.creditNotes).where(and(eq(t.creditNotes.orgId, orgId), eq(t.creditNotes.orderId, booking.orderId)))
      : Promise.resolve([] as { id: string; total: number; refund: string | null }[]),
  ]);

  const offWritten = new Map(notes.map((n) => [n.id, writtenOff(n.total, n.refund === null ? null : Number(n.refund))]));
  const writtenOffGross = [...offWritten.values()].reduce((a, w) => a + w, 0);
  const refundedBySession = await refundsPerSession(tx, orgId, tied as SettlingEvent[], offWritten);
  const outcomes = new Map(sessions.map((s) => [s.id, outcomeOf(s)]));
  const revenue = sessionNetRevenue({
    gross: Number(money[0]!.gross), net: Number(money[0]!.net), sessionsCount: booking.sessionsCount, refundedGross: Number(refunded[0]!.amount) + writtenOffGross,
    sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, tier: tierOf(outcomes.get(s.id)!), refundedGross: refundedBySession.get(s.id) ?? 0 })),
  });
  const paySessions: PaySession[] = sessions.filter((s) => s.startsAt).map((s) => ({
    id: s.id, seq: s.seq, outcome: outcomes.get(s.id)!, on: dateOfInstant(s.startsAt!.getTime(), settings.timezone), netRevenue: revenue.get(s.id) ?? 0,
  }));
  const rules: PayRule[] = ruleRows.map((r) => ({
    id: r.id, staffId: r.staffId, programId: r.programId, kind: r.kind as RuleKind, value: r.value, currency: r.currency,
    minAmount: r.minAmount, maxAmount: r.maxAmount, validFrom: r.validFrom, createdAt: r.createdAt.getTime(),
  }));
  const recorded: Recorded[] = recordedRows.map((r) => ({
    id: r.id, amount: r.amount, adjustsId: r.adjustsId, rule: r.rule as unknown as RuleSnapshot,
    key: r.kind === 'session' ? `session:${r.sessionId}` as EarningKey : r.kind === 'booking' ? `booking:${bookingId}` as EarningKey : null,
    outcome: (r.inputs.outcome as SessionOutcome | undefined) ?? null, shareBp: typeof r.inputs.share_bp === 'number' ? r.inputs.share_bp : null,
  }));

  const targets = earningTargets(
    { bookingId, staffId: booking.staffId, programId: booking.programId, completed: booking.status === 'completed', sessions: paySessions },
    rules, settings, frozenRules(recorded), frozenShares(recorded, new Map(paySessions.map((p) => [`session:${p.id}`, p.outcome]))),
  );
  const { originals, adjustments } = reconcile(targets, recorded);
  const at = now;
  // One placement per date and one insert for all originals: a pack's sessions mostly share a period.
  const placed = new Map<string, string>();
  const periodOf = async (date: string) => placed.get(date) ?? placed.set(date, (await periodFor(tx, orgId, date, settings)).id).get(date)!;
  const rows = [];
  for (const o of originals) {
    rows.push({
      orgId, staffId: booking.staffId, periodId: await periodOf(o.on), kind: o.kind, sessionId: o.sessionId, bookingId, programId: booking.programId,
      amount: o.amount, currency: o.rule.currency, ruleId: o.rule.id, rule: { ...o.rule }, inputs: o.inputs, earnedOn: o.on, earnedAt: at,
    });
  }
  if (rows.length > 0) await tx.insert(t.earnings).values(rows);
  if (adjustments.length > 0) {
    const today = dateOfInstant(now.getTime(), settings.timezone);
    const periodId = await periodOf(today);
    await tx.insert(t.earnings).values(adjustments.map((a) => {
      const original = recordedRows.find((r) => r.id === a.adjustsId)!;
      return {
        orgId, staffId: original.staffId, periodId, kind: 'adjustment', sessionId: original.sessionId, bookingId, programId: original.programId,
        amount: a.amount, currency: original.currency, ruleId: original.ruleId, rule: original.rule, earnedOn: today, earnedAt: at, adjustsId: a.adjustsId,
        inputs: { from: a.from, to: a.to, cause, net_revenue: targets.find((x) => x.key === a.key)?.inputs.net_revenue ?? null },
        reason: `${reasonOf(cause)}: ${original.currency} ${decimal(a.from)} becomes ${original.currency} ${decimal(a.to)}`,
      };
    }));
  }
  return { originals: originals.length, adjustments: adjustments.length };
}

/** The settlement's events that say what each session got back. */
const SETTLING = ['session.cancelled', 'booking.settled', 'session.no_show_settled'] as const;

type SettlingEvent = { type: string; payload: Record<string, unknown> };

/**
 * Refunded gross per session, exactly as the settlement split it (its events carry the lines and
 * the refund rows written for them). A refund row that failed at the provider gives its part back:
 * an event's lines keep only what of its refunds is still live, spread over them by their amounts.
 * What the event's credit note wrote off (`offWritten`: a partly paid order's unpaid part, no longer
 * claimed) counts with its live refunds: the lines are what each session no longer brings in.
 */
async function refundsPerSession(tx: Tx, orgId: string, events: SettlingEvent[], offWritten: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // A settlement's lines state what each session is entitled to in all; what an earlier event gave back is not given again.
  const before = new Map<string, number>();
  const parsed = events.map((e) => {
    const p = e.payload;
    const stated = e.type === 'session.cancelled'
      ? (typeof p.session_id === 'string' && Number(p.refund) > 0 ? [{ session_id: p.session_id, refund: Number(p.refund) }] : [])
      : ((p.session_refunds ?? []) as { session_id: string; refund: number }[]);
    const lines = stated.map((l) => ({ session_id: l.session_id, refund: Math.max(0, l.refund - (before.get(l.session_id) ?? 0)) })).filter((l) => l.refund > 0);
    for (const l of lines) before.set(l.session_id, (before.get(l.session_id) ?? 0) + l.refund);
    const ids = e.type === 'session.cancelled'
      ? (p.refund_ids as string[] | undefined)
      : ((p.refunds ?? []) as { id: string; provider?: string }[]).filter((r) => r.provider !== 'credits').map((r) => r.id);
    const note = (p.credit_note as { id?: string } | null | undefined)?.id;
    return { lines, ids, off: note ? offWritten.get(note) ?? 0 : 0 };
  }).filter((e) => e.lines.length > 0);
  const allIds = [...new Set(parsed.flatMap((e) => e.ids ?? []))];
  const rows = allIds.length > 0
    ? await tx.select({ id: t.refunds.id, amount: t.refunds.amount, status: t.refunds.status }).from(t.refunds).where(and(eq(t.refunds.orgId, orgId), inArray(t.refunds.id, allIds)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const e of parsed) {
    // Events from before refund ids were recorded: taken as they say.
    const live = e.ids === undefined ? Infinity : e.off + e.ids.reduce((a, id) => a + (byId.get(id) && byId.get(id)!.status !== 'failed' ? byId.get(id)!.amount : 0), 0);
    const parts = liveRefundParts(live, e.lines.map((l) => l.refund));
    e.lines.forEach((l, i) => out.set(l.session_id, (out.get(l.session_id) ?? 0) + parts[i]!));
  }
  return out;
}

function reasonOf(cause: string): string {
  switch (cause) {
    case 'refund.created': return 'refund after the earning was recorded';
    case 'refund.failed': return 'refund failed at the provider';
    case 'booking.settled': return 'booking cancelled and settled';
    case 'session.cancelled': return 'session cancelled';
    case 'payroll.rule_added': return 'pay rule added';
    default: return `recomputed after ${cause}`;
  }
}
