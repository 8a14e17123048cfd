/** Every recorded domain event that is a public webhook event becomes deliveries, in its own transaction. */
import { sql } from 'drizzle-orm';
import { onEveryEvent } from '../../platform/events/record.ts';
import { fanOutEvent, webhookSubscribedSql } from './fanout.mutations.ts';
import { webhookEventOf } from './domain/events.ts';

onEveryEvent(fanOutEvent, (orgId, types) => {
  const wanted = types.map(webhookEventOf).filter((x) => x !== null);
  return wanted.length ? webhookSubscribedSql(orgId, wanted) : sql`false`;
});
