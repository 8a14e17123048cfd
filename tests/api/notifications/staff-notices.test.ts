/**
 * The studio is told by mail, per person and topic: a new booking reaches the owner and the
 * booking's instructor (not another instructor), once per event however often the job runs,
 * and nobody who turned the topic off; a moved session says so too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid, skFlow } from '../../support/admin-money.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { FLOW } from '../../../demo/seed/index.ts';

describe('staff notices by mail preference', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));
  const jobs = () => runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
  const noticesTo = async (bookingId: string) => (await query(db.db, sql`select to_address, subject, text_body, status from mail_outbox
    where dedupe_key like 'staff-notice:%' and text_body like ${`%${bookingId}%`} order by to_address, subject`));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  test('a new booking: the owner and the conducting instructor, in the studio\'s language, once', async () => {
    const reiki = (await demoVariants(app)).reiki![0]!;
    const { booking } = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    await jobs();
    await jobs();
    const mails = await noticesTo(booking.id);
    assert.deepEqual(mails.map((m) => m.to_address), ['noemi@studioflow.example', 'sandra@studioflow.example']);
    assert.match(String(mails[0]!.subject), /^Neue Buchung: Reiki/);
    assert.match(String(mails[0]!.text_body), /Nächster Termin: .*, Europe\/Zurich \(UTC\+1\)\nIn der Konsole öffnen: http:\/\/localhost:8787\/admin#\/bookings\//);
    assert.ok(mails.every((m) => m.status !== 'held'));
  });

  test('a topic turned off is not sent; a moved session is', async () => {
    const off = await app.request(`/v1/admin/staff/${FLOW.owner}/mail-preferences`, {
      method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ new_booking: false }),
    });
    assert.equal(off.status, 200);
    const reiki = (await demoVariants(app)).reiki![0]!;
    const { booking } = await cardPaid(app, reiki, '2026-12-16T09:00:00.000Z');
    await jobs();
    assert.deepEqual((await noticesTo(booking.id)).map((m) => m.to_address), ['noemi@studioflow.example']);
    const moved = await app.request(`/v1/admin/bookings/${booking.id}/sessions/${booking.sessions[0]!.id}/reschedule`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ starts_at: '2026-12-16T13:00:00.000Z' }),
    });
    assert.equal(moved.status, 200, await moved.clone().text());
    await jobs();
    const after = await noticesTo(booking.id);
    assert.deepEqual(after.map((m) => `${m.to_address} ${String(m.subject).split(':')[0]}`), [
      'noemi@studioflow.example Neue Buchung', 'noemi@studioflow.example Verschoben', 'sandra@studioflow.example Verschoben',
    ]);
  });
});
