/**
 * Session reminders with a fake clock: planned 48 h and 2 h before each session when a booking
 * is confirmed, in the customer's language with the manage link; a moved session's reminders
 * follow it; none after a cancellation; one mail however often or by how many runners a job
 * runs; and the studio's settings per program (admin API).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { parkedJobs, runJobsAt } from '../../support/parked-jobs.ts';
import { cancelBookingAsStaff, rescheduleSessionAsStaff } from '../../support/staff-actions.ts';
import { NUDGE_QUEUE, nudgeJob, sendNudge, type NudgeJob } from '../../../server/modules/notifications/index.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';

const START = '2026-11-25T08:00:00Z';
const owner = { Authorization: 'Bearer sk_test_flow' };
const mara = { Authorization: 'Bearer sk_test_mara_key' };

describe('session reminders', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  const job = () => nudgeJob({ db: db.db, now: clock.now, config: testConfig }) as unknown as JobDefinition;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values (${FLOW.org}, 'secret', 'sk_test_mara', ${hashKey('sk_test_mara_key')}, ${FLOW.mara})`));
  });
  after(async () => db.close());

  async function paidEvolve(firstStart: string, who = customer()): Promise<CreatedBooking> {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: who, sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }
  const remindersOf = async (b: CreatedBooking) => (await parkedJobs(db, NUDGE_QUEUE))
    .filter((j) => j.data.kind === 'session_reminder' && j.data.bookingId === b.id)
    .map((j) => ({ at: j.at, seq: b.sessions.findIndex((s) => s.id === j.data.sessionId) + 1, hours: j.data.hours }));
  const reminderMails = (b: CreatedBooking) => query(db.db, sql`select dedupe_key, to_address, subject, text_body from mail_outbox
    where dedupe_key like 'session:%:reminder:%' and split_part(dedupe_key, ':', 2) in (${sql.join(b.sessions.map((s) => sql`${s.id}`), sql`, `)}) order by created_at`);
  const at = (iso: string) => { clock.set(iso); return runJobsAt(db, new Date(iso), job()); };

  test('planned 48 h and 2 h before each session; sent at those instants, in the customer\'s language, with the manage link', async () => {
    const who = customer();
    const b = await paidEvolve('2026-12-01T08:00:00.000Z', who);
    assert.deepEqual(await remindersOf(b), [
      { at: '2026-11-29T08:00:00.000Z', seq: 1, hours: 48 }, { at: '2026-12-01T06:00:00.000Z', seq: 1, hours: 2 },
      { at: '2026-12-06T08:00:00.000Z', seq: 2, hours: 48 }, { at: '2026-12-08T06:00:00.000Z', seq: 2, hours: 2 },
      { at: '2026-12-13T08:00:00.000Z', seq: 3, hours: 48 }, { at: '2026-12-15T06:00:00.000Z', seq: 3, hours: 2 },
      { at: '2026-12-20T08:00:00.000Z', seq: 4, hours: 48 }, { at: '2026-12-22T06:00:00.000Z', seq: 4, hours: 2 },
    ]);
    await at('2026-11-29T07:59:00Z');
    assert.equal((await reminderMails(b)).length, 0, 'nothing before its time');
    await at('2026-11-29T08:00:00Z');
    const [first, ...rest] = await reminderMails(b);
    assert.equal(rest.length, 0);
    assert.equal(first!.to_address, who.email);
    assert.match(String(first!.subject), /^Erinnerung: EVOLVE.*, Dienstag, 1\. Dezember 2026 um 09:00$/);
    assert.match(String(first!.text_body), /Termin 1 von EVOLVE.*09:00–10:00/);
    assert.match(String(first!.text_body), /Zeiten in Europe\/Zurich/);
    assert.match(String(first!.text_body), /http:\/\/localhost:8787\/manage\/\S+/);
    // Two runners at the 2-hour mark: one mail.
    clock.set('2026-12-01T06:00:00Z');
    await runJobsAt(db, clock.current, job(), { runners: 2 });
    assert.equal((await reminderMails(b)).length, 2);
    // The studio sees them in its mail log (customers' addresses: not for instructors).
    const log = await (await app.request('/v1/admin/mail?limit=500', { headers: owner })).json() as { mail: { key: string; to: string; status: string }[] };
    assert.deepEqual(log.mail.filter((m) => m.key.includes(':reminder:') && m.to === who.email).map((m) => m.status), ['pending', 'pending']);
    assert.deepEqual((await (await app.request('/v1/admin/mail', { headers: mara })).json() as { mail: unknown[] }).mail, []);
    assert.equal((await app.request('/v1/admin/mail?status=lost', { headers: owner })).status, 400);
  });

  test('a job that runs twice mails once (the outbox\'s dedupe key)', async () => {
    const b = await paidEvolve('2026-12-02T08:00:00.000Z');
    const s1 = b.sessions[0]!;
    const data: NudgeJob = { kind: 'session_reminder', orgId: FLOW.org, bookingId: b.id, sessionId: s1.id, hours: 48, startsAt: s1.starts_at! };
    const run = () => withSystem(db.db, FLOW.org, 'test', (tx) => sendNudge(tx, { now: new Date('2026-11-30T08:00:00Z'), config: testConfig }, data));
    assert.equal(await run(), true);
    assert.equal(await run(), false);
    assert.equal((await reminderMails(b)).length, 1);
  });

  test('each reminder names its own session\'s meeting address, else the program\'s', async () => {
    const b = await paidEvolve('2026-12-07T08:00:00.000Z'); // Mondays: no other test's sessions
    const [s1, s2, s3] = b.sessions;
    const PROGRAM_URL = 'https://meet.studioflow.example/evolve';
    await query(db.db, sql`update program_sessions set meeting_url = case id when ${s1!.id}::uuid then 'https://meet.example/first' when ${s2!.id}::uuid then 'https://meet.example/second' else null end where booking_id = ${b.id}`);
    const remind = (s: typeof s1) => withSystem(db.db, FLOW.org, 'test', (tx) => sendNudge(tx, { now: new Date('2026-12-01T08:00:00Z'), config: testConfig },
      { kind: 'session_reminder', orgId: FLOW.org, bookingId: b.id, sessionId: s!.id, hours: 48, startsAt: s!.starts_at! }));
    for (const s of [s1, s2, s3]) assert.equal(await remind(s), true);
    const bodyOf = async (s: typeof s1) => String((await reminderMails(b)).find((m) => String(m.dedupe_key).startsWith(`session:${s!.id}:`))!.text_body);
    assert.match(await bodyOf(s1), /https:\/\/meet\.example\/first/);
    const second = await bodyOf(s2);
    assert.match(second, /https:\/\/meet\.example\/second/);
    assert.doesNotMatch(second, /meet\.example\/first/, 'not the first session\'s address');
    const third = await bodyOf(s3);
    assert.ok(third.includes(PROGRAM_URL), 'a session without its own address: the program\'s');
    assert.doesNotMatch(third, /meet\.example\/first/);
  });

  test('a moved session\'s reminders follow it; its old ones send nothing', async () => {
    const b = await paidEvolve('2026-12-03T08:00:00.000Z');
    const s2 = b.sessions[1]!;
    await rescheduleSessionAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' },
      { bookingId: b.id, sessionId: s2.id, startsAt: '2026-12-11T13:00:00.000Z', override: true }, { now: clock.now(), config: testConfig });
    const planned = (await remindersOf(b)).filter((r) => r.seq === 2).map((r) => r.at);
    assert.deepEqual(planned, ['2026-12-08T08:00:00.000Z', '2026-12-10T06:00:00.000Z', '2026-12-09T13:00:00.000Z', '2026-12-11T11:00:00.000Z'].sort());
    await at('2026-12-10T06:00:00Z'); // the old times of session 2, and session 1's
    const sessionTwo = async () => (await reminderMails(b)).filter((m) => String(m.dedupe_key).startsWith(`session:${s2.id}:`));
    assert.deepEqual((await sessionTwo()).map((m) => m.dedupe_key), [`session:${s2.id}:reminder:48h:2026-12-11T13:00:00.000Z`], 'only the new time\'s 48-hour reminder');
    await at('2026-12-11T11:00:00Z');
    const mails = await sessionTwo();
    assert.equal(mails.length, 2);
    assert.match(String(mails[1]!.text_body), /Freitag, 11\. Dezember 2026.* 14:00–15:00/);
  });

  test('no reminder for a cancelled booking\'s sessions', async () => {
    const b = await paidEvolve('2026-12-04T08:00:00.000Z');
    assert.equal((await remindersOf(b)).length, 8);
    await cancelBookingAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' }, b.id, { now: clock.now(), config: testConfig });
    await at('2026-12-31T00:00:00Z');
    assert.equal((await reminderMails(b)).length, 0);
    assert.equal((await remindersOf(b)).length, 0, 'the jobs ran and did nothing');
  });

  test('the studio edits a program\'s reminders; an instructor reads them; bad hours are a 400 per field', async () => {
    const put = (key: Record<string, string>, body: unknown) => app.request('/v1/admin/programs/evolve/nudges', {
      method: 'PUT', headers: { ...key, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const defaults = await (await app.request('/v1/admin/programs/evolve/nudges', { headers: mara })).json();
    assert.deepEqual(defaults, { program: 'evolve', session_reminder_hours: [48, 2], book_next: true, installment_due: true, abandoned_reservation: true, milestone_due: true, review_request: true, quiet_hours: { from: '22:00', to: '07:00' } });
    assert.equal((await put(mara, { session_reminder_hours: [24] })).status, 404, 'an instructor does not change them');
    const bad = await put(owner, { session_reminder_hours: [0, 2.5] });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field).sort(), ['session_reminder_hours.0', 'session_reminder_hours.1']);
    assert.equal((await put(owner, { nope: true })).status, 400);
    assert.equal((await app.request('/v1/admin/programs/nope/nudges', { headers: owner })).status, 404);

    const b = await paidEvolve('2026-12-01T10:00:00.000Z');
    const ok = await put(owner, { session_reminder_hours: [2, 24, 2] });
    assert.equal(ok.status, 200);
    assert.deepEqual((await ok.json() as { session_reminder_hours: number[] }).session_reminder_hours, [24, 2]);
    // Jobs planned with 48 h read the settings when they run: no 48-hour reminder any more.
    await at('2026-11-29T10:00:00Z');
    assert.equal((await reminderMails(b)).length, 0);
    const off = await put(owner, { session_reminder_hours: [] });
    assert.equal(off.status, 200);
    await at('2026-12-31T00:00:00Z');
    assert.equal((await reminderMails(b)).length, 0);
    // Bookings confirmed from now on plan 24 h only… but with none set, nothing.
    const later = await paidEvolve('2026-12-02T10:00:00.000Z');
    assert.deepEqual(await remindersOf(later), []);
    assert.equal((await put(owner, { session_reminder_hours: [48, 2] })).status, 200);
  });
});
