/**
 * The portal API (/v1/portal/*): a customer's own bookings by identity token or manage link.
 * Every route is called as the customer, another customer of the same studio, a customer of
 * another studio (same e-mail address), without a token and with an expired one: exactly the
 * customer's data, and a refused request writes nothing. SPLIT: six weekly sessions with Luca
 * (Tue–Sat 07:00–11:00 Zürich), free cancellation up to 24 h before, late fee 50 %.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, nordKey, testConfig } from '../../support/app.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { Clock, HOUR, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { tokenHash } from '../../../server/platform/derived-tokens.ts';

const START = '2026-11-25T08:00:00Z';
/** Wednesdays at 08:00 Zürich (07:00 UTC in winter). */
const WEEK = ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23', '2026-12-30', '2027-01-06', '2027-01-13', '2027-01-20'].map((d) => `${d}T07:00:00.000Z`);

type App = Awaited<ReturnType<typeof demoApp>>;
type Detail = {
  id: string; status: string; sessions_to_schedule: number; sessions_count: number;
  sessions: { id: string; seq: number; starts_at: string | null; state: string; revision: number; change_deadline: string | null; actions: { reschedule: boolean; cancel: boolean } }[];
  milestones: { name: string; due_at: string | null }[];
  money: { invoices: { id: string; pdf_url: string }[]; credit_notes: { id: string; pdf_url: string }[]; paid: { amount: number } } | null;
  actions: Record<string, boolean>;
};

