/** The marketing module's public face: the conversion funnel (events from the widget, the staff report). */
export * from './funnel.mutations.ts';
export * from './funnel.queries.ts';
export { FUNNEL_STEPS, funnelCsv, type FunnelGrouping, type FunnelStep, type StepCount } from './domain/index.ts';
