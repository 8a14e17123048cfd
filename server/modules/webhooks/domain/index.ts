/** Outgoing webhooks' pure parts: events and payloads, retries. */
export * from './events.ts';
export * from './retries.ts';
export * from './mails.ts';
