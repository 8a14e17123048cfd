/** The marketing module's public face: the conversion funnel (events from the widget, the staff report). */
export * from './funnel.mutations.ts';
export * from './funnel.queries.ts';
// The funnel's `paid` step when a booking is confirmed.
import './subscribers.ts';
export { FUNNEL_STEPS, funnelCsv, type FunnelGrouping, type FunnelStep, type StepCount } from './domain/index.ts';
export * from './consent.mutations.ts';
export * from './consent.queries.ts';
export { CONSENT_WORDING_VERSION, consentStrings, consentWording, type ConsentStrings } from './domain/consent.ts';
export * from './segments.queries.ts';
export * from './segments.mutations.ts';
export * from './campaigns.mutations.ts';
export * from './campaigns.queries.ts';
export * from './campaigns.jobs.ts';
