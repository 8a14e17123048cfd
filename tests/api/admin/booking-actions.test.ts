/**
 * Staff act for a customer through the admin API: book on their behalf (an invoice mailed to pay
 * by transfer, or a transfer already received: confirmed at once, no request to pay), schedule the
 * sessions still open, and move the series (the customer's notice and limit, lifted by `override`).
 * Refusals are problem+json; each change runs once per Idempotency-Key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { customer, demoVariants, EVOLVE_INTAKE, outboxOf } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { BookingDetailOut } from '../../../schema/api/admin-pipeline.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('booking actions in the console', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let owner: StaffSession; let noemi: StaffSession;
  let v: Record<string, string[]> = {};

  const send = (s: StaffSession, path: string, body: unknown, key = randomUUID()) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...s.headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body),
  });
  const ok = async (res: Response, status = 200): Promise<BookingDetailOut> => {
    assert.equal(res.status, status, await res.clone().text());
    return res.json() as Promise<BookingDetailOut>;
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
  });
  after(async () => db.close());

  let evolveId = '';

  test('booked on the customer\'s behalf with an invoice: reserved, held, the invoice mailed to pay', async () => {
    const who = customer({ name: 'Lea Brunner' });
    const key = randomUUID();
    const body = { program: 'evolve', variant: v.evolve![0], customer: who, sessions: { mode: 'later', first_start: '2026-12-04T10:00:00.000Z' }, intake: EVOLVE_INTAKE, payment: { mode: 'invoice' } };
    const b = await ok(await send(owner, '/bookings', body, key), 201);
    evolveId = b.id;
    assert.equal(b.status, 'reserved');
    assert.equal(b.customer.email, who.email);
    assert.equal(b.sessions.filter((s) => s.starts_at).length, 1);
    assert.ok(b.sessions_to_schedule > 0);
    assert.ok(b.order, 'an order to pay');
    const [row] = await query(db.db, sql`select hold_expires_at, source from program_bookings where id = ${b.id}`);
    assert.ok(new Date(String(row!.hold_expires_at)).getTime() > clock.now().getTime() + 3 * 86_400_000, 'held for days, for the transfer');
    assert.equal((row!.source as { channel: string }).channel, 'studio');
    const mails = await outboxOf(db.db, b.order!.id);
    assert.ok(mails.some((m) => String(m.dedupe_key).endsWith(':qr_bill') && m.to_address === who.email), 'the invoice goes to the customer');
    const replay = await send(owner, '/bookings', body, key);
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await replay.json() as BookingDetailOut).id, b.id);
    const [n] = await query(db.db, sql`select count(*)::int as n from program_bookings where customer_id = (select id from customers where email = ${who.email})`);
    assert.equal(n!.n, 1, 'one booking for one key');
  });

  test('booked with a transfer already received: confirmed at once, paid, no request to pay', async () => {
    const who = customer({ name: 'Tom Keller', locale: 'en' });
    const b = await ok(await send(owner, '/bookings', { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] }, payment: { mode: 'paid_by_transfer', reference: 'UBS 2026-11-24 Keller' } }), 201);
    assert.equal(b.status, 'confirmed');
    assert.equal(b.order!.payments.length, 1);
    assert.deepEqual([b.order!.payments[0]!.method, b.order!.payments[0]!.amount, b.order!.payments[0]!.status], ['bank_transfer', 14000, 'succeeded']);
    const mails = await outboxOf(db.db, b.order!.id);
    assert.equal(mails.filter((m) => String(m.dedupe_key).endsWith(':qr_bill')).length, 0);
    const confirmation = await outboxOf(db.db, b.id);
    assert.ok(confirmation.some((m) => m.to_address === who.email && /confirm/i.test(String(m.dedupe_key))), `a confirmation (has ${confirmation.map((m) => m.dedupe_key).join(', ')})`);
  });

  test('refusals: instructors, drafts, taken times and bad input, each problem+json', async () => {
    const body = { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] }, payment: { mode: 'invoice' } };
    assert.equal((await problemOf(await send(noemi, '/bookings', body))).code, 'forbidden');
    const taken = await problemOf(await send(owner, '/bookings', body));
    assert.equal(taken.code, 'slot_taken');
    const bad = await problemOf(await send(owner, '/bookings', { ...body, payment: { mode: 'paid_by_transfer' } }));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors?.map((e) => e.field), ['payment.reference']);
    const draft = await (await send(owner, '/programs', { title: 'Draft', slug: 'draft-behalf' })).json() as { id: string };
    const res = await send(owner, '/bookings', { ...body, program: draft.id });
    assert.ok([404, 409, 422].includes(res.status), `a draft cannot be booked: ${res.status}`);
    await problemOf(res);
  });

  test('staff schedule the sessions still open, and the instructor who conducts it may too', async () => {
    const b = await ok(await send(owner, `/bookings/${evolveId}/sessions`, { starts: ['2026-12-11T10:00:00.000Z'] }));
    assert.equal(b.sessions.filter((s) => s.starts_at).length, 2);
    const [evolve] = await query(db.db, sql`select instructor_id from program_bookings where id = ${evolveId}`);
    const conductor = String(evolve!.instructor_id) === FLOW.noemi ? noemi : await signIn(app, db.db, 'mara@studioflow.example');
    const more = await ok(await send(conductor, `/bookings/${evolveId}/sessions`, { starts: ['2026-12-18T10:00:00.000Z'] }));
    assert.equal(more.sessions.filter((s) => s.starts_at).length, 3);
    const none = await problemOf(await send(owner, `/bookings/${evolveId}/sessions`, { starts: [] }));
    assert.equal(none.status, 400);
  });

  test('the series moves a week by staff, every session at once', async () => {
    const before = (await (await app.request(`/v1/admin/bookings/${evolveId}`, { headers: owner.headers })).json() as BookingDetailOut).sessions.filter((s) => s.starts_at).map((s) => s.starts_at!);
    const moved = await ok(await send(owner, `/bookings/${evolveId}/reschedule-series`, { shift_weeks: 1 }));
    const after = moved.sessions.filter((s) => s.starts_at).map((s) => s.starts_at!);
    assert.deepEqual(after, before.map((x) => new Date(Date.parse(x) + 7 * 86_400_000).toISOString()));
    const both = await problemOf(await send(owner, `/bookings/${evolveId}/reschedule-series`, { shift_weeks: 1, starts_at: '2026-12-20T10:00:00.000Z' }));
    assert.equal(both.status, 400);
  });
});
