/**
 * The job queue (pg-boss, in the same database): jobs exist exactly when the change that
 * asked for them commits, they run after commit, and each runs once however many workers
 * (on PostgreSQL: two separate processes) work the queue.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { enqueue, runDueJobs, startJobRunner } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { enqueueMail, MAIL_QUEUE } from '../../../server/modules/notifications/index.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import type { Mailer, OutgoingMail } from '../../../server/platform/adapters/mail/mailer.ts';

function recordingMailer(sent: OutgoingMail[] = []): Mailer & { sent: OutgoingMail[] } {
  return { kind: 'local', sent, async send(mail) { sent.push(mail); }, async close() {} };
}

describe('job queue', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const payments = testProvider();
  const now = () => new Date('2026-11-25T08:00:00Z');
  const jobsFor = (mailer: Mailer) => jobDefinitions({ db: db.db, now, config: testConfig, payments, mailer });
  const queued = async (name: string) => Number((await query(db.db, sql`select count(*)::int as n from pgboss.job where name = ${name} and state in ('created', 'retry')`))[0]!.n);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { payments, now });
  });
  after(async () => { await db.close(); });

  test('a job added in a transaction exists when it commits, and not when it rolls back', async () => {
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
    const before = await queued(MAIL_QUEUE);
    await withSystem(db.db, FLOW.org, 'test', (tx) => enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org }));
    assert.equal(await queued(MAIL_QUEUE), before + 1);
    await assert.rejects(withSystem(db.db, FLOW.org, 'test', async (tx) => {
      await enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org });
      throw new Error('rolled back');
    }), /rolled back/);
    assert.equal(await queued(MAIL_QUEUE), before + 1, 'the rolled-back job is gone with its transaction');
  });

  test('an unknown queue refuses the job instead of dropping it', async () => {
    await assert.rejects(withSystem(db.db, FLOW.org, 'test', (tx) => enqueue(tx, 'no.such.queue', { orgId: FLOW.org })), /does not exist/);
  });

  test('a send with the key of a waiting job adds nothing; keyless sends each count; once the job has run, the key is free again', async () => {
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
    const key = `test:${randomUUID()}`;
    const keyed = async () => Number((await query(db.db, sql`select count(*)::int as n from pgboss.job where singleton_key = ${key} and state = 'created'`))[0]!.n);
    await withSystem(db.db, FLOW.org, 'test', async (tx) => {
      await enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org }, { singletonKey: key });
      await enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org }, { singletonKey: key });
    });
    await withSystem(db.db, FLOW.org, 'test', (tx) => enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org }, { singletonKey: key, startAfter: new Date(Date.now() + 3_600_000) }));
    assert.equal(await keyed(), 1, 'one waiting job for the key, however often and whenever it was sent');
    const before = await queued(MAIL_QUEUE);
    await withSystem(db.db, FLOW.org, 'test', async (tx) => {
      await enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org });
      await enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org });
    });
    assert.equal(await queued(MAIL_QUEUE), before + 2, 'jobs without a key are never merged');
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
    assert.equal(await keyed(), 0);
    await withSystem(db.db, FLOW.org, 'test', (tx) => enqueue(tx, MAIL_QUEUE, { orgId: FLOW.org }, { singletonKey: key }));
    assert.equal(await keyed(), 1, 'after the run, the same key queues again');
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
  });

  test('mails queued together wait for one drain job of their org, which sends them all', async () => {
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
    const before = await queued(MAIL_QUEUE);
    const tag = randomUUID();
    await withSystem(db.db, FLOW.org, 'test', async (tx) => {
      for (let i = 0; i < 4; i++) {
        await enqueueMail(tx, { orgId: FLOW.org, dedupeKey: `test:${tag}:${i}`, to: `person${i}-${tag}@example.com`, subject: `Mail ${i}`, text: 'Hello' });
      }
    });
    assert.equal(await queued(MAIL_QUEUE), before + 1);
    const mailer = recordingMailer();
    await runDueJobs(db.executor, jobsFor(mailer));
    assert.deepEqual(mailer.sent.filter((m) => m.subject.startsWith('Mail ')).map((m) => m.subject).sort(), ['Mail 0', 'Mail 1', 'Mail 2', 'Mail 3']);
  });

  test('a paid booking: its confirmation is sent by the mail job after commit, the invoice PDF rendered then', async () => {
    const v = await demoVariants(app);
    const who = customer();
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const mailer = recordingMailer();
    assert.ok(await runDueJobs(db.executor, jobsFor(mailer)) > 0);
    const confirmation = mailer.sent.find((m) => m.to === who.email && m.attachments?.some((a) => a.contentType === 'application/pdf'));
    assert.ok(confirmation, 'the confirmation went out');
    const pdf = confirmation.attachments!.find((a) => a.contentType === 'application/pdf')!;
    assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');
    const [row] = await query(db.db, sql`select status from mail_outbox where id::text = ${confirmation.messageId!.slice(1, 37)}`);
    assert.equal(row!.status, 'sent');
    assert.equal(await runDueJobs(db.executor, jobsFor(mailer)) >= 0, true);
    assert.equal(mailer.sent.filter((m) => m.messageId === confirmation.messageId).length, 1, 'sent once');
  });

  test('a hold is released by its job once it has run out', async () => {
    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T10:30:00.000Z'] } });
    const [job] = await query(db.db, sql`select start_after from pgboss.job where name = 'holds.release' and state = 'created' order by created_on desc limit 1`);
    const [booking] = await query(db.db, sql`select hold_expires_at from program_bookings where id = ${b.id}`);
    assert.ok(new Date(job!.start_after as string).getTime() > new Date(booking!.hold_expires_at as string).getTime(), 'due just after the hold runs out');
    // Run the release now, with a clock past the hold.
    const late = jobDefinitions({ db: db.db, now: () => new Date(now().getTime() + 3_600_000), config: testConfig, payments, mailer: recordingMailer() });
    await query(db.db, sql`update pgboss.job set start_after = now() where name = 'holds.release' and state = 'created'`);
    await runDueJobs(db.executor, late);
    const [after] = await query(db.db, sql`select status::text, cancellation_reason::text from program_bookings where id = ${b.id}`);
    assert.deepEqual({ ...after }, { status: 'cancelled', cancellation_reason: 'hold_expired' });
  });

  test('two workers at once: every mail exactly once', async () => {
    await runDueJobs(db.executor, jobsFor(recordingMailer()));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      await withSystem(db.db, FLOW.org, 'test', async (tx) => {
        const key = `queue-test:${randomUUID()}`;
        await enqueueMail(tx, { orgId: FLOW.org, dedupeKey: key, to: `m${i}@example.test`, subject: `mail ${i}`, text: 'hello' });
      });
      ids.push(`m${i}@example.test`);
    }
    const sent: string[] = [];
    if (db.url) {
      // Two processes, each its own connection pool, like two API replicas.
      const workers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', 'tests/support/job-worker.ts', db.url!], { stdio: ['ignore', 'pipe', 'inherit'] }));
      const outputs = workers.map((w) => new Promise<string>((resolve) => { let out = ''; w.stdout!.on('data', (d) => { out += d; }); w.on('close', () => resolve(out)); }));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && Number((await query(db.db, sql`select count(*)::int as n from mail_outbox where status = 'pending'`))[0]!.n) > 0) {
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const w of workers) w.kill('SIGTERM');
      for (const out of await Promise.all(outputs)) sent.push(...out.split('\n').filter((l) => l.startsWith('sent ')).map((l) => l.slice(5)));
      const perWorker = (await Promise.all(outputs)).map((o) => o.split('\n').filter((l) => l.startsWith('sent ')).length);
      assert.equal(perWorker.length, 2);
    } else {
      // PGlite is one process's database: two runners share it.
      const mailer = recordingMailer();
      const runners = await Promise.all([0, 1].map(() => startJobRunner(db.executor, jobsFor(mailer), { pollingIntervalSeconds: 0.5 })));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && Number((await query(db.db, sql`select count(*)::int as n from mail_outbox where status = 'pending'`))[0]!.n) > 0) {
        await new Promise((r) => setTimeout(r, 200));
      }
      await Promise.all(runners.map((r) => r.stop()));
      sent.push(...mailer.sent.map((m) => m.messageId!));
    }
    const rows = await query(db.db, sql`select '<' || id || '@tandem>' as mid from mail_outbox where to_address = any(${`{${ids.join(',')}}`}::text[])`);
    assert.equal(rows.length, 30);
    for (const { mid } of rows) assert.equal(sent.filter((s) => s === mid).length, 1, `${mid} sent exactly once`);
    const [left] = await query(db.db, sql`select count(*)::int as n from mail_outbox where status <> 'sent' and to_address = any(${`{${ids.join(',')}}`}::text[])`);
    assert.equal(left!.n, 0);
  });
});
