/** The notifications module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './change-mails.ts';
export * from './ics.ts';
export * from './mail-data.ts';
export * from './outbox.mutations.ts';
export * from './outbox.jobs.ts';
export * from './hold-mails.jobs.ts';
export * from './booking-mails.mutations.ts';
export * from './identity-mails.mutations.ts';
export * from './nudge-queue.ts';
export * from './nudges.queries.ts';
export * from './nudges.mutations.ts';
export * from './nudges.jobs.ts';
export * from './staff-mails.mutations.ts';
export { abandonedReservationCheck, backToTimesUrl, ABANDONED_AFTER_MS } from './abandoned.mutations.ts';
import './subscribers.ts';
export * from './manage-link-mails.mutations.ts';
export * from './staff-notices.jobs.ts';
