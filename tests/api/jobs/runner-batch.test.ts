/**
 * The job runner's throughput per queue: pg-boss's worker waits its polling interval between
 * fetches even when it found work, so a queue that takes one job per fetch runs at most one job
 * per interval per process (the reminders bench found 4 reminders a second with 2 workers polling
 * every 0.5 s). A queue with `batchSize` takes that many per fetch; a failing job of a batch
 * fails alone and is retried by its own rules, the others complete. A runner started with
 * `refetchWhenBusy` fetches again at once after a fetch that found work. The runner takes the earliest
 * due first (its fetch reads the queue's index in due order instead of sorting the whole backlog).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { query } from '../../support/booking.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { enqueueMany, prepareJobQueue, startJobRunner } from '../../../server/platform/jobs/queue.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { demoApp } from '../../support/app.ts';

const QUEUE = 'test.batch';
const EAGER_QUEUE = 'test.eager';
const ORDERED = 'test.due-order';

describe('job runner batches', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    db = await freshDatabase();
    await demoApp(db.db);
    await prepareJobQueue(db.executor, [{ name: QUEUE, retryLimit: 2 }, { name: EAGER_QUEUE }, { name: ORDERED }]);
  });
  after(async () => db.close());

  test('30 due jobs, batches of 10, a half-second interval: all done within two polls; the failing one alone is retried', async () => {
    await withSystem(db.db, FLOW.org, 'test: due jobs', (tx) => enqueueMany(tx, QUEUE, Array.from({ length: 30 }, (_, i) => ({ data: { i } }))));
    const handled: number[] = [];
    const started = Date.now();
    const runner = await startJobRunner(db.executor, [{
      name: QUEUE, batchSize: 10,
      handle: async ({ i }) => {
        if (i === 7) throw new Error('seven fails');
        handled.push(Number(i));
      },
    }], { pollingIntervalSeconds: 0.5 });
    while (handled.length < 29 && Date.now() - started < 12_000) await new Promise((r) => setTimeout(r, 100));
    const took = Date.now() - started;
    await runner.stop();
    assert.equal(handled.length, 29, `handled ${handled.length} in ${took} ms (one job per half-second poll would be at most 24)`);
    assert.ok(took < 8_000, `took ${took} ms`);
    const states = await query(db.db, sql`select data->>'i' as i, state::text from pgboss.job where name = ${QUEUE} order by (data->>'i')::int`);
    assert.deepEqual(states.filter((s) => s.state !== 'completed').map((s) => [s.i, s.state]), [['7', 'retry']]);
  });

  test('refetchWhenBusy: one job per fetch, a 2-second interval, yet 10 due jobs run back to back (the interval is only the idle wait)', async () => {
    await withSystem(db.db, FLOW.org, 'test: due jobs', (tx) => enqueueMany(tx, EAGER_QUEUE, Array.from({ length: 10 }, (_, i) => ({ data: { i } }))));
    const handled: number[] = [];
    const started = Date.now();
    const runner = await startJobRunner(db.executor, [{ name: EAGER_QUEUE, handle: async ({ i }) => { handled.push(Number(i)); } }], { pollingIntervalSeconds: 2, refetchWhenBusy: true });
    while (handled.length < 10 && Date.now() - started < 12_000) await new Promise((r) => setTimeout(r, 50));
    const took = Date.now() - started;
    await runner.stop();
    assert.equal(handled.length, 10, `handled ${handled.length} in ${took} ms (waiting 2 s after each job would be at most 7)`);
    assert.ok(took < 8_000, `took ${took} ms`);
  });

  test('a backlog runs in due order, not in the order the jobs were added', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    // Added one after the other (created_on rising), due 1, 3 and 2 minutes ago.
    for (const [i, m] of [[0, 1], [1, 3], [2, 2]] as const) {
      await withSystem(db.db, FLOW.org, 'test: overdue jobs', (tx) => enqueueMany(tx, ORDERED, [{ data: { i }, options: { startAfter: minutesAgo(m) } }]));
    }
    const handled: number[] = [];
    const runner = await startJobRunner(db.executor, [{ name: ORDERED, handle: async ({ i }) => { handled.push(Number(i)); } }], { pollingIntervalSeconds: 0.5 });
    const started = Date.now();
    while (handled.length < 3 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    await runner.stop();
    assert.deepEqual(handled, [1, 2, 0]);
  });
});
