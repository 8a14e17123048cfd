/** The settings module's public face: the studio's API keys, the origins its publishable keys work from, its own domain. */
export * from './keys.queries.ts';
export * from './keys.mutations.ts';
export * from './studio.mutations.ts';
export * from './onboarding.queries.ts';
export * from './domains.queries.ts';
export * from './domains.mutations.ts';
export { missingRecords, normalHost, recordsFor, type DnsRecord } from './domain/custom-domain.ts';
export * from './stripe-connect.queries.ts';
export * from './stripe-connect.mutations.ts';
