import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey, nordKey } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { skFlow, skNord, staffKey } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import type { FunnelReportOut } from '../../../schema/api/admin-funnel.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const LINK = 'pyoga-7Hq2xK9mWd4R';
const today = new Date().toISOString().slice(0, 10);
const range = `from=${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`;

describe('conversion funnel: events from the widget, the staff report', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  before(async () => {
    const opened = await freshDatabase();
    close = opened.close;
    db = opened.db;
    app = await demoApp(db, { now: clock.now });
  });
  after(async () => close());

  const post = (body: unknown, key = flowKey, idem: string | null = randomUUID()) => app.request('/v1/embed/events', {
    method: 'POST',
    headers: { ...key, Origin: DEMO_ORIGIN, 'Content-Type': 'application/json', ...(idem ? { 'Idempotency-Key': idem } : {}) },
    body: JSON.stringify(body),
  });
  const visit = () => `v-${randomUUID()}`;
  const steps = (program: string, ...names: string[]) => names.map((step) => ({ program, step }));
  async function accepted(res: Response): Promise<number> {
    assert.equal(res.status, 202, await res.clone().text());
    return ((await res.json()) as { accepted: number }).accepted;
  }
  async function report(q: string, key = skFlow): Promise<FunnelReportOut> {
    const res = await app.request(`/v1/admin/funnel?${range}&${q}`, { headers: key });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as FunnelReportOut;
  }
  const visitsOf = (r: FunnelReportOut, key: string) => Object.fromEntries((r.groups.find((g) => g.key === key)?.steps ?? []).map((s) => [s.step, s.visits]));

  test('the widget\'s steps are stored once per visit and step, with the source, for programs the key can see', async () => {
    const v = visit();
    const source = { utm_source: 'Newsletter', utm_medium: 'email', utm_campaign: 'winter', referrer: 'https://www.mail.example.com/inbox?user=ana@example.ch' };
    assert.equal(await accepted(await post({ visit: v, source, events: steps(FLOW.evolve, 'viewed', 'time_chosen') })), 2);
    // The same steps again (a resent batch, another tab of the same visit) count once.
    assert.equal(await accepted(await post({ visit: v, source, events: steps(FLOW.evolve, 'viewed', 'time_chosen', 'intake_done') })), 3);
    const rows = await query(db, sql`select e.step::text as step, utm_source, utm_medium, utm_campaign, referrer_host from funnel_events e where visit_id = ${v} order by e.step`);
    assert.deepEqual(rows.map((r) => r.step), ['viewed', 'time_chosen', 'intake_done']);
    // Campaign values lower case; of the referrer only its host (no path, no query, no address in it).
    assert.deepEqual({ ...rows[0] }, { step: 'viewed', utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter', referrer_host: 'mail.example.com' });
  });

  test('hidden, another studio\'s and a private program without its token: dropped; a private one with its token: kept', async () => {
    await db.update(t.programs).set({ visibility: 'hidden' }).where(eq(t.programs.id, FLOW.split));
    try {
      assert.equal(await accepted(await post({ visit: visit(), events: steps(FLOW.split, 'viewed') })), 0);
    } finally {
      await db.update(t.programs).set({ visibility: 'public' }).where(eq(t.programs.id, FLOW.split));
    }
    const [nordProgram] = await query(db, sql`select id from programs where slug = 'mobility-reset'`);
    assert.equal(await accepted(await post({ visit: visit(), events: steps(String(nordProgram!.id), 'viewed') })), 0);
    assert.equal(await accepted(await post({ visit: visit(), events: steps(String(nordProgram!.id), 'viewed') }, nordKey)), 1);
    assert.equal(await accepted(await post({ visit: visit(), events: steps(FLOW.privateYoga, 'viewed') })), 0);
    assert.equal(await accepted(await post({ visit: visit(), link: LINK, events: steps(FLOW.privateYoga, 'viewed') })), 1);
    // A variant of another program is dropped, not the event.
    const variants = await demoVariants(app);
    const v = visit();
    assert.equal(await accepted(await post({ visit: v, events: [{ program: FLOW.split, variant: variants.evolve![0], step: 'viewed' }] })), 1);
    assert.deepEqual((await query(db, sql`select variant_id from funnel_events where visit_id = ${v}`)).map((r) => r.variant_id), [null]);
  });

  test('bad input: 400 with the fields; no Idempotency-Key: 400; nothing written', async () => {
    const before = (await query(db, sql`select count(*)::int as n from funnel_events`))[0]!.n;
    const bad = await problemOf(await post({ visit: 'x', events: [{ program: 'evolve', step: 'bought' }] }));
    assert.equal(bad.status, 400);
    const fields = (bad.errors ?? []).map((e) => e.field).sort();
    assert.deepEqual(fields, ['events.0.program', 'events.0.step', 'visit']);
    const many = await problemOf(await post({ visit: visit(), events: Array.from({ length: 21 }, () => ({ program: FLOW.evolve, step: 'viewed' })) }));
    assert.deepEqual((many.errors ?? []).map((e) => e.field), ['events']);
    const noKey = await problemOf(await post({ visit: visit(), events: steps(FLOW.evolve, 'viewed') }, flowKey, null));
    assert.equal(noKey.code, 'idempotency_key_required');
    assert.equal((await query(db, sql`select count(*)::int as n from funnel_events`))[0]!.n, before);
    const noAuth = await app.request('/v1/embed/events', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    assert.equal(noAuth.status, 401);
  });

  test('the report: visits per step and conversion, per program and per source; bookings and revenue joined through the booking\'s source', async () => {
    const variants = await demoVariants(app);
    // Three newsletter visits of Reiki: all view, two choose a time, one pays (and books with the same source).
    const news = { utm_source: 'spring-mail', utm_medium: 'email' };
    for (const reach of [6, 2, 1]) await accepted(await post({ visit: visit(), source: news, events: steps(FLOW.reiki, ...['viewed', 'time_chosen', 'details_done', 'checkout_started', 'paid'].slice(0, reach === 6 ? 1 : reach === 2 ? 2 : 5)) }));
    // Two visits from a search engine, one from nowhere.
    for (const referrer of ['https://www.google.com/', 'https://www.google.com/search?q=reiki']) await accepted(await post({ visit: visit(), source: { referrer }, events: steps(FLOW.reiki, 'viewed') }));
    await accepted(await post({ visit: visit(), events: steps(FLOW.reiki, 'viewed', 'time_chosen') }));
    const booking = await reserve(app, { program: 'reiki', variant: variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] }, source: { utm_source: 'Spring-Mail', utm_medium: 'email', page: 'https://studio.example/reiki' } });
    await checkedOut(await checkoutReq(app, booking, { method: 'card' }));
    assert.equal((await testPay(app, booking, 'succeed')).status, 200);

    const bySource = await report('by=source&program=reiki');
    assert.equal(bySource.by, 'source');
    assert.equal(bySource.program, 'reiki');
    assert.deepEqual(visitsOf(bySource, 'spring-mail'), { viewed: 3, time_chosen: 2, intake_done: 0, details_done: 1, checkout_started: 1, paid: 1 });
    assert.deepEqual(visitsOf(bySource, 'google.com'), { viewed: 2, time_chosen: 0, intake_done: 0, details_done: 0, checkout_started: 0, paid: 0 });
    assert.deepEqual(visitsOf(bySource, '(direct)'), { viewed: 1, time_chosen: 1, intake_done: 0, details_done: 0, checkout_started: 0, paid: 0 });
    const mail = bySource.groups.find((g) => g.key === 'spring-mail')!;
    const at = (step: string) => mail.steps.find((s) => s.step === step)!;
    assert.equal(at('viewed').from_previous, null);
    assert.equal(at('time_chosen').from_previous, 0.6667);
    assert.equal(at('intake_done').from_previous, 0, 'no intake form: nobody reached it');
    assert.equal(at('details_done').from_previous, 0.5, 'from the step before it that visits reached (the chosen time)');
    assert.equal(at('paid').from_viewed, 0.3333);
    assert.equal(mail.bookings, 1);
    assert.deepEqual(mail.revenue, [{ amount: 14000, currency: 'CHF' }]);
    assert.equal(bySource.groups.find((g) => g.key === 'google.com')!.bookings, 0);

    const byProgram = await report('by=program');
    assert.equal(visitsOf(byProgram, 'reiki').viewed, 6);
    assert.ok(visitsOf(byProgram, 'evolve').viewed! >= 1);
    assert.deepEqual(byProgram.groups.find((g) => g.key === 'reiki')!.revenue, [{ amount: 14000, currency: 'CHF' }]);
    assert.deepEqual(visitsOf(await report('by=medium&program=reiki'), 'email').viewed, 3);
    assert.deepEqual(visitsOf(await report('by=referrer&program=reiki'), 'google.com').viewed, 2);
  });

  test('a QR-bill booking: its visit\'s `paid` step is recorded when the studio records the money, once, under the visit\'s source', async () => {
    const variants = await demoVariants(app);
    const v = visit();
    const source = { utm_source: 'Autumn-Flyer', utm_medium: 'print', referrer: 'https://flyers.example.org/' };
    await accepted(await post({ visit: v, source, events: steps(FLOW.reiki, 'viewed', 'time_chosen', 'details_done', 'checkout_started') }));
    const who = customer();
    const booking = await reserve(app, {
      program: 'reiki', variant: variants.reiki![0], customer: who, sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] },
      source: { utm_source: 'Autumn-Flyer', utm_medium: 'print', referrer: 'flyers.example.org', page: 'https://studio.example/reiki' }, visit: v,
    });
    const out = await checkedOut(await checkoutReq(app, booking, { method: 'qr_bill' }, await proveIdentity(app, db, who.email as string)));
    const paidRows = async () => (await query(db, sql`select step::text as step, utm_source, utm_medium, referrer_host, variant_id, occurred_at from funnel_events where visit_id = ${v} and step = 'paid'`));
    assert.deepEqual(await paidRows(), [], 'a reservation on a QR-bill is not paid');
    // The money arrives three days later; the studio records it.
    clock.advance(3 * 86_400_000);
    const recordMoney = (amount: number) => app.request(`/v1/admin/orders/${out.order.id}/payments`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ amount, method: 'bank_transfer', reference: `camt ${randomUUID().slice(0, 8)}` }),
    });
    assert.equal((await recordMoney(14000)).status, 201);
    const paid = await paidRows();
    assert.equal(paid.length, 1);
    assert.deepEqual({ ...paid[0], occurred_at: new Date(String(paid[0]!.occurred_at)).toISOString() },
      { step: 'paid', utm_source: 'autumn-flyer', utm_medium: 'print', referrer_host: 'flyers.example.org', variant_id: variants.reiki![0], occurred_at: clock.now().toISOString() });
    // More money later (an overpayment) and the widget's own report of the step: still once.
    assert.equal((await recordMoney(500)).status, 201);
    await accepted(await post({ visit: v, source, events: steps(FLOW.reiki, 'paid') }));
    assert.equal((await paidRows()).length, 1);
    // The source's row and the program's steps agree: one paid visit, one booking, its revenue.
    // From the day the visit was clocked to today (the widget's steps are stamped by the database's clock).
    const around = `from=2026-11-24&to=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`;
    const res = await app.request(`/v1/admin/funnel?${around}&by=source&program=reiki`, { headers: skFlow });
    const bySource = (await res.json()) as FunnelReportOut;
    const flyer = bySource.groups.find((g) => g.key === 'autumn-flyer')!;
    assert.deepEqual(visitsOf(bySource, 'autumn-flyer'), { viewed: 1, time_chosen: 1, intake_done: 0, details_done: 1, checkout_started: 1, paid: 1 });
    assert.equal(flyer.bookings, 1);
    assert.deepEqual(flyer.revenue, [{ amount: 14500, currency: 'CHF' }]);
    const byProgram = (await (await app.request(`/v1/admin/funnel?${around}&by=program&program=reiki`, { headers: skFlow })).json()) as FunnelReportOut;
    assert.equal(visitsOf(byProgram, 'reiki').paid, bySource.groups.reduce((n, g) => n + (g.steps.find((s) => s.step === 'paid')?.visits ?? 0), 0));
  });

  test('a booking made without a visit (by staff) adds no funnel step when it is paid', async () => {
    const variants = await demoVariants(app);
    const before = (await query(db, sql`select count(*)::int as n from funnel_events where step = 'paid'`))[0]!.n;
    const res = await app.request('/v1/admin/bookings', {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ program: 'reiki', variant: variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-09T14:15:00.000Z'] }, payment: { mode: 'paid_by_transfer', reference: 'camt 1' } }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal((await query(db, sql`select count(*)::int as n from funnel_events where step = 'paid'`))[0]!.n, before);
  });

  test('CSV export: a row per group, formula-looking values defused', async () => {
    await accepted(await post({ visit: visit(), source: { utm_source: '=HYPERLINK("x")' }, events: steps(FLOW.split, 'viewed') }));
    const res = await app.request(`/v1/admin/funnel.csv?${range}&by=source&program=split`, { headers: skFlow });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="funnel-source-/);
    const lines = (await res.text()).split('\r\n');
    assert.equal(lines[0], 'source,viewed,time_chosen,intake_done,details_done,checkout_started,paid,conversion,bookings');
    assert.ok(lines.includes(`"'=hyperlink(""x"")",1,0,0,0,0,0,0,0`), lines.join('\n'));
  });

  test('who may read it: owners and managers; an instructor 403; another studio sees none of it; bad ranges 400', async () => {
    const instructor = await staffKey(db, FLOW.mara);
    const res = await app.request(`/v1/admin/funnel?${range}`, { headers: instructor });
    assert.equal(res.status, 403);
    assert.equal((await problemOf(res)).code, 'forbidden');
    const nord = await report('by=program', skNord);
    assert.deepEqual(nord.groups.map((g) => g.key), ['mobility-reset'], 'only its own program\'s events');
    const backwards = await problemOf(await app.request(`/v1/admin/funnel?from=${today}&to=2020-01-01`, { headers: skFlow }));
    assert.deepEqual(backwards.errors?.map((e) => e.field), ['to']);
    const tooLong = await problemOf(await app.request('/v1/admin/funnel?from=2025-01-01&to=2026-06-01', { headers: skFlow }));
    assert.deepEqual(tooLong.errors?.map((e) => e.field), ['to']);
    const badBy = await problemOf(await app.request(`/v1/admin/funnel?${range}&by=everything`, { headers: skFlow }));
    assert.deepEqual(badBy.errors?.map((e) => e.field), ['by']);
  });
});
