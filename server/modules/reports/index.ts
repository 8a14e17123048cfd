/** The finance reports module's public face. */
export * from './domain/index.ts';
export * from './finance.queries.ts';
export * from './reports-csv.ts';
