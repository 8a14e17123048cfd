/**
 * Lifecycle jobs are restart-safe and run once: with two runners at once (on PostgreSQL two
 * processes, like two API replicas; on PGlite two runners in this process) and every job
 * queued three times, each booking's transitions are applied and recorded exactly once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { eventsOf, parkLifecycleJobs, releaseLifecycleJobsUntil } from '../../support/lifecycle.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { startJobRunner, type JobDefinition } from '../../../server/platform/jobs/queue.ts';
import { LIFECYCLE_QUEUE, lifecycleJob, scheduleLifecycle } from '../../../server/modules/bookings/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';

describe('lifecycle jobs with two runners', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const pending = async () => Number((await query(db.db, sql`select count(*)::int as n from pgboss.job
    where name = ${LIFECYCLE_QUEUE} and state in ('created', 'retry', 'active') and start_after < now()`))[0]!.n);

  test('three packs, every job three times, two runners: each transition once', async () => {
    const v = await demoVariants(app);
    const bookings: string[] = [];
    for (const first of ['2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z', '2026-12-03T08:00:00.000Z']) {
      const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: first }, intake: EVOLVE_INTAKE });
      await checkedOut(await checkoutReq(app, b, { method: 'card' }));
      assert.equal((await testPay(app, b, 'succeed')).status, 200);
      // Two more copies of every job, as if confirmed again or a job were retried after a crash.
      for (let i = 0; i < 2; i++) await withSystem(db.db, FLOW.org, 'test: duplicate lifecycle jobs', (tx) => scheduleLifecycle(tx, FLOW.org, b.id));
      bookings.push(b.id);
    }
    await parkLifecycleJobs(db);
    const end = new Date('2027-01-10T00:00:00Z');
    assert.equal(await releaseLifecycleJobsUntil(db, end), 3 * 8 * 3);

    // The runners fetch again at once while there is work (pg-boss would wait its half-second interval
    // after each job): the same race between them, without 72 waits.
    if (db.url) {
      const workers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', 'tests/support/lifecycle-worker.ts', db.url!, end.toISOString()], { stdio: ['ignore', 'pipe', 'inherit'] }));
      const closed = workers.map((w) => new Promise<void>((resolve) => w.on('close', () => resolve())));
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && await pending() > 0) await new Promise((r) => setTimeout(r, 250));
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(closed);
    } else {
      const jobs = [lifecycleJob({ db: db.db, now: () => end, config: testConfig }) as JobDefinition];
      const runners = await Promise.all([0, 1].map(() => startJobRunner(db.executor, jobs, { pollingIntervalSeconds: 0.5, refetchWhenBusy: true })));
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && await pending() > 0) await new Promise((r) => setTimeout(r, 200));
      await Promise.all(runners.map((r) => r.stop()));
    }
    assert.equal(await pending(), 0, 'every job ran');
    const failed = await query(db.db, sql`select count(*)::int as n from pgboss.job where name = ${LIFECYCLE_QUEUE} and state = 'failed'`);
    assert.equal(failed[0]!.n, 0);

    for (const id of bookings) {
      const [row] = await query(db.db, sql`select status::text from program_bookings where id = ${id}`);
      assert.equal(row!.status, 'completed');
      const log = await eventsOf(db, id, ['booking.in_progress', 'session.completed', 'booking.completed']);
      assert.deepEqual(log.map((e) => e.type), ['booking.in_progress', 'session.completed', 'session.completed', 'session.completed', 'session.completed', 'booking.completed']);
      assert.equal(new Set(log.filter((e) => e.type === 'session.completed').map((e) => e.payload.session_id)).size, 4, 'each session once');
    }
  });
});
