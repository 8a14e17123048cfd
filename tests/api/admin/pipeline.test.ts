/**
 * The bookings pipeline (GET /v1/admin/bookings, bookings.csv) and one booking's detail
 * (GET /v1/admin/bookings/:id), as the studio's people see them through their sessions.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { BookingDetailOut, PipelineOut } from '../../../schema/api/admin-pipeline.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('the bookings pipeline and the booking detail', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let owner: StaffSession; let manager: StaffSession; let noemi: StaffSession; let mara: StaffSession;
  const b: Record<string, CreatedBooking> = {};

  const get = async <T>(s: StaffSession, path: string): Promise<T> => {
    const res = await app.request(path, { headers: s.headers });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<T>;
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const v = await demoVariants(app);
    // Noemi's Reiki, paid; another Reiki left reserved; Mara's EVOLVE 4-pack paid (with a health question answered); one Reiki cancelled.
    const pay = async (x: CreatedBooking) => { await checkedOut(await checkoutReq(app, x, { method: 'card' })); assert.equal((await testPay(app, x, 'succeed')).status, 200); };
    b.paid = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ name: '=HYPERLINK("http://x")', email: 'ana@example.ch' }), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] }, source: { utm_source: 'newsletter' } });
    await pay(b.paid);
    b.reserved = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ name: 'Ben Reserved' }), sessions: { mode: 'explicit', starts: ['2026-12-04T09:00:00.000Z'] } });
    await query(db.db, sql`update program_intake_forms set form_schema_json = jsonb_set(form_schema_json, '{properties,experience,x-health}', 'true') where program_id = ${FLOW.evolve}`);
    b.evolve = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer({ name: 'Cleo Coaching' }), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await pay(b.evolve);
    b.cancelled = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ name: 'Dora Gone' }), sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    await pay(b.cancelled);
    const cancel = await app.request(`/v1/admin/bookings/${b.cancelled.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': crypto.randomUUID(), 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(cancel.status, 200, await cancel.text());
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    manager = await signIn(app, db.db, 'mia@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
    mara = await signIn(app, db.db, 'mara@studioflow.example');
  });
  after(async () => db.close());

  test('the owner sees every booking with its column, the contract\'s fields and the counts per status', async () => {
    const page = await get<PipelineOut>(owner, '/v1/admin/bookings');
    const byId = new Map(page.bookings.map((x) => [x.id, x]));
    assert.equal(byId.get(b.paid!.id)!.status, 'confirmed');
    assert.equal(byId.get(b.reserved!.id)!.status, 'reserved');
    assert.equal(byId.get(b.evolve!.id)!.status, 'confirmed');
    assert.equal(byId.get(b.cancelled!.id)!.status, 'cancelled');
    const paid = byId.get(b.paid!.id)!;
    assert.deepEqual(paid.program, { id: FLOW.reiki, slug: 'reiki', title: 'Reiki 1:1' });
    assert.equal(paid.customer.email, 'ana@example.ch');
    assert.equal(paid.instructor.id, FLOW.noemi);
    assert.equal(paid.next_session!.starts_at, '2026-12-02T09:00:00.000Z');
    assert.deepEqual(paid.source, { utm_source: 'newsletter' });
    assert.deepEqual(page.counts, { reserved: 1, confirmed: 2, in_progress: 0, awaiting_attendance: 0, payment_overdue: 0, completed: 0, cancelled: 1 });
    assert.equal(page.next_cursor, null);
    assert.deepEqual(page.bookings.map((x) => x.id), [b.cancelled!.id, b.evolve!.id, b.reserved!.id, b.paid!.id], 'newest first');
  });

  test('filters: status, program, instructor, dates, search and source; counts keep every column', async () => {
    const ids = async (qs: string) => (await get<PipelineOut>(owner, `/v1/admin/bookings?${qs}`)).bookings.map((x) => x.id).sort();
    assert.deepEqual(await ids('status=confirmed'), [b.paid!.id, b.evolve!.id].sort());
    assert.deepEqual(await ids('status=reserved,cancelled'), [b.reserved!.id, b.cancelled!.id].sort());
    assert.deepEqual(await ids('program=evolve'), [b.evolve!.id]);
    assert.deepEqual(await ids(`program=${FLOW.evolve}`), [b.evolve!.id]);
    assert.deepEqual(await ids(`instructor=${FLOW.mara}`), [b.evolve!.id]);
    assert.deepEqual(await ids('from=2026-12-02T00:00:00Z&to=2026-12-05T00:00:00Z'), [b.paid!.id, b.reserved!.id].sort());
    assert.deepEqual(await ids('q=cleo'), [b.evolve!.id]);
    assert.deepEqual(await ids('q=ANA%40EXAMPLE'), [b.paid!.id]);
    assert.deepEqual(await ids(`q=${b.reserved!.id}`), [b.reserved!.id]);
    assert.deepEqual(await ids('q=%25'), [], 'a % is a character, not a wildcard');
    assert.deepEqual(await ids('source=newsletter'), [b.paid!.id]);
    const counts = (await get<PipelineOut>(owner, '/v1/admin/bookings?status=cancelled&program=reiki')).counts;
    assert.deepEqual([counts.reserved, counts.confirmed, counts.cancelled], [1, 1, 1]);
  });

  test('cursor pages cover every booking once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PipelineOut = await get<PipelineOut>(owner, `/v1/admin/bookings?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.bookings.map((x) => x.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 4);
    assert.deepEqual(seen, (await get<PipelineOut>(owner, '/v1/admin/bookings')).bookings.map((x) => x.id));
  });

  test('an instructor sees only the bookings they conduct, and counts only those', async () => {
    const page = await get<PipelineOut>(noemi, '/v1/admin/bookings');
    assert.deepEqual(page.bookings.map((x) => x.id).sort(), [b.paid!.id, b.reserved!.id, b.cancelled!.id].sort());
    assert.equal(page.counts.confirmed, 1);
    const theirs = await get<PipelineOut>(mara, '/v1/admin/bookings');
    assert.deepEqual(theirs.bookings.map((x) => x.id), [b.evolve!.id]);
    assert.deepEqual((await get<PipelineOut>(mara, `/v1/admin/bookings?instructor=${FLOW.noemi}`)).bookings, []);
  });

  test('after a session ends and before its attendance is recorded, the booking awaits attendance', async () => {
    clock.set('2026-12-02T10:30:00Z');
    owner = await signIn(app, db.db, 'sandra@studioflow.example'); // the earlier session ran out meanwhile
    const page = await get<PipelineOut>(owner, '/v1/admin/bookings?status=awaiting_attendance');
    assert.deepEqual(page.bookings.map((x) => x.id), [b.paid!.id]);
    assert.equal(page.counts.awaiting_attendance, 1);
    clock.set('2026-11-25T08:00:00Z');
  });

  test('CSV: the same list, one row per booking, formulas defused', async () => {
    const res = await app.request('/v1/admin/bookings.csv?program=reiki', { headers: owner.headers });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="bookings-2026-11-25\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,status,booking_status,program,customer_name,customer_email,instructor,next_session_starts_at,next_session_timezone,sessions,total_minor,currency,utm_source,created_at');
    assert.equal(lines.length, 4);
    const paid = lines.find((l) => l.startsWith(b.paid!.id))!;
    assert.ok(paid.includes(`,"'=HYPERLINK(""http://x"")",ana@example.ch,Noemi Frei,2026-12-02T09:00:00.000Z,Europe/Zurich,1,`), paid);
    const mine = await (await app.request('/v1/admin/bookings.csv', { headers: mara.headers })).text();
    assert.equal(mine.trimEnd().split('\r\n').length, 2, 'an instructor exports only their bookings');
  });

  test('the detail: customer, intake, sessions, order with payments and invoices, event log', async () => {
    const d = await get<BookingDetailOut>(manager, `/v1/admin/bookings/${b.evolve!.id}`);
    assert.equal(d.status, 'confirmed');
    assert.equal(d.customer.name, 'Cleo Coaching');
    assert.equal(d.customer.language, 'de');
    assert.equal(d.variant.id, (await demoVariants(app)).evolve![0]);
    assert.deepEqual(d.intake.answers.map((a) => a.name), ['goal', 'experience', 'consent']);
    assert.equal(d.intake.answers.find((a) => a.name === 'experience')!.health, true);
    assert.equal(d.intake.health_withheld, false);
    assert.equal(d.sessions.length + d.sessions_to_schedule, 4);
    assert.ok(d.order);
    assert.equal(d.order!.payments.length, 1);
    assert.ok(d.order!.invoices.length >= 1);
    assert.deepEqual(d.events.map((e) => e.type).slice(0, 3), ['booking.reserved', 'payment.succeeded', 'booking.confirmed']);
    assert.ok(d.progress.length >= 1, 'EVOLVE has milestones');
  });

  test('health answers: the booking\'s instructor and managers; the owner who neither manages nor conducts it does not', async () => {
    const asOwner = await get<BookingDetailOut>(owner, `/v1/admin/bookings/${b.evolve!.id}`);
    assert.deepEqual(asOwner.intake.answers.map((a) => a.name), ['goal', 'consent']);
    assert.equal(asOwner.intake.health_withheld, true);
    const asInstructor = await get<BookingDetailOut>(mara, `/v1/admin/bookings/${b.evolve!.id}`);
    assert.equal(asInstructor.intake.health_withheld, false);
    assert.ok(asInstructor.intake.answers.some((a) => a.name === 'experience'));
    // An instructor sees no money and no event log; another instructor not the booking at all.
    assert.equal(asInstructor.order, null);
    assert.deepEqual(asInstructor.events, []);
    const other = await app.request(`/v1/admin/bookings/${b.evolve!.id}`, { headers: noemi.headers });
    assert.equal(other.status, 404);
    assert.equal((await problemOf(other)).code, 'not_found');
  });

  test('bad input is a 400 problem with the field', async () => {
    for (const [qs, field] of [['status=lost', 'status'], ['cursor=nonsense', 'cursor'], ['limit=0', 'limit'], ['limit=500', 'limit'], ['instructor=x', 'instructor'], ['from=yesterday', 'from']] as const) {
      const res = await app.request(`/v1/admin/bookings?${qs}`, { headers: owner.headers });
      assert.equal(res.status, 400, qs);
      assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field.split('.')[0]), [field], qs);
    }
    assert.equal((await app.request('/v1/admin/bookings/not-a-uuid', { headers: owner.headers })).status, 400);
  });
});
