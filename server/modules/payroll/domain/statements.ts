/**
 * A period's figures per instructor: the sum of a period is the sum of its rows, per
 * instructor and currency, adjustments included; nothing else goes into a total.
 */
export interface EarningLine {
  readonly id: string;
  readonly staffId: string;
  readonly kind: 'session' | 'booking' | 'adjustment';
  readonly amount: number;
  readonly currency: string;
}

export interface StaffTotal { readonly staffId: string; readonly amount: number; readonly currency: string }

/** Σ per instructor and currency, ordered by instructor id then currency (stable answers). */
export function periodTotals(lines: readonly EarningLine[]): StaffTotal[] {
  const sums = new Map<string, StaffTotal>();
  for (const l of lines) {
    const key = `${l.staffId}\u0000${l.currency}`;
    const before = sums.get(key);
    sums.set(key, { staffId: l.staffId, currency: l.currency, amount: (before?.amount ?? 0) + l.amount });
  }
  return [...sums.values()].sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : a.currency < b.currency ? -1 : 1));
}

export interface StaffStatement<L extends EarningLine> {
  readonly staffId: string;
  readonly sessions: L[];
  readonly bookings: L[];
  readonly adjustments: L[];
  readonly totals: { amount: number; currency: string }[];
}

/** The period's rows grouped per instructor (sessions, bookings, adjustments) with their totals. */
export function statementsOf<L extends EarningLine>(lines: readonly L[]): StaffStatement<L>[] {
  const by = new Map<string, StaffStatement<L>>();
  for (const l of lines) {
    const s = by.get(l.staffId) ?? { staffId: l.staffId, sessions: [], bookings: [], adjustments: [], totals: [] };
    (l.kind === 'session' ? s.sessions : l.kind === 'booking' ? s.bookings : s.adjustments).push(l);
    by.set(l.staffId, s);
  }
  return [...by.values()]
    .map((s) => ({ ...s, totals: periodTotals([...s.sessions, ...s.bookings, ...s.adjustments]).map(({ amount, currency }) => ({ amount, currency })) }))
    .sort((a, b) => (a.staffId < b.staffId ? -1 : 1));
}
