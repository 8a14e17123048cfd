import { csvOf, decimal, type Cell } from '../../../../shared/csv.ts';
import { FUNNEL_STEPS } from '../../../../shared/funnel.ts';
import type { StepCount } from './funnel.ts';

/** A funnel group as the report holds it. */
export interface CsvGroup { key: string; steps: StepCount[]; bookings: number; revenue: { amount: number; currency: string }[] }

/**
 * The funnel as CSV (shared/csv.ts: RFC 4180, CRLF, formula-looking text defused): one row per
 * group, the visits of each step, the conversion from the first view to payment, the bookings, and
 * the revenue per currency in minor units and as a decimal.
 */
export function funnelCsv(groupedBy: string, groups: CsvGroup[]): string {
  const currencies = [...new Set(groups.flatMap((g) => g.revenue.map((r) => r.currency)))].sort();
  const header = [groupedBy, ...FUNNEL_STEPS, 'conversion', 'bookings', ...currencies.flatMap((c) => [`revenue_${c}_minor`, `revenue_${c}`])];
  const rows = groups.map((g): Cell[] => [
    g.key,
    ...FUNNEL_STEPS.map((s) => g.steps.find((x) => x.step === s)?.visits ?? 0),
    g.steps.find((x) => x.step === 'paid')?.from_viewed ?? null,
    g.bookings,
    ...currencies.flatMap((c) => {
      const amount = g.revenue.find((r) => r.currency === c)?.amount ?? 0;
      return [amount, decimal(amount)];
    }),
  ]);
  return csvOf(header, rows);
}
