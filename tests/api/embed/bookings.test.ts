import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey, testConfig } from '../../support/app.ts';
import { Clock, asSystem, fieldsOf, postJson, problemOf, query, tableCounts, type Problem } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { BookingOut, CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { rescheduleSessionAsStaff } from '../../support/staff-actions.ts';
import { AppError } from '../../../server/platform/errors.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * Demo hours (Europe/Zurich, UTC+1 in December):
 *   Noemi  Reiki (75 min, 15 after, step 15, notice 12 h, 48 h free cancel, Lotus room)  Mon/Wed/Fri 10–17, Sat 9–13
 *   Mara   EVOLVE (60 min, 15 after, step 30, weekly cadence, required intake)          Mon–Fri 9–12, Mon–Thu 14–18
 *   Luca   SPLIT (60 min, 10 after, weekly, optional intake)                            Tue–Sat 7–11, Tue–Thu 17–20:30
 *   Mara + Luca  private yoga (by_link)
 * Each test uses its own dates, so they do not depend on each other's bookings.
 */
const START = '2026-11-25T08:00:00Z';
const EVOLVE_INTAKE = { goal: 'Change jobs without panicking', experience: 'never', consent: true };

describe('embed bookings API', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  const variants: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    for (const slug of ['reiki', 'evolve', 'split']) {
      const p = await (await app.request(`/v1/embed/programs/${slug}`, { headers: flowKey })).json() as { variants: { id: string }[] };
      variants[slug] = p.variants.map((v) => v.id);
    }
    const yoga = await (await app.request(`/v1/embed/programs/private-yoga?link=${FLOW.privateYogaLink}`, { headers: flowKey })).json() as { variants: { id: string }[] };
    variants['private-yoga'] = yoga.variants.map((v) => v.id);
  });
  after(async () => db.close());

  const customer = (name = 'Ana Muster', email = `${randomUUID().slice(0, 8)}@example.ch`) => ({ name, email, phone: '+41 79 123 45 67', locale: 'de', timezone: 'Europe/Zurich' });
  const reiki = (starts: string[], extra: Record<string, unknown> = {}) => ({ program: 'reiki', variant: variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts }, ...extra });
  const evolve = (sessions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ program: 'evolve', variant: variants.evolve![0], customer: customer(), sessions, intake: EVOLVE_INTAKE, ...extra });

  async function created(res: Response): Promise<CreatedBooking> {
    assert.equal(res.status, 201, await res.clone().text());
    return res.json() as Promise<CreatedBooking>;
  }
  async function refused(res: Response, status: number, code: string): Promise<Problem> {
    assert.equal(res.status, status, await res.clone().text());
    const p = await problemOf(res);
    assert.equal(p.code, code);
    return p;
  }
  const book = (body: unknown, headers: Record<string, string> = {}) => postJson(app, '/v1/embed/bookings', body, headers);
  const tokenOf = (b: CreatedBooking) => ({ 'Tandem-Booking-Token': b.client_token });
  async function slotStarts(slug: string, date: string, extra = ''): Promise<string[]> {
    const res = await app.request(`/v1/embed/programs/${slug}/slots?from=${date}&to=${date}&tz=Europe/Zurich${extra}`, { headers: flowKey });
    const body = await res.json() as SlotsResponse;
    return body.days[0]!.slots.map((s) => s.local_start);
  }
  async function blocksOf(bookingId: string) {
    return query(db.db, sql`select k.id, k.status, k.instructor_id, k.resource_id, k.hold_expires_at,
        lower(k.during) as from_, upper(k.during) as to_, s.starts_at, s.ends_at, s.revision
      from schedule_blocks k join program_sessions s on s.id = k.session_id
      where s.booking_id = ${bookingId} order by s.seq`);
  }
  const iso = (v: unknown) => new Date(v as string).toISOString();

  /**
   * Some tests build on a booking or busy time that an earlier test made. Each makes sure it is
   * there, adding it only when missing, so every test also passes when run alone.
   */
  async function ensureBooked(body: { program: string; sessions: Record<string, unknown> }) {
    const start = (body.sessions.starts as string[] | undefined)?.[0] ?? body.sessions.first_start as string;
    const found = await query(db.db, sql`select 1 as found from program_sessions s join program_bookings b on b.id = s.booking_id join programs p on p.id = b.program_id
      where p.slug = ${body.program} and s.starts_at = ${start}::timestamptz and b.status <> 'cancelled'`);
    if (found.length === 0) await created(await book(body));
  }
  /** The Lotus room (Noemi's Reiki room) taken on Friday 4 December, 10:00–11:00 in Zurich. */
  async function lotusTakenOn4December() {
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into schedule_blocks (org_id, kind, status, resource_id, during, timezone)
      select ${FLOW.org}, 'appointment', 'active', ${FLOW.roomLotus}, tstzrange('2026-12-04T09:00Z', '2026-12-04T10:00Z', '[)'), 'Europe/Zurich'
      where not exists (select 1 from schedule_blocks where resource_id = ${FLOW.roomLotus} and kind = 'appointment' and during = tstzrange('2026-12-04T09:00Z', '2026-12-04T10:00Z', '[)'))`));
  }

  describe('POST /v1/embed/bookings', () => {
    test('201: a reserved booking, its session, a held buffered block, a new customer, and a client token', async () => {
      clock.set(START);
      const body = reiki(['2026-12-02T09:00:00.000Z'], { customer: customer('Ana Muster', 'Ana.Muster@Example.ch') });
      const res = await book(body);
      const b = await created(res);
      assert.equal(res.headers.get('idempotency-replayed'), null);
      assert.equal(b.status, 'reserved');
      assert.equal(b.hold_expires_at, '2026-11-25T08:15:00.000Z', '15 minutes from now');
      assert.match(b.client_token, /^bt_[A-Za-z0-9_-]{20,}$/);
      assert.deepEqual(b.program, { slug: 'reiki', title: 'Reiki 1:1' });
      assert.deepEqual(b.instructor, { id: FLOW.noemi, name: 'Noemi Frei' });
      assert.deepEqual(b.total_price, { amount: 14000, currency: 'CHF' });
      assert.equal(b.sessions_to_schedule, 0);
      assert.equal(b.sessions.length, 1);
      assert.deepEqual({ ...b.sessions[0], id: undefined }, {
        id: undefined, seq: 1, starts_at: '2026-12-02T09:00:00.000Z', ends_at: '2026-12-02T10:15:00.000Z', timezone: 'Europe/Zurich', status: 'scheduled', revision: 0,
      });
      const [row] = await query(db.db, sql`select b.status, b.client_token_hash, b.hold_expires_at, c.email, c.name, c.timezone
        from program_bookings b join customers c on c.id = b.customer_id where b.id = ${b.id}`);
      assert.equal(row!.status, 'reserved');
      assert.equal(row!.email, 'ana.muster@example.ch');
      assert.equal(row!.timezone, 'Europe/Zurich');
      assert.notEqual(row!.client_token_hash, b.client_token, 'only a hash of the token is stored');
      assert.equal((row!.client_token_hash as string).length, 64);
      const [block] = await blocksOf(b.id);
      assert.equal(block!.status, 'held');
      assert.equal(block!.instructor_id, FLOW.noemi);
      assert.equal(block!.resource_id, FLOW.roomLotus, 'the room is held too');
      assert.equal(iso(block!.hold_expires_at), '2026-11-25T08:15:00.000Z');
      assert.equal(iso(block!.from_), '2026-12-02T09:00:00.000Z');
      assert.equal(iso(block!.to_), '2026-12-02T10:30:00.000Z', 'the block covers the 15-minute buffer after');
      assert.equal(iso(block!.ends_at), '2026-12-02T10:15:00.000Z', 'the session keeps its real end');
    });

    test('the held time disappears from the slots, buffer included', async () => {
      await ensureBooked(reiki(['2026-12-02T09:00:00.000Z'])); // the booking of the 201 test
      const starts = await slotStarts('reiki', '2026-12-02');
      assert.equal(starts[0], '11:30', '10:00–11:15 would overlap the session or its buffer');
    });

    test('409 slot_taken: the taken start, why, the nearest free alternatives, and nothing written', async () => {
      await ensureBooked(reiki(['2026-12-02T09:00:00.000Z'])); // the booking of the 201 test
      const before = await tableCounts(db.db);
      const res = await book(reiki(['2026-12-02T09:30:00.000Z']));
      const p = await refused(res, 409, 'slot_taken');
      assert.equal(p.type, 'https://tandem.example/problems/slot-taken');
      assert.equal(p.conflicts!.length, 1);
      const c = p.conflicts![0]!;
      assert.equal(c.start, '2026-12-02T09:30:00.000Z');
      assert.equal(c.reason, 'taken');
      assert.deepEqual(c.alternatives.map((a) => a.start), ['2026-12-02T10:30:00.000Z', '2026-12-02T10:45:00.000Z', '2026-12-02T11:00:00.000Z']);
      assert.deepEqual(c.alternatives[0], {
        start: '2026-12-02T10:30:00.000Z', end: '2026-12-02T11:45:00.000Z', local_start: '11:30', local_end: '12:45', local_date: '2026-12-02',
        instructor: { id: FLOW.noemi, name: 'Noemi Frei' },
      });
      assert.deepEqual(await tableCounts(db.db), before);
    });

    test('409 slot_unavailable: outside the hours, off the grid, too soon', async () => {
      for (const start of ['2026-12-01T09:00:00.000Z', '2026-12-02T11:05:00.000Z', '2026-11-25T12:00:00.000Z']) {
        const p = await refused(await book(reiki([start])), 409, 'slot_unavailable');
        assert.equal(p.conflicts![0]!.reason, 'unavailable');
        assert.equal(p.conflicts![0]!.start, start);
      }
    });

    test('the room decides too: Reiki is refused while the Lotus room is taken', async () => {
      await lotusTakenOn4December();
      const p = await refused(await book(reiki(['2026-12-04T09:00:00.000Z'])), 409, 'slot_taken');
      assert.equal(p.conflicts![0]!.alternatives[0]!.start, '2026-12-04T10:00:00.000Z');
    });

    test('the customer is found by email in the org, whatever its case; their details are kept', async () => {
      const first = await created(await book(reiki(['2026-12-04T13:00:00.000Z'], { customer: customer('Bea Beispiel', 'bea@example.ch') })));
      const second = await created(await book(reiki(['2026-12-04T14:30:00.000Z'], { customer: customer('B. Beispiel', '  BEA@example.CH ') })));
      const rows = await query(db.db, sql`select distinct c.id, c.name from program_bookings b join customers c on c.id = b.customer_id where b.id in (${first.id}, ${second.id})`);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.name, 'Bea Beispiel');
    });

    test('any instructor: the first free one; then the next; then 409 with alternatives of both', async () => {
      const body = () => ({ program: 'private-yoga', link: FLOW.privateYogaLink, variant: variants['private-yoga']![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T08:00:00.000Z'] } });
      const a = await created(await book(body()));
      const b = await created(await book(body()));
      assert.deepEqual([a.instructor.name, b.instructor.name].sort(), ['Luca Brunner', 'Mara Keller']);
      const p = await refused(await book(body()), 409, 'slot_taken');
      const who = new Set(p.conflicts![0]!.alternatives.map((x) => x.instructor.name));
      assert.deepEqual([...who].sort(), ['Luca Brunner', 'Mara Keller']);
    });

    test('by_link programs need their token; unknown programs are 404', async () => {
      const body = { program: 'private-yoga', variant: variants['private-yoga']![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-03T08:00:00.000Z'] } };
      await refused(await book(body), 404, 'not_found');
      await refused(await book({ ...body, link: 'guess' }), 404, 'not_found');
      await refused(await book({ ...body, program: 'nope' }), 404, 'not_found');
      await refused(await book(reiki(['2026-12-07T09:00:00.000Z']), nordKey), 404, 'not_found');
      await created(await book({ ...body, link: FLOW.privateYogaLink, program: FLOW.privateYoga }));
    });

    test('400 with each wrong field named', async () => {
      const before = await tableCounts(db.db);
      let p = await refused(await book({ ...reiki(['2026-12-07T09:00:00.000Z']), customer: { name: '', email: 'not-an-email', timezone: 'Mars/Base' } }), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['customer.email', 'customer.name', 'customer.timezone']);
      p = await refused(await book({ ...reiki([]), sessions: { mode: 'explicit', starts: ['tomorrow'] } }), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['sessions.starts.0']);
      p = await refused(await book({ ...reiki([]), sessions: { mode: 'weekly' } }), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['sessions.mode']);
      p = await refused(await book(reiki(['2026-12-07T09:00:00.000Z', '2026-12-09T09:00:00.000Z'])), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['sessions.starts'], 'Reiki is one session');
      p = await refused(await book(evolve({ mode: 'explicit', starts: ['2026-12-07T08:00:00.000Z', '2026-12-07T08:30:00.000Z'] })), 400, 'validation_failed');
      assert.deepEqual(p.errors, [{ field: 'sessions.starts', message: 'contains starts that overlap each other' }]);
      p = await refused(await book(reiki(['2026-12-07T09:00:00.000Z'], { variant: variants.evolve![0] })), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['variant']);
      p = await refused(await book(reiki(['2026-12-07T09:00:00.000Z'], { instructor: FLOW.mara })), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['instructor']);
      assert.deepEqual(await tableCounts(db.db), before);
    });

    test('the intake form: required answers, per-field errors under intake.*', async () => {
      let p = await refused(await book(evolve({ mode: 'later', first_start: '2026-12-07T08:00:00.000Z' }, { intake: {} })), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['intake.consent', 'intake.experience', 'intake.goal']);
      p = await refused(await book(evolve({ mode: 'later', first_start: '2026-12-07T08:00:00.000Z' }, {
        intake: { goal: 'short', experience: 'sometimes', consent: false, hours_per_week: 80, start_by: 'soon' },
      })), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['intake.consent', 'intake.experience', 'intake.goal', 'intake.hours_per_week', 'intake.start_by']);
      assert.equal(p.errors!.find((e) => e.field === 'intake.consent')!.message, 'must be accepted');
      // SPLIT's form is optional: skipped entirely is fine, answered it is checked
      const split = (intake: Record<string, unknown>, start: string) => ({ program: 'split', variant: variants.split![0], customer: customer(), sessions: { mode: 'later', first_start: start }, intake });
      p = await refused(await book(split({ level: 'very far' }, '2026-12-03T07:00:00.000Z')), 400, 'validation_failed');
      assert.deepEqual(fieldsOf(p), ['intake.level']);
      await created(await book(split({}, '2026-12-11T07:00:00.000Z')));
      const ok = await created(await book(split({ level: '10–30 cm', injuries: 'none' }, '2026-12-12T07:00:00.000Z')));
      const [row] = await query(db.db, sql`select intake_answers from program_bookings where id = ${ok.id}`);
      assert.deepEqual(row!.intake_answers, { level: '10–30 cm', injuries: 'none' });
    });
  });

  describe('multi-session programs', () => {
    test('cadence: every session of the variant, weekly at the same local time', async () => {
      const b = await created(await book(evolve({ mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' })));
      assert.deepEqual(b.sessions.map((s) => s.starts_at), ['2026-12-01T08:00:00.000Z', '2026-12-08T08:00:00.000Z', '2026-12-15T08:00:00.000Z', '2026-12-22T08:00:00.000Z']);
      assert.deepEqual(b.sessions.map((s) => s.seq), [1, 2, 3, 4]);
      assert.equal(b.sessions_to_schedule, 0);
      assert.equal((await blocksOf(b.id)).length, 4);
    });

    test('cadence across the spring DST switch keeps the local time', async () => {
      clock.set('2027-03-01T08:00:00Z');
      const b = await created(await book({ program: 'split', variant: variants.split![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2027-03-17T07:00:00.000Z' } }));
      assert.deepEqual(b.sessions.map((s) => s.starts_at), [
        '2027-03-17T07:00:00.000Z', '2027-03-24T07:00:00.000Z', '2027-03-31T06:00:00.000Z',
        '2027-04-07T06:00:00.000Z', '2027-04-14T06:00:00.000Z', '2027-04-21T06:00:00.000Z',
      ]);
      clock.set(START);
    });

    test('cadence collision: 409 slot_taken naming each colliding date with alternatives, nothing written', async () => {
      await ensureBooked(evolve({ mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' })); // the booking of the cadence test
      // Mara is off Tuesday 22 December 14:00–15:00
      await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
        values (${FLOW.org}, 'time_off', 'active', ${FLOW.mara}, tstzrange('2026-12-22T13:00Z', '2026-12-22T14:00Z', '[)'), 'Europe/Zurich')`));
      const before = await tableCounts(db.db);
      const res = await book(evolve({ mode: 'cadence', first_start: '2026-12-08T13:00:00.000Z' }));
      const p = await refused(res, 409, 'slot_taken');
      assert.equal(p.conflicts!.length, 1);
      const c = p.conflicts![0]!;
      assert.equal(c.start, '2026-12-22T13:00:00.000Z');
      assert.equal(c.reason, 'taken');
      assert.deepEqual(c.alternatives.map((a) => [a.local_date, a.local_start, a.start, a.end, a.instructor.name]), [
        ['2026-12-22', '15:00', '2026-12-22T14:00:00.000Z', '2026-12-22T15:00:00.000Z', 'Mara Keller'],
        ['2026-12-22', '15:30', '2026-12-22T14:30:00.000Z', '2026-12-22T15:30:00.000Z', 'Mara Keller'],
        ['2026-12-22', '16:00', '2026-12-22T15:00:00.000Z', '2026-12-22T16:00:00.000Z', 'Mara Keller'],
      ]);
      assert.deepEqual(await tableCounts(db.db), before);
      // several collisions are all named
      const eight = await refused(await book(evolve({ mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, { variant: variants.evolve![1] })), 409, 'slot_taken');
      assert.deepEqual(eight.conflicts!.map((x) => x.start), ['2026-12-01T08:00:00.000Z', '2026-12-08T08:00:00.000Z', '2026-12-15T08:00:00.000Z', '2026-12-22T08:00:00.000Z']);
      assert.match(eight.detail!, /4 of the 8/);
    });

    test('explicit starts: fewer than the variant has leaves the rest to schedule later', async () => {
      const b = await created(await book(evolve({ mode: 'explicit', starts: ['2026-12-03T13:00:00.000Z', '2026-12-10T13:00:00.000Z'] })));
      assert.equal(b.sessions.length, 2);
      assert.equal(b.sessions_to_schedule, 2);
    });

    test('later: the first session now, the rest through POST …/sessions with the client token', async () => {
      const b = await created(await book(evolve({ mode: 'later', first_start: '2026-12-02T13:00:00.000Z' })));
      assert.equal(b.sessions.length, 1);
      assert.equal(b.sessions_to_schedule, 3);
      const [pending] = await query(db.db, sql`select count(*)::int as n from program_sessions where booking_id = ${b.id} and starts_at is null`);
      assert.equal(pending!.n, 3, 'the unscheduled sessions exist, without times');
      const path = `/v1/embed/bookings/${b.id}/sessions`;

      await refused(await postJson(app, path, { starts: ['2026-12-09T13:00:00.000Z'] }), 404, 'not_found');
      await refused(await postJson(app, path, { starts: ['2026-12-09T13:00:00.000Z'] }, { 'Tandem-Booking-Token': 'bt_wrongwrongwrongwrongwrong' }), 404, 'not_found');
      await refused(await postJson(app, path, { starts: ['2026-12-09T13:00:00.000Z'] }, { ...tokenOf(b), 'Idempotency-Key': '' }), 400, 'idempotency_key_required');

      const key = randomUUID();
      const res = await postJson(app, path, { starts: ['2026-12-09T13:00:00.000Z', '2026-12-16T13:00:00.000Z'] }, { ...tokenOf(b), 'Idempotency-Key': key });
      assert.equal(res.status, 200);
      const after = await res.json() as BookingOut;
      assert.deepEqual(after.sessions.map((s) => [s.seq, s.starts_at]), [[1, '2026-12-02T13:00:00.000Z'], [2, '2026-12-09T13:00:00.000Z'], [3, '2026-12-16T13:00:00.000Z']]);
      assert.equal(after.sessions_to_schedule, 1);
      const blocks = await blocksOf(b.id);
      assert.equal(blocks.length, 3);
      assert.ok(blocks.every((k) => k.status === 'held' && iso(k.hold_expires_at) === b.hold_expires_at), 'new blocks share the booking\'s hold');

      const replay = await postJson(app, path, { starts: ['2026-12-09T13:00:00.000Z', '2026-12-16T13:00:00.000Z'] }, { ...tokenOf(b), 'Idempotency-Key': key });
      assert.equal(replay.status, 200);
      assert.equal(replay.headers.get('idempotency-replayed'), 'true');

      let p = await refused(await postJson(app, path, { starts: ['2026-12-23T13:00:00.000Z', '2026-12-30T13:00:00.000Z'] }, tokenOf(b)), 400, 'validation_failed');
      assert.deepEqual(p.errors, [{ field: 'starts', message: 'only 1 session is left to schedule' }]);
      p = await refused(await postJson(app, path, { starts: ['2026-12-16T13:30:00.000Z'] }, tokenOf(b)), 409, 'slot_taken');
      assert.equal(p.conflicts![0]!.start, '2026-12-16T13:30:00.000Z');
      const last = await postJson(app, path, { starts: ['2026-12-23T13:00:00.000Z'] }, tokenOf(b));
      assert.equal((await last.json() as BookingOut).sessions_to_schedule, 0);
      await refused(await postJson(app, path, { starts: ['2026-12-30T13:00:00.000Z'] }, tokenOf(b)), 409, 'invalid_state');
    });
  });

  describe('Idempotency-Key', () => {
    test('missing: 400 idempotency_key_required, before anything else is checked', async () => {
      const p = await refused(await book({ nonsense: true }, { 'Idempotency-Key': '' }), 400, 'idempotency_key_required');
      assert.equal(p.status, 400);
      const res = await app.request('/v1/embed/bookings', { method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json' }, body: '{}' });
      await refused(res, 400, 'idempotency_key_required');
    });

    test('same key, same body: the first answer again, once in the database', async () => {
      const key = randomUUID();
      const body = reiki(['2026-12-07T09:00:00.000Z']);
      const first = await created(await book(body, { 'Idempotency-Key': key }));
      const again = await book({ ...body, customer: { ...body.customer } }, { 'Idempotency-Key': key });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.deepEqual(await again.json(), first);
      const [row] = await query(db.db, sql`select count(*)::int as n from program_bookings b join program_sessions s on s.booking_id = b.id where s.starts_at = '2026-12-07T09:00Z'`);
      assert.equal(row!.n, 1);
    });

    test('same key, another body: 422 idempotency_key_reused', async () => {
      const key = randomUUID();
      await created(await book(reiki(['2026-12-07T13:00:00.000Z']), { 'Idempotency-Key': key }));
      await refused(await book(reiki(['2026-12-07T14:30:00.000Z']), { 'Idempotency-Key': key }), 422, 'idempotency_key_reused');
    });

    test('the same key twice at once: one booking, the same answer twice', async () => {
      const key = randomUUID();
      const body = reiki(['2026-12-09T09:00:00.000Z']);
      const [a, b] = await Promise.all([book(body, { 'Idempotency-Key': key }), book(body, { 'Idempotency-Key': key })]);
      assert.deepEqual([a.status, b.status], [201, 201]);
      const [ja, jb] = await Promise.all([a.json(), b.json()]);
      assert.deepEqual(ja, jb);
      assert.deepEqual([a.headers.get('idempotency-replayed'), b.headers.get('idempotency-replayed')].sort(), [null, 'true']);
    });

    test('keys live 24 hours: after that the same key starts afresh', async () => {
      clock.set(START);
      const key = randomUUID();
      await created(await book(reiki(['2026-12-11T13:00:00.000Z']), { 'Idempotency-Key': key }));
      clock.advance(24 * 3_600_000);
      const fresh = await book(reiki(['2026-12-11T14:30:00.000Z']), { 'Idempotency-Key': key });
      assert.equal(fresh.status, 201);
      assert.equal(fresh.headers.get('idempotency-replayed'), null);
      clock.set(START);
    });

    test('a refused request answers the same refusal when retried with its key', async () => {
      const key = randomUUID();
      await ensureBooked(reiki(['2026-12-07T09:00:00.000Z'])); // the booking of 'same key, same body'
      const body = reiki(['2026-12-07T09:15:00.000Z']); // overlaps that booking
      const first = await refused(await book(body, { 'Idempotency-Key': key }), 409, 'slot_taken');
      const again = await book(body, { 'Idempotency-Key': key });
      assert.equal(again.status, 409);
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.deepEqual(await problemOf(again), first);
    });
  });

  describe('GET /v1/embed/bookings/:id', () => {
    test('with the client token: the booking; without it, with a wrong one, or with another org\'s key: 404', async () => {
      const b = await created(await book(reiki(['2026-12-09T13:00:00.000Z'])));
      const res = await app.request(`/v1/embed/bookings/${b.id}`, { headers: { ...flowKey, ...tokenOf(b) } });
      assert.equal(res.status, 200);
      const { client_token: _omit, ...rest } = b;
      assert.deepEqual(await res.json(), { ...rest, last_payment: null }); // no checkout yet
      for (const headers of [flowKey, { ...flowKey, 'Tandem-Booking-Token': 'bt_' + 'x'.repeat(32) }, { ...flowKey, 'Tandem-Booking-Token': b.client_token.slice(0, -1) + 'A' }, { ...nordKey, ...tokenOf(b) }]) {
        await refused(await app.request(`/v1/embed/bookings/${b.id}`, { headers }), 404, 'not_found');
      }
      const other = await created(await book(reiki(['2026-12-09T14:30:00.000Z'])));
      await refused(await app.request(`/v1/embed/bookings/${other.id}`, { headers: { ...flowKey, ...tokenOf(b) } }), 404, 'not_found');
      await refused(await app.request('/v1/embed/bookings/not-a-uuid', { headers: { ...flowKey, ...tokenOf(b) } }), 400, 'validation_failed');
    });
  });

  describe('holds', () => {
    test('an expired hold frees its time: offered again, and the next booking releases it in its own transaction', async () => {
      clock.set(START);
      const first = await created(await book(reiki(['2026-12-14T09:00:00.000Z'])));
      assert.ok(!(await slotStarts('reiki', '2026-12-14')).includes('10:00'));
      clock.advance(15 * 60_000);
      assert.ok((await slotStarts('reiki', '2026-12-14')).includes('10:00'), 'offered again the moment the hold expires');
      const second = await created(await book(reiki(['2026-12-14T09:00:00.000Z'])));
      const [old] = await query(db.db, sql`select status, cancelled_at from program_bookings where id = ${first.id}`);
      assert.equal(old!.status, 'cancelled');
      assert.equal((await blocksOf(first.id))[0]!.status, 'cancelled');
      assert.equal((await blocksOf(second.id))[0]!.status, 'held');
      const seen = await (await app.request(`/v1/embed/bookings/${first.id}`, { headers: { ...flowKey, ...tokenOf(first) } })).json() as BookingOut;
      assert.equal(seen.status, 'cancelled');
      assert.equal(seen.hold_expires_at, null);
      clock.set(START);
    });

    test('scheduling later sessions after the hold expired: 409 hold_expired, and the release is kept', async () => {
      const b = await created(await book(evolve({ mode: 'later', first_start: '2026-12-04T08:00:00.000Z' })));
      clock.advance(16 * 60_000);
      await refused(await postJson(app, `/v1/embed/bookings/${b.id}/sessions`, { starts: ['2026-12-11T08:00:00.000Z'] }, tokenOf(b)), 409, 'hold_expired');
      const [row] = await query(db.db, sql`select status from program_bookings where id = ${b.id}`);
      assert.equal(row!.status, 'cancelled');
      assert.ok((await blocksOf(b.id)).every((k) => k.status === 'cancelled'));
      clock.set(START);
    });

    test('the sweeper releases every expired hold, in every org, once', async () => {
      clock.set(START);
      const a = await created(await book(reiki(['2026-12-16T09:00:00.000Z'])));
      const b = await created(await book(evolve({ mode: 'cadence', first_start: '2026-12-07T08:00:00.000Z' })));
      await sweepExpiredHolds(db.db, new Date('2026-11-25T08:14:59Z'), FLOW.org);
      const kept = await query(db.db, sql`select status from program_bookings where id in (${a.id}, ${b.id})`);
      assert.deepEqual(kept.map((r) => r.status), ['reserved', 'reserved'], 'not yet expired: kept');
      const swept = await sweepExpiredHolds(db.db, new Date('2026-11-25T08:15:00Z'), FLOW.org);
      assert.ok(swept.bookings >= 2 && swept.blocks >= 5, JSON.stringify(swept));
      for (const id of [a.id, b.id]) {
        assert.equal((await query(db.db, sql`select status from program_bookings where id = ${id}`))[0]!.status, 'cancelled');
        assert.ok((await blocksOf(id)).every((k) => k.status === 'cancelled'));
        const [s] = await query(db.db, sql`select count(*)::int as n from program_sessions where booking_id = ${id} and status <> 'cancelled'`);
        assert.equal(s!.n, 0);
      }
      assert.deepEqual(await sweepExpiredHolds(db.db, new Date('2026-11-25T08:15:00Z'), FLOW.org), { bookings: 0, blocks: 0 });
    });
  });

  describe('reschedule', () => {
    /** A Reiki booking, confirmed as checkout would (blocks active, no hold). */
    async function confirmedReiki(start: string): Promise<CreatedBooking> {
      clock.set(START);
      const b = await created(await book(reiki([start])));
      await asSystem(db.db, FLOW.org, async (tx) => {
        await tx.execute(sql`update program_bookings set status = 'confirmed', hold_expires_at = null where id = ${b.id}`);
        await tx.execute(sql`update schedule_blocks set status = 'active', hold_expires_at = null where session_id = ${b.sessions[0]!.id}`);
      });
      return b;
    }
    const move = (b: CreatedBooking, startsAt: string, headers: Record<string, string> = tokenOf(b)) =>
      postJson(app, `/v1/embed/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`, { starts_at: startsAt }, headers);

    test('by the customer: the block moves in place, the old time frees, the revision rises', async () => {
      const b = await confirmedReiki('2026-12-18T09:00:00.000Z');
      const [blockBefore] = await blocksOf(b.id);
      const res = await move(b, '2026-12-18T13:00:00.000Z');
      assert.equal(res.status, 200, await res.clone().text());
      const out = await res.json() as BookingOut;
      assert.deepEqual([out.sessions[0]!.starts_at, out.sessions[0]!.ends_at, out.sessions[0]!.revision], ['2026-12-18T13:00:00.000Z', '2026-12-18T14:15:00.000Z', 1]);
      const [blockAfter] = await blocksOf(b.id);
      assert.equal(blockAfter!.id, blockBefore!.id, 'the same block, moved');
      assert.equal(iso(blockAfter!.from_), '2026-12-18T13:00:00.000Z');
      assert.equal(iso(blockAfter!.to_), '2026-12-18T14:30:00.000Z');
      assert.equal(blockAfter!.status, 'active');
      const free = await slotStarts('reiki', '2026-12-18');
      assert.ok(free.includes('10:00') && !free.includes('14:00'));
    });

    test('onto a taken time: 409 with alternatives, nothing moves; wrong token 404; inside the free-cancellation window 409', async () => {
      const b = await confirmedReiki('2026-12-21T09:00:00.000Z');
      const other = await created(await book(reiki(['2026-12-21T13:00:00.000Z'])));
      const p = await refused(await move(b, '2026-12-21T13:30:00.000Z'), 409, 'slot_taken');
      assert.ok(p.conflicts![0]!.alternatives.length > 0);
      assert.equal(iso((await blocksOf(b.id))[0]!.starts_at), '2026-12-21T09:00:00.000Z');
      await refused(await move(b, '2026-12-21T11:00:00.000Z', tokenOf(other)), 404, 'not_found');
      await refused(await move(b, '2026-12-21T11:00:00.000Z', {}), 404, 'not_found');
      // moving by 30 minutes overlaps its own old time: allowed
      assert.equal((await move(b, '2026-12-21T09:30:00.000Z')).status, 200);
      clock.set('2026-12-19T12:00:00Z'); // 45 h before: Reiki allows moves up to 48 h before
      const late = await refused(await move(b, '2026-12-21T11:00:00.000Z'), 409, 'policy_window_closed');
      assert.match(late.detail!, /48 hours/);
      assert.equal((late as { deadline?: string }).deadline, '2026-12-19T09:30:00.000Z', 'the deadline that passed: 48 h before the session');
      clock.set(START);
    });

    test('by staff: inside the window, outside hours with override, never onto busy time; an instructor only on their own bookings', async () => {
      await lotusTakenOn4December();
      const b = await confirmedReiki('2026-12-23T09:00:00.000Z');
      const noemi = { orgId: FLOW.org, staffId: FLOW.noemi, role: 'instructor' as const };
      const input = { bookingId: b.id, sessionId: b.sessions[0]!.id };
      const now = new Date('2026-12-22T12:00:00Z');
      // Inside the program's notice, staff too are held to it unless they override it.
      await assert.rejects(rescheduleSessionAsStaff(db.db, noemi, { ...input, startsAt: '2026-12-23T10:00:00.000Z' }, { now, config: testConfig }),
        (e: unknown) => e instanceof AppError && e.code === 'policy_window_closed');
      let out = await rescheduleSessionAsStaff(db.db, noemi, { ...input, startsAt: '2026-12-23T10:00:00.000Z', override: true }, { now, config: testConfig });
      assert.deepEqual([out.sessions[0]!.starts_at, out.sessions[0]!.revision], ['2026-12-23T10:00:00.000Z', 1]);
      await assert.rejects(rescheduleSessionAsStaff(db.db, noemi, { ...input, startsAt: '2026-12-22T18:00:00.000Z' }, { now, config: testConfig }),
        (e: unknown) => e instanceof AppError && e.code === 'slot_unavailable', 'Tuesday evening is outside her hours');
      out = await rescheduleSessionAsStaff(db.db, noemi, { ...input, startsAt: '2026-12-22T18:00:00.000Z', override: true }, { now, config: testConfig });
      assert.equal(out.sessions[0]!.starts_at, '2026-12-22T18:00:00.000Z');
      await assert.rejects(rescheduleSessionAsStaff(db.db, noemi, { ...input, startsAt: '2026-12-04T09:00:00.000Z', override: true }, { now, config: testConfig }),
        (e: unknown) => e instanceof AppError && e.code === 'slot_taken', 'override never overrides busy time (the Lotus room is taken then)');
      const luca = { orgId: FLOW.org, staffId: FLOW.luca, role: 'instructor' as const };
      await assert.rejects(rescheduleSessionAsStaff(db.db, luca, { ...input, startsAt: '2026-12-23T13:00:00.000Z' }, { now, config: testConfig }),
        (e: unknown) => e instanceof AppError && e.code === 'not_found');
    });
  });

  test('the OpenAPI document describes the booking routes and the 409 with its conflicts', async () => {
    const doc = await (await app.request('/v1/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> }>> };
    for (const path of ['/v1/embed/programs/{slug}/slots', '/v1/embed/bookings', '/v1/embed/bookings/{id}', '/v1/embed/bookings/{id}/sessions', '/v1/embed/bookings/{id}/sessions/{sessionId}/reschedule']) {
      assert.ok(doc.paths[path], path);
    }
    const conflict = doc.paths['/v1/embed/bookings']!.post!.responses['409']!.content['application/problem+json']!.schema;
    assert.ok('conflicts' in conflict.properties);
  });
});
