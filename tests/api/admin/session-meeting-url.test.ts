/**
 * One online session's own meeting address: staff set it per session (the booking's instructor,
 * owners, managers; instructor B and another studio get 404); it replaces the program's address
 * the session was booked with in the staff detail, the customer's portal and the confirmation
 * mail; a non-web address is 400 with the field; once per Idempotency-Key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, fieldsOf, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const PROGRAM_URL = 'https://meet.studioflow.example/private';
const OWN_URL = 'https://meet.example/room-42';

describe('a session\'s own meeting address', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let owner: StaffSession; let conducting: StaffSession; let other: StaffSession;
  let bookingId = ''; let sessionId = ''; let manage = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: new Clock(new Date('2026-12-01T08:00:00Z')).now });
    // Private yoga (hybrid, with a meeting address) is by link in the demo; public here, so the widget's route books it.
    await query(db.db, sql`update programs set visibility = 'public' where id = ${FLOW.privateYoga}`);
    const variant = (await demoVariants(app))['private-yoga']![0]!;
    // Wednesday 9 December, 10:00 Zurich: Mara teaches then (Luca does not).
    const booking = await reserve(app, { program: 'private-yoga', variant, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, booking, { method: 'card' }));
    assert.equal((await testPay(app, booking, 'succeed')).status, 200);
    bookingId = booking.id;
    sessionId = booking.sessions[0]!.id;
    manage = out.booking.manage_url.split('/manage/')[1]!;
    const [row] = await query(db.db, sql`select s.email from program_bookings b join staff s on s.id = b.instructor_id where b.id = ${bookingId}`);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    conducting = await signIn(app, db.db, String(row!.email));
    other = await signIn(app, db.db, String(row!.email) === 'mara@studioflow.example' ? 'luca@studioflow.example' : 'mara@studioflow.example');
  });
  after(async () => { await db.close(); });

  const put = (who: StaffSession, body: unknown, key = randomUUID()) => Promise.resolve(app.request(`/v1/admin/bookings/${bookingId}/sessions/${sessionId}/meeting-url`,
    { method: 'PUT', headers: { ...who.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }));
  const portalUrl = async () => {
    const res = await app.request(`/v1/portal/bookings/${bookingId}`, { headers: { Authorization: `Bearer ${manage}` } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json() as { booking?: { sessions: { meeting_url: string | null }[] }; sessions?: { meeting_url: string | null }[] });
  };
  const sessionsOf = (b: Awaited<ReturnType<typeof portalUrl>>) => (b.booking?.sessions ?? b.sessions)!;

  test('booked with the program\'s address; the booking\'s instructor sets the session\'s own, seen by staff, the portal and the confirmation mail', async () => {
    assert.equal(sessionsOf(await portalUrl())[0]!.meeting_url, PROGRAM_URL);
    const key = randomUUID();
    const res = await put(conducting, { meeting_url: OWN_URL }, key);
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json() as { session: { id: string; meeting_url: string | null } };
    assert.deepEqual([body.session.id, body.session.meeting_url], [sessionId, OWN_URL]);
    const replay = await put(conducting, { meeting_url: OWN_URL }, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal(sessionsOf(await portalUrl())[0]!.meeting_url, OWN_URL);
    const detail = await (await app.request(`/v1/admin/bookings/${bookingId}`, { headers: owner.headers })).json() as { sessions: { id: string; meeting_url: string | null }[] };
    assert.equal(detail.sessions.find((s) => s.id === sessionId)!.meeting_url, OWN_URL);
    const [event] = await query(db.db, sql`select payload from domain_events where type = 'session.meeting_url_changed' and subject_id = ${bookingId}`);
    assert.deepEqual(event!.payload, { session_id: sessionId, cleared: false });

    const resend = await app.request(`/v1/admin/bookings/${bookingId}/confirmation`, { method: 'POST', headers: { ...owner.headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    assert.ok(resend.status < 300, await resend.clone().text());
    const { runDueJobs } = await import('../../../server/platform/jobs/queue.ts');
    const { jobDefinitions } = await import('../../../server/jobs.ts');
    const { testConfig } = await import('../../support/app.ts');
    const { testProvider } = await import('../../../server/platform/adapters/payments/test-provider.ts');
    const { localMailer } = await import('../../../server/platform/adapters/mail/mailer.ts');
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: () => new Date('2026-12-01T08:05:00Z'), config: testConfig, payments: testProvider(), mailer: localMailer() }));
    const mails = await query(db.db, sql`select text_body from mail_outbox where dedupe_key like ${`%${bookingId}%`} and dedupe_key like '%confirm%' order by created_at desc`);
    assert.ok(mails.length > 0);
    assert.ok(String(mails[0]!.text_body).includes(OWN_URL), 'the latest mail names the session\'s own address');
    assert.ok(!String(mails[0]!.text_body).includes(PROGRAM_URL));
  });

  test('a non-web address is 400 with the field; the other instructor and another studio 404; the owner may clear it', async () => {
    const bad = await put(owner, { meeting_url: 'javascript:alert(1)' });
    assert.equal(bad.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(bad)), ['meeting_url']);
    const byOther = await put(other, { meeting_url: OWN_URL });
    assert.equal(byOther.status, 404);
    const noKey = await app.request(`/v1/admin/bookings/${bookingId}/sessions/${sessionId}/meeting-url`, { method: 'PUT', headers: { ...owner.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ meeting_url: null }) });
    assert.equal(noKey.status, 400);
    const cleared = await put(owner, { meeting_url: null });
    assert.equal(cleared.status, 200);
    assert.equal(sessionsOf(await portalUrl())[0]!.meeting_url, null);
  });
});
