/**
 * Domain events: a mutation writes its rows and records what happened, in the same
 * transaction. Subscribers are registered in one place per module (`subscribers.ts`) and run
 * in that transaction (`onEvent`): work that must exist exactly when the change commits and is
 * itself a row, such as queuing a mail in the outbox or a job; what talks to the outside runs
 * later in that job (the mail, a provider's refund), never for a rolled-back change.
 * The event row (domain_events) stays as the booking's history for staff views and webhooks.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
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
type EverySubscriber = (tx: Tx, event: RecordedEvent, ctx: Pick<EventContext, 'now'>) => Promise<void>;
/** A boolean SQL expression: whether an every-event subscriber has work for events of these types in this org. */
type Interest = (orgId: string, types: string[]) => SQL;

const inTransaction = new Map<string, Subscriber[]>();
const forEvery: EverySubscriber[] = [];
const interests: Interest[] = [];

/** Runs `handler` in the transaction that records an event of this type. */
export function onEvent<P extends Record<string, unknown>>(type: string, handler: (tx: Tx, event: RecordedEvent<P>, ctx: EventContext) => Promise<void>): void {
  inTransaction.set(type, [...(inTransaction.get(type) ?? []), handler as Subscriber]);
}

/**
 * Runs `handler` in the transaction that records any event, after the event's own subscribers (outgoing webhooks).
 * `interest` says in SQL whether it has work for some event types, so a statement that records its events itself
 * (eventInsert) can ask in the same round trip and call `afterEventsInserted` only then.
 */
export function onEveryEvent(handler: EverySubscriber, interest?: Interest): void {
  forEvery.push(handler);
  if (interest) interests.push(interest);
}

/** Whether anything subscribed to every event has work for these event types in this org (a boolean SQL expression). */
export function eventInterestSql(orgId: string, types: string[]): SQL {
  if (interests.length === 0) return sql`false`;
  return sql`(${sql.join(interests.map((i) => i(orgId, types)), sql` or `)})`;
}

/**
 * The every-event subscribers of events a statement inserted itself (eventInsert with their ids), run in its transaction
 * when eventInterestSql said they have work. Such events have no subscribers of their own type: what follows them is folded into the statement.
 */
export async function afterEventsInserted(tx: Tx, events: RecordedEvent[], ctx: Pick<EventContext, 'now'>): Promise<void> {
  for (const event of events) for (const handler of forEvery) await handler(tx, event, ctx);
}

/** The event's insert, for a mutation that records it inside its own statement (one round trip). No subscribers run. */
export function eventInsert(event: DomainEvent, id: string = randomUUID()): SQL {
  return sql`insert into domain_events (id, org_id, type, subject_id, payload)
    values (${id}::uuid, ${event.orgId}::uuid, ${event.type}, ${event.subjectId ?? null}::uuid, ${JSON.stringify(event.payload ?? {})}::jsonb)`;
}

/** Records the event and runs its subscribers in the same transaction. */
export async function recordEvent<P extends Record<string, unknown>>(tx: Tx, event: DomainEvent<P>, ctx: EventContext): Promise<RecordedEvent<P>> {
  const recorded = { ...event, id: randomUUID(), payload: (event.payload ?? {}) as P };
  await tx.execute(eventInsert(recorded, recorded.id));
  for (const handler of inTransaction.get(event.type) ?? []) await handler(tx, recorded as RecordedEvent, ctx);
  for (const handler of forEvery) await handler(tx, recorded as RecordedEvent, ctx);
  return recorded;
}
