/**
 * A booking's life after payment, with a fake clock through a whole EVOLVE pack: reserved →
 * confirmed → in_progress (at the first start) → sessions completed at their end + the
 * attendance grace period, one marked no-show by staff, check-ins → completed, every
 * transition in the booking's event log; and the staff routes for check-in and no-show by role.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { eventsOf, lifecycleJobsOf, runLifecycleAt } from '../../support/lifecycle.ts';
import { proveIdentity } from '../../support/identity.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { advanceBookingNow } from '../../../server/modules/bookings/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { CheckInAnswer, NoShowAnswer } from '../../../schema/api/admin-lifecycle.ts';

const START = '2026-11-25T08:00:00Z';
const owner = { Authorization: 'Bearer sk_test_flow' };
const mara = { Authorization: 'Bearer sk_test_mara_key' }; // EVOLVE's instructor
const luca = { Authorization: 'Bearer sk_test_luca_key' }; // another instructor of the studio
const nord = { Authorization: 'Bearer sk_test_nord' }; // another studio's owner
const LIFECYCLE_TYPES = ['booking.confirmed', 'booking.in_progress', 'session.checked_in', 'session.completed', 'session.no_show', 'session.rescheduled', 'booking.expired', 'booking.completed'];

describe('booking lifecycle', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values
        (${FLOW.org}, 'secret', 'sk_test_mara', ${hashKey('sk_test_mara_key')}, ${FLOW.mara}),
        (${FLOW.org}, 'secret', 'sk_test_luca', ${hashKey('sk_test_luca_key')}, ${FLOW.luca})`));
  });
  after(async () => db.close());

  const staffPost = (key: Record<string, string>, path: string, idempotencyKey: string = randomUUID()) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...key, 'Idempotency-Key': idempotencyKey },
  });
  const checkIn = (key: Record<string, string>, b: { id: string }, sessionId: string, idem?: string) => staffPost(key, `/bookings/${b.id}/sessions/${sessionId}/check-in`, idem);
  const noShow = (key: Record<string, string>, b: { id: string }, sessionId: string, idem?: string) => staffPost(key, `/bookings/${b.id}/sessions/${sessionId}/no-show`, idem);
  const statusOf = async (id: string) => (await query(db.db, sql`select status::text from program_bookings where id = ${id}`))[0]!.status;
  const sessionsOf = async (id: string) => query(db.db, sql`select id, seq, status::text, check_in_at from program_sessions where booking_id = ${id} order by seq`);
  const at = (iso: string) => { clock.set(iso); return runLifecycleAt(db, new Date(iso)); };

  async function paidEvolve(firstStart: string, variant = 0, mode: 'cadence' | 'later' = 'cadence'): Promise<CreatedBooking> {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![variant], customer: customer(), sessions: { mode, first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }

  test('a 4-session EVOLVE pack from payment to completed, every transition once in the event log', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    assert.equal(b.status, 'reserved');
    assert.deepEqual(await lifecycleJobsOf(db, b.id), [], 'a reserved booking has no lifecycle jobs yet');
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    assert.equal(await statusOf(b.id), 'confirmed');
    const [s1, s2, s3, s4] = b.sessions.map((s) => s.id);
    // One job at each start and at each end + 24 h (the default grace), a second after the instant.
    assert.deepEqual(await lifecycleJobsOf(db, b.id), [
      '2026-12-01T08:00:01.000Z', '2026-12-02T09:00:01.000Z', '2026-12-08T08:00:01.000Z', '2026-12-09T09:00:01.000Z',
      '2026-12-15T08:00:01.000Z', '2026-12-16T09:00:01.000Z', '2026-12-22T08:00:01.000Z', '2026-12-23T09:00:01.000Z',
    ]);

    await at('2026-11-30T12:00:00Z');
    assert.equal(await statusOf(b.id), 'confirmed', 'nothing is due before the first session');

    assert.equal(await at('2026-12-01T08:05:00Z'), 1);
    assert.equal(await statusOf(b.id), 'in_progress');

    // Mara (the booking's instructor) checks the customer in to session 1; a replay answers the same.
    const key = randomUUID();
    const res = await checkIn(mara, b, s1!, key);
    assert.equal(res.status, 200, await res.clone().text());
    const { session } = await res.json() as CheckInAnswer;
    assert.equal(session.id, s1);
    assert.equal(session.check_in_at, '2026-12-01T08:05:00.000Z');
    assert.equal(session.staff_status, 'scheduled');
    const replay = await checkIn(mara, b, s1!, key);
    assert.equal(replay.headers.get('Idempotency-Replayed'), 'true');

    // After the session's end, within the grace period: awaiting attendance for staff.
    clock.set('2026-12-01T12:00:00Z');
    const again = await checkIn(owner, b, s1!);
    assert.equal(again.status, 200);
    assert.deepEqual({ ...(await again.json() as CheckInAnswer).session }, { ...session, staff_status: 'awaiting_attendance' }, 'checking in again changes nothing');

    assert.equal(await at('2026-12-02T09:00:00Z'), 0, 'not yet: the grace period ends a second later');
    assert.equal(await at('2026-12-02T09:30:00Z'), 1);
    assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'scheduled', 'scheduled', 'scheduled']);

    // Session 2: the customer does not come. The owner marks it a no-show after the end, within the grace.
    await at('2026-12-08T08:10:00Z');
    clock.set('2026-12-08T10:00:00Z');
    const noShowKey = randomUUID();
    const marked = await noShow(owner, b, s2!, noShowKey);
    assert.equal(marked.status, 200, await marked.clone().text());
    const answer = await marked.json() as NoShowAnswer;
    // What the no-show cost: the program's no-show fee (100 %) on the session's share; the pack goes on, nothing is refunded.
    assert.deepEqual(answer.settlement && { refund: answer.settlement.refund, fee: answer.settlement.fee, rules: answer.settlement.lines.map((l) => [l.seq, l.rule, l.fee === l.value]) },
      { refund: 0, fee: answer.settlement?.lines[0]?.value, rules: [[2, 'no_show', true]] });
    assert.equal(answer.session.status, 'no_show');
    assert.equal(answer.session.staff_status, 'no_show');
    assert.equal((await noShow(owner, b, s2!, noShowKey)).headers.get('Idempotency-Replayed'), 'true');
    assert.equal((await noShow(owner, b, s2!)).status, 200, 'marking it again answers it unchanged');
    assert.equal(await at('2026-12-09T10:00:00Z'), 1, 'session 2\'s end + grace job runs…');
    assert.equal((await sessionsOf(b.id))[1]!.status, 'no_show', '…and leaves the no-show alone');

    // Session 4 is moved a day later: its old jobs find nothing to do, new ones are added.
    clock.set('2026-12-10T08:00:00Z');
    const moved = await app.request(`/v1/admin/bookings/${b.id}/sessions/${s4}/reschedule`, {
      method: 'POST', headers: { ...owner, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ starts_at: '2026-12-23T08:00:00.000Z' }),
    });
    assert.equal(moved.status, 200, await moved.clone().text());
    const waiting = await lifecycleJobsOf(db, b.id);
    assert.ok(waiting.includes('2026-12-23T08:00:01.000Z') && waiting.includes('2026-12-24T09:00:01.000Z'), waiting.join());

    // Session 3: checked in by Mara ten minutes after the start; completed after the grace.
    clock.set('2026-12-15T08:10:00Z');
    assert.equal((await checkIn(mara, b, s3!)).status, 200);
    await at('2026-12-16T10:00:00Z');
    // The old session 4 jobs (22 and 23 December) are due; session 4 has not started yet, so nothing changes.
    const before = (await eventsOf(db, b.id)).length;
    await at('2026-12-22T10:00:00Z');
    assert.equal((await eventsOf(db, b.id)).length, before, 'the moved session\'s old jobs change nothing');
    assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'no_show', 'completed', 'scheduled']);
    assert.equal(await statusOf(b.id), 'in_progress');

    await at('2026-12-24T09:00:02Z');
    assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'no_show', 'completed', 'completed']);
    assert.equal(await statusOf(b.id), 'completed');

    // Running again at the same instant (jobs or by hand) changes nothing.
    const count = (await eventsOf(db, b.id)).length;
    assert.deepEqual(await advanceBookingNow(db.db, FLOW.org, b.id, { now: new Date('2026-12-24T09:00:02Z'), config: testConfig }), []);
    await at('2026-12-31T00:00:00Z');
    assert.equal((await eventsOf(db, b.id)).length, count);
    assert.deepEqual(await lifecycleJobsOf(db, b.id), [], 'no job is left waiting');

    // The log: who, what, before and after.
    const log = await eventsOf(db, b.id, LIFECYCLE_TYPES);
    assert.deepEqual(log.map((e) => [e.type, e.payload.session_id ?? null]), [
      ['booking.confirmed', null],
      ['booking.in_progress', s1], ['session.checked_in', s1], ['session.completed', s1],
      ['session.no_show', s2],
      ['session.rescheduled', s4],
      ['session.checked_in', s3], ['session.completed', s3],
      ['session.completed', s4], ['booking.completed', null],
    ]);
    const byType = (type: string, sessionId?: string) => log.find((e) => e.type === type && (!sessionId || e.payload.session_id === sessionId))!;
    assert.deepEqual(byType('booking.in_progress').payload, { before: { status: 'confirmed' }, after: { status: 'in_progress' }, session_id: s1 });
    assert.deepEqual(byType('booking.completed').payload, { before: { status: 'in_progress' }, after: { status: 'completed' } });
    assert.deepEqual(byType('session.completed', s1).payload, { before: { status: 'scheduled' }, after: { status: 'completed' }, session_id: s1, seq: 1, checked_in: true });
    assert.deepEqual(byType('session.no_show').payload, { before: { status: 'scheduled' }, after: { status: 'no_show' }, session_id: s2, seq: 2, by: { role: 'owner', staff_id: FLOW.owner } });
    assert.equal(byType('session.no_show').actor_id, FLOW.owner);
    assert.deepEqual(byType('session.checked_in', s1).payload, { before: { check_in_at: null }, after: { check_in_at: '2026-12-01T08:05:00.000Z' }, session_id: s1, seq: 1, by: { role: 'instructor', staff_id: FLOW.mara } });
    assert.equal(byType('session.checked_in', s1).actor_id, FLOW.mara);
    for (const type of ['booking.in_progress', 'session.completed', 'booking.completed']) {
      assert.deepEqual([...new Set(log.filter((e) => e.type === type).map((e) => `${e.actor_role}:${e.actor_id}`))], ['system:null'], `${type} is the server's`);
    }
  });

  test('check-in and no-show by role: the owner and the booking\'s instructor; another instructor or studio gets 404', async () => {
    const b = await paidEvolve('2026-12-02T09:30:00.000Z');
    const [s1, s2] = b.sessions.map((s) => s.id);
    clock.set('2026-12-02T10:00:00Z');
    for (const key of [luca, nord]) {
      const res = await checkIn(key, b, s1!);
      assert.equal(res.status, 404, await res.clone().text());
      assert.equal((await problemOf(res)).code, 'not_found');
      assert.equal((await noShow(key, b, s1!)).status, 404);
    }
    assert.equal((await checkIn(owner, b, randomUUID())).status, 404, 'a session of no booking');
    assert.equal((await checkIn(owner, b, s2!)).status, 409, 'check-in opens an hour before the session');
    assert.equal((await noShow(mara, b, s2!)).status, 409, 'a session that has not begun is no no-show');
    assert.equal((await staffPost(owner, `/bookings/${b.id}/sessions/${s1}/check-in`, '')).status, 400, 'an Idempotency-Key is needed');
    assert.equal((await app.request(`/v1/admin/bookings/${b.id}/sessions/${s1}/no-show`, { method: 'POST', headers: { 'Idempotency-Key': randomUUID() } })).status, 401);

    const ok = await noShow(mara, b, s1!);
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json() as NoShowAnswer).session.status, 'no_show');
    assert.equal((await checkIn(mara, b, s1!)).status, 409, 'a no-show cannot be checked in');
    assert.equal(await statusOf(b.id), 'in_progress', 'the booking was brought up to now first');

    // Session 2 checked in: it cannot become a no-show; after the grace period it is completed.
    clock.set('2026-12-09T09:00:00Z');
    assert.equal((await checkIn(mara, b, s2!)).status, 200);
    clock.set('2026-12-09T11:00:00Z');
    const refused = await noShow(owner, b, s2!);
    assert.equal(refused.status, 409);
    assert.equal((await problemOf(refused)).code, 'invalid_state');
    clock.set('2026-12-10T11:00:00Z');
    const late = await noShow(owner, b, s2!);
    assert.equal(late.status, 409, 'the grace period is over');
    assert.match((await problemOf(late)).detail ?? '', /grace period is over/);
  });

  test('a reserved booking (not paid yet) takes no check-in and no no-show, even while its session runs: 409 invalid_state', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T13:00:00.000Z' }, intake: EVOLVE_INTAKE });
    assert.equal(b.status, 'reserved');
    const s1 = b.sessions[0]!.id;
    clock.set('2026-12-01T13:15:00Z');
    for (const res of [await checkIn(owner, b, s1), await noShow(mara, b, s1)]) {
      assert.equal(res.status, 409, await res.clone().text());
      const problem = await problemOf(res);
      assert.equal(problem.code, 'invalid_state');
      assert.match(problem.detail ?? '', /not confirmed/);
    }
    assert.deepEqual((await sessionsOf(b.id)).map((s) => [s.status, s.check_in_at]), [['scheduled', null], ['scheduled', null], ['scheduled', null], ['scheduled', null]]);
    assert.deepEqual(await eventsOf(db, b.id, ['session.checked_in', 'session.no_show']), []);
  });

  test('a no-show on the last session completes the booking at once', async () => {
    const b = await paidEvolve('2026-12-03T08:00:00.000Z');
    const ids = b.sessions.map((s) => s.id);
    await at('2026-12-24T12:00:00Z'); // sessions 1–3 completed, the 4th (24 December, 08:00–09:00) awaits attendance
    assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'completed', 'completed', 'scheduled']);
    const res = await noShow(mara, b, ids[3]!);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(await statusOf(b.id), 'completed');
    const log = await eventsOf(db, b.id, ['session.no_show', 'booking.completed']);
    assert.deepEqual(log.map((e) => [e.type, e.actor_role, e.actor_id]), [['session.no_show', 'system', FLOW.mara], ['booking.completed', 'system', FLOW.mara]]);
  });

  test('a pack scheduled one session at a time expires at the program\'s validity: the unscheduled sessions lapse, the booking completes', async () => {
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      update programs set policies = policies || '{"valid_days": 14, "attendance_grace_hours": 2}'::jsonb where id = ${FLOW.evolve}`));
    try {
      const b = await paidEvolve('2026-12-04T08:00:00.000Z', 0, 'later');
      assert.equal(b.sessions_to_schedule, 3);
      // The first session's start and end + 2 h, and the validity's end (14 days after the first session).
      assert.deepEqual(await lifecycleJobsOf(db, b.id), ['2026-12-04T08:00:01.000Z', '2026-12-04T11:00:01.000Z', '2026-12-18T08:00:01.000Z']);
      // One more session scheduled later by the customer: its jobs are added too.
      clock.set('2026-12-05T09:00:00Z');
      const added = await app.request(`/v1/embed/bookings/${b.id}/sessions`, {
        method: 'POST', headers: { Authorization: 'Bearer pk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Tandem-Booking-Token': b.client_token },
        body: JSON.stringify({ starts: ['2026-12-11T08:00:00.000Z'] }),
      });
      assert.equal(added.status, 200, await added.clone().text());
      assert.ok((await lifecycleJobsOf(db, b.id)).includes('2026-12-11T11:00:01.000Z'));

      await at('2026-12-17T00:00:00Z');
      assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'completed', 'scheduled', 'scheduled']);
      assert.equal(await statusOf(b.id), 'in_progress');
      await at('2026-12-18T08:00:01Z');
      assert.deepEqual((await sessionsOf(b.id)).map((s) => s.status), ['completed', 'completed', 'cancelled', 'cancelled']);
      assert.equal(await statusOf(b.id), 'completed');
      const log = await eventsOf(db, b.id, ['booking.expired', 'booking.completed']);
      assert.deepEqual(log.map((e) => e.type), ['booking.expired', 'booking.completed']);
      const lapsed = (await sessionsOf(b.id)).slice(2).map((s) => s.id);
      assert.deepEqual(log[0]!.payload, {
        before: { status: 'in_progress', sessions_to_schedule: 2 }, after: { status: 'completed', sessions_to_schedule: 0 },
        session_ids: lapsed, valid_until: '2026-12-18T08:00:00.000Z',
      });
    } finally {
      await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
        update programs set policies = policies - 'valid_days' - 'attendance_grace_hours' where id = ${FLOW.evolve}`));
    }
  });

  test('a pack paid in class credits whose validity runs out: the unscheduled sessions lapse with the time they lapsed, the credits stay spent', async () => {
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      update programs set policies = policies || '{"valid_days": 14}'::jsonb where id = ${FLOW.evolve}`));
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      update program_variants set credit_price = 4 where id = ${v.evolve![0]!}`));
    try {
      clock.set(START);
      const demo = { name: 'Demo Customer', email: 'demo.customer@example.ch' };
      const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(demo), sessions: { mode: 'later', first_start: '2026-12-04T10:00:00.000Z' }, intake: EVOLVE_INTAKE });
      const out = await checkedOut(await checkoutReq(app, b, { method: 'credits' }, await proveIdentity(app, db.db, demo.email)));
      assert.equal(out.booking.status, 'confirmed');
      await at('2026-12-18T10:00:01Z');
      const rows = await query(db.db, sql`select seq, status::text, cancelled_at from program_sessions where booking_id = ${b.id} order by seq`);
      assert.deepEqual(rows.map((r) => [r.seq, r.status, r.cancelled_at === null ? null : new Date(String(r.cancelled_at)).toISOString()]), [
        [1, 'completed', null],
        [2, 'cancelled', '2026-12-18T10:00:01.000Z'],
        [3, 'cancelled', '2026-12-18T10:00:01.000Z'],
        [4, 'cancelled', '2026-12-18T10:00:01.000Z'],
      ], 'the lapse records when the sessions were given up');
      assert.equal(await statusOf(b.id), 'completed');
      const [refunds] = await query(db.db, sql`select count(*)::int as n from refunds where booking_id = ${b.id}`);
      assert.equal(refunds!.n, 0, 'lapsed credits are not given back');
    } finally {
      await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
        update programs set policies = policies - 'valid_days' where id = ${FLOW.evolve}`));
      await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
        update program_variants set credit_price = null where id = ${v.evolve![0]!}`));
    }
  });
});
