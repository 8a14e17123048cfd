/** Pure rules of customer identity: codes, attempts, locks, session lifetimes. */
export * from './rules.ts';
