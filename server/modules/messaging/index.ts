/** The messaging module's public face: a booking's private thread between the customer and the studio. */
export * from './domain/index.ts';
export * from './messages.queries.ts';
export * from './messages.mutations.ts';
export * from './messages.jobs.ts';
