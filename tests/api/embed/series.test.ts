/**
 * The time step's checks before anything is reserved: the whole series a first start leads to
 * (GET …/slots/series, the same engine and cadence as POST /bookings), first starts whose series
 * would run past the horizon not offered, and giving a reserved booking's times back
 * (POST /bookings/:id/release).
 *
 * SPLIT (Luca, 60 min + 10 after, weekly, 6 sessions, 90-day horizon): Tue–Sat 7–11 Zurich.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, DAY, asSystem, postJson, problemOf, query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { SeriesResponse, SlotsResponse } from '../../../schema/api/embed-slots.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('series check, horizon and hold release', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let variant = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const p = await (await app.request('/v1/embed/programs/split', { headers: flowKey })).json() as { variants: { id: string }[] };
    variant = p.variants[0]!.id;
  });
  after(async () => db.close());

  async function series(firstStart: string, extra = ''): Promise<SeriesResponse> {
    const res = await app.request(`/v1/embed/programs/split/slots/series?first_start=${encodeURIComponent(firstStart)}&tz=Europe/Zurich&variant=${variant}${extra}`, { headers: flowKey });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<SeriesResponse>;
  }
  const customer = () => ({ name: 'Lea Split', email: `${randomUUID().slice(0, 8)}@example.ch`, locale: 'en', timezone: 'Europe/Zurich' });
  const book = (firstStart: string) => postJson(app, '/v1/embed/bookings', { program: 'split', variant, customer: customer(), sessions: { mode: 'cadence', first_start: firstStart } });

  test('a free series: six weekly sessions at the same local time, all free, with the instructor', async () => {
    const r = await series('2026-12-02T07:00:00.000Z');
    assert.equal(r.ok, true);
    assert.deepEqual(r.instructor, { id: FLOW.luca, name: 'Luca Brunner' });
    assert.deepEqual(r.sessions.map((s) => [s.start, s.status, s.alternatives.length]), [
      ['2026-12-02T07:00:00.000Z', 'free', 0], ['2026-12-09T07:00:00.000Z', 'free', 0], ['2026-12-16T07:00:00.000Z', 'free', 0],
      ['2026-12-23T07:00:00.000Z', 'free', 0], ['2026-12-30T07:00:00.000Z', 'free', 0], ['2027-01-06T07:00:00.000Z', 'free', 0],
    ]);
    assert.equal(r.sessions[0]!.end, '2026-12-02T08:00:00.000Z');
    // A booking's remaining sessions (the portal): fewer of them, never more than the variant has.
    const four = await series('2026-12-02T07:00:00.000Z', '&count=4');
    assert.deepEqual(four.sessions.map((s) => s.start), r.sessions.slice(0, 4).map((s) => s.start));
    const tooMany = await app.request(`/v1/embed/programs/split/slots/series?first_start=2026-12-02T07:00:00.000Z&tz=Europe/Zurich&variant=${variant}&count=7`, { headers: flowKey });
    assert.equal(tooMany.status, 400);
    assert.deepEqual(((await tooMany.json()) as { errors: { field: string }[] }).errors.map((e) => e.field), ['count']);
  });

  test('a clash in week 3 is named with alternatives before anything is reserved, as the booking would answer it', async () => {
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
      values (${FLOW.org}, 'time_off', 'active', ${FLOW.luca}, tstzrange('2026-12-17T06:30Z', '2026-12-17T08:30Z', '[)'), 'Europe/Zurich')`));
    const r = await series('2026-12-03T07:00:00.000Z');
    assert.equal(r.ok, false);
    assert.deepEqual(r.sessions.map((s) => s.status), ['free', 'free', 'taken', 'free', 'free', 'free']);
    const alts = r.sessions[2]!.alternatives;
    assert.ok(alts.length > 0, 'alternatives offered');
    for (const a of alts) {
      assert.equal(a.instructor.id, FLOW.luca);
      assert.ok(Math.abs(Date.parse(a.start) - Date.parse('2026-12-17T07:00:00.000Z')) <= 3 * DAY);
    }
    const res = await book('2026-12-03T07:00:00.000Z');
    assert.equal(res.status, 409);
    const p = await problemOf(res);
    assert.equal(p.code, 'slot_taken');
    assert.deepEqual(p.conflicts!.map((c) => c.start), ['2026-12-17T07:00:00.000Z']);
  });

  test('the customer\'s own starts, once an alternative was chosen, are checked again: free as chosen, or the new clash named', async () => {
    // Week 3 (17 Dec) is blocked by the previous test; the customer took an alternative, 18 Dec at the same time.
    const own = ['2026-12-03', '2026-12-10', '2026-12-18', '2026-12-24', '2026-12-31', '2027-01-07'].map((d) => `${d}T07:00:00.000Z`);
    const r = await series(own[0]!, `&starts=${encodeURIComponent(own.join(','))}`);
    assert.equal(r.ok, true, JSON.stringify(r.sessions.map((x) => x.status)));
    assert.deepEqual(r.sessions.map((x) => x.start), own);
    // The alternative was taken meanwhile: the re-check names it.
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
      values (${FLOW.org}, 'time_off', 'active', ${FLOW.luca}, tstzrange('2026-12-18T06:30Z', '2026-12-18T07:45Z', '[)'), 'Europe/Zurich')`));
    const again = await series(own[0]!, `&starts=${encodeURIComponent(own.join(','))}`);
    assert.equal(again.ok, false);
    assert.deepEqual(again.sessions.map((x) => x.status), ['free', 'free', 'taken', 'free', 'free', 'free']);
    assert.ok(again.sessions[2]!.alternatives.length > 0);
    const bad = await app.request(`/v1/embed/programs/split/slots/series?first_start=${encodeURIComponent(own[0]!)}&starts=${encodeURIComponent([own[1], own[0]].join(','))}&tz=Europe/Zurich&variant=${variant}`, { headers: flowKey });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['starts']);
  });

  test('the horizon: first starts whose series would run past it are not offered, and the answer says the last date', async () => {
    // 90 days from 25 Nov 2026 08:00Z: 23 Feb 2027; six weekly sessions need 35 days after the first
    const slots = async (date: string, withVariant: boolean) => {
      const res = await app.request(`/v1/embed/programs/split/slots?from=${date}&to=${date}&tz=Europe/Zurich${withVariant ? `&variant=${variant}` : ''}`, { headers: flowKey });
      assert.equal(res.status, 200);
      return res.json() as Promise<SlotsResponse>;
    };
    const late = await slots('2027-02-10', true);
    assert.deepEqual(late.days[0]!.slots, [], 'a first start on 10 Feb cannot hold its sixth session (17 Mar)');
    assert.equal(late.last_date, '2027-01-19');
    assert.ok((await slots('2027-01-19', true)).days[0]!.slots.length > 0, 'the last date still offers times');
    assert.deepEqual((await slots('2027-01-20', true)).days[0]!.slots, []);
    const r = await series('2027-02-10T07:00:00.000Z');
    assert.equal(r.ok, false);
    assert.deepEqual(r.sessions.map((s) => s.status), ['free', 'free', 'unavailable', 'unavailable', 'unavailable', 'unavailable']);
  });

  test('release: a reserved booking gives its times back at once; the series is free again', async () => {
    const first = '2026-12-04T08:00:00.000Z';
    const res = await book(first);
    assert.equal(res.status, 201, await res.clone().text());
    const b = await res.json() as CreatedBooking;
    assert.equal((await series(first)).ok, false, 'held by the booking');
    const noToken = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {});
    assert.equal(noToken.status, 404);
    const noKey = await app.request(`/v1/embed/bookings/${b.id}/release`, { method: 'POST', headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    const key = randomUUID();
    const released = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {}, { 'Tandem-Booking-Token': b.client_token, 'Idempotency-Key': key });
    assert.equal(released.status, 200, await released.clone().text());
    assert.equal((await released.json() as { status: string }).status, 'cancelled');
    const blocks = await query(db.db, sql`select k.status::text as status from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = ${b.id}`);
    assert.deepEqual(blocks.map((x) => x.status), Array(6).fill('cancelled'));
    const [event] = await query(db.db, sql`select type from domain_events where subject_id = ${b.id} and type = 'booking.hold_released'`);
    assert.ok(event, 'recorded');
    assert.equal((await series(first)).ok, true, 'free again');
    const again = await postJson(app, `/v1/embed/bookings/${b.id}/release`, {}, { 'Tandem-Booking-Token': b.client_token, 'Idempotency-Key': key });
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    const rebooked = await book(first);
    assert.equal(rebooked.status, 201);
  });
});
