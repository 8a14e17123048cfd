/** The availability module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './calendars.queries.ts';
export * from './program.queries.ts';
export * from './slots.queries.ts';
