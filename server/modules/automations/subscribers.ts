/** Every recorded domain event that is a public event becomes runs of the automations on it, in its own transaction. */
import { sql } from 'drizzle-orm';
import { onEveryEvent } from '../../platform/events/record.ts';
import { webhookEventOf } from '../webhooks/index.ts';
import { automationInterestSql, fanOutToAutomations } from './runs.mutations.ts';

onEveryEvent(fanOutToAutomations, (orgId, types) => {
  const wanted = types.map(webhookEventOf).filter((x) => x !== null);
  return wanted.length ? automationInterestSql(orgId, wanted) : sql`false`;
});
