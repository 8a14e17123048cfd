/**
 * The `message` mail preference: an instructor who turned it off gets no mail for the customer's
 * messages (the thread stays in the console); turned on again, the next window's messages are
 * mailed. Reiki's instructor is Noemi. Failed before the digest read the preference (a mail went
 * out regardless).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { customer, demoVariants } from '../../support/checkout.ts';
import { cardPaid, skFlow } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { FLOW } from '../../../demo/seed/index.ts';

describe('notifications: the message mail preference', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const jobs = () => jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const prefs = (message: boolean) => app.request(`/v1/admin/staff/${FLOW.noemi}/mail-preferences`, {
    method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ message }),
  });
  const toNoemi = async () => (await query(db.db, sql`select subject from mail_outbox where to_address = 'noemi@studioflow.example' and dedupe_key like 'thread:%:staff:%'`)).length;

  test('turned off: no mail for the customer\'s message; on again: the next one is mailed', async () => {
    const who = customer();
    const { booking } = await cardPaid(app, (await demoVariants(app)).reiki![0]!, '2026-12-02T09:00:00.000Z', who);
    const proof = await proveIdentity(app, db.db, String(who.email));
    const write = (body: string) => app.request(`/v1/portal/bookings/${booking.id}/messages`, {
      method: 'POST', headers: { Authorization: `Bearer ${proof['Tandem-Identity']}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ body }),
    });
    assert.equal((await prefs(false)).status, 200);
    assert.equal((await write('Can we start earlier?')).status, 201);
    clock.advance(11 * 60_000);
    await runDueJobs(db.executor, jobs());
    assert.equal(await toNoemi(), 0, 'Noemi turned message mail off');
    const [thread] = await query(db.db, sql`select count(*)::int as n from messages m join message_threads t on t.id = m.thread_id where t.booking_id = ${booking.id}`);
    assert.equal(thread!.n, 1, 'the message is in the thread all the same');

    assert.equal((await prefs(true)).status, 200);
    assert.equal((await write('And may I bring a friend?')).status, 201);
    clock.advance(11 * 60_000);
    await runDueJobs(db.executor, jobs());
    assert.equal(await toNoemi(), 1);
  });
});
