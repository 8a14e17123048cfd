/**
 * Availability through the admin API: weekly hours (wall-clock across DST), overrides, time off,
 * closures, classes, calendar feeds and rooms; who may change whose; changes that would strand
 * booked sessions refused with them (409) or kept with `force` and answered with them; the slots
 * answer changes at once. Noemi teaches Reiki (Mon/Wed/Fri 10–17, Sat 9–13, Zurich).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, DEMO_ORIGIN, testConfig } from '../../support/app.ts';
import { Clock, problemOf, fieldsOf, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { getText } from '../../../server/platform/adapters/http/get-text.ts';
import type { ChangeOut, WeekOut } from '../../../schema/api/admin-availability.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('availability in the admin API', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));
  let owner: StaffSession; let noemi: StaffSession; let mara: StaffSession;
  let sessionId: string; let bookingId: string;
  let feedServer: Server; let feedUrl = '';
  let feedText = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
    const reiki = (await demoVariants(app)).reiki![0]!;
    // Wednesday 9 December, 10:00 Zurich.
    const paid = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    bookingId = paid.booking.id;
    sessionId = paid.booking.sessions[0]!.id;
    feedServer = createServer((_, res) => { res.writeHead(200, { 'Content-Type': 'text/calendar' }); res.end(feedText); });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/noemi.ics`;
  });
  after(async () => { feedServer.close(); await db.close(); });

  function send(method: string, path: string, body: unknown, who: StaffSession, key = randomUUID()): Promise<Response> {
    return Promise.resolve(app.request(path, { method, headers: { ...who.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }));
  }
  async function reikiSlots(date: string): Promise<string[]> {
    const res = await app.request(`/v1/embed/programs/reiki/slots?from=${date}&to=${date}&tz=Europe/Zurich`, { headers: { ...flowKey, Origin: DEMO_ORIGIN } });
    assert.equal(res.status, 200);
    const body = await res.json() as { days: { slots: { local_start: string }[] }[] };
    return body.days.flatMap((d) => d.slots.map((s) => s.local_start));
  }
  async function week(who: StaffSession, q: string): Promise<WeekOut> {
    const res = await app.request(`/v1/admin/availability?${q}`, { headers: who.headers });
    assert.equal(res.status, 200, await res.clone().text());
    return await res.json() as WeekOut;
  }
  const noemiHours = (extra: object[] = []) => ({ hours: [1, 3, 5].map((weekday) => ({ weekday, start: '10:00', end: '17:00' })).concat([{ weekday: 6, start: '09:00', end: '13:00' }], extra as never[]) });

  test('the week: hours, open time, sessions and closures together; an instructor reads only their own', async () => {
    const w = await week(noemi, 'from=2026-12-07');
    assert.equal(w.instructor.id, FLOW.noemi);
    assert.deepEqual(w.instructors.map((i) => i.id), [FLOW.noemi]);
    assert.equal(w.weekly.length, 4);
    assert.deepEqual(w.sessions.map((s) => s.id), [sessionId]);
    assert.equal(w.open[0]!.starts_at, '2026-12-07T09:00:00.000Z'); // Monday 10:00 Zurich
    const byOwner = await week(owner, `instructor=${FLOW.noemi}&from=2026-12-07`);
    assert.deepEqual(byOwner.sessions.map((s) => s.id), [sessionId]);
    assert.ok(byOwner.instructors.length >= 3);
    const other = await app.request(`/v1/admin/availability?instructor=${FLOW.noemi}`, { headers: mara.headers });
    assert.equal(other.status, 404);
    assert.equal((await problemOf(other)).code, 'not_found');
  });

  test('weekly hours are wall-clock: 08:00 Zurich is 07:00 UTC before the March switch and 06:00 UTC after', async () => {
    const res = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, noemiHours([{ weekday: 2, start: '08:00', end: '09:00' }]), noemi);
    assert.equal(res.status, 200, await res.clone().text());
    const w = await week(noemi, 'from=2027-03-22&days=14');
    const tuesdays = w.open.filter((o) => new Date(o.starts_at).getUTCDay() === 2).map((o) => o.starts_at);
    assert.deepEqual(tuesdays, ['2027-03-23T07:00:00.000Z', '2027-03-30T06:00:00.000Z']);
    assert.deepEqual(await reikiSlots('2026-12-08'), [], 'a 75-minute session does not fit an hour');
    const back = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, noemiHours(), noemi);
    assert.equal(back.status, 200);
  });

  test('dropping Wednesday would strand the booked session: 409 with it, nothing changed; with force it is kept and listed', async () => {
    const without = { hours: noemiHours().hours.filter((h) => h.weekday !== 3) };
    const refused = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, without, noemi);
    assert.equal(refused.status, 409);
    const p = await problemOf(refused) as Awaited<ReturnType<typeof problemOf>> & { sessions: { id: string; booking_id: string; starts_at: string }[] };
    assert.equal(p.code, 'sessions_in_the_way');
    assert.deepEqual(p.sessions.map((s) => [s.id, s.booking_id, s.starts_at]), [[sessionId, bookingId, '2026-12-09T09:00:00.000Z']]);
    const rules = await query(db.db, sql`select count(*)::int as n from availability_rules where instructor_id = ${FLOW.noemi} and weekday = 3`);
    assert.equal(rules[0]!.n, 1, 'the refused change rolled back');

    const key = randomUUID();
    const forced = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, { ...without, force: true }, noemi, key);
    assert.equal(forced.status, 200);
    const kept = await forced.json() as ChangeOut;
    assert.deepEqual(kept.stranded.map((s) => s.id), [sessionId]);
    const replay = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, { ...without, force: true }, noemi, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await replay.json(), kept);
    const [event] = await query(db.db, sql`select payload from domain_events where type = 'availability.changed' and payload->>'forced' = 'true'`);
    assert.deepEqual((event!.payload as { stranded_session_ids: string[] }).stranded_session_ids, [sessionId]);
    assert.deepEqual(await reikiSlots('2026-12-16'), [], 'no Wednesday slots any more, at once');
    assert.equal((await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, noemiHours(), owner)).status, 200);
    assert.ok((await reikiSlots('2026-12-16')).length > 0, 'Wednesday is back');
  });

  test('instructor B cannot change instructor A\'s hours (404); another studio\'s manager neither', async () => {
    const res = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, noemiHours(), mara);
    assert.equal(res.status, 404);
    assert.equal((await problemOf(res)).code, 'not_found');
    const off = await send('POST', `/v1/admin/availability/${FLOW.noemi}/time-off`, { starts_at: '2026-12-20T08:00:00Z', ends_at: '2026-12-20T10:00:00Z' }, mara);
    assert.equal(off.status, 404);
  });

  test('an owner who delivers a program is listed for a manager, who may keep the owner\'s hours; an instructor may not', async () => {
    const [mia] = await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia.av@studioflow.example', 'Europe/Zurich') returning id`);
    const manager = await signIn(app, db.db, 'mia.av@studioflow.example');
    const before = await week(manager, 'from=2026-12-07');
    assert.ok(!before.instructors.some((i) => i.id === FLOW.owner), 'an owner who teaches nothing is not on the list');
    const [reiki] = await query(db.db, sql`select id from programs where org_id = ${FLOW.org} and slug = 'reiki'`);
    await query(db.db, sql`insert into program_instructors (org_id, program_id, staff_id) values (${FLOW.org}, ${reiki!.id}, ${FLOW.owner})`);
    try {
      const listed = await week(manager, 'from=2026-12-07');
      assert.ok(listed.instructors.some((i) => i.id === FLOW.owner), 'the owner delivers Reiki');
      assert.ok(listed.instructors.some((i) => i.id === String(mia!.id)), 'and oneself');
      const hours = { hours: [{ weekday: 2, start: '08:00', end: '12:00' }] };
      const kept = await send('PUT', `/v1/admin/availability/${FLOW.owner}/weekly`, hours, manager);
      assert.equal(kept.status, 200, await kept.clone().text());
      const owners = await week(manager, `instructor=${FLOW.owner}&from=2026-12-07`);
      assert.deepEqual(owners.weekly.map((h) => [h.weekday, h.start, h.end]), [[2, '08:00', '12:00']]);
      assert.equal(owners.open[0]!.starts_at, '2026-12-08T07:00:00.000Z');
      const byInstructor = await send('PUT', `/v1/admin/availability/${FLOW.owner}/weekly`, hours, noemi);
      assert.equal(byInstructor.status, 404);
    } finally {
      await query(db.db, sql`delete from program_instructors where org_id = ${FLOW.org} and staff_id = ${FLOW.owner}`);
      await query(db.db, sql`delete from availability_rules where org_id = ${FLOW.org} and instructor_id = ${FLOW.owner}`);
    }
  });

  test('bad input is 400 with the fields; no Idempotency-Key is 400', async () => {
    const bad = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, { hours: [{ weekday: 8, start: '9:00', end: '08:00' }, { weekday: 1, start: '12:00', end: '10:00' }] }, owner);
    assert.equal(bad.status, 400);
    const fields = fieldsOf(await problemOf(bad));
    for (const f of ['hours.0.weekday', 'hours.0.start', 'hours.1']) assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
    const override = await send('POST', `/v1/admin/availability/${FLOW.noemi}/overrides`, { date: '2026-02-30', kind: 'closed' }, owner);
    assert.equal(override.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(override)), ['date']);
    const gone = await send('DELETE', `/v1/admin/availability/${FLOW.noemi}/overrides/2026-02-30`, {}, owner);
    assert.equal(gone.status, 400);
    const loc = await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, { hours: [{ weekday: 1, start: '09:00', end: '10:00', location_id: randomUUID() }] }, owner);
    assert.equal(loc.status, 400);
    assert.deepEqual(fieldsOf(await problemOf(loc)), ['hours.0.location_id']);
    const noKey = await app.request('/v1/admin/closures', { method: 'POST', headers: { ...owner.headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ starts_on: '2026-12-25', ends_on: '2026-12-26', name: 'Christmas' }) });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
  });

  test('date overrides: a closed Friday takes its slots away at once; removing it brings them back', async () => {
    assert.ok((await reikiSlots('2026-12-11')).length > 0);
    const res = await send('POST', `/v1/admin/availability/${FLOW.noemi}/overrides`, { date: '2026-12-11', kind: 'closed' }, noemi);
    assert.equal(res.status, 201, await res.clone().text());
    assert.deepEqual(await reikiSlots('2026-12-11'), []);
    const extra = await send('POST', `/v1/admin/availability/${FLOW.noemi}/overrides`, { date: '2026-12-11', kind: 'replace', intervals: [{ start: '14:00', end: '16:00' }] }, noemi);
    assert.equal(extra.status, 201);
    assert.deepEqual((await reikiSlots('2026-12-11'))[0], '14:00');
    const gone = await send('DELETE', `/v1/admin/availability/${FLOW.noemi}/overrides/2026-12-11`, {}, noemi);
    assert.equal(gone.status, 200);
    assert.equal((await reikiSlots('2026-12-11'))[0], '10:00');
    const closeBooked = await send('POST', `/v1/admin/availability/${FLOW.noemi}/overrides`, { date: '2026-12-09', kind: 'closed' }, noemi);
    assert.equal(closeBooked.status, 409);
    assert.equal((await problemOf(closeBooked)).code, 'sessions_in_the_way');
  });

  test('closures: owners and managers close the studio for everyone; slots skip the day; a closed day with a session is refused', async () => {
    const byInstructor = await send('POST', '/v1/admin/closures', { starts_on: '2026-12-25', ends_on: '2026-12-26', name: 'Weihnachten' }, noemi);
    assert.equal(byInstructor.status, 403);
    assert.ok((await reikiSlots('2026-12-18')).length > 0);
    const res = await send('POST', '/v1/admin/closures', { starts_on: '2026-12-18', ends_on: '2026-12-19', name: 'Studio-Fest' }, owner);
    assert.equal(res.status, 201, await res.clone().text());
    const [closureId] = (await res.json() as ChangeOut).ids;
    assert.deepEqual(await reikiSlots('2026-12-18'), []);
    assert.deepEqual(await reikiSlots('2026-12-19'), []);
    const list = await (await app.request('/v1/admin/closures', { headers: noemi.headers })).json() as { closures: { id: string; timezone: string }[] };
    assert.deepEqual(list.closures.map((c) => [c.id, c.timezone]), [[closureId, 'Europe/Zurich']]);
    const onSession = await send('POST', '/v1/admin/closures', { starts_on: '2026-12-09', ends_on: '2026-12-09', name: 'Busy day' }, owner);
    assert.equal(onSession.status, 409);
    const p = await problemOf(onSession) as { sessions?: { id: string }[] };
    assert.deepEqual(p.sessions?.map((s) => s.id), [sessionId]);
    const bad = await send('POST', '/v1/admin/closures', { starts_on: '2026-12-20', ends_on: '2026-12-19', name: '' }, owner);
    assert.deepEqual(fieldsOf(await problemOf(bad)), ['ends_on', 'name']);
    assert.equal((await send('DELETE', `/v1/admin/closures/${closureId}`, {}, owner)).status, 200);
    assert.ok((await reikiSlots('2026-12-18')).length > 0);
  });

  test('time off over the session: 409; with force kept around it; elsewhere it takes the slots', async () => {
    const over = { starts_at: '2026-12-09T08:00:00Z', ends_at: '2026-12-09T12:00:00Z', note: 'Dentist' };
    const refused = await send('POST', `/v1/admin/availability/${FLOW.noemi}/time-off`, over, noemi);
    assert.equal(refused.status, 409);
    const forced = await send('POST', `/v1/admin/availability/${FLOW.noemi}/time-off`, { ...over, force: true }, noemi);
    assert.equal(forced.status, 201, await forced.clone().text());
    const kept = await forced.json() as ChangeOut;
    assert.deepEqual(kept.stranded.map((s) => s.id), [sessionId]);
    assert.equal(kept.ids.length, 2, 'before and after the session');
    const w = await week(noemi, 'from=2026-12-07');
    assert.deepEqual(w.time_off.map((t) => [t.starts_at, t.ends_at]), [['2026-12-09T08:00:00.000Z', '2026-12-09T09:00:00.000Z'], ['2026-12-09T10:30:00.000Z', '2026-12-09T12:00:00.000Z']]); // the session's block ends with its 15-minute buffer
    for (const id of kept.ids) assert.equal((await send('DELETE', `/v1/admin/availability/${FLOW.noemi}/time-off/${id}`, {}, noemi)).status, 200);
    const friday = await send('POST', `/v1/admin/availability/${FLOW.noemi}/time-off`, { starts_at: '2026-12-11T09:00:00Z', ends_at: '2026-12-11T16:00:00Z' }, owner);
    assert.equal(friday.status, 201);
    assert.deepEqual(await reikiSlots('2026-12-11'), []);
  });

  test('group classes block the instructor and the room; never over a session', async () => {
    const byInstructor = await send('POST', '/v1/admin/classes', { instructor_id: FLOW.noemi, title: 'Yin', starts_at: '2026-12-14T09:00:00Z', ends_at: '2026-12-14T16:00:00Z' }, noemi);
    assert.equal(byInstructor.status, 403);
    const over = await send('POST', '/v1/admin/classes', { instructor_id: FLOW.noemi, title: 'Yin', starts_at: '2026-12-09T09:30:00Z', ends_at: '2026-12-09T10:30:00Z', force: true }, owner);
    assert.equal(over.status, 409);
    const res = await send('POST', '/v1/admin/classes', { instructor_id: FLOW.noemi, title: 'Yin', starts_at: '2026-12-14T09:00:00Z', ends_at: '2026-12-14T16:00:00Z' }, owner);
    assert.equal(res.status, 201, await res.clone().text());
    assert.deepEqual(await reikiSlots('2026-12-14'), []);
    const same = await send('POST', '/v1/admin/classes', { instructor_id: FLOW.noemi, title: 'Again', starts_at: '2026-12-14T10:00:00Z', ends_at: '2026-12-14T11:00:00Z' }, owner);
    assert.equal(same.status, 409);
    assert.equal((await problemOf(same)).code, 'conflict');
    const [id] = (await res.json() as ChangeOut).ids;
    assert.equal((await send('DELETE', `/v1/admin/classes/${id}`, {}, owner)).status, 200);
    assert.ok((await reikiSlots('2026-12-14')).length > 0);
  });

  test('an .ics feed is fetched by a job: its events (a weekly RRULE included) block the instructor; those over a session are left out', async () => {
    feedText = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
      'BEGIN:VEVENT', 'UID:weekly-1@example', 'DTSTAMP:20261101T000000Z', 'DTSTART;TZID=Europe/Zurich:20261207T100000', 'DTEND;TZID=Europe/Zurich:20261207T170000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Other studio', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:clash@example', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261209T090000Z', 'DTEND:20261209T100000Z', 'SUMMARY:Clash', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:free@example', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261211T090000Z', 'DTEND:20261211T100000Z', 'TRANSP:TRANSPARENT', 'SUMMARY:Free', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const res = await send('POST', '/v1/admin/calendar-feeds', { instructor_id: FLOW.noemi, url: feedUrl, label: 'Other studio' }, noemi);
    assert.equal(res.status, 201, await res.clone().text());
    const feed = await res.json() as { id: string };
    assert.equal((await send('POST', '/v1/admin/calendar-feeds', { instructor_id: FLOW.noemi, url: feedUrl }, noemi)).status, 409);
    assert.ok((await reikiSlots('2026-12-21')).length > 0);
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
    const classes = await query(db.db, sql`select title, starts_at from class_occurrences where feed_id = ${feed.id} order by starts_at`);
    assert.deepEqual(classes.map((c) => new Date(String(c.starts_at)).toISOString()), ['2026-12-07T09:00:00.000Z', '2026-12-14T09:00:00.000Z', '2026-12-21T09:00:00.000Z']);
    assert.deepEqual(await reikiSlots('2026-12-21'), []);
    const feeds = await (await app.request('/v1/admin/calendar-feeds', { headers: noemi.headers })).json() as { feeds: { events_imported: number; last_error: string | null }[] };
    assert.equal(feeds.feeds[0]!.events_imported, 3);
    assert.match(feeds.feeds[0]!.last_error ?? '', /^1 event/);
    const w = await week(noemi, 'from=2026-12-21');
    assert.deepEqual(w.classes.map((c) => c.feed_id), [feed.id]);
    const byMara = await send('DELETE', `/v1/admin/calendar-feeds/${feed.id}`, {}, mara);
    assert.equal(byMara.status, 404);
    assert.equal((await send('DELETE', `/v1/admin/calendar-feeds/${feed.id}`, {}, noemi)).status, 200);
    assert.ok((await reikiSlots('2026-12-21')).length > 0, 'its classes went with it');
  });

  test('feeds are read again on a schedule: the runner sends the refresh every quarter hour; a feed read 6 hours ago is fetched again', async () => {
    const event = (uid: string, day: string) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261101T000000Z', `DTSTART:${day}T090000Z`, `DTEND:${day}T100000Z`, 'SUMMARY:Elsewhere', 'END:VEVENT'];
    const calendar = (...events: string[][]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
    feedText = calendar(event('a@example', '20261228'));
    const res = await send('POST', '/v1/admin/calendar-feeds', { instructor_id: FLOW.noemi, url: `${feedUrl}?refresh`, label: 'Refresh' }, owner);
    assert.equal(res.status, 201, await res.clone().text());
    const feed = await res.json() as { id: string };
    const jobsAt = (now: () => Date) => jobDefinitions({ db: db.db, now, config: testConfig, payments: testProvider(), mailer: localMailer() });
    const titles = async () => (await query(db.db, sql`select starts_at from class_occurrences where feed_id = ${feed.id} order by starts_at`)).map((c) => new Date(String(c.starts_at)).toISOString());
    try {
      await runDueJobs(db.executor, jobsAt(clock.now));
      assert.deepEqual(await titles(), ['2026-12-28T09:00:00.000Z']);
      feedText = calendar(event('a@example', '20261228'), event('b@example', '20261230'));
      const { queueDueFeeds, FEED_REFRESH_QUEUE } = await import('../../../server/modules/availability/index.ts');
      const at = (hours: number) => () => new Date(clock.now().getTime() + hours * 3_600_000);
      assert.equal(await queueDueFeeds({ db: db.db, now: at(5) }), 0, 'read 5 hours ago: not yet');
      await runDueJobs(db.executor, jobsAt(at(5)));
      assert.deepEqual(await titles(), ['2026-12-28T09:00:00.000Z']);
      assert.equal(await queueDueFeeds({ db: db.db, now: at(7) }), 1, 'read 7 hours ago: again');
      assert.equal(await queueDueFeeds({ db: db.db, now: at(7) }), 1, 'answered again while its fetch waits…');
      const waiting = await query(db.db, sql`select count(*)::int as n from pgboss.job where name = 'availability.feed-sync' and state = 'created' and data->>'feedId' = ${feed.id}`);
      assert.equal(waiting[0]!.n, 1, '…but queued once');
      await runDueJobs(db.executor, jobsAt(at(7)));
      assert.deepEqual(await titles(), ['2026-12-28T09:00:00.000Z', '2026-12-30T09:00:00.000Z']);
      // A request acting for a studio gets no answer from the function that lists every studio's feeds.
      const { withCaller } = await import('../../../server/platform/db/identity.ts');
      const asOwner = await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`select * from calendar_feeds_due(now() + interval '1 year', 10)`));
      assert.equal((asOwner as unknown as { rows?: unknown[] }).rows?.length ?? (asOwner as unknown as unknown[]).length, 0);
      // The runner keeps the schedule in the database.
      const { startJobRunner } = await import('../../../server/platform/jobs/queue.ts');
      const runner = await startJobRunner(db.executor, jobsAt(clock.now), { pollingIntervalSeconds: 30 });
      try {
        const [scheduled] = await query(db.db, sql`select cron from pgboss.schedule where name = ${FEED_REFRESH_QUEUE}`);
        assert.equal(scheduled?.cron, '*/15 * * * *');
      } finally { await runner.stop(); }
    } finally {
      assert.equal((await send('DELETE', `/v1/admin/calendar-feeds/${feed.id}`, {}, owner)).status, 200);
    }
  });

  test('feeds are fetched like webhooks: private addresses refused in production, https only', async () => {
    const refused = await getText(feedUrl, { timeoutMs: 2000, byteLimit: 1000, allowPrivate: false });
    assert.match(refused.error ?? '', /private address/);
    const { addFeed } = await import('../../../server/modules/availability/index.ts');
    const { withCaller } = await import('../../../server/platform/db/identity.ts');
    await assert.rejects(withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) =>
      addFeed(tx, { orgId: FLOW.org, role: 'owner', staffId: FLOW.owner }, { instructor_id: FLOW.noemi, url: 'http://127.0.0.1/x.ics', label: '' }, { now: clock.now(), config: testConfig }, false)),
    (e: { extra?: { errors?: { field: string; message: string }[] } }) => e.extra?.errors?.[0]?.field === 'url');
  });

  test('rooms: everyone on the staff reads them, owners and managers add them', async () => {
    const list = await (await app.request('/v1/admin/rooms', { headers: noemi.headers })).json() as { locations: { id: string; rooms: { name: string }[] }[] };
    assert.ok(list.locations[0]!.rooms.length >= 1);
    assert.equal((await send('POST', '/v1/admin/rooms', { location_id: list.locations[0]!.id, name: 'Cedar' }, noemi)).status, 403);
    const added = await send('POST', '/v1/admin/rooms', { location_id: list.locations[0]!.id, name: 'Cedar' }, owner);
    assert.equal(added.status, 201);
    const bad = await send('POST', '/v1/admin/rooms', { location_id: randomUUID(), name: 'X' }, owner);
    assert.deepEqual(fieldsOf(await problemOf(bad)), ['location_id']);
  });

  test('weekly hours kept for another location do not open a program at this one', async () => {
    const [loc] = await query(db.db, sql`insert into locations (org_id, name, timezone) values (${FLOW.org}, 'Oerlikon', 'Europe/Zurich') returning id`);
    const hours = { hours: noemiHours().hours.filter((h) => h.weekday !== 2).concat([{ weekday: 2, start: '10:00', end: '17:00', location_id: String(loc!.id) } as never]) };
    assert.equal((await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, hours, owner)).status, 200);
    assert.deepEqual(await reikiSlots('2026-12-15'), [], 'Reiki is at Langstrasse');
    const here = { hours: hours.hours.slice(0, -1).concat([{ weekday: 2, start: '10:00', end: '17:00', location_id: FLOW.studio } as never]) };
    assert.equal((await send('PUT', `/v1/admin/availability/${FLOW.noemi}/weekly`, here, owner)).status, 200);
    assert.ok((await reikiSlots('2026-12-15')).length > 0);
  });
});
