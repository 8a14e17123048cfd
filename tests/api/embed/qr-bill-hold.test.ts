/**
 * How long a QR-bill holds a booking's times (issues 11 and 13): never when the first session
 * is fewer than 3 days away; the long hold only for a proven e-mail address, and then until the
 * earlier of 5 days and 2 days before the first session (the payment deadline).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, DAY, problemOf } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { sql } from 'drizzle-orm';
import { query } from '../../support/booking.ts';

const START = '2026-11-25T08:00:00Z';

describe('QR-bill holds and deadline', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());
  const reiki = (start: string, who = customer()) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] } });

  test('the first session fewer than 3 days away: QR-bill is not offered, and the answer says why', async () => {
    const b = await reiki('2026-11-27T09:00:00.000Z'); // Friday, 2 days ahead
    const res = await checkoutReq(app, b, { method: 'qr_bill' });
    assert.equal(res.status, 422);
    const p = await problemOf(res);
    assert.equal(p.code, 'payment_method_unavailable');
    assert.match(p.errors?.[0]?.message ?? '', /3 days/);
  });

  test('proven, first session 5 days away: held until 2 days before it (earlier than 5 days from now)', async () => {
    const who = customer();
    const b = await reiki('2026-11-30T09:00:00.000Z', who);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proveIdentity(app, db.db, who.email as string)));
    assert.equal(out.booking.hold_expires_at, new Date(Date.parse('2026-11-30T09:00:00.000Z') - 2 * DAY).toISOString());
  });

  test('not proven: no invoice and no long hold; the answer asks for the code by mail', async () => {
    const b = await reiki('2026-12-11T09:00:00.000Z');
    const res = await checkoutReq(app, b, { method: 'qr_bill' });
    assert.equal(res.status, 403);
    assert.equal((await problemOf(res)).code, 'identity_required');
    const [row] = await query(db.db, sql`select count(*)::int as n from invoices i join orders o on o.id = i.order_id where o.booking_id = ${b.id}`);
    assert.equal(row!.n, 0);
  });
});
