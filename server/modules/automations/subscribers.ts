/**
 * Every recorded domain event that is a public event becomes runs of the automations on it, in its own
 * transaction; any event of a studio with a segment or session-time automation asks for a sweep right
 * after its commit (a customer may have entered a segment, a session been booked or moved).
 */
import { sql } from 'drizzle-orm';
import { onEveryEvent } from '../../platform/events/record.ts';
import { webhookEventOf } from '../webhooks/index.ts';
import { automationInterestSql, fanOutToAutomations } from './runs.mutations.ts';
import { hasSweptAutomations, sweepSoon } from './sweep.mutations.ts';

onEveryEvent(fanOutToAutomations, (orgId, types) => {
  const wanted = types.map(webhookEventOf).filter((x) => x !== null);
  return wanted.length ? automationInterestSql(orgId, wanted) : sql`false`;
});

onEveryEvent(async (tx, event, ctx) => {
  if (await hasSweptAutomations(tx, event.orgId)) await sweepSoon(tx, event.orgId, ctx.now);
}, (orgId) => sql`exists (select 1 from automations where org_id = ${orgId}::uuid and enabled and deleted_at is null and trigger_event is null)`);
