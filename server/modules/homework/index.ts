/** The homework module's public face: files a customer uploads for their booking's milestones. */
export * from './domain/index.ts';
export * from './artifacts.queries.ts';
export * from './artifacts.mutations.ts';
export * from './artifacts.jobs.ts';
