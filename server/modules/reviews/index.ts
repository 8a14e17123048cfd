/** The reviews module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './reviews.queries.ts';
export * from './reviews.mutations.ts';
