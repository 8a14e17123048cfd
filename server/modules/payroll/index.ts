/** The payroll module's public face: surfaces and composition import only from here. */
import './subscribers.ts';
export * from './domain/index.ts';
export * from './settings.queries.ts';
export * from './settings.mutations.ts';
export * from './periods.queries.ts';
export * from './periods.mutations.ts';
export * from './rules.queries.ts';
export * from './rules.mutations.ts';
export * from './earnings.mutations.ts';
export * from './earnings.jobs.ts';
export * from './period-export.ts';
export * from './statement-pdf.ts';
export * from './statements.queries.ts';
export * from './placement.mutations.ts';
