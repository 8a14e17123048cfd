/** The widget's steps a visit passes, in order: the conversion funnel the widget reports and the studio reads. */
export const FUNNEL_STEPS = ['viewed', 'time_chosen', 'intake_done', 'details_done', 'checkout_started', 'paid'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface StepCount { step: FunnelStep; visits: number; from_previous: number | null; from_viewed: number | null }

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * Each step's visits with its conversion from the step before it that any visit reached (a
 * program without an intake form has no `intake_done`: details follow the chosen time) and from
 * the first view. Ratios 0..1, four decimals; null where there is nothing to divide by.
 */
export function funnelSteps(visits: Partial<Record<FunnelStep, number>>): StepCount[] {
  const viewed = visits.viewed ?? 0;
  let previous: number | null = null;
  return FUNNEL_STEPS.map((step) => {
    const n = visits[step] ?? 0;
    const out = { step, visits: n, from_previous: step === 'viewed' ? null : previous === null ? null : ratio(n, previous), from_viewed: step === 'viewed' ? null : ratio(n, viewed) };
    if (n > 0 || step === 'viewed') previous = n;
    return out;
  });
}
