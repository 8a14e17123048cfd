/**
 * A second process working the booking lifecycle queue of a PostgreSQL database with a fixed
 * clock (tests/api/lifecycle/runners.test.ts); stops on SIGTERM.
 *   node --import tsx tests/support/lifecycle-worker.ts <DATABASE_URL> <ISO instant>
 */
import { openDatabase } from '../../server/platform/db/open.ts';
import { startJobRunner, type JobDefinition } from '../../server/platform/jobs/queue.ts';
import { lifecycleJob } from '../../server/modules/bookings/index.ts';
import { testConfig } from './app.ts';

const database = await openDatabase({ url: process.argv[2], max: 4 });
const now = new Date(process.argv[3]!);
const runner = await startJobRunner(database.executor, [lifecycleJob({ db: database.db, now: () => now, config: testConfig }) as JobDefinition], { pollingIntervalSeconds: 0.5, refetchWhenBusy: true });
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await runner.stop();
  await database.close();
  process.exit(0);
});
