/**
 * Domain events: a mutation writes its rows and records what happened, in the same
 * transaction. Subscribers are registered in one place per module (`subscribers.ts`):
 *   - in the transaction (`onEvent`): work that must exist exactly when the change commits and
 *     is itself a row, such as queuing a mail in the outbox (the mail is sent by a job later);
 *   - after commit (`afterEvent`): a job on the named queue, keyed by the event's id, for work
 *     that talks to the outside (webhooks, providers) and must never run for a rolled-back change.
 * The event row (domain_events) stays as the booking's history for staff views and webhooks.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { enqueue } from '../jobs/queue.ts';
import type { AppConfig } from '../../deps.ts';

export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  orgId: string;
  type: string;
  /** The booking (or order) it is about. */
  subjectId?: string | null;
  payload?: P;
}

export interface RecordedEvent<P extends Record<string, unknown> = Record<string, unknown>> extends DomainEvent<P> {
  id: string;
  payload: P;
}

/** What in-transaction subscribers may need besides the transaction: the request's clock and config. */
export interface EventContext { now: Date; config: AppConfig }

type Subscriber = (tx: Tx, event: RecordedEvent, ctx: EventContext) => Promise<void>;

const inTransaction = new Map<string, Subscriber[]>();
const afterCommit = new Map<string, string[]>();

/** Runs `handler` in the transaction that records an event of this type. */
export function onEvent<P extends Record<string, unknown>>(type: string, handler: (tx: Tx, event: RecordedEvent<P>, ctx: EventContext) => Promise<void>): void {
  inTransaction.set(type, [...(inTransaction.get(type) ?? []), handler as Subscriber]);
}

/** Adds a job on `queue` ({ orgId, eventId, type, subjectId, payload }) for every event of this type, run after commit. */
export function afterEvent(type: string, queue: string): void {
  afterCommit.set(type, [...(afterCommit.get(type) ?? []), queue]);
}

/** The event's insert, for a mutation that records it inside its own statement (one round trip). No subscribers run. */
export function eventInsert(event: DomainEvent): SQL {
  return sql`insert into domain_events (id, org_id, type, subject_id, payload)
    values (${randomUUID()}::uuid, ${event.orgId}::uuid, ${event.type}, ${event.subjectId ?? null}::uuid, ${JSON.stringify(event.payload ?? {})}::jsonb)`;
}

/** Records the event and runs its subscribers: those in the transaction now, the others as jobs after commit. */
export async function recordEvent<P extends Record<string, unknown>>(tx: Tx, event: DomainEvent<P>, ctx: EventContext): Promise<RecordedEvent<P>> {
  const recorded = { ...event, id: randomUUID(), payload: (event.payload ?? {}) as P };
  await tx.execute(sql`insert into domain_events (id, org_id, type, subject_id, payload)
    values (${recorded.id}::uuid, ${event.orgId}::uuid, ${event.type}, ${event.subjectId ?? null}::uuid, ${JSON.stringify(recorded.payload)}::jsonb)`);
  for (const handler of inTransaction.get(event.type) ?? []) await handler(tx, recorded as RecordedEvent, ctx);
  for (const queue of afterCommit.get(event.type) ?? []) {
    await enqueue(tx, queue, { orgId: event.orgId, eventId: recorded.id, type: event.type, subjectId: event.subjectId ?? null, payload: recorded.payload }, { singletonKey: `${queue}:${recorded.id}` });
  }
  return recorded;
}
