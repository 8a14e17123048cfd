export * from './funnel.ts';
export * from './funnel-csv.ts';
export * from './consent.ts';
