/**
 * The reschedule policy on every path that moves a session (issue 13): `reschedule_notice_hours`
 * (default: the free-cancellation hours) and `max_reschedules_per_session`, one rule in bookings'
 * domain. The widget (embed) and the portal refuse with 409 `policy_window_closed` and the
 * deadline, or 409 `reschedule_limit_reached` with the limit; staff are held to it too unless they
 * override it. Reiki: free cancellation up to 48 h before; here moves need 24 h and one move per session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { asSystem, Clock, postJson, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';

describe('reschedule policy: notice and limit on every path', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await asSystem(db.db, FLOW.org, (tx) => tx.execute(sql`update programs set policies = policies || '{"reschedule_notice_hours": 24, "max_reschedules_per_session": 1}'::jsonb
      where org_id = ${FLOW.org}::uuid and slug = 'reiki'`));
  });
  after(async () => db.close());

  async function paidReiki(start: string) {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ locale: 'en' }), sessions: { mode: 'explicit', starts: [start] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }
  const embedMove = (b: { id: string; client_token: string; sessions: { id: string }[] }, startsAt: string) =>
    postJson(app, `/v1/embed/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`, { starts_at: startsAt }, { 'Tandem-Booking-Token': b.client_token });
  const staffMove = (b: { id: string; sessions: { id: string }[] }, startsAt: string, override?: boolean) =>
    postJson(app, `/v1/admin/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`, { starts_at: startsAt, ...(override ? { override } : {}) }, { ...skFlow, 'Idempotency-Key': randomUUID() });

  test('the notice is reschedule_notice_hours, not the free-cancellation window; one move per session, then 409 reschedule_limit_reached on the widget, the admin API and the portal\'s answer', async () => {
    const b = await paidReiki('2026-12-21T09:00:00.000Z');
    clock.set('2026-12-19T12:00:00Z'); // 45 h before: inside the 48 h free-cancellation window, outside the 24 h notice
    const first = await embedMove(b, '2026-12-21T11:00:00.000Z');
    assert.equal(first.status, 200, await first.clone().text());
    const [row] = await query(db.db, sql`select reschedules, starts_at from program_sessions where id = ${b.sessions[0]!.id}`);
    assert.deepEqual({ reschedules: row!.reschedules, starts_at: new Date(String(row!.starts_at)).toISOString() }, { reschedules: 1, starts_at: '2026-12-21T11:00:00.000Z' });

    const again = await embedMove(b, '2026-12-21T13:00:00.000Z');
    assert.equal(again.status, 409);
    const problem = await problemOf(again) as { code: string; limit?: number; reschedules?: number };
    assert.deepEqual({ code: problem.code, limit: problem.limit, reschedules: problem.reschedules }, { code: 'reschedule_limit_reached', limit: 1, reschedules: 1 });

    const staff = await staffMove(b, '2026-12-21T13:00:00.000Z');
    assert.equal(staff.status, 409);
    assert.equal((await problemOf(staff)).code, 'reschedule_limit_reached');
    const overridden = await staffMove(b, '2026-12-21T13:00:00.000Z', true);
    assert.equal(overridden.status, 200, await overridden.clone().text());
    const [moved] = await query(db.db, sql`select reschedules from program_sessions where id = ${b.sessions[0]!.id}`);
    assert.equal(moved!.reschedules, 2, 'a staff override counts as a move too');
  });

  test('inside the notice: 409 policy_window_closed with the deadline on the widget and the admin API; staff override it', async () => {
    const b = await paidReiki('2026-12-23T09:00:00.000Z');
    clock.set('2026-12-22T13:00:00Z'); // 20 h before
    const late = await embedMove(b, '2026-12-23T11:00:00.000Z');
    assert.equal(late.status, 409);
    const problem = await problemOf(late) as { code: string; deadline?: string; detail?: string };
    assert.deepEqual({ code: problem.code, deadline: problem.deadline }, { code: 'policy_window_closed', deadline: '2026-12-22T09:00:00.000Z' });
    assert.match(problem.detail ?? '', /24 hours/);
    const staff = await staffMove(b, '2026-12-23T11:00:00.000Z');
    assert.equal((await problemOf(staff)).code, 'policy_window_closed');
    assert.equal((await staffMove(b, '2026-12-23T11:00:00.000Z', true)).status, 200);
  });
});
