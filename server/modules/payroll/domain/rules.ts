/**
 * Pay rules: which one applies to a session, and what a session earns under it. A rule is
 * never edited; a new rate is a new row valid from a date, and the session's own date (in the
 * studio's zone) picks the row, so a later change cannot reach back.
 */
import { applyBasisPoints } from '../../billing/domain/index.ts';

export type RuleKind = 'per_session' | 'percent' | 'flat';
export const RULE_KINDS: readonly RuleKind[] = ['per_session', 'percent', 'flat'];

export interface PayRule {
  readonly id: string;
  readonly staffId: string;
  /** Null: every program of the instructor without a rule of its own. */
  readonly programId: string | null;
  readonly kind: RuleKind;
  /** percent: basis points; per_session, flat: minor units. */
  readonly value: number;
  readonly currency: string;
  readonly minAmount: number | null;
  readonly maxAmount: number | null;
  /** `YYYY-MM-DD`, in the studio's zone. */
  readonly validFrom: string;
  /** Epoch ms: of two rules valid from the same day, the later entry wins. */
  readonly createdAt: number;
}

/**
 * The rule in force on `on` for the instructor and program: a rule of the program wins over the
 * instructor's general one; among those, the latest `validFrom` on or before the date.
 */
export function ruleInForce(rules: readonly PayRule[], q: { staffId: string; programId: string; on: string }): PayRule | null {
  let best: PayRule | null = null;
  const rank = (r: PayRule) => [r.programId === null ? 0 : 1, r.validFrom, r.createdAt] as const;
  for (const r of rules) {
    if (r.staffId !== q.staffId || r.validFrom > q.on || (r.programId !== null && r.programId !== q.programId)) continue;
    if (!best) { best = r; continue; }
    const [a, b] = [rank(r), rank(best)];
    if (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2]) best = r;
  }
  return best;
}

/** What one session earns under a per-session rule (per_session, percent), within its bounds; `flat` pays per booking, not here. */
export function sessionPay(rule: Pick<PayRule, 'kind' | 'value' | 'minAmount' | 'maxAmount'>, netRevenue: number): number {
  if (rule.kind === 'flat') return 0;
  const raw = rule.kind === 'per_session' ? rule.value : applyBasisPoints(Math.max(0, netRevenue), rule.value);
  const floor = rule.minAmount ?? 0;
  const capped = rule.maxAmount === null ? raw : Math.min(raw, rule.maxAmount);
  return Math.max(floor, capped);
}

/** The rule as it was applied, frozen on the earning. */
export interface RuleSnapshot {
  readonly id: string;
  readonly kind: RuleKind;
  readonly value: number;
  readonly currency: string;
  readonly min_amount: number | null;
  readonly max_amount: number | null;
  readonly valid_from: string;
  readonly program_id: string | null;
}

export function snapshotOf(rule: PayRule): RuleSnapshot {
  return { id: rule.id, kind: rule.kind, value: rule.value, currency: rule.currency, min_amount: rule.minAmount, max_amount: rule.maxAmount, valid_from: rule.validFrom, program_id: rule.programId };
}

export function ruleOfSnapshot(s: RuleSnapshot): Pick<PayRule, 'kind' | 'value' | 'minAmount' | 'maxAmount'> {
  return { kind: s.kind, value: s.value, minAmount: s.min_amount, maxAmount: s.max_amount };
}
