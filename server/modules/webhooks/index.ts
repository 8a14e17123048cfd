/** The webhooks module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './webhooks.queries.ts';
export * from './fanout.mutations.ts';
export * from './endpoints.mutations.ts';
export * from './deliver.jobs.ts';
import './subscribers.ts';
