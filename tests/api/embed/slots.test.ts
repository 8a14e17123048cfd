import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey } from '../../support/app.ts';
import { Clock, asSystem, fieldsOf, problemOf } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * Demo hours used here (Europe/Zurich): Noemi (Reiki: 75 min, 15 min after, 15-min step,
 * 12 h notice, 60-day horizon, needs the Lotus room) Mon/Wed/Fri 10–17, Sat 9–13.
 * Mara and Luca teach private yoga (by_link). Group classes of the seed (Mara Mon 16:00,
 * Luca Tue 18:00 / Thu 18:30) are avoided.
 */
describe('GET /v1/embed/programs/:slug/slots', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  async function slots(query: string, key = flowKey, slug = 'reiki'): Promise<SlotsResponse> {
    const res = await app.request(`/v1/embed/programs/${slug}/slots?${query}`, { headers: key });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<SlotsResponse>;
  }
  const day = (r: SlotsResponse, date: string) => r.days.find((d) => d.date === date)!.slots;
  const locals = (r: SlotsResponse, date: string) => day(r, date).map((s) => s.local_start);

  describe('the answer', () => {
    test('the contract: zone, every date of the range, UTC starts, local display fields, instructor', async () => {
      clock.set('2026-11-25T08:00:00Z');
      const r = await slots('from=2026-12-01&to=2026-12-14&tz=Europe/Zurich');
      assert.equal(r.timezone, 'Europe/Zurich');
      assert.equal(r.days.length, 14);
      assert.deepEqual(r.days.map((d) => d.date).slice(0, 3), ['2026-12-01', '2026-12-02', '2026-12-03']);
      assert.deepEqual(day(r, '2026-12-01'), [], 'Tuesday: Noemi does not work');
      const first = day(r, '2026-12-02')[0]!;
      assert.deepEqual(first, {
        start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T10:15:00.000Z', local_start: '10:00', local_end: '11:15',
        instructor: { id: FLOW.noemi, name: 'Noemi Frei' },
      });
      // 10:00 … 15:45 every 15 minutes: the 75-minute session ends by 17:00
      assert.equal(day(r, '2026-12-02').length, 24);
      assert.equal(locals(r, '2026-12-02').at(-1), '15:45');
      assert.deepEqual(locals(r, '2026-12-05').slice(0, 2), ['09:00', '09:15'], 'Saturday 9–13');
      assert.equal(day(r, '2026-12-05').length, 12);
    });

    test('a customer in New York sees the same instants on their own clock and dates', async () => {
      const r = await slots('from=2026-12-02&to=2026-12-02&tz=America/New_York');
      assert.equal(r.timezone, 'America/New_York');
      const s = day(r, '2026-12-02');
      assert.equal(s.length, 24);
      assert.equal(s[0]!.start, '2026-12-02T09:00:00.000Z');
      assert.equal(s[0]!.local_start, '04:00');
      assert.equal(s.at(-1)!.local_end, '11:00');
    });

    test("days are the customer's local dates: Auckland's evening and the next morning", async () => {
      const r = await slots('from=2026-12-02&to=2026-12-03&tz=Pacific/Auckland');
      // Zurich Wed 10:00–15:45 is Auckland (UTC+13) Wed 22:00 – Thu 03:45
      assert.deepEqual(locals(r, '2026-12-02'), ['22:00', '22:15', '22:30', '22:45', '23:00', '23:15', '23:30', '23:45']);
      assert.equal(locals(r, '2026-12-03')[0], '00:00');
      assert.equal(locals(r, '2026-12-03').at(-1), '03:45');
      assert.equal(day(r, '2026-12-03').length, 16);
    });

    test('the zone name is answered in its canonical spelling', async () => {
      const r = await slots('from=2026-12-02&to=2026-12-02&tz=europe/zurich');
      assert.equal(r.timezone, 'Europe/Zurich');
      assert.equal(locals(r, '2026-12-02')[0], '10:00');
    });
  });

  describe('what is offered', () => {
    test('minimum notice: nothing within 12 hours of now', async () => {
      clock.set('2026-12-02T00:00:00Z');
      const r = await slots('from=2026-12-02&to=2026-12-02&tz=Europe/Zurich');
      assert.equal(day(r, '2026-12-02')[0]!.start, '2026-12-02T12:00:00.000Z');
      assert.equal(locals(r, '2026-12-02')[0], '13:00');
      clock.set('2026-11-25T08:00:00Z');
    });

    test('horizon: nothing beyond 60 days from now', async () => {
      const r = await slots('from=2027-01-20&to=2027-01-29&tz=Europe/Zurich');
      assert.ok(day(r, '2027-01-22').length > 0, 'Friday 22 January is within 60 days');
      assert.deepEqual(day(r, '2027-01-25'), [], 'Monday 25 January is beyond');
    });

    test('DST spring, Zurich: 10:00 stays 10:00 local, the UTC instant moves', async () => {
      clock.set('2027-03-01T08:00:00Z');
      const r = await slots('from=2027-03-26&to=2027-03-29&tz=Europe/Zurich');
      assert.equal(day(r, '2027-03-26')[0]!.start, '2027-03-26T09:00:00.000Z');
      assert.equal(day(r, '2027-03-27')[0]!.start, '2027-03-27T08:00:00.000Z', 'Saturday 09:00 CET');
      assert.deepEqual(day(r, '2027-03-28'), []);
      assert.equal(day(r, '2027-03-29')[0]!.start, '2027-03-29T08:00:00.000Z', 'Monday 10:00 CEST');
      assert.equal(locals(r, '2027-03-29')[0], '10:00');
      assert.equal(day(r, '2027-03-29').length, 24);
      clock.set('2026-11-25T08:00:00Z');
    });

    test('DST autumn, Zurich: same local hours, one hour later in UTC, no repeated slot', async () => {
      clock.set('2027-10-01T08:00:00Z');
      const r = await slots('from=2027-10-29&to=2027-11-01&tz=Europe/Zurich');
      assert.equal(day(r, '2027-10-29')[0]!.start, '2027-10-29T08:00:00.000Z');
      assert.equal(day(r, '2027-11-01')[0]!.start, '2027-11-01T09:00:00.000Z');
      const starts = r.days.flatMap((d) => d.slots.map((s) => s.start));
      assert.equal(new Set(starts).size, starts.length);
      clock.set('2026-11-25T08:00:00Z');
    });

    test('a New York customer between the two DST switches sees the five-hour gap', async () => {
      clock.set('2027-03-01T08:00:00Z');
      const r = await slots('from=2027-03-12&to=2027-04-02&tz=America/New_York');
      assert.equal(locals(r, '2027-03-12')[0], '04:00', 'both on standard time: six hours');
      assert.equal(locals(r, '2027-03-19')[0], '05:00', 'New York on summer time, Zurich not yet: five hours');
      assert.equal(locals(r, '2027-04-02')[0], '04:00', 'both on summer time: six hours');
      clock.set('2026-11-25T08:00:00Z');
    });

    test('the room: a session needing the Lotus room is offered only while the room is free', async () => {
      // Someone else's appointment in the Lotus room, Friday 4 December 12:00–13:00 local.
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into schedule_blocks (org_id, kind, status, resource_id, during, timezone, note)
        values (${FLOW.org}, 'appointment', 'active', ${FLOW.roomLotus}, tstzrange('2026-12-04T11:00Z', '2026-12-04T12:00Z', '[)'), 'Europe/Zurich', 'room maintenance')`));
      const r = await slots('from=2026-12-04&to=2026-12-04&tz=Europe/Zurich');
      const l = locals(r, '2026-12-04');
      assert.deepEqual(l.slice(0, 3), ['10:00', '10:15', '10:30'], '10:30 + 75 + 15 min ends at 12:00');
      assert.equal(l[3], '13:00');
      assert.ok(!l.includes('12:00') && !l.includes('10:45'));
    });

    test('busy time of the instructor (with buffers); an expired hold is not busy, a live one is', async () => {
      await asSystem(db.db, FLOW.org, async (tx) => {
        // time off Wednesday 9 December 14:00–15:00 local
        await tx.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
          values (${FLOW.org}, 'time_off', 'active', ${FLOW.noemi}, tstzrange('2026-12-09T13:00Z', '2026-12-09T14:00Z', '[)'), 'Europe/Zurich')`);
        // an expired hold Monday 7 December 10:00–11:30, a live one Friday 11 December 10:00–11:30
        await tx.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone, hold_expires_at)
          values (${FLOW.org}, 'session', 'held', ${FLOW.noemi}, tstzrange('2026-12-07T09:00Z', '2026-12-07T10:30Z', '[)'), 'Europe/Zurich', '2026-11-25T07:59:00Z'),
                 (${FLOW.org}, 'session', 'held', ${FLOW.noemi}, tstzrange('2026-12-11T09:00Z', '2026-12-11T10:30Z', '[)'), 'Europe/Zurich', '2026-11-25T08:10:00Z')`);
      });
      const r = await slots('from=2026-12-07&to=2026-12-11&tz=Europe/Zurich');
      const wed = locals(r, '2026-12-09');
      assert.ok(wed.includes('12:30') && !wed.includes('12:45'), '12:45 + 75 min + 15 min buffer would reach 14:15 > 14:00');
      assert.ok(!wed.includes('14:45') && wed.includes('15:00'));
      assert.equal(locals(r, '2026-12-07')[0], '10:00', 'the expired hold does not count');
      assert.equal(locals(r, '2026-12-11')[0], '11:30', 'the live hold does');
      clock.advance(11 * 60_000); // now past the second hold's expiry
      const later = await slots('from=2026-12-11&to=2026-12-11&tz=Europe/Zurich');
      assert.equal(locals(later, '2026-12-11')[0], '10:00');
      clock.set('2026-11-25T08:00:00Z');
    });

    test('several instructors: each slot names its instructor; ?instructor= narrows', async () => {
      const q = `from=2026-12-01&to=2026-12-01&tz=Europe/Zurich&link=${FLOW.privateYogaLink}`;
      const all = await slots(q, flowKey, 'private-yoga');
      const who = new Set(day(all, '2026-12-01').map((s) => s.instructor.name));
      assert.deepEqual([...who].sort(), ['Luca Brunner', 'Mara Keller']);
      const starts = day(all, '2026-12-01').map((s) => Date.parse(s.start));
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'sorted by start');
      const luca = await slots(`${q}&instructor=${FLOW.luca}`, flowKey, 'private-yoga');
      assert.ok(day(luca, '2026-12-01').length > 0);
      assert.ok(day(luca, '2026-12-01').every((s) => s.instructor.id === FLOW.luca));
      assert.equal(locals(luca, '2026-12-01')[0], '07:00');
    });
  });

  describe('refusals', () => {
    async function bad(query: string, slug = 'reiki') {
      const res = await app.request(`/v1/embed/programs/${slug}/slots?${query}`, { headers: flowKey });
      assert.equal(res.status, 400);
      const p = await problemOf(res);
      assert.equal(p.code, 'validation_failed');
      return fieldsOf(p);
    }
    test('a range over 62 days', async () => {
      assert.deepEqual(await bad('from=2026-12-01&to=2027-02-01&tz=Europe/Zurich'), ['to']);
      await slots('from=2026-12-01&to=2027-01-31&tz=Europe/Zurich'); // exactly 62 days
    });
    test('a reversed range', async () => {
      assert.deepEqual(await bad('from=2026-12-14&to=2026-12-01&tz=Europe/Zurich'), ['to']);
    });
    test('dates that are not dates', async () => {
      assert.deepEqual(await bad('from=2026-02-30&to=2026-03-02&tz=Europe/Zurich'), ['from']);
      assert.deepEqual(await bad('from=12/01/2026&to=2026-12-02&tz=Europe/Zurich'), ['from']);
      assert.deepEqual(await bad('from=2026-12-01&tz=Europe/Zurich'), ['to']);
    });
    test('an unknown or missing zone', async () => {
      assert.deepEqual(await bad('from=2026-12-01&to=2026-12-02&tz=Mars/Olympus_Mons'), ['tz']);
      assert.deepEqual(await bad('from=2026-12-01&to=2026-12-02&tz=%2B02:00'), ['tz']);
      assert.deepEqual(await bad('from=2026-12-01&to=2026-12-02'), ['tz']);
    });
    test('several wrong fields at once are all named', async () => {
      assert.deepEqual(await bad('from=2026-13-01&to=x&tz=Nowhere'), ['from', 'to', 'tz']);
    });
    test('an instructor who does not teach the program, a variant of another program', async () => {
      assert.deepEqual(await bad(`from=2026-12-01&to=2026-12-02&tz=Europe/Zurich&instructor=${FLOW.mara}`), ['instructor']);
      assert.deepEqual(await bad('from=2026-12-01&to=2026-12-02&tz=Europe/Zurich&instructor=luca'), ['instructor']);
      const evolve = await (await app.request('/v1/embed/programs/evolve', { headers: flowKey })).json() as { variants: { id: string }[] };
      assert.deepEqual(await bad(`from=2026-12-01&to=2026-12-02&tz=Europe/Zurich&variant=${evolve.variants[0]!.id}`), ['variant']);
    });
    test('unknown, by_link without its token, or another org\'s program: 404', async () => {
      for (const [slug, key] of [['nope', flowKey], ['private-yoga', flowKey], ['reiki', nordKey]] as const) {
        const res = await app.request(`/v1/embed/programs/${slug}/slots?from=2026-12-01&to=2026-12-02&tz=Europe/Zurich`, { headers: key });
        assert.equal(res.status, 404, slug);
        assert.equal((await problemOf(res)).code, 'not_found');
      }
    });
  });

  test('62 days for two instructors answers quickly', async () => {
    const started = performance.now();
    const r = await slots(`from=2026-11-26&to=2027-01-26&tz=Europe/Zurich&link=${FLOW.privateYogaLink}`, flowKey, 'private-yoga');
    const ms = performance.now() - started;
    assert.ok(r.days.reduce((n, d) => n + d.slots.length, 0) > 300);
    assert.ok(ms < 1000, `took ${ms} ms`);
  });
});