describe('portal API: a customer\'s own bookings', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const emailA = `${randomUUID().slice(0, 8)}@example.ch`;
  let split: { id: string; manage: string };
  let reikiA: { id: string; manage: string };
  let reikiB: { id: string; manage: string };
  const bearer = { a: '', b: '', nord: '', expired: '' };
  const emailB = `${randomUUID().slice(0, 8)}@example.ch`;
  const prove = async (email: string, key?: typeof nordKey) => (await proveIdentity(app, db.db, email, key))['Tandem-Identity'];
  /** Moves the clock; identity sessions last 12 hours, so the customers sign in again. */
  const at = async (iso: string) => {
    clock.set(iso);
    bearer.a = await prove(emailA);
    bearer.b = await prove(emailB);
  };
  const auth = (token: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

  async function paid(body: Record<string, unknown>) {
    const b = await reserve(app, body);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return { id: b.id, manage: out.booking.manage_url.split('/manage/')[1]! };
  }
  const get = (path: string, token: string) => app.request(path, { headers: auth(token) });
  const post = (path: string, token: string, body: unknown, key = randomUUID()) => app.request(path, {
    method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body),
  });
  const detail = async (id: string, token = bearer.a): Promise<Detail> => {
    const res = await get(`/v1/portal/bookings/${id}`, token);
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<Detail>;
  };
  /** What a refused request must leave as it was. */
  const state = async () => query(db.db, sql`select
    (select json_agg(json_build_object('id', id, 's', starts_at, 'st', status, 'r', revision) order by id) from program_sessions) as sessions,
    (select json_agg(json_build_object('id', id, 'st', status) order by id) from program_bookings) as bookings,
    (select count(*) from schedule_blocks where status <> 'cancelled')::int as blocks,
    (select count(*) from refunds)::int as refunds,
    (select count(*) from customer_sessions where revoked_at is not null)::int as revoked,
    (select count(*) from link_tokens where revoked_at is not null)::int as revoked_links`);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    split = await paid({ program: 'split', variant: v.split![0], customer: customer({ email: emailA, locale: 'de' }), sessions: { mode: 'later', first_start: WEEK[0] } });
    reikiA = await paid({ program: 'reiki', variant: v.reiki![0], customer: customer({ email: emailA }), sessions: { mode: 'explicit', starts: ['2026-12-04T10:00:00.000Z'] } });
    reikiB = await paid({ program: 'reiki', variant: v.reiki![0], customer: customer({ email: emailB }), sessions: { mode: 'explicit', starts: ['2026-12-07T10:00:00.000Z'] } });
    bearer.a = await prove(emailA);
    bearer.b = await prove(emailB);
    // The same address at another studio is another customer.
    bearer.nord = await prove(emailA, nordKey);
    bearer.expired = await prove(emailA);
    await db.db.execute(sql`update customer_sessions set expires_at = ${new Date(clock.now().getTime() - 1000).toISOString()}::timestamptz
      where token_hash = ${tokenHash(bearer.expired)}`);
  });
  after(async () => db.close());

  test('the list: every booking of the customer in this studio, and nothing of anyone else\'s', async () => {
    const ids = async (token: string) => {
      const res = await get('/v1/portal/bookings', token);
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { bookings: { id: string }[] }).bookings.map((b) => b.id).sort();
    };
    assert.deepEqual(await ids(bearer.a), [split.id, reikiA.id].sort());
    assert.deepEqual(await ids(bearer.b), [reikiB.id]);
    assert.deepEqual(await ids(bearer.nord), []);
    // A manage link opens its own booking only.
    assert.deepEqual(await ids(split.manage), [split.id]);
    for (const token of ['', bearer.expired, 'it_' + 'x'.repeat(43), 'y'.repeat(43)]) {
      const p = await problemOf(await get('/v1/portal/bookings', token));
      assert.equal(p.status, 401);
      assert.equal(p.code, 'unauthorized');
    }
    const list = await (await get('/v1/portal/bookings', bearer.a)).json() as { bookings: { id: string; program: { slug: string }; next_session: { starts_at: string } | null; sessions_to_schedule: number }[] };
    const s = list.bookings.find((b) => b.id === split.id)!;
    assert.deepEqual([s.program.slug, s.next_session?.starts_at, s.sessions_to_schedule], ['split', WEEK[0], 5]);
  });

  test('one booking: sessions with states and deadlines, milestones due from the first session, money with document links, actions', async () => {
    const d = await detail(split.id);
    assert.equal(d.status, 'confirmed');
    assert.deepEqual(d.sessions.map((s) => s.state), ['scheduled', 'to_schedule', 'to_schedule', 'to_schedule', 'to_schedule', 'to_schedule']);
    // 24 h before the session, in the free-cancellation window's terms.
    assert.equal(d.sessions[0]!.change_deadline, '2026-12-01T07:00:00.000Z');
    assert.deepEqual(d.sessions[0]!.actions, { reschedule: true, cancel: true });
    assert.deepEqual(d.milestones.map((m) => [m.name, m.due_at]), [
      ['Baseline measured', WEEK[0]], ['Halfway check', WEEK[3]], ['Final measurement', '2027-01-06T07:00:00.000Z'],
    ]);
    assert.equal(d.money!.paid.amount, 54000);
    assert.equal(d.money!.invoices.length, 1);
    assert.match(d.money!.invoices[0]!.pdf_url, /\/v1\/portal\/invoices\/[0-9a-f-]{36}\.pdf$/);
    assert.deepEqual(d.actions, { schedule_sessions: true, reschedule_series: true, cancel: true, message: true, update_card: false, pay_balance: false, pay_balance_once: false });
    // The invoice opens as a PDF for the customer (and through the booking's manage link), for nobody else.
    const pdfPath = new URL(d.money!.invoices[0]!.pdf_url).pathname;
    for (const token of [bearer.a, split.manage]) {
      const pdf = await get(pdfPath, token);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment;/);
    }
    assert.equal((await get(pdfPath, bearer.b)).status, 404);
    assert.equal((await get(pdfPath, bearer.nord)).status, 404);
    // Reiki's manage link does not open SPLIT's invoice, nor SPLIT itself.
    assert.equal((await get(pdfPath, reikiA.manage)).status, 404);
    assert.equal((await get(`/v1/portal/bookings/${reikiA.id}`, split.manage)).status, 404);
  });

  // ——— every route as every caller who must not reach the customer's booking

  const routes = () => {
    const id = split.id;
    return [
      { name: 'GET booking', call: (t: string) => get(`/v1/portal/bookings/${id}`, t) },
      { name: 'GET cancellation', call: (t: string) => get(`/v1/portal/bookings/${id}/cancellation`, t) },
      { name: 'POST sessions', call: (t: string) => post(`/v1/portal/bookings/${id}/sessions`, t, { starts: [WEEK[1]] }) },
      { name: 'POST reschedule', call: async (t: string) => post(`/v1/portal/bookings/${id}/sessions/${(await firstSession())}/reschedule`, t, { starts_at: '2026-12-03T07:00:00.000Z' }) },
      { name: 'POST reschedule-series', call: (t: string) => post(`/v1/portal/bookings/${id}/reschedule-series`, t, { shift_weeks: 1 }) },
      { name: 'POST cancel', call: (t: string) => post(`/v1/portal/bookings/${id}/cancel`, t, { quote_id: 'x'.repeat(40) }) },
    ];
  };
  const firstSession = async () => String((await query(db.db, sql`select id from program_sessions where booking_id = ${split.id} and seq = 1`))[0]!.id);

  test('every route: another customer of the studio and a customer of another studio get 404, no token and an expired one 401; nothing changes', async () => {
    const before = await state();
    for (const r of routes()) {
      for (const [who, token, status] of [['customer B', bearer.b, 404], ['another studio', bearer.nord, 404], ['no token', '', 401], ['expired', bearer.expired, 401], ['another booking\'s link', reikiB.manage, 404]] as const) {
        const res = await r.call(token);
        const p = await problemOf(res);
        assert.equal(p.status, status, `${r.name} as ${who}: ${JSON.stringify(p)}`);
      }
    }
    assert.deepEqual(await state(), before);
  });

  test('schedule the remaining five: the same engine as the widget, once per Idempotency-Key', async () => {
    const key = randomUUID();
    // Off the instructor's hours: refused with alternatives, nothing written.
    const before = await state();
    const off = await problemOf(await post(`/v1/portal/bookings/${split.id}/sessions`, bearer.a, { starts: ['2026-12-09T12:00:00.000Z'] }));
    assert.equal(off.code, 'slot_unavailable');
    assert.ok(off.conflicts![0]!.alternatives.length > 0);
    assert.deepEqual(await state(), before);
    const res = await post(`/v1/portal/bookings/${split.id}/sessions`, bearer.a, { starts: WEEK.slice(1, 6) }, key);
    assert.equal(res.status, 200, await res.clone().text());
    const d = await res.json() as Detail;
    assert.equal(d.sessions_to_schedule, 0);
    assert.deepEqual(d.sessions.map((s) => s.starts_at), WEEK.slice(0, 6));
    const again = await post(`/v1/portal/bookings/${split.id}/sessions`, bearer.a, { starts: WEEK.slice(1, 6) }, key);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await again.json(), d);
    const [{ n }] = await query(db.db, sql`select count(*)::int as n from schedule_blocks b join program_sessions s on s.id = b.session_id where s.booking_id = ${split.id} and b.status = 'active'`) as [{ n: number }];
    assert.equal(n, 6);
    assert.equal((await problemOf(await post(`/v1/portal/bookings/${split.id}/sessions`, bearer.a, { starts: [WEEK[7]] }))).code, 'invalid_state');
  });

  test('move one session: inside the window it moves and is mailed; after the deadline 409 policy_window_closed with the deadline', async () => {
    const d = await detail(split.id);
    const s1 = d.sessions[0]!;
    const moved = await post(`/v1/portal/bookings/${split.id}/sessions/${s1.id}/reschedule`, bearer.a, { starts_at: '2026-12-03T07:00:00.000Z' });
    assert.equal(moved.status, 200, await moved.clone().text());
    const after = (await moved.json() as Detail).sessions[0]!;
    assert.deepEqual([after.starts_at, after.revision], ['2026-12-03T07:00:00.000Z', 1]);
    const [mail] = await query(db.db, sql`select subject from mail_outbox where dedupe_key = ${`booking:${split.id}:reschedule:${s1.id}:1`}`);
    assert.ok(mail, 'the customer is mailed the new time');
    await at('2026-12-02T12:00:00Z'); // 19 h before the session of 3 December
    const late = await problemOf(await post(`/v1/portal/bookings/${split.id}/sessions/${s1.id}/reschedule`, bearer.a, { starts_at: '2026-12-05T07:00:00.000Z' }));
    assert.equal(late.status, 409);
    assert.equal(late.code, 'policy_window_closed');
    assert.equal((late as unknown as { deadline: string }).deadline, '2026-12-02T07:00:00.000Z');
    assert.equal((await detail(split.id)).sessions[0]!.actions.reschedule, false);
    await at(START);
  });

  test('move the series: a week later keeping the local time; a conflict names each session with alternatives and moves nothing', async () => {
    // Another customer holds Luca's Thursday 24 December, where session 4 would go a day later.
    await reserve(app, { program: 'split', variant: v.split![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-24T07:00:00.000Z'] } });
    const before = await detail(split.id);
    const target = before.sessions.map((s) => s.starts_at);
    const blocked = await problemOf(await post(`/v1/portal/bookings/${split.id}/reschedule-series`, bearer.a, { starts_at: '2026-12-04T07:00:00.000Z' }));
    assert.equal(blocked.code, 'slot_taken');
    const conflicts = blocked.conflicts as unknown as { start: string; session_id: string; alternatives: unknown[] }[];
    assert.deepEqual(conflicts.map((c) => [c.start, c.session_id]), [['2026-12-24T07:00:00.000Z', before.sessions[3]!.id]]);
    assert.ok(conflicts[0]!.alternatives.length > 0);
    assert.deepEqual((await detail(split.id)).sessions.map((s) => s.starts_at), target);
    // A week later: every session ahead moves, same local time (08:00 Zürich).
    const res = await post(`/v1/portal/bookings/${split.id}/reschedule-series`, bearer.a, { shift_weeks: 1 });
    assert.equal(res.status, 200, await res.clone().text());
    const d = await res.json() as Detail;
    assert.deepEqual(d.sessions.map((s) => s.starts_at), target.map((s) => new Date(Date.parse(s!) + 7 * 24 * HOUR).toISOString()));
    assert.ok(d.sessions.every((s) => s.revision >= 1));
    const [{ n }] = await query(db.db, sql`select count(*)::int as n from schedule_blocks b join program_sessions s on s.id = b.session_id where s.booking_id = ${split.id} and b.status = 'active'`) as [{ n: number }];
    assert.equal(n, 6, 'one live block per session');
    // One mail for the move, in the customer's language, with one calendar update per session.
    const mails = await query(db.db, sql`select subject, attachments from mail_outbox where dedupe_key like ${`booking:${split.id}:series:%`}`);
    assert.equal(mails.length, 1);
    assert.match(String(mails[0]!.subject), /^Termine verschoben: SPLIT/);
    assert.deepEqual((mails[0]!.attachments as { filename: string }[]).map((a) => a.filename).sort(), [1, 2, 3, 4, 5, 6].map((i) => `session-${i}.ics`));
    assert.equal((await problemOf(await post(`/v1/portal/bookings/${split.id}/reschedule-series`, bearer.a, { shift_weeks: 1, starts_at: WEEK[0] }))).code, 'validation_failed');
  });

  test('a booking of one session is no series: the series move is not offered, and asked for anyway it is 409 invalid_state, nothing moved', async () => {
    const d = await detail(reikiA.id);
    assert.equal(d.sessions_count, 1);
    assert.equal(d.sessions[0]!.actions.reschedule, true, 'its one session still moves on its own');
    assert.equal(d.actions.reschedule_series, false);
    const was = await state();
    for (const body of [{ shift_weeks: 1 }, { shift_weeks: -1 }, { starts_at: '2026-12-11T10:00:00.000Z' }]) {
      const refused = await problemOf(await post(`/v1/portal/bookings/${reikiA.id}/reschedule-series`, bearer.a, body));
      assert.equal(refused.status, 409);
      assert.equal(refused.code, 'invalid_state');
    }
    assert.deepEqual(await state(), was);
  });

  test('cancel one session inside the window (back to "to schedule"), one late (its fee kept), by the quote shown', async () => {
    const d = await detail(split.id);
    const [s1, s2] = [d.sessions[0]!, d.sessions[1]!];
    const quote = async (sessionId: string) => {
      const res = await get(`/v1/portal/bookings/${split.id}/cancellation?session_id=${sessionId}`, bearer.a);
      assert.equal(res.status, 200, await res.clone().text());
      return res.json() as Promise<{ action: string; fee: number; refund: number; quote_id: string; lines: { rule: string }[] }>;
    };
    const q1 = await quote(s1.id);
    assert.deepEqual([q1.action, q1.fee, q1.lines[0]!.rule], ['unschedule', 0, 'cancelled_in_time']);
    const c1 = await post(`/v1/portal/bookings/${split.id}/cancel`, bearer.a, { quote_id: q1.quote_id, session_id: s1.id });
    assert.equal(c1.status, 200, await c1.clone().text());
    const after1 = (await c1.json() as { booking: Detail }).booking;
    assert.equal(after1.sessions.find((s) => s.id === s1.id)!.state, 'to_schedule');
    // Late: 12 h before session 2.
    await at(new Date(Date.parse(s2.starts_at!) - 12 * HOUR).toISOString());
    const q2 = await quote(s2.id);
    assert.equal(q2.action, 'cancel');
    assert.equal(q2.lines[0]!.rule, 'late_cancellation');
    assert.equal(q2.fee, 4500);
    // Another customer cannot use the quote; a changed quote is refused.
    assert.equal((await post(`/v1/portal/bookings/${split.id}/cancel`, bearer.b, { quote_id: q2.quote_id, session_id: s2.id })).status, 404);
    const c2 = await post(`/v1/portal/bookings/${split.id}/cancel`, bearer.a, { quote_id: q2.quote_id, session_id: s2.id });
    assert.equal(c2.status, 200, await c2.clone().text());
    const out = await c2.json() as { booking: Detail; settlement: { fee: number; refund: number } };
    assert.equal(out.settlement.fee, 4500);
    assert.equal(out.booking.sessions.find((s) => s.id === s2.id)!.state, 'cancelled');
    await at(START);
  });

  test('cancel the whole booking by its quote; a quote that no longer holds is 409 quote_changed', async () => {
    const res = await get(`/v1/portal/bookings/${reikiA.id}/cancellation`, bearer.a);
    const q = await res.json() as { quote_id: string; refund: number; lines: { rule: string }[] };
    assert.deepEqual(q.lines.map((l) => l.rule), ['cancelled_in_time']);
    await at('2026-12-03T10:00:00Z'); // now 24 h before: inside Reiki's 48 h
    const stale = await problemOf(await post(`/v1/portal/bookings/${reikiA.id}/cancel`, bearer.a, { quote_id: q.quote_id }));
    assert.equal(stale.code, 'quote_changed');
    await at(START);
    const ok = await post(`/v1/portal/bookings/${reikiA.id}/cancel`, bearer.a, { quote_id: q.quote_id });
    assert.equal(ok.status, 200, await ok.clone().text());
    const out = await ok.json() as { booking: Detail; settlement: { refund: number; credit_note: unknown } };
    assert.equal(out.booking.status, 'cancelled');
    assert.equal(out.settlement.refund, 14000);
    const notes = out.booking.money!.credit_notes;
    assert.equal(notes.length, 1);
    const pdf = await get(new URL(notes[0]!.pdf_url).pathname, bearer.a);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal((await get(new URL(notes[0]!.pdf_url).pathname, bearer.b)).status, 404);
  });

  test('messages: the thread with the instructor, sanitised markdown, one mail per thread per ten minutes with every message of them', async () => {
    const path = `/v1/portal/bookings/${split.id}/messages`;
    const first = await post(path, bearer.a, { body: 'Hello **Luca**, can we focus on the hips? <script>alert(1)</script>' });
    assert.equal(first.status, 201, await first.clone().text());
    clock.advance(2 * 60_000);
    const second = await post(path, bearer.a, { body: 'And [my notes](javascript:alert(1)) are here.' });
    const thread = await second.json() as { messages: { from: string; body_html: string }[] };
    assert.equal(thread.messages.length, 2);
    assert.match(thread.messages[0]!.body_html, /<strong>Luca<\/strong>/);
    assert.ok(!/script|javascript:/i.test(thread.messages.map((m) => m.body_html).join('')), 'sanitised');
    for (const token of [bearer.b, bearer.nord, reikiB.manage]) assert.equal((await get(path, token)).status, 404);
    assert.equal((await post(path, bearer.b, { body: 'not mine' })).status, 404);
    assert.equal((await problemOf(await post(path, bearer.a, { body: '   ' }))).code, 'validation_failed');
    // The batch runs when the window ends: one mail to the instructor with both messages.
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
    const mails = await query(db.db, sql`select to_address, subject, text_body from mail_outbox where dedupe_key like 'thread:%:staff:%' order by created_at`);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, 'luca@studioflow.example');
    assert.match(String(mails[0]!.text_body), /focus on the hips[\s\S]*my notes/);
    // A message in a later window: its own mail.
    clock.advance(15 * 60_000);
    await post(path, bearer.a, { body: 'One more thing.' });
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
    assert.equal((await query(db.db, sql`select 1 from mail_outbox where dedupe_key like 'thread:%:staff:%'`)).length, 2);
    // The studio answers: the customer sees it in the thread and gets one mail linking back to it.
    clock.advance(60_000);
    const reply = await app.request(`/v1/admin/bookings/${split.id}/messages`, {
      method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ body: 'Yes, hips first.' }),
    });
    assert.equal(reply.status, 201, await reply.clone().text());
    const seen = await (await get(path, bearer.a)).json() as { messages: { from: string; body_html: string }[] };
    assert.deepEqual(seen.messages.map((m) => m.from), ['customer', 'customer', 'customer', 'staff']);
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
    const toCustomer = await query(db.db, sql`select to_address, subject, text_body from mail_outbox where dedupe_key like 'thread:%:customer:%'`);
    assert.equal(toCustomer.length, 1);
    assert.equal(toCustomer[0]!.to_address, emailA);
    assert.match(String(toCustomer[0]!.subject), /^Neue Nachricht zu SPLIT/);
    assert.match(String(toCustomer[0]!.text_body), /hips first[\s\S]*\/manage\/[A-Za-z0-9_-]{43}#messages/);
    await at(START);
  });

  test('the calendar feed: every scheduled session of the customer, by a URL token; a new link revokes the old one', async () => {
    const link = async (token: string) => {
      const res = await post('/v1/portal/calendar-link', token, {});
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json() as { url: string }).url;
    };
    const url = await link(bearer.a);
    assert.match(url, /\/v1\/portal\/calendar\.ics\?token=cal_[A-Za-z0-9_-]{43}$/);
    const feed = await app.request(new URL(url).pathname + new URL(url).search);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /^text\/calendar/);
    const ics = await feed.text();
    const scheduled = await query(db.db, sql`select s.id from program_sessions s join program_bookings b on b.id = s.booking_id
      where b.customer_id = (select customer_id from program_bookings where id = ${split.id}) and s.status = 'scheduled' and s.starts_at is not null and b.status in ('confirmed', 'in_progress')`);
    assert.ok(scheduled.length > 0);
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, scheduled.length);
    for (const r of scheduled) assert.ok(ics.includes(`UID:${String(r.id)}@tandem`));
    assert.ok(!ics.includes(reikiB.id));
    // B's feed has B's session only; another studio's customer has an empty one.
    const other = await (await app.request(new URL(await link(bearer.b)).pathname + new URL(await link(bearer.b)).search)).text();
    assert.equal((other.match(/BEGIN:VEVENT/g) ?? []).length, 1);
    const nord = await (await app.request(new URL(await link(bearer.nord)).pathname + new URL(await link(bearer.nord)).search)).text();
    assert.equal((nord.match(/BEGIN:VEVENT/g) ?? []).length, 0);
    // A new link revokes the first; unknown tokens and the token as a bearer open nothing.
    const second = await link(bearer.a);
    assert.equal((await app.request(new URL(url).pathname + new URL(url).search)).status, 404);
    assert.equal((await app.request(new URL(second).pathname + new URL(second).search)).status, 200);
    assert.equal((await app.request('/v1/portal/calendar.ics?token=cal_' + 'x'.repeat(43))).status, 404);
    assert.equal((await get('/v1/portal/bookings', new URL(second).searchParams.get('token')!)).status, 401);
    assert.equal((await post('/v1/portal/calendar-link', '', {})).status, 401);
  });

  test('signing out revokes the bearer at once: an identity token, and a manage link', async () => {
    const token = (await proveIdentity(app, db.db, emailA))['Tandem-Identity'];
    assert.equal((await get('/v1/portal/bookings', token)).status, 200);
    assert.equal((await post('/v1/portal/sign-out', token, {})).status, 204);
    assert.equal((await get('/v1/portal/bookings', token)).status, 401);
    assert.equal((await get('/v1/portal/bookings', bearer.a)).status, 200, 'other sessions stay');
    assert.equal((await post('/v1/portal/sign-out', split.manage, {})).status, 204);
    assert.equal((await get(`/v1/portal/bookings/${split.id}`, split.manage)).status, 401);
  });

  test('GET /manage/<token>: a page in the customer\'s language loading <tandem-portal>; an expired or forged link offers a new one, never JSON', async () => {
    const page = await app.request(`/manage/${reikiB.manage}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const body = await page.text();
    assert.match(body, /<html lang="de">/);
    assert.ok(body.includes(`<tandem-portal token="${reikiB.manage}" booking="${reikiB.id}" lang="de" key="pk_test_flow">`));
    // A mail's link to a bank refund's account form: the portal opens at it; anything but an id is dropped.
    const refundId = '0f1a0000-0000-4000-8000-00000000beef';
    const deep = await (await app.request(`/manage/${reikiB.manage}?refund=${refundId}`)).text();
    assert.ok(deep.includes(`<tandem-portal token="${reikiB.manage}" booking="${reikiB.id}" lang="de" key="pk_test_flow" refund="${refundId}">`));
    const odd = await (await app.request(`/manage/${reikiB.manage}?refund=%22%3E%3Cscript%3E`)).text();
    assert.ok(odd.includes(`<tandem-portal token="${reikiB.manage}" booking="${reikiB.id}" lang="de" key="pk_test_flow">`));
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    assert.ok(nonce && body.includes(`<script type="module" nonce="${nonce}" src="/widget/tandem-portal.js">`));
    // SPLIT's link was revoked by signing out: the page says so and offers a new link, in German.
    const dead = await app.request(`/manage/${split.manage}`);
    assert.equal(dead.status, 404);
    assert.match(dead.headers.get('content-type') ?? '', /^text\/html/);
    const deadBody = await dead.text();
    assert.match(deadBody, /Dieser Link ist abgelaufen/);
    assert.match(deadBody, new RegExp(`<form method="post" action="/manage/${split.manage}/new-link">`));
    // A forged link: the same page, in the browser's language.
    const forged = await app.request(`/manage/${'Q'.repeat(43)}`, { headers: { 'Accept-Language': 'fr-CH,fr;q=0.9' } });
    assert.equal(forged.status, 404);
    assert.match(await forged.text(), /Ce lien a expiré/);
    assert.equal((await app.request('/manage/not-a-token')).status, 404);
    // Asking with another address: the same answer, nothing mailed. With the booking's own: a fresh link that works.
    const ask = (email: string) => app.request(`/manage/${split.manage}/new-link`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email }).toString() });
    const wrong = await ask('someone@example.ch');
    assert.equal(wrong.status, 200);
    const wrongBody = await wrong.text();
    const right = await ask(emailA.toUpperCase());
    const withoutNonce = (t: string) => t.replace(/nonce="[^"]+"/g, '');
    assert.equal(withoutNonce(await right.text()), withoutNonce(wrongBody));
    const mails = await query(db.db, sql`select to_address, subject, text_body from mail_outbox where dedupe_key like ${`booking:${split.id}:new-link:%`}`);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, emailA);
    assert.match(String(mails[0]!.subject), /^Ihr Link zu SPLIT/);
    const fresh = /\/manage\/([A-Za-z0-9_-]{43})/.exec(String(mails[0]!.text_body))?.[1];
    assert.ok(fresh && fresh !== split.manage);
    assert.equal((await app.request(`/manage/${fresh}`)).status, 200);
    assert.equal((await get(`/v1/portal/bookings/${split.id}`, fresh)).status, 200);
  });
});
