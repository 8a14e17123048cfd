/**
 * Payroll through two periods with a fake clock: two EVOLVE packs of Mara's delivered across the
 * November/December boundary, a rate change dated mid-way, a no-show earning its share of what the
 * studio kept (its refund comes off that session exactly), November closed, then a cancellation in
 * December and the no-show's refund failing at the provider after the close (one adjustment in
 * December, November untouched); a whole booking cancelled late earning the late-cancel share, each
 * session on exactly its own refund; the period answers, the CSV and the PDF statement; the roles.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';
import { pdfText, skFlow, skNord, staffCancel, staffKey } from '../../support/admin-money.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { earningsJob } from '../../../server/modules/payroll/index.ts';
import { decimal } from '../../../shared/csv.ts';
import { pgErrorCode } from '../../../server/platform/db/pg-errors.ts';
import { allocateEvenly, applyBasisPoints, issueRefund, mulDivRoundHalfUp } from '../../../server/modules/billing/index.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';

interface Period { id: string; starts_on: string; ends_on: string; status: string; paid_on: string | null; paid_reference: string | null; totals: { staff_id: string; amount: number; currency: string }[] }
interface Earning { id: string; kind: string; amount: number; currency: string; earned_on: string; session_id: string | null; booking_id: string | null; rule: Record<string, unknown>; inputs: Record<string, unknown>; adjusts_id: string | null; reason: string | null }
interface Detail { period: Period; instructors: { staff_id: string; staff_name: string; statement_pdf_url: string; sessions: Earning[]; bookings: Earning[]; adjustments: Earning[]; totals: { amount: number; currency: string }[] }[]; export_csv_url: string }

describe('payroll through two periods', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-10T08:00:00Z'));
  let mara: { Authorization: string };
  let luca: { Authorization: string };
  let a: CreatedBooking;
  let b: CreatedBooking;
  let share: number[] = [];
  let november: Period;
  /** Net revenue of B's no-show: its share less the net of what its no-show settlement refunded. */
  let noShowNet = 0;
  const netOfGross = async (bookingId: string, gross: number) => {
    const [o] = await query(db.db, sql`select sum(i.amount)::int as gross, sum(i.amount - i.vat_amount)::int as net from order_items i join program_bookings b on b.order_id = i.order_id where b.id = ${bookingId}`);
    return mulDivRoundHalfUp(gross, Number(o!.net), Number(o!.gross));
  };

  const get = (key: Record<string, string>, path: string) => app.request(`/v1/admin${path}`, { headers: key });
  const post = (key: Record<string, string>, path: string, body?: unknown, idem: string = randomUUID()) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...key, 'Idempotency-Key': idem, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const runPayroll = () => runDueJobs(db.executor, [earningsJob({ db: db.db, now: clock.now })] as never);
  const at = async (iso: string) => { clock.set(iso); await runLifecycleAt(db, new Date(iso)); await runPayroll(); };
  const periods = async (key = skFlow) => { const res = await get(key, '/payroll/periods'); assert.equal(res.status, 200); return (await res.json() as { periods: Period[] }).periods; };
  const detail = async (id: string, key = skFlow) => { const res = await get(key, `/payroll/periods/${id}`); assert.equal(res.status, 200, await res.clone().text()); return res.json() as Promise<Detail>; };
  const earningsRows = () => query(db.db, sql`select id, kind, session_id, amount, adjusts_id, period_id, earned_on::text from earnings order by created_at, id`);

  async function paidEvolve(firstStart: string): Promise<CreatedBooking> {
    const v = await demoVariants(app);
    const booking = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, booking, { method: 'card' }));
    assert.equal((await testPay(app, booking, 'succeed')).status, 200);
    return booking;
  }

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    mara = await staffKey(db.db, FLOW.mara);
    luca = await staffKey(db.db, FLOW.luca);
    // This studio keeps half of a no-show's value (the rest goes back when the booking is cancelled).
    await query(db.db, sql`update programs set policies = policies || '{"no_show_fee_bp": 5000}'::jsonb where id = ${FLOW.evolve}`);
  });
  after(async () => db.close());

  test('the current period is there before anything is earned: open, with no totals; an instructor sees it too', async () => {
    const empty = await periods();
    assert.deepEqual(empty.map((p) => [p.starts_on, p.ends_on, p.status, p.totals]), [['2026-11-01', '2026-11-30', 'open', []]]);
    assert.deepEqual((await periods(mara)).map((p) => p.id), [empty[0]!.id], 'the same period, once, however often it is asked for');
    assert.equal((await detail(empty[0]!.id)).instructors.length, 0);
  });

  test('settings and rules: owners and managers write them, an instructor reads only their own, bad input is a 400 per field', async () => {
    let res = await post(mara, '/payroll/settings', { period: 'monthly', no_show_share_bp: 5000, late_cancel_share_bp: 0 });
    assert.equal(res.status, 403);
    assert.equal((await problemOf(res)).code, 'forbidden');
    res = await post(skFlow, '/payroll/settings', { period: 'biweekly', no_show_share_bp: 5000, late_cancel_share_bp: 0 });
    assert.equal(res.status, 400);
    assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field), ['anchor_on']);
    res = await post(skFlow, '/payroll/settings', { period: 'monthly', no_show_share_bp: 5000, late_cancel_share_bp: 0 });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { period: 'monthly', anchor_on: null, no_show_share_bp: 5000, late_cancel_share_bp: 0, currency: 'CHF', timezone: 'Europe/Zurich', saved: true });

    res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 20_000, valid_from: '2026-11-01' });
    assert.equal(res.status, 400);
    assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field), ['value']);
    res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.mara, kind: 'per_session', value: 5000, min_amount: 6000, max_amount: 5000, valid_from: '2026-02-30' });
    assert.equal(res.status, 400);
    assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field).sort(), ['max_amount', 'valid_from']);
    res = await post(mara, '/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 9000, valid_from: '2026-11-01' });
    assert.equal(res.status, 403, 'an instructor does not set their own pay');
    res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 4000, valid_from: '2026-11-01' });
    assert.equal(res.status, 201, await res.clone().text());
    res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.luca, kind: 'per_session', value: 7000, valid_from: '2026-11-01' });
    assert.equal(res.status, 201);
    const ofMara = await (await get(mara, '/payroll/rules')).json() as { rules: { staff_id: string }[] };
    assert.deepEqual(ofMara.rules.map((r) => r.staff_id), [FLOW.mara], 'an instructor sees only their own rules');
    assert.equal(((await (await get(skFlow, '/payroll/rules')).json()) as { rules: unknown[] }).rules.length, 2);
    assert.equal(((await (await get(skNord, '/payroll/rules')).json()) as { rules: unknown[] }).rules.length, 0, 'another studio sees none');
  });

  test('November: sessions completed and a no-show earn in the period of their date, under the rule of that date', async () => {
    a = await paidEvolve('2026-11-17T08:00:00.000Z'); // Tue 17, 24 Nov, 1, 8 Dec, 09:00 in Zurich
    b = await paidEvolve('2026-11-18T08:00:00.000Z'); // Wed 18, 25 Nov, 2, 9 Dec
    const [order] = await query(db.db, sql`select sum(i.amount - i.vat_amount)::int as net from order_items i join program_bookings b on b.order_id = i.order_id where b.id = ${a.id}`);
    share = allocateEvenly(Number(order!.net), 4);
    clock.set('2026-11-18T08:30:00Z');
    const noShow = await post(skFlow, `/bookings/${b.id}/sessions/${b.sessions[0]!.id}/no-show`);
    assert.equal(noShow.status, 200, await noShow.clone().text());
    await at('2026-11-19T10:00:00Z');
    await at('2026-11-26T10:00:00Z');

    const list = await periods();
    assert.equal(list.length, 1);
    november = list[0]!;
    assert.deepEqual([november.starts_on, november.ends_on, november.status], ['2026-11-01', '2026-11-30', 'open']);
    const full = (i: number) => applyBasisPoints(share[i]!, 4000);
    // The pack is paid in full: the no-show's share beyond its 50 % fee went back at once, and comes off that session alone.
    const [noShowRefund] = await query(db.db, sql`select amount from refunds where booking_id = ${b.id}`);
    noShowNet = share[0]! - await netOfGross(b.id, Number(noShowRefund!.amount));
    const noShowEarned = applyBasisPoints(applyBasisPoints(noShowNet, 4000), 5000);
    const expected = full(0) + full(1) + noShowEarned + full(1);
    assert.deepEqual(november.totals, [{ staff_id: FLOW.mara, amount: expected, currency: 'CHF' }]);

    const d = await detail(november.id);
    const ofMara = d.instructors.find((i) => i.staff_id === FLOW.mara)!;
    assert.equal(ofMara.staff_name, 'Mara Keller');
    assert.deepEqual(ofMara.sessions.map((e) => [e.session_id, e.amount, e.inputs.outcome, e.earned_on]).sort(), [
      [a.sessions[0]!.id, full(0), 'completed', '2026-11-17'], [a.sessions[1]!.id, full(1), 'completed', '2026-11-24'],
      [b.sessions[0]!.id, noShowEarned, 'no_show', '2026-11-18'], [b.sessions[1]!.id, full(1), 'completed', '2026-11-25'],
    ].sort());
    assert.equal(ofMara.sessions[0]!.rule.kind, 'percent');
    assert.equal(ofMara.sessions[0]!.inputs.net_revenue, share[0]);
    assert.deepEqual(ofMara.totals, [{ amount: expected, currency: 'CHF' }]);

    // Recomputing (the job again, for every booking) writes nothing new.
    const before = await earningsRows();
    const { computeEarningsNow } = await import('../../../server/modules/payroll/index.ts');
    for (const id of [a.id, b.id]) assert.deepEqual(await computeEarningsNow(db.db, { orgId: FLOW.org, bookingId: id, cause: 'test' }, clock.now()), { originals: 0, adjustments: 0 });
    assert.deepEqual(await earningsRows(), before);
  });

  test('a rate change dated in December changes nothing already earned and applies from its date', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const before = await earningsRows();
    const res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 5000, valid_from: '2026-12-05' });
    assert.equal(res.status, 201);
    await runPayroll();
    assert.deepEqual(await earningsRows(), before);
    const rules = (await (await get(skFlow, `/payroll/rules?staff_id=${FLOW.mara}`)).json() as { rules: { valid_from: string; value: number; in_use: boolean }[] }).rules;
    assert.deepEqual(rules.map((r) => [r.valid_from, r.value, r.in_use]), [['2026-11-01', 4000, true], ['2026-12-05', 5000, false]], 'the history, with the rule in use marked');
  });

  test('closing November: not before its end, not by an instructor, once; then nothing is added to it and no rule reaches into it', async () => {
    let res = await post(skFlow, `/payroll/periods/${november.id}/close`);
    assert.equal(res.status, 409, 'November 27 is still in November');
    clock.set('2026-12-01T12:00:00Z');
    res = await post(mara, `/payroll/periods/${november.id}/close`);
    assert.equal(res.status, 403);
    const key = randomUUID();
    res = await post(skFlow, `/payroll/periods/${november.id}/close`, undefined, key);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json() as Period).status, 'closed');
    const again = await post(skFlow, `/payroll/periods/${november.id}/close`, undefined, key);
    assert.equal(again.headers.get('Idempotency-Replayed'), 'true');
    res = await post(skFlow, `/payroll/periods/${november.id}/paid`, { paid_on: '2026-11-30', reference: 'x' });
    assert.equal(res.status, 400, 'paid before the period ended');
    res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.mara, kind: 'percent', value: 9000, valid_from: '2026-11-20' });
    assert.equal(res.status, 409, 'a rule cannot reach into a closed period');
    // The database itself refuses a row into a closed period.
    await assert.rejects(query(db.db, sql`insert into earnings (org_id, staff_id, period_id, kind, booking_id, amount, currency, earned_on, earned_at)
      values (${FLOW.org}, ${FLOW.mara}, ${november.id}, 'booking', ${a.id}, 1, 'CHF', '2026-11-20', now())`), (e) => pgErrorCode(e) === '55000');
  });

  test('December: the pack crosses the boundary, the rate change applies from its date, and a refund that fails after the close is one adjustment in December', async () => {
    const novemberBefore = (await detail(november.id)).instructors;
    await at('2026-12-03T10:00:00Z'); // A.s3 (1 Dec) and B.s3 (2 Dec) completed under 40 %
    await at('2026-12-09T10:00:00Z'); // A.s4 (8 Dec) completed under 50 %
    // B is cancelled by the policy on 8 Dec (its last session, 9 Dec, is more than 24 h away): that session goes back in full;
    // the no-show's half went back in November already and is not given again. Nothing delivered changes.
    clock.set('2026-12-08T07:00:00Z');
    const settlement = await staffCancel(app, b.id);
    assert.ok(settlement.refund > 0);
    await runPayroll();
    assert.deepEqual(await query(db.db, sql`select id from earnings where kind = 'adjustment'`), [], 'an undelivered session earned nothing to correct');
    // The no-show's refund (sent in November) fails at the provider on 9 December: the money stays the studio's,
    // and what the no-show earns goes back up. November is closed: the correction is December's.
    clock.set('2026-12-09T09:00:00Z');
    const [noShowRefund] = await query(db.db, sql`select id from refunds where booking_id = ${b.id} order by created_at limit 1`);
    const failing = { ...testProvider(), refund: async () => ({ status: 'failed' as const, ref: 're_declined', reason: 'charge_disputed' }) };
    assert.equal((await issueRefund({ db: db.db, payments: failing, now: clock.now, config: testConfig }, FLOW.org, String(noShowRefund!.id)))?.status, 'failed');
    await runPayroll();
    await at('2026-12-09T10:00:00Z');

    const list = await periods();
    assert.deepEqual(list.map((p) => [p.starts_on, p.status]), [['2026-12-01', 'open'], ['2026-11-01', 'closed']]);
    assert.deepEqual((await detail(november.id)).instructors, novemberBefore, 'the closed period is exactly as it was');
    const december = await detail(list[0]!.id);
    const ofMara = december.instructors.find((i) => i.staff_id === FLOW.mara)!;
    const full = (i: number, bp: number) => applyBasisPoints(share[i]!, bp);
    assert.deepEqual(ofMara.sessions.map((e) => [e.session_id, e.amount, e.rule.value]).sort(), [
      [a.sessions[2]!.id, full(2, 4000), 4000], [a.sessions[3]!.id, full(3, 5000), 5000], [b.sessions[2]!.id, full(2, 4000), 4000],
    ].sort());
    assert.equal(ofMara.adjustments.length, 1);
    const adj = ofMara.adjustments[0]!;
    const noShowEarned = applyBasisPoints(applyBasisPoints(noShowNet, 4000), 5000);
    const noShowNow = applyBasisPoints(full(0, 4000), 5000);
    assert.equal(adj.amount, noShowNow - noShowEarned);
    assert.ok(adj.amount > 0);
    assert.equal(adj.session_id, b.sessions[0]!.id);
    assert.match(adj.reason!, /refund failed/);
    const original = (await earningsRows()).find((e) => e.session_id === b.sessions[0]!.id && e.kind === 'session')!;
    assert.equal(adj.adjusts_id, original.id);
    const sum = [...ofMara.sessions, ...ofMara.bookings, ...ofMara.adjustments].reduce((x, e) => x + e.amount, 0);
    assert.deepEqual(ofMara.totals, [{ amount: sum, currency: 'CHF' }]);
    assert.deepEqual(list[0]!.totals, [{ staff_id: FLOW.mara, amount: sum, currency: 'CHF' }]);
  });

  test('roles: an instructor sees only their own earnings and statement; another studio sees nothing', async () => {
    const list = await periods(luca);
    assert.deepEqual(list.map((p) => p.totals), [[], []], 'Luca earned nothing: he sees the periods, not Mara\'s money');
    const dec = list[0]!.id;
    assert.deepEqual((await detail(dec, luca)).instructors, []);
    assert.equal((await detail(dec, mara)).instructors.length, 1);
    assert.equal((await get(luca, `/payroll/periods/${dec}/statements/${FLOW.mara}.pdf`)).status, 404);
    assert.equal((await get(skNord, `/payroll/periods/${dec}`)).status, 404);
    const flowIds = new Set(list.map((p) => p.id));
    const ofNord = await periods(skNord);
    assert.ok(ofNord.every((p) => !flowIds.has(p.id) && p.totals.length === 0), 'another studio sees its own (empty) current period, never Flow\'s');
    const csv = await (await get(luca, `/payroll/periods/${dec}/export.csv`)).text();
    assert.equal(csv.split('\r\n').filter(Boolean).length, 1, 'only the header for an instructor without earnings');
  });

  test('the CSV: fixed columns, one line per earning, sums that match; the PDF statement names the sessions, the adjustment and the total', async () => {
    const dec = (await periods())[0]!;
    const res = await get(skFlow, `/payroll/periods/${dec.id}/export.csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type')!, /^text\/csv/);
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    const header = lines[0]!.split(',');
    assert.deepEqual(header.slice(0, 6), ['period_id', 'period_starts_on', 'period_ends_on', 'period_status', 'earning_id', 'kind']);
    assert.equal(lines.length - 1, 4);
    const col = (name: string) => header.indexOf(name);
    const rows = lines.slice(1).map((l) => l.split(','));
    assert.equal(rows.reduce((x, r) => x + Number(r[col('amount_minor')]), 0), dec.totals[0]!.amount);
    for (const r of rows) assert.equal(r[col('amount')], decimal(Number(r[col('amount_minor')])));
    assert.deepEqual(rows.map((r) => r[col('kind')]).sort(), ['adjustment', 'session', 'session', 'session']);

    const statement = async (query = '') => {
      const pdf = await get(mara, `/payroll/periods/${dec.id}/statements/${FLOW.mara}.pdf${query}`);
      assert.equal(pdf.status, 200, query);
      assert.equal(pdf.headers.get('Content-Type'), 'application/pdf');
      return pdfText(Buffer.from(await pdf.arrayBuffer()));
    };
    const says = (text: string, words: string[]) => { for (const w of words) assert.ok(text.includes(w), `the statement says "${w}":\n${text}`); };
    says(await statement('?lang=en'), ['Payroll statement', 'Mara Keller', '2026-12-01 to 2026-12-31', 'Sessions', 'Adjustments', 'Total', '50 % of net revenue', '40 % of net revenue']);
    // Without a language: the studio's (Studio Flow writes German); French and Italian on request.
    says(await statement(), ['Lohnabrechnung', 'Periode: 2026-12-01 bis 2026-12-31', 'Sitzungen', 'Korrekturen', 'Total', '50 % des Nettoumsatzes']);
    says(await statement('?lang=fr'), ['Relevé de rémunération', 'Séances', 'Corrections', '% du chiffre']);
    says(await statement('?lang=it'), ['Rendiconto compensi', 'Sessioni', 'Rettifiche', 'Totale', '% del ricavo']);
    assert.equal((await get(mara, `/payroll/periods/${dec.id}/statements/${FLOW.mara}.pdf?lang=es`)).status, 400);
  });

  test('marking paid: only a closed period, with its date and reference; then it never changes', async () => {
    let res = await post(skFlow, `/payroll/periods/${november.id}/paid`, { paid_on: '2026-12-05', reference: 'UBS 2026-12 payroll' });
    assert.equal(res.status, 200, await res.clone().text());
    const paid = await res.json() as Period;
    assert.deepEqual([paid.status, paid.paid_on, paid.paid_reference], ['paid', '2026-12-05', 'UBS 2026-12 payroll']);
    res = await post(skFlow, `/payroll/periods/${november.id}/paid`, { paid_on: '2026-12-06', reference: 'other' });
    assert.equal(res.status, 409);
    const dec = (await periods())[0]!;
    res = await post(skFlow, `/payroll/periods/${dec.id}/paid`, { paid_on: '2027-01-05', reference: 'x' });
    assert.equal(res.status, 409, 'an open period is closed first');
    await assert.rejects(query(db.db, sql`update payroll_periods set status = 'open' where id = ${november.id}`), (e) => pgErrorCode(e) === '55000');
  });

  test('a session delivered before its instructor had a rule earns once a rule from its date is added; what was earned stays', async () => {
    clock.set('2026-12-09T12:00:00Z');
    const reiki = (await demoVariants(app)).reiki![0]!;
    const treatment = await reserve(app, { program: 'reiki', variant: reiki, customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-16T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, treatment, { method: 'card' }));
    assert.equal((await testPay(app, treatment, 'succeed')).status, 200);
    await at('2026-12-18T12:00:00Z');
    const sessionId = treatment.sessions[0]!.id;
    assert.deepEqual(await query(db.db, sql`select id from earnings where session_id = ${sessionId}`), [], 'Noemi has no rule yet');
    const before = await earningsRows();
    const res = await post(skFlow, '/payroll/rules', { staff_id: FLOW.noemi, kind: 'per_session', value: 6000, valid_from: '2026-12-01' });
    assert.equal(res.status, 201);
    await runPayroll();
    const after = await earningsRows();
    assert.deepEqual(after.slice(0, before.length), before);
    assert.deepEqual(after.slice(before.length).map((e) => [e.session_id, e.kind, e.amount, e.earned_on]), [[sessionId, 'session', 6000, '2026-12-16']]);
  });

  test('a whole booking cancelled late: its late session earns the late-cancel share, and each session\'s revenue loses exactly its own refund', async () => {
    const saved = await post(skFlow, '/payroll/settings', { period: 'monthly', no_show_share_bp: 5000, late_cancel_share_bp: 5000 });
    assert.equal(saved.status, 200);
    // Late costs everything here (nothing of the late session goes back); a no-show half.
    await query(db.db, sql`update programs set policies = policies || '{"late_cancel_fee_bp": 10000, "free_cancel_hours": 24}'::jsonb where id = ${FLOW.evolve}`);
    clock.set('2026-12-10T08:00:00Z');
    const c = await paidEvolve('2026-12-15T08:00:00.000Z'); // 15, 22, 29 Dec, 5 Jan
    clock.set('2026-12-15T08:30:00Z');
    assert.equal((await post(skFlow, `/bookings/${c.id}/sessions/${c.sessions[0]!.id}/no-show`)).status, 200);
    await runPayroll();
    // The customer cancels the rest 12 hours before session 2: session 2 is late (kept), 3 and 4 are in time.
    clock.set('2026-12-21T20:00:00Z');
    const settlement = await staffCancel(app, c.id);
    assert.deepEqual(settlement.lines.map((l) => l.rule), ['no_show', 'late_cancellation', 'cancelled_in_time', 'cancelled_in_time']);
    await runPayroll();
    const [late] = await query(db.db, sql`select cancelled_by, cancelled_at from program_sessions where id = ${c.sessions[1]!.id}`);
    assert.deepEqual([late!.cancelled_by, new Date(String(late!.cancelled_at)).toISOString()], ['customer', '2026-12-21T20:00:00.000Z']);
    const rows = await query(db.db, sql`select session_id, kind, amount, inputs from earnings where booking_id = ${c.id} order by created_at, id`);
    const bySession = new Map(rows.map((r) => [r.session_id as string, r]));
    const lateRow = bySession.get(c.sessions[1]!.id);
    assert.ok(lateRow, 'the late-cancelled session earns');
    const lateInputs = lateRow.inputs as { outcome: string; net_revenue: number };
    assert.deepEqual([lateRow.kind, lateInputs.outcome, lateInputs.net_revenue], ['session', 'late_cancel', share[1]], 'nothing of it went back: its whole share');
    assert.equal(lateRow.amount, applyBasisPoints(applyBasisPoints(share[1]!, 5000), 5000), '50 % rule × 50 % late-cancel share');
    // The no-show keeps exactly its share less its own refund (half), not a part of the others' refunds.
    const noShowRow = bySession.get(c.sessions[0]!.id)!;
    const [refundOfNoShow] = await query(db.db, sql`select amount from refunds where booking_id = ${c.id} order by created_at limit 1`);
    assert.equal((noShowRow.inputs as { net_revenue: number }).net_revenue, share[0]! - await netOfGross(c.id, Number(refundOfNoShow!.amount)));
    assert.deepEqual(rows.filter((r) => r.kind === 'adjustment'), [], 'the cancellation changed nothing delivered');
    assert.ok(!bySession.has(c.sessions[2]!.id) && !bySession.has(c.sessions[3]!.id), 'sessions cancelled in time earn nothing');
  });
});
