/** The widget's steps a visit passes, in order: the conversion funnel the widget reports and the studio reads. */
export const FUNNEL_STEPS = ['viewed', 'time_chosen', 'intake_done', 'details_done', 'checkout_started', 'paid'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
