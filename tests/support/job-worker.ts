/**
 * A second process working the job queue of a PostgreSQL database (tests/api/jobs): it sends
 * mail through a mailer that prints each Message-ID it sends, and stops on SIGTERM.
 *   node --import tsx tests/support/job-worker.ts <DATABASE_URL>
 */
import { openDatabase } from '../../server/platform/db/open.ts';
import { startJobRunner } from '../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../server/jobs.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import type { Mailer } from '../../server/platform/adapters/mail/mailer.ts';
import { testConfig } from './app.ts';

const database = await openDatabase({ url: process.argv[2], max: 4 });
const mailer: Mailer = {
  kind: 'local',
  async send(mail) { process.stdout.write(`sent ${mail.messageId}\n`); },
  async close() {},
};
const runner = await startJobRunner(database.executor, jobDefinitions({ db: database.db, now: () => new Date(), config: testConfig, payments: testProvider(), mailer }), { pollingIntervalSeconds: 0.5 });
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await runner.stop();
  await database.close();
  process.exit(0);
});
