/**
 * Durable jobs on pg-boss, in the same database as everything else (PGlite or PostgreSQL).
 *
 *   prepareJobQueue(executor, queues)   at start-up: pg-boss's schema, the queues, and the grants that let
 *                                       requests (role tandem_app) add jobs and nothing more
 *   enqueue(tx, name, data, options)    inside the caller's transaction: the job exists exactly when the
 *                                       change that asked for it commits (a rolled-back change runs nothing)
 *   startJobRunner(executor, jobs)      workers: each job runs once however many processes work the queue;
 *                                       a failing job is retried with back-off, a crashed one after it expires
 *   runDueJobs(executor, jobs)          the same handlers, run until nothing is due (tests, scripts)
 */
import PgBoss from 'pg-boss';
import { createRequire } from 'node:module';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { positional, txExecutor, type SqlExecutor } from '../db/executors.ts';

export const JOB_SCHEMA = 'pgboss';

export interface QueueSettings {
  name: string;
  /** Attempts after the first (pg-boss `retryLimit`); default 5, with exponential back-off from 10 s. */
  retryLimit?: number;
  /** How long one run may take before it counts as crashed and is retried. */
  expireInSeconds?: number;
  /**
   * Jobs a worker takes per fetch (default 1), run one after the other. The runner fetches again at
   * once after a full batch and waits its polling interval otherwise; a queue of many small jobs
   * (reminders) takes several, for fewer fetches.
   */
  batchSize?: number;
}

export interface JobDefinition<T = Record<string, unknown>> extends QueueSettings {
  handle(data: T): Promise<void>;
  /**
   * A cron expression (UTC): the runner also sends this job by itself on that schedule, with empty
   * data, once however many processes run (pg-boss keeps the schedule in the database).
   */
  cron?: string;
}

export interface EnqueueOptions {
  /** Not before this instant. */
  startAfter?: Date;
  /**
   * At most one waiting job per queue and key: a send while a job with the same key waits (state
   * `created`, also when it waits for its `startAfter`) is dropped; once that job runs, the next
   * send is queued again. Enforced by the index `job_singleton_waiting` (prepareJobQueue):
   * pg-boss itself keys jobs only for its `short`/`singleton`/`stately` queue policies.
   */
  singletonKey?: string;
}

// Only builds and sends the insert through the executor it is handed; never connects by itself.
const sender = new PgBoss({ db: { executeSql: () => Promise.reject(new Error('the sender has no connection of its own')) }, schema: JOB_SCHEMA });

// pg-boss's own insert statement (its SQL text and parameter order), for jobs folded into a caller's statement.
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { insertJob(schema: string): string };
const insertJobText = plans.insertJob(JOB_SCHEMA);

/**
 * The job's insert as a statement a caller can fold into its own (a CTE of a larger insert),
 * saving the round trip of `enqueue`. pg-boss's own SQL with its parameters; the queue's
 * settings fill what is not given. Unlike `enqueue` it cannot check that the queue exists:
 * use it only for queues created at start-up (server/jobs.ts).
 */
export function enqueueStatement(name: string, data: Record<string, unknown>, options: EnqueueOptions = {}): SQL {
  const values = new Array<unknown>(19).fill(null);
  values[1] = name;
  values[2] = JSON.stringify(data);
  values[4] = options.startAfter ? options.startAfter.toISOString() : null;
  values[5] = options.singletonKey ?? null;
  values[7] = 0;
  return positional(insertJobText, values);
}

/** Adds a job in the caller's transaction. Throws when the queue does not exist (a job must never vanish). */
export async function enqueue(tx: Tx, name: string, data: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  const id = await sender.send(name, data, {
    db: txExecutor(tx) as PgBoss.Db,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  });
  if (id === null && !options.singletonKey) throw new Error(`job queue "${name}" does not exist`);
}

/**
 * Adds several jobs of one queue in the caller's transaction, in one statement (pg-boss's batch
 * insert). Like `enqueueStatement`, it cannot tell that the queue exists: only for queues created
 * at start-up (server/jobs.ts).
 */
export async function enqueueMany(tx: Tx, name: string, jobs: readonly { data: Record<string, unknown>; options?: EnqueueOptions }[]): Promise<void> {
  if (jobs.length === 0) return;
  await sender.insert(jobs.map(({ data, options = {} }) => ({
    name, data,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  })), { db: txExecutor(tx) as PgBoss.Db });
}

/** pg-boss's schema and the queues; requests may add jobs (insert) and read nothing else. */
export async function prepareJobQueue(executor: SqlExecutor, queues: QueueSettings[]): Promise<void> {
  const boss = new PgBoss({ db: executor as PgBoss.Db, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: true });
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const q of queues) {
      if (existing.has(q.name)) continue;
      await boss.createQueue(q.name, { name: q.name, retryLimit: q.retryLimit ?? 5, retryDelay: 10, retryBackoff: true, expireInSeconds: q.expireInSeconds ?? 300 });
    }
    // pg-boss's insert ends in ON CONFLICT DO NOTHING: this index is what makes a send with the key
    // of a waiting job a no-op (EnqueueOptions.singletonKey), on every queue, keyless jobs untouched.
    await executor.executeSql(`CREATE UNIQUE INDEX IF NOT EXISTS job_singleton_waiting ON ${JOB_SCHEMA}.job (name, singleton_key)
      WHERE state = 'created' AND singleton_key IS NOT NULL`);
    await executor.executeSql(`BEGIN;
      GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO tandem_app;
      GRANT SELECT ON ${JOB_SCHEMA}.queue TO tandem_app;
      GRANT INSERT ON ${JOB_SCHEMA}.job TO tandem_app;
      GRANT SELECT (id) ON ${JOB_SCHEMA}.job TO tandem_app;
    COMMIT;`);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export interface JobRunner { stop(): Promise<void> }

