/**
 * Jobs of one queue against a fake clock (as tests/support/lifecycle.ts does for the lifecycle):
 * pg-boss decides what is due by the database's real clock, the handlers by the test's, so new
 * jobs are parked 200 years later (their intended time kept in the shift) and made due when the
 * fake clock reaches them.
 */
import { sql } from 'drizzle-orm';
import type { OpenDatabase } from '../../server/platform/db/database.ts';
import { runDueJobs, type JobDefinition } from '../../server/platform/jobs/queue.ts';
import { query } from './booking.ts';

const PARK = "interval '200 years'";

/** Parks the jobs of `queue` not parked yet (only those created since `since`, when given). */
export async function parkJobs(db: OpenDatabase, queue: string, since?: Date): Promise<void> {
  await query(db.db, sql`update pgboss.job set start_after = start_after + ${sql.raw(PARK)}, keep_until = keep_until + ${sql.raw(PARK)}
    where name = ${queue} and state in ('created', 'retry') and start_after < '2100-01-01'
      and (${since?.toISOString() ?? null}::timestamptz is null or created_on >= ${since?.toISOString() ?? null}::timestamptz)`);
}

/** The parked jobs of `queue` (intended time and data), in time order. */
export async function parkedJobs(db: OpenDatabase, queue: string): Promise<{ at: string; data: Record<string, unknown> }[]> {
  await parkJobs(db, queue);
  const rows = await query(db.db, sql`select start_after - ${sql.raw(PARK)} as at, data from pgboss.job
    where name = ${queue} and state in ('created', 'retry') order by 1, data::text`);
  return rows.map((r) => ({ at: new Date(r.at as string).toISOString(), data: r.data as Record<string, unknown> }));
}

/** Runs the jobs of `job`'s queue whose intended time is at or before `at`, with `at` as the handlers' clock. */
export async function runJobsAt(db: OpenDatabase, at: Date, job: JobDefinition, options: { runners?: number } = {}): Promise<number> {
  await parkJobs(db, job.name);
  await query(db.db, sql`update pgboss.job set start_after = now() - interval '1 second'
    where name = ${job.name} and state in ('created', 'retry') and start_after >= '2100-01-01'
      and start_after - ${sql.raw(PARK)} <= ${at.toISOString()}::timestamptz`);
  // Jobs the handlers add (a retry, a re-check) wait for the fake clock too; those released above still run.
  // Several runners (as several API processes) fetch the released jobs at once; releasing happens once, above,
  // since a second release would park again what the first had just made due.
  const run = () => runDueJobs(db.executor, [{ ...job, handle: async (data) => { const since = new Date(); await job.handle(data); await parkJobs(db, job.name, since); } }]);
  const counts = await Promise.all(Array.from({ length: options.runners ?? 1 }, run));
  return counts.reduce((a, b) => a + b, 0);
}
