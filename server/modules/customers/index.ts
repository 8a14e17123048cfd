/** The customers module's public face: the studio's customers as staff see them, one customer's data exported, erasure, health answers' retention. */
import './subscribers.ts';
export * from './customers.queries.ts';
export * from './customers.mutations.ts';
export * from './health-retention.queries.ts';
export * from './health-retention.mutations.ts';
export * from './health-retention.jobs.ts';
export * from './tags.queries.ts';
export * from './tags.mutations.ts';
