/**
 * The nudges besides session reminders, with a fake clock: one mail after a reservation lapsed
 * unpaid, while its times are still free, with a link back to them; the notice three days before
 * an installment is charged; "book your next session" after a delivered session of a pack with
 * sessions to schedule.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { parkedJobs, runJobsAt } from '../../support/parked-jobs.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';
import { NUDGE_QUEUE, nudgeJob } from '../../../server/modules/notifications/index.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';

const START = '2026-11-25T08:00:00Z';

describe('nudges', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  const job = () => nudgeJob({ db: db.db, now: clock.now, config: testConfig }) as unknown as JobDefinition;
  const at = (iso: string) => { clock.set(iso); return runJobsAt(db, new Date(iso), job()); };
  const mailsTo = (email: string) => query(db.db, sql`select dedupe_key, subject, text_body, html_body from mail_outbox where to_address = ${email} order by created_at`);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  test('a lapsed reservation: one mail an hour later with its times and a link back to them, while they are free', async () => {
    clock.set(START);
    const ana = customer({ locale: 'en' });
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: ana, sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    const planned = (await parkedJobs(db, NUDGE_QUEUE)).filter((j) => j.data.bookingId === b.id);
    assert.deepEqual(planned.map((j) => [j.at, j.data.kind]), [['2026-11-25T09:15:00.000Z', 'abandoned_reservation']], 'an hour after the 15-minute hold');
    await sweepExpiredHolds(db.db, new Date('2026-11-25T08:16:00Z'), FLOW.org);
    await at('2026-11-25T09:14:00Z');
    assert.equal((await mailsTo(ana.email)).length, 0);
    await at('2026-11-25T09:15:00Z');
    await at('2026-11-25T12:00:00Z');
    const mails = await mailsTo(ana.email);
    assert.equal(mails.length, 1, 'one mail');
    assert.match(String(mails[0]!.subject), /^Your times for Reiki.* are still free$/);
    assert.match(String(mails[0]!.text_body), /did not finish booking/);
    const link = `http://localhost:8787/p/studio-flow/reiki?tandem-program=reiki&tandem-variant=${v.reiki![0]}&tandem-instructor=${b.instructor.id}`
      + `&tandem-start=2026-12-02T10%3A00&tandem-name=Ana+Muster&tandem-email=${encodeURIComponent(ana.email)}`;
    assert.ok(String(mails[0]!.text_body).includes(link), String(mails[0]!.text_body));
    assert.ok(String(mails[0]!.html_body).includes(`<a href="${link.replace(/&/g, '&amp;')}">`));
  });

  test('no mail when the times were taken meanwhile, nor for a paid booking', async () => {
    clock.set(START);
    const ben = customer({ locale: 'en' });
    const lapsed = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: ben, sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    clock.set('2026-11-25T08:30:00Z');
    const cleo = customer({ locale: 'en' });
    const taken = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: cleo, sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, taken, { method: 'card' }));
    assert.equal((await testPay(app, taken, 'succeed')).status, 200);
    await at('2026-11-25T12:00:00Z');
    assert.deepEqual((await mailsTo(ben.email)).map((m) => m.dedupe_key), [], 'the time is Cleo\'s now');
    assert.ok(!(await mailsTo(cleo.email)).some((m) => String(m.dedupe_key).endsWith(':abandoned')));
    assert.equal(lapsed.status, 'reserved');
  });

  test('an installment is announced three days before it is charged, once', async () => {
    clock.set(START);
    const dora = customer();
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: dora, sessions: { mode: 'cadence', first_start: '2026-12-01T10:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const notices = (await parkedJobs(db, NUDGE_QUEUE)).filter((j) => j.data.bookingId === b.id && j.data.kind === 'installment_due');
    const dues = await query(db.db, sql`select due_at, amount from installments i join program_bookings b on b.order_id = i.order_id where b.id = ${b.id} order by seq`);
    assert.equal(dues.length, 3);
    // 08:00Z is 09:00 in Zurich: three days before, to the minute.
    assert.deepEqual(notices.map((j) => j.at), dues.map((d) => new Date(new Date(d.due_at as string).getTime() - 3 * 86_400_000).toISOString()));
    await at(notices[0]!.at);
    const mails = (await mailsTo(dora.email)).filter((m) => String(m.dedupe_key).includes(':due_notice:'));
    assert.equal(mails.length, 1);
    const due = new Date(dues[0]!.due_at as string);
    assert.match(String(mails[0]!.subject), new RegExp(`^Rate fällig am ${due.getUTCDate()}\\. Dezember 2026: EVOLVE`));
    assert.match(String(mails[0]!.text_body), new RegExp(`Rate von CHF.${(Number(dues[0]!.amount) / 100).toFixed(2).replace('.', '\\.')}`));
    assert.match(String(mails[0]!.text_body), /http:\/\/localhost:8787\/manage\//);
  });

  test('"book your next session" after a delivered session of a pack with sessions to schedule', async () => {
    clock.set(START);
    const emil = customer();
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: emil, sessions: { mode: 'later', first_start: '2026-12-04T10:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    // The session ends at 11:00Z; it counts as delivered after the 24-hour attendance grace.
    clock.set('2026-12-05T11:00:01Z');
    await runLifecycleAt(db, clock.current);
    await at('2026-12-05T11:00:02Z');
    const mails = (await mailsTo(emil.email)).filter((m) => String(m.dedupe_key).includes(':book_next:'));
    assert.equal(mails.length, 1);
    assert.match(String(mails[0]!.subject), /^Planen Sie Ihren nächsten Termin: EVOLVE/);
    assert.match(String(mails[0]!.text_body), /3 Termin\(e\) von EVOLVE.* sind noch nicht geplant/);
  });
});
