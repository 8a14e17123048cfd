/** The catalog module's public face: surfaces and other modules import only from here. */
export * from './programs.queries.ts';
export * from './studios.queries.ts';
export * from './categories.queries.ts';
