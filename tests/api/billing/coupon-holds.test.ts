/**
 * Issue 11, item 7: a code's use is held with the booking. Checkouts abandoned until their holds
 * lapse give their uses back, so five unpaid checkouts do not use up a 5-use coupon, and a
 * per-customer limit does not count them; money that restores a lapsed booking takes the use again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, HOUR, asSystem, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('coupon uses held with the booking (issue 11, item 7)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await asSystem(db.db, FLOW.org, async (tx) => {
      await tx.execute(sql`insert into coupons (org_id, code, kind, amount_off, currency, max_redemptions) values (${FLOW.org}, 'FIVE', 'fixed', 1000, 'CHF', 5)`);
      await tx.execute(sql`insert into coupons (org_id, code, kind, percent_bp, max_per_customer) values (${FLOW.org}, 'MINEONCE', 'percent', 1000, 1)`);
    });
  });
  after(async () => db.close());

  const reiki = (start: string, who: Record<string, unknown> = customer()) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] } });
  const redemptions = async (code: string) => Number((await query(db.db, sql`select redemptions from coupons where code = ${code}`))[0]!.redemptions);

  test('five unpaid checkouts with a 5-use coupon whose holds lapse leave the coupon usable', async () => {
    clock.set(START);
    const starts = ['2026-12-02T09:00:00.000Z', '2026-12-02T10:30:00.000Z', '2026-12-02T12:00:00.000Z', '2026-12-02T13:30:00.000Z', '2026-12-04T12:00:00.000Z'];
    const abandoned = [];
    for (const start of starts) {
      const b = await reiki(start);
      await checkedOut(await checkoutReq(app, b, { method: 'card', coupon: 'FIVE' }));
      abandoned.push(b);
    }
    assert.equal(await redemptions('FIVE'), 5, 'held while the holds run');
    const sixth = await reiki('2026-12-04T09:00:00.000Z');
    assert.equal((await problemOf(await checkoutReq(app, sixth, { method: 'card', coupon: 'FIVE' }))).code, 'coupon_exhausted');
    clock.advance(2 * HOUR);
    await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
    assert.equal(await redemptions('FIVE'), 0, 'every lapsed hold gave its use back');
    const later = await reiki('2026-12-04T10:30:00.000Z');
    const out = await checkedOut(await checkoutReq(app, later, { method: 'card', coupon: 'FIVE' }));
    assert.deepEqual(out.order.discount, { code: 'FIVE', source: 'coupon' });
    assert.equal(await redemptions('FIVE'), 1);
    // The money of an abandoned checkout arrives after all: the booking is restored and takes its use again.
    assert.equal((await testPay(app, abandoned[0]!, 'succeed')).status, 200);
    const [row] = await query(db.db, sql`select status::text from program_bookings where id = ${abandoned[0]!.id}`);
    assert.equal(row!.status, 'confirmed');
    assert.equal(await redemptions('FIVE'), 2);
  });

  test('a per-customer limit does not count a checkout whose hold lapsed unpaid', async () => {
    clock.set(START);
    const who = customer();
    const proof = await proveIdentity(app, db.db, who.email as string);
    const first = await reiki('2026-12-07T09:00:00.000Z', who);
    await checkedOut(await checkoutReq(app, first, { method: 'card', coupon: 'MINEONCE' }, proof));
    clock.advance(2 * HOUR);
    await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
    const again = await reiki('2026-12-07T10:30:00.000Z', who);
    const out = await checkedOut(await checkoutReq(app, again, { method: 'card', coupon: 'MINEONCE' }, await proveIdentity(app, db.db, who.email as string)));
    assert.deepEqual(out.order.discount, { code: 'MINEONCE', source: 'coupon' });
    // Paid, it counts: a third booking is refused.
    assert.equal((await testPay(app, again, 'succeed')).status, 200);
    const third = await reiki('2026-12-07T12:00:00.000Z', who);
    assert.equal((await problemOf(await checkoutReq(app, third, { method: 'card', coupon: 'MINEONCE' }, await proveIdentity(app, db.db, who.email as string)))).code, 'coupon_already_used');
  });
});
