/**
 * Which ways to pay a variant allows: set in the wizard's pricing step, every method by default,
 * offered by the embed's program answer (less what the currency, account or credit price rule out),
 * refused at quote and checkout (422 payment_method_not_allowed), and a variant no method is left for
 * cannot be published. Changing the methods of a booked variant changes it in place (no new version).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, reserve } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { AdminProgramOut, AdminProgramsOut } from '../../../schema/api/admin-programs.ts';
import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
type Variant = AdminProgramOut['variants'][number];

describe('the payment methods a variant allows', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let manager: StaffSession;
  let reikiId = '';

  const send = (s: StaffSession, method: string, path: string, body?: unknown) => app.request(path, {
    method, headers: { ...s.headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const ok = async (res: Response, status = 200): Promise<AdminProgramOut> => {
    assert.equal(res.status, status, await res.clone().text());
    return res.json() as Promise<AdminProgramOut>;
  };
  /** A variant as the pricing step sends it back, with other methods. */
  const input = (v: Variant, extra: Record<string, unknown> = {}) => ({
    id: v.id, name: v.name, currency: v.currency, price: v.price, vat_rate_bp: v.vat_rate_bp, billing: v.billing, sessions_count: v.sessions_count,
    deposit_amount: v.deposit_amount, credit_price: v.credit_price, ...extra,
  });
  const reiki = async () => ok(await app.request(`/v1/admin/programs/${reikiId}`, { headers: manager.headers }));
  const embedReiki = async () => (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as Promise<ProgramDetail>;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich')`);
    manager = await signIn(app, db.db, 'mia@studioflow.example');
    const list = await (await app.request('/v1/admin/programs', { headers: manager.headers })).json() as AdminProgramsOut;
    reikiId = list.programs.find((p) => p.slug === 'reiki')!.id;
  });
  after(async () => db.close());

  test('existing variants allow every method: nothing changes for programs made before', async () => {
    const p = await reiki();
    for (const v of p.variants) assert.deepEqual(v.allowed_methods, ['card', 'twint', 'qr_bill', 'bank_transfer', 'credits']);
    const embed = await embedReiki();
    assert.deepEqual(embed.variants[0]!.payment_methods, p.variants[0]!.offered_methods);
    assert.ok(embed.variants[0]!.payment_methods.includes('twint'));
  });

  test('the pricing step saves the methods; the program answer offers only those; quote and checkout refuse the others', async () => {
    const [v] = (await reiki()).variants.filter((x) => x.is_active);
    const saved = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${reikiId}`, { step: 'pricing', variants: [input(v!, { allowed_methods: ['qr_bill', 'card'] })] }));
    const after = saved.variants.find((x) => x.is_active)!;
    assert.equal(after.id, v!.id, 'nobody booked it: changed in place');
    assert.deepEqual(after.allowed_methods, ['qr_bill', 'card']);
    assert.deepEqual(after.offered_methods, ['card', 'qr_bill']);
    const embed = await embedReiki();
    assert.deepEqual(embed.variants[0]!.payment_methods, ['card', 'qr_bill'], 'TWINT is no longer offered');

    const b = await reserve(app, { program: 'reiki', variant: v!.id, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-11-30T10:00:00.000Z'] } });
    const quote = await app.request(`/v1/embed/bookings/${b.id}/quote?method=twint`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } });
    for (const res of [quote, await checkoutReq(app, b, { method: 'twint' })]) {
      assert.equal(res.status, 422);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const p = await problemOf(res) as Awaited<ReturnType<typeof problemOf>> & { allowed_methods?: string[] };
      assert.equal(p.code, 'payment_method_not_allowed');
      assert.deepEqual(p.errors?.map((e) => e.field), ['method']);
      assert.deepEqual(p.allowed_methods, ['qr_bill', 'card']);
    }
    const [orders] = await query(db.db, sql`select count(*)::int as n from orders where booking_id = ${b.id}`);
    assert.equal(orders!.n, 0, 'a refused checkout writes nothing');
    const paid = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal(paid.payment?.amount, paid.order.total);

    // Booked now: other methods still change it in place (they are not what the booking bought).
    const again = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${reikiId}`, { step: 'pricing', variants: [input(after, { allowed_methods: ['card', 'twint'] })] }));
    const same = again.variants.filter((x) => x.is_active);
    assert.deepEqual(same.map((x) => [x.id, x.allowed_methods]), [[v!.id, ['card', 'twint']]]);
    // A price change makes a new version, which keeps the methods; left out, they stay.
    const repriced = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${reikiId}`, { step: 'pricing', variants: [input(same[0]!, { price: same[0]!.price + 500 })] }));
    const current = repriced.variants.filter((x) => x.is_active);
    assert.notEqual(current[0]!.id, v!.id);
    assert.deepEqual(current[0]!.allowed_methods, ['card', 'twint']);
  });

  test('a variant left with no way to pay is saved as a draft but cannot be published', async () => {
    const created = await ok(await send(manager, 'POST', '/v1/admin/programs', { title: 'Sound bath', slug: 'sound-bath', summary: 'Gongs.' }), 201);
    await ok(await send(manager, 'PATCH', `/v1/admin/programs/${created.id}`, { step: 'delivery', delivery_mode: 'in_person', location_id: FLOW.studio, instructor_ids: [FLOW.mara] }));
    const none = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${created.id}`, { step: 'pricing', variants: [
      { name: 'Single', currency: 'CHF', price: 9000, vat_rate_bp: 0 },
      { name: 'Nothing ticked', currency: 'CHF', price: 9000, vat_rate_bp: 0, allowed_methods: [] },
    ] }));
    assert.deepEqual(none.variants.map((x) => x.allowed_methods.length), [5, 0], 'a new variant allows every method unless told');
    assert.deepEqual(none.missing, ['pricing.allowed_methods']);
    const refused = await send(manager, 'POST', `/v1/admin/programs/${created.id}/publish`);
    assert.equal(refused.status, 422);
    assert.deepEqual((await problemOf(refused) as unknown as { missing: string[] }).missing, ['pricing.allowed_methods']);
    // Allowed, but none fits: credits without a price in credits, TWINT for euros.
    const [, second] = none.variants;
    const unfit = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${created.id}`, { step: 'pricing', variants: [input(none.variants[0]!), input(second!, { currency: 'EUR', allowed_methods: ['credits', 'twint'] })] }));
    assert.deepEqual(unfit.variants.find((x) => x.name === 'Nothing ticked')!.offered_methods, []);
    assert.deepEqual(unfit.missing, ['pricing.allowed_methods']);
    const fixed = await ok(await send(manager, 'PATCH', `/v1/admin/programs/${created.id}`, { step: 'pricing', variants: [input(none.variants[0]!), input(second!, { allowed_methods: ['card'] })] }));
    assert.deepEqual(fixed.missing, []);
    assert.equal((await ok(await send(manager, 'POST', `/v1/admin/programs/${created.id}/publish`))).status, 'published');
  });

  test('an unknown or repeated method is 400 on its field', async () => {
    const [v] = (await reiki()).variants.filter((x) => x.is_active);
    for (const methods of [['cash'], ['card', 'card']]) {
      const bad = await send(manager, 'PATCH', `/v1/admin/programs/${reikiId}`, { step: 'pricing', variants: [input(v!, { allowed_methods: methods })] });
      assert.equal(bad.status, 400);
      assert.ok((await problemOf(bad)).errors?.some((e) => e.field.startsWith('variants.0.allowed_methods')));
    }
  });
});
