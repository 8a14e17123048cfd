/**
 * The mail outbox: written in the confirming transaction, sent afterwards by the worker over
 * a real SMTP server started here. A crash between commit and send loses nothing; nothing
 * is sent twice, also with several workers at once.
 */
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, MIN, asSystem, postJson, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, outboxOf, reserve, testPay } from '../../support/checkout.ts';
import { leaves, parseIcs, parseMime, prop } from '../../support/mime.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { smtpMailer, localMailer, type Mailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { drainOutbox } from '../../../server/modules/notifications/index.ts';
import { renderInvoiceAttachment } from '../../../server/modules/billing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const START = '2026-11-25T08:00:00Z';

describe('mail outbox and SMTP', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  const render = (orgId: string, spec: Parameters<typeof renderInvoiceAttachment>[2]) => renderInvoiceAttachment(db.db, orgId, spec);
  let v: Record<string, string[]> = {};
  const received: { to: string[]; raw: string }[] = [];
  let smtp: SMTPServer;
  let smtpUrl = '';
  const mailers: Mailer[] = [];
  const newMailer = () => {
    const m = smtpMailer(smtpUrl, 'Tandem <no-reply@tandem.test>');
    mailers.push(m);
    return m;
  };

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, mailer: localMailer() });
    v = await demoVariants(app);
  });
  after(async () => {
    for (const m of mailers) await m.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db.close();
  });
  beforeEach(() => clock.set(START));

  /** A confirmed Reiki booking: its confirmation mail is in the outbox, not sent. */
  async function confirmedBooking(start: string, locale = 'de') {
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ locale, timezone: 'America/New_York' }), sessions: { mode: 'explicit', starts: [start] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }
  const pending = async () => Number((await query(db.db, sql`select count(*)::int as n from mail_outbox where status = 'pending'`))[0]!.n);

  test('committed, then the process dies before sending: a new worker sends it over SMTP, once, with a parseable .ics', async () => {
    const b = await confirmedBooking('2026-12-02T09:00:00.000Z', 'en');
    const [row] = await outboxOf(db.db, b.id);
    assert.equal(row!.status, 'pending', 'queued in the confirming transaction, nothing sent yet');
    // "Restart": a fresh worker with a fresh transport.
    const result = await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now });
    assert.equal(result.sent, 1);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, [String(row!.to_address)]);
    const mail = parseMime(received[0]!.raw);
    assert.equal(mail.headers['message-id'], `<${row!.id}@tandem>`, 'a stable Message-ID: a repeated delivery is recognisable');
    assert.equal(mail.headers.subject, 'Booking confirmed: Reiki 1:1');
    assert.match(mail.headers.from ?? '', /^"?Studio Flow"? <no-reply@tandem\.test>$/, 'the studio\'s name as the sender, on the configured address');
    const parts = leaves(mail);
    const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body.toString('utf8');
    assert.match(text, /Wednesday, 2 December 2026 at 04:00–05:15/, 'times in the customer\'s zone (New York)');
    assert.match(text, /Times are in America\/New York \(UTC-5\)/);
    const calendar = parts.find((p) => p.headers['content-type']?.startsWith('text/calendar'))!;
    assert.match(calendar.headers['content-type']!, /method=REQUEST/);
    const ics = parseIcs(calendar.body.toString('utf8'));
    const cal = ics.children[0]!;
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(prop(cal, 'METHOD'), 'REQUEST');
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    assert.equal(events.length, 1);
    assert.equal(prop(events[0]!, 'UID'), `${b.sessions[0]!.id}@tandem`);
    assert.equal(prop(events[0]!, 'SEQUENCE'), '0');
    assert.equal(prop(events[0]!, 'DTSTART'), '20261202T090000Z');
    assert.equal(prop(events[0]!, 'DTEND'), '20261202T101500Z');
    assert.match(prop(events[0]!, 'LOCATION') ?? '', /Langstrasse 120/);
    assert.ok(parts.some((p) => p.headers['content-type']?.startsWith('application/pdf') && p.body.subarray(0, 5).toString() === '%PDF-'));
    // Nothing twice.
    assert.equal((await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now })).sent, 0);
    assert.equal(received.length, 1);
    const [sent] = await outboxOf(db.db, b.id);
    assert.equal(sent!.status, 'sent');
    assert.ok(sent!.sent_at);
  });

  test('a move, then a cancellation, reach the customer over SMTP: the calendar update (SEQUENCE 1), then METHOD:CANCEL', async () => {
    const b = await confirmedBooking('2026-12-09T09:00:00.000Z', 'en');
    const session = b.sessions[0]!;
    await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now }); // the confirmation
    received.length = 0;
    const moved = await postJson(app, `/v1/embed/bookings/${b.id}/sessions/${session.id}/reschedule`, { starts_at: '2026-12-09T12:00:00.000Z' }, { 'Tandem-Booking-Token': b.client_token });
    assert.equal(moved.status, 200);
    const cancelled = await app.request(`/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': randomUUID() } });
    assert.equal(cancelled.status, 200);
    assert.equal((await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now })).sent, 3, 'the move and the cancellation to the customer, the cancellation to the studio');
    const toStudio = received.filter((r) => !leaves(parseMime(r.raw)).some((p) => p.headers['content-type']?.startsWith('text/calendar')));
    assert.equal(toStudio.length, 1);
    assert.match(String(parseMime(toStudio[0]!.raw).headers.subject), /^Abgesagt: .+, Reiki 1:1$/, 'in the studio\'s language');
    const calendars = received.filter((r) => !toStudio.includes(r)).map((r) => {
      const calendar = leaves(parseMime(r.raw)).find((p) => p.headers['content-type']?.startsWith('text/calendar'))!;
      const cal = parseIcs(calendar.body.toString('utf8')).children[0]!;
      const event = cal.children.find((c) => c.name === 'VEVENT')!;
      return { subject: parseMime(r.raw).headers.subject, method: prop(cal, 'METHOD'), uid: prop(event, 'UID'), sequence: prop(event, 'SEQUENCE'), start: prop(event, 'DTSTART'), status: prop(event, 'STATUS') };
    });
    assert.deepEqual(calendars, [
      { subject: 'Session moved: Reiki 1:1, Wednesday, 9 December 2026 at 07:00', method: 'REQUEST', uid: `${session.id}@tandem`, sequence: '1', start: '20261209T120000Z', status: 'CONFIRMED' },
      { subject: 'Booking cancelled: Reiki 1:1', method: 'CANCEL', uid: `${session.id}@tandem`, sequence: '2', start: '20261209T120000Z', status: 'CANCELLED' },
    ]);
  });

  test('a worker that claimed mail and crashed: its lease runs out, then the mail goes, once', async () => {
    received.length = 0;
    const b = await confirmedBooking('2026-12-02T10:30:00.000Z');
    const [row] = await outboxOf(db.db, b.id);
    // What a crashed worker leaves: the row claimed (lease 2 minutes), never marked sent.
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update mail_outbox set attempts = 1, available_at = ${new Date(clock.now().getTime() + 2 * MIN).toISOString()}::timestamptz where id = ${row!.id}`));
    assert.equal((await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now })).sent, 0, 'claimed by someone else');
    clock.advance(3 * MIN);
    assert.equal((await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now })).sent, 1);
    assert.equal(received.length, 1);
  });

  test('three workers at once: every mail exactly once', async () => {
    received.length = 0;
    for (const start of ['2026-12-04T09:00:00.000Z', '2026-12-04T10:30:00.000Z', '2026-12-04T12:00:00.000Z']) await confirmedBooking(start);
    assert.equal(await pending(), 3);
    const results = await Promise.all([1, 2, 3].map(() => drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: newMailer(), now: clock.now, batch: 2 })));
    assert.equal(results.reduce((s, r) => s + r.sent, 0), 3);
    assert.equal(received.length, 3);
    assert.equal(new Set(received.map((r) => parseMime(r.raw).headers['message-id'])).size, 3);
    assert.equal(await pending(), 0);
  });

  test('SMTP down: the row stays, backs off, and is given up after the last attempt', async () => {
    received.length = 0;
    const b = await confirmedBooking('2026-12-07T09:00:00.000Z');
    const down = smtpMailer('smtp://127.0.0.1:9', 'x@tandem.test');
    mailers.push(down);
    const r1 = await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: down, now: clock.now, maxAttempts: 2 });
    assert.deepEqual(r1, { sent: 0, failed: 0, retrying: 1 });
    let [row] = await query(db.db, sql`select status, attempts, last_error, available_at from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    assert.equal(row!.status, 'pending');
    assert.ok(row!.last_error);
    assert.equal(new Date(row!.available_at as string).getTime(), clock.now().getTime() + MIN, 'back off a minute');
    clock.advance(2 * MIN);
    assert.deepEqual(await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: down, now: clock.now, maxAttempts: 2 }), { sent: 0, failed: 1, retrying: 0 });
    [row] = await query(db.db, sql`select status from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    assert.equal(row!.status, 'failed');
    assert.equal(received.length, 0);
  });

  test('demo outbox: GET /dev/outbox.json and /dev/outbox (local mail, no SMTP)', async () => {
    const res = await app.request('/dev/outbox.json');
    assert.equal(res.status, 200);
    const body = await res.json() as { messages: { to: string; subject: string; status: string; sent_at: string | null; attachments: { filename: string; content_type: string }[] }[] };
    assert.ok(body.messages.length >= 5);
    const m = body.messages.find((x) => x.subject.startsWith('Buchung bestätigt'))!;
    assert.ok(m.to.endsWith('@example.ch'));
    assert.deepEqual(m.attachments.map((a) => a.content_type.split(';')[0]), ['text/calendar', 'application/pdf']);
    const html = await app.request('/dev/outbox');
    assert.equal(html.status, 200);
    assert.match(await html.text(), /Buchung bestätigt: Reiki 1:1/);
    // The local mailer "sends" by marking the rows: the demo's worker loop.
    await drainOutbox({ db: db.db, orgId: FLOW.org, render, mailer: localMailer(), now: clock.now });
    const after = await (await app.request('/dev/outbox.json')).json() as typeof body;
    assert.ok(after.messages.every((x) => x.sent_at !== null || x.status === 'failed'), 'every queued mail marked sent (but the one given up above)');
    const smtpApp = await demoApp(db.db, { now: clock.now, mailer: newMailer() });
    assert.equal((await smtpApp.request('/dev/outbox.json')).status, 404, 'not with SMTP configured');
  });
});
