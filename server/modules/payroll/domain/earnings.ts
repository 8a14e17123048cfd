/**
 * What a booking should have earned its instructor, and how that is written without ever
 * editing a row: the first computation of a session (or, under a flat rule, of the booking) is
 * its original row, frozen with the rule and the inputs; when the figures change later (a
 * refund), the difference is one adjustment row linked to the original. Running it again with
 * the same facts writes nothing.
 */
import { applyBasisPoints } from '../../billing/domain/index.ts';
import { ruleInForce, ruleOfSnapshot, sessionPay, snapshotOf, type PayRule, type RuleSnapshot } from './rules.ts';

/** How a session ended, for pay: delivered, a no-show or a late cancellation the studio kept money for, or nothing to pay. */
export type SessionOutcome = 'completed' | 'no_show' | 'late_cancel' | 'none';

export interface PaySettings {
  /** Basis points of what the session would have earned. */
  readonly noShowShareBp: number;
  readonly lateCancelShareBp: number;
}

export interface PaySession {
  readonly id: string;
  readonly seq: number;
  readonly outcome: SessionOutcome;
  /** The session's date in the studio's zone: it picks the rule (and the period). */
  readonly on: string;
  /** Its net revenue (sessionNetRevenue). */
  readonly netRevenue: number;
}

export interface PayBooking {
  readonly bookingId: string;
  readonly staffId: string;
  readonly programId: string;
  readonly completed: boolean;
  readonly sessions: readonly PaySession[];
}

export type EarningKey = `session:${string}` | `booking:${string}`;

export interface Target {
  readonly key: EarningKey;
  readonly kind: 'session' | 'booking';
  readonly sessionId: string | null;
  readonly amount: number;
  readonly rule: RuleSnapshot;
  readonly on: string;
  readonly inputs: Record<string, unknown>;
}

const shareOf = (outcome: SessionOutcome, s: PaySettings): number =>
  outcome === 'completed' ? 10_000 : outcome === 'no_show' ? s.noShowShareBp : outcome === 'late_cancel' ? s.lateCancelShareBp : 0;

/**
 * The earnings a booking should have now. `frozen`: the rules already applied (by earning
 * key); those are used again, so a recomputation follows the rule of the day, not today's.
 */
export function earningTargets(b: PayBooking, rules: readonly PayRule[], settings: PaySettings, frozen: ReadonlyMap<string, RuleSnapshot> = new Map(), frozenShares: ReadonlyMap<string, number> = new Map()): Target[] {
  const targets: Target[] = [];
  const earning = b.sessions.filter((s) => shareOf(s.outcome, settings) > 0 && (s.outcome === 'completed' || s.netRevenue > 0));
  for (const s of earning) {
    const key: EarningKey = `session:${s.id}`;
    const rule = frozen.get(key) ?? snapshotOrNull(ruleInForce(rules, { staffId: b.staffId, programId: b.programId, on: s.on }));
    if (!rule || rule.kind === 'flat') continue;
    // The share applied first stays (a later change of the studio's settings reaches only new earnings), as long as the outcome is the same.
    const shareBp = frozenShares.get(key) ?? shareOf(s.outcome, settings);
    const amount = applyBasisPoints(sessionPay(ruleOfSnapshot(rule), s.netRevenue), shareBp);
    targets.push({ key, kind: 'session', sessionId: s.id, amount, rule, on: s.on, inputs: { outcome: s.outcome, net_revenue: s.netRevenue, session_date: s.on, share_bp: shareBp, seq: s.seq } });
  }
  const first = [...earning].sort((a, c) => (a.on < c.on ? -1 : a.on > c.on ? 1 : a.seq - c.seq))[0];
  const last = [...earning].sort((a, c) => (a.on < c.on ? 1 : a.on > c.on ? -1 : c.seq - a.seq))[0];
  const bookingKey: EarningKey = `booking:${b.bookingId}`;
  if (b.completed && first && last) {
    // A flat rule pays per booking: the rule in force when the booking's first session was given, on the date of its last.
    const rule = frozen.get(bookingKey) ?? snapshotOrNull(ruleInForce(rules, { staffId: b.staffId, programId: b.programId, on: first.on }));
    if (rule?.kind === 'flat') {
      targets.push({ key: bookingKey, kind: 'booking', sessionId: null, amount: rule.value, rule, on: last.on, inputs: { sessions_delivered: earning.length, first_session_date: first.on, last_session_date: last.on } });
    }
  } else if (frozen.has(bookingKey)) {
    targets.push({ key: bookingKey, kind: 'booking', sessionId: null, amount: 0, rule: frozen.get(bookingKey)!, on: last?.on ?? '', inputs: { sessions_delivered: earning.length } });
  }
  return targets;
}

const snapshotOrNull = (r: PayRule | null): RuleSnapshot | null => (r ? snapshotOf(r) : null);

/** An earning already written: an original (with its key) or an adjustment of one. */
export interface Recorded {
  readonly id: string;
  readonly key: EarningKey | null;
  readonly amount: number;
  readonly adjustsId: string | null;
  readonly rule: RuleSnapshot;
  /** For a session's original: the outcome and share it was computed with. */
  readonly outcome?: SessionOutcome | null;
  readonly shareBp?: number | null;
}

export interface Adjustment {
  readonly adjustsId: string;
  readonly key: EarningKey;
  readonly amount: number;
  readonly from: number;
  readonly to: number;
}

export interface Reconciled {
  readonly originals: readonly Target[];
  readonly adjustments: readonly Adjustment[];
}

/** The rules frozen on the originals, by key: what `earningTargets` must apply again. */
export function frozenRules(recorded: readonly Recorded[]): Map<string, RuleSnapshot> {
  return new Map(recorded.filter((r) => r.key && !r.adjustsId).map((r) => [r.key!, r.rule]));
}

/** The no-show / late-cancel shares frozen on the originals, by key (for the same outcome only). */
export function frozenShares(recorded: readonly Recorded[], outcomes: ReadonlyMap<string, SessionOutcome>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of recorded) {
    if (!r.key || r.adjustsId || r.shareBp === undefined || r.shareBp === null) continue;
    if (r.outcome && outcomes.get(r.key) === r.outcome) out.set(r.key, r.shareBp);
  }
  return out;
}

/**
 * New originals for targets never written; for each original, one adjustment of
 * (target − what it and its adjustments add up to) when that is not zero. An original whose
 * target is gone (the session no longer earns) is adjusted to zero.
 */
export function reconcile(targets: readonly Target[], recorded: readonly Recorded[]): Reconciled {
  const originals = new Map(recorded.filter((r) => r.key && !r.adjustsId).map((r) => [r.key!, r]));
  const sums = new Map<string, number>();
  for (const r of recorded) {
    const root = r.adjustsId ?? r.id;
    sums.set(root, (sums.get(root) ?? 0) + r.amount);
  }
  const fresh: Target[] = [];
  const adjustments: Adjustment[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    seen.add(t.key);
    const original = originals.get(t.key);
    if (!original) { if (t.amount > 0) fresh.push(t); continue; }
    const now = sums.get(original.id) ?? 0;
    if (t.amount !== now) adjustments.push({ adjustsId: original.id, key: t.key, amount: t.amount - now, from: now, to: t.amount });
  }
  for (const [key, original] of originals) {
    if (seen.has(key)) continue;
    const now = sums.get(original.id) ?? 0;
    if (now !== 0) adjustments.push({ adjustsId: original.id, key, amount: -now, from: now, to: 0 });
  }
  return { originals: fresh, adjustments };
}
