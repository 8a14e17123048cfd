export * from './funnel.ts';
export * from './funnel-csv.ts';