export interface JobRunnerOptions {
  /** How long a worker waits between fetches (default 1 s; pg-boss allows no less than 0.5 s). */
  pollingIntervalSeconds?: number;
  /**
   * After any fetch that found work, fetch again at once instead of waiting out the interval, so the
   * interval is only the wait of an idle queue. Without it a worker fetches again at once only after
   * a full batch (QueueSettings.batchSize). Tests that drain a queue with real runners use it.
   */
  refetchWhenBusy?: boolean;
}

/**
 * The runner's fetch: up to $2 due jobs of queue $1, the earliest due first, claimed as pg-boss's
 * own fetch claims them (state `active`, `started_on`, `retry_count` as it counts retries).
 * pg-boss's fetch orders by `priority desc, created_on, id`, which its partial index
 * `(name, start_after) … where state < 'active'` cannot give, and `FOR UPDATE` puts the lock
 * between the sort and the limit: every fetch sorted the whole due backlog (100 ms for 20,000
 * overdue reminders, more the further a queue fell behind). In the index's own order the scan
 * stops after $2 rows whatever the backlog; the earliest due first is also the order a reminder's
 * lag asks for. Tandem's queues use pg-boss's default (`standard`) policy and no priorities.
 * The claimed ids are handed over as an array (an init plan, then the primary key): a join of the
 * two, in a prepared statement's generic plan, hashed the whole queue.
 */
export const FETCH_DUE_JOBS = `
  WITH next AS (
    SELECT id FROM ${JOB_SCHEMA}.job
    WHERE name = $1 AND state < 'active' AND start_after < now()
    ORDER BY start_after
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  )
  UPDATE ${JOB_SCHEMA}.job j SET
    state = 'active',
    started_on = now(),
    retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
  WHERE j.name = $1 AND j.id = ANY (ARRAY(SELECT id FROM next))
  RETURNING j.id, j.data`;

/**
 * Works one queue until stopped: fetch a batch, run its jobs one after the other (each failing on
 * its own, retried by its own rules), complete the others in one statement; fetch again at once
 * after a full batch (or any work, with `refetchWhenBusy`), else wait the polling interval
 * (pg-boss's worker waited it after every fetch).
 */
function workQueue(boss: PgBoss, executor: SqlExecutor, job: JobDefinition, intervalMs: number, refetchWhenBusy: boolean): { stop(graceMs?: number): Promise<void> } {
  const batchSize = job.batchSize ?? 1;
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      let batch: { id: string; data: Record<string, unknown> }[] = [];
      try {
        batch = (await executor.executeSql(FETCH_DUE_JOBS, [job.name, batchSize])).rows as typeof batch;
        const done: string[] = [];
        for (const one of batch) {
          try {
            await job.handle(one.data);
            done.push(one.id);
          } catch (error) {
            await boss.fail(job.name, one.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
        if (done.length) await boss.complete(job.name, done);
      } catch (error) {
        // The database is away (or the queue's statement failed): its jobs stay claimed until they expire, then run again.
        console.error(`[tandem] job queue ${job.name}:`, error instanceof Error ? error.message : error);
      }
      const busy = batch.length === batchSize || (refetchWhenBusy && batch.length > 0);
      if (!busy && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => { clearTimeout(timer); resolve(); };
        });
        wake = undefined;
      }
    }
  })();
  return {
    /** Lets the batch under way finish, for at most `graceMs` (a job cut short is run again once it expires). */
    stop: async (graceMs = 10_000) => {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); })]);
      clearTimeout(timer);
    },
  };
}

/** Works every queue of `jobs` until stopped. */
export async function startJobRunner(executor: SqlExecutor, jobs: JobDefinition[], options: JobRunnerOptions = {}): Promise<JobRunner> {
  const scheduled = jobs.filter((job) => job.cron);
  // pg-boss keeps the schedules, expires crashed jobs and retries failed ones (supervise); the fetching is workQueue's.
  const boss = new PgBoss({ db: executor as PgBoss.Db, schema: JOB_SCHEMA, supervise: true, schedule: scheduled.length > 0, migrate: false });
  boss.on('error', (error) => console.error('[tandem] job queue:', error instanceof Error ? error.message : error));
  await boss.start();
  for (const job of scheduled) await boss.schedule(job.name, job.cron!, {}, { tz: 'UTC' });
  const workers = jobs.map((job) => workQueue(boss, executor, job, (options.pollingIntervalSeconds ?? 1) * 1000, options.refetchWhenBusy ?? false));
  return {
    stop: async () => {
      // The batches under way finish (and are completed) before the queue's connection goes.
      await Promise.all(workers.map((w) => w.stop()));
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Runs what is due now, queue by queue, until nothing is left (jobs may add jobs). For tests and
 * one-off scripts: the same handlers, the same completion and failure rules as the runner.
 */
export async function runDueJobs(executor: SqlExecutor, jobs: JobDefinition[], options: { maxRounds?: number } = {}): Promise<number> {
  const boss = new PgBoss({ db: executor as PgBoss.Db, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false });
  await boss.start();
  let ran = 0;
  try {
    for (let round = 0; round < (options.maxRounds ?? 50); round++) {
      let found = false;
      for (const job of jobs) {
        for (const one of await boss.fetch<Record<string, unknown>>(job.name, { batchSize: 20 })) {
          found = true;
          ran++;
          try {
            await job.handle(one.data);
            await boss.complete(job.name, one.id);
          } catch (error) {
            await boss.fail(job.name, one.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      }
      if (!found) break;
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  return ran;
}
