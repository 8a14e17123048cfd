/** The customers module's public face: the studio's customers as staff see them, one customer's data exported, erasure. */
export * from './customers.queries.ts';
export * from './customers.mutations.ts';
