/** The bookings module's public face: surfaces and other modules import only from here. */
export * from './bookings.mutations.ts';
export * from './bookings.queries.ts';
export * from './intake.ts';
export * from './domain/plan.ts';
export * from './tokens.ts';
export * from './transaction.ts';
export * from './series.queries.ts';
export * from './holds.jobs.ts';
export * from './holds.mutations.ts';
export * from './links.mutations.ts';
export * from './lifecycle.mutations.ts';
export * from './lifecycle.jobs.ts';
export { staffSessionStatus } from './domain/lifecycle.ts';
import './subscribers.ts';
export * from './customer.queries.ts';
export * from './customer.mutations.ts';
export * from './domain/reschedule-notice.ts';
export * from './reschedule-policy.ts';
