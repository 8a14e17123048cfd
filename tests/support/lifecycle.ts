/**
 * Lifecycle jobs against a fake clock. pg-boss decides what is due by the database's real
 * clock, the handlers by the test's: so that a job runs only once the fake clock has passed
 * its intended time, every new `bookings.lifecycle` job is parked 200 years later (its intended
 * time kept in the shift) and made due when the fake clock reaches it.
 */
import { sql } from 'drizzle-orm';
import type { OpenDatabase } from '../../server/platform/db/database.ts';
import { runDueJobs } from '../../server/platform/jobs/queue.ts';
import { LIFECYCLE_QUEUE, lifecycleJob } from '../../server/modules/bookings/index.ts';
import { testConfig } from './app.ts';
import { query } from './booking.ts';

const PARK = "interval '200 years'";

export async function parkLifecycleJobs(db: OpenDatabase): Promise<void> {
  await query(db.db, sql.raw(`update pgboss.job set start_after = start_after + ${PARK}, keep_until = keep_until + ${PARK}
    where name = '${LIFECYCLE_QUEUE}' and state in ('created', 'retry') and start_after < '2100-01-01'`));
}

/** Makes due the lifecycle jobs whose intended time is at or before `at`; returns how many. */
export async function releaseLifecycleJobsUntil(db: OpenDatabase, at: Date): Promise<number> {
  await parkLifecycleJobs(db);
  const released = await query(db.db, sql`update pgboss.job set start_after = now() - interval '1 second'
    where name = ${LIFECYCLE_QUEUE} and state in ('created', 'retry') and start_after >= '2100-01-01'
      and start_after - interval '200 years' <= ${at.toISOString()}::timestamptz returning id`);
  return released.length;
}

/** Runs the lifecycle jobs due by the fake clock `at`, with that clock. */
export async function runLifecycleAt(db: OpenDatabase, at: Date): Promise<number> {
  await releaseLifecycleJobsUntil(db, at);
  return runDueJobs(db.executor, [lifecycleJob({ db: db.db, now: () => at, config: testConfig })] as never);
}

/** The intended times (ISO) of a booking's lifecycle jobs still waiting. */
export async function lifecycleJobsOf(db: OpenDatabase, bookingId: string): Promise<string[]> {
  await parkLifecycleJobs(db);
  const rows = await query(db.db, sql`select start_after - interval '200 years' as at from pgboss.job
    where name = ${LIFECYCLE_QUEUE} and state in ('created', 'retry') and data->>'bookingId' = ${bookingId} order by 1`);
  return rows.map((r) => new Date(r.at as string).toISOString());
}

export async function eventsOf(db: OpenDatabase, bookingId: string, types?: string[]) {
  const rows = await query(db.db, sql`select type, actor_role, actor_id, payload from domain_events where subject_id = ${bookingId} order by occurred_at, seq`);
  return rows.filter((r) => !types || types.includes(String(r.type))) as { type: string; actor_role: string; actor_id: string | null; payload: Record<string, unknown> }[];
}
