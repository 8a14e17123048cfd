/**
 * Refunds outside a cancellation (GET …/refunds/quote, POST …/refunds): full, partial and by quote
 * (sessions' shares); the provider is called once per refund row after commit; a replay refunds
 * nothing more; never more than was paid and not yet refunded (422 with the field, in the
 * caller's language); a quote that no longer holds is 409; instructors 403, another studio 404.
 * SPLIT: six weekly sessions, CHF 540 (CHF 90 each), paid in full by card.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import { problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, reserve, testPay } from '../../support/checkout.ts';
import { conductingInstructorKey, skFlow, skNord } from '../../support/admin-money.ts';
import type { RefundQuoteOut, StaffRefundOut } from '../../../schema/api/admin-refunds.ts';

describe('admin: refunds outside a cancellation', () => {
  const studio = adminBookingStudio('2026-11-25T08:00:00Z');
  const { refundCalls } = studio;

  // Each booking its own weekday (Luca teaches Tuesday to Saturday from 07:00 Zurich), so they never take each other's time.
  let day = 8;
  async function paidSplit() {
    const first = `2026-12-${String(day++).padStart(2, '0')}T06:00:00.000Z`;
    const b = await reserve(studio.app, { program: 'split', variant: studio.variants.split![0], customer: customer(), sessions: { mode: 'cadence', first_start: first } });
    await checkedOut(await checkoutReq(studio.app, b, { method: 'card' }));
    assert.equal((await testPay(studio.app, b, 'succeed')).status, 200);
    const sessions = (await query(studio.db, sql`select id from program_sessions where booking_id = ${b.id} order by seq`)).map((s) => String(s.id));
    return { id: b.id, sessions };
  }
  const refund = (id: string, body: unknown, headers: Record<string, string> = {}) => studio.app.request(`/v1/admin/bookings/${id}/refunds`, {
    method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body),
  });
  const quote = (id: string, qs: string, headers: Record<string, string> = skFlow) => studio.app.request(`/v1/admin/bookings/${id}/refunds/quote?${qs}`, { headers });
  const refundRows = async (id: string) => (await query(studio.db, sql`select amount, session_id, kind, status::text from refunds where booking_id = ${id} order by created_at, amount`)).map((r) => ({ ...r }));

  test('by quote: two sessions\' shares line by line, given with the quote\'s id; one provider call per refund row after commit; a replay refunds nothing more', async () => {
    const b = await paidSplit();
    const res = await quote(b.id, `mode=quote&session_ids=${b.sessions[1]},${b.sessions[0]}`);
    assert.equal(res.status, 200, await res.clone().text());
    const q = await res.json() as RefundQuoteOut;
    assert.deepEqual({ paid: q.paid, refunded: q.refunded, refundable: q.refundable, amount: q.amount }, { paid: 54000, refunded: 0, refundable: 54000, amount: 18000 });
    assert.deepEqual(q.lines.map((l) => [l.seq, l.value, l.refunded_before, l.refund]), [[1, 9000, 0, 9000], [2, 9000, 0, 9000]]);

    const key = randomUUID();
    const body = { mode: 'quote', session_ids: [b.sessions[0], b.sessions[1]], reason: 'The room was double-booked', quote_id: q.quote_id };
    const done = await refund(b.id, body, { 'Idempotency-Key': key });
    assert.equal(done.status, 201, await done.clone().text());
    const out = await done.json() as StaffRefundOut;
    assert.deepEqual({ amount: out.amount, refundable: out.refundable }, { amount: 18000, refundable: 36000 });
    assert.deepEqual(out.refunds.map((r) => [r.amount, r.status]), [[9000, 'pending'], [9000, 'pending']]);
    assert.ok(out.credit_note, 'a credit note reverses the refunded part of the invoice');
    const replay = await refund(b.id, body, { 'Idempotency-Key': key });
    assert.equal(replay.status, 201);
    assert.deepEqual(await replay.json(), out);
    assert.deepEqual((await refundRows(b.id)).map((r) => [r.amount, r.session_id, r.kind]), [[9000, b.sessions[0], 'provider'], [9000, b.sessions[1], 'provider']]);

    assert.equal(refundCalls.length, 0, 'nothing is sent inside the request');
    await studio.runJobs();
    await studio.runJobs();
    assert.deepEqual(refundCalls.map((c) => c.idempotencyKey).sort(), out.refunds.map((r) => `tandem:refund:${r.id}`).sort());
    assert.deepEqual((await refundRows(b.id)).map((r) => r.status), ['succeeded', 'succeeded']);
    const [event] = await query(studio.db, sql`select payload->>'reason' as reason, (payload->>'amount')::int as amount from domain_events where type = 'booking.refunded' and subject_id = ${b.id}`);
    assert.deepEqual({ ...event }, { reason: 'The room was double-booked', amount: 18000 });

    // The same sessions again: nothing left of their shares; the old quote no longer holds.
    const again = await refund(b.id, { mode: 'quote', session_ids: [b.sessions[0]], reason: 'again' });
    assert.equal(again.status, 422);
    assert.deepEqual((await problemOf(again)).errors, [{ field: 'session_ids', message: 'these sessions have been refunded already' }]);
    const stale = await refund(b.id, { ...body, session_ids: [b.sessions[2]] });
    assert.equal(stale.status, 409);
    assert.equal((await problemOf(stale)).code, 'quote_changed');
    // A later cancellation of the booking counts those sessions' parts as given back already.
    const cancellation = await (await studio.app.request(`/v1/admin/bookings/${b.id}/cancellation?fault=studio`, { headers: skFlow })).json() as { refund: number };
    assert.equal(cancellation.refund, 36000);
  });

  test('partial then full: never more than was paid and not yet refunded (422 per field, in German too); then nothing is left', async () => {
    const b = await paidSplit();
    const part = await refund(b.id, { mode: 'partial', amount: 5000, reason: 'Goodwill' });
    assert.equal(part.status, 201, await part.clone().text());
    const over = await refund(b.id, { mode: 'partial', amount: 49001, reason: 'Too much' }, { 'Accept-Language': 'de' });
    assert.equal(over.status, 422);
    const p = await problemOf(over);
    assert.equal(p.code, 'refund_exceeds_refundable');
    assert.deepEqual(p.errors, [{ field: 'amount', message: 'darf höchstens 49000 sein, was bezahlt und noch nicht erstattet ist' }]);
    const q = await (await quote(b.id, 'mode=full')).json() as RefundQuoteOut;
    assert.deepEqual({ refunded: q.refunded, refundable: q.refundable, amount: q.amount }, { refunded: 5000, refundable: 49000, amount: 49000 });
    const full = await refund(b.id, { mode: 'full', reason: 'Closing the studio' });
    assert.equal(((await full.json()) as StaffRefundOut).amount, 49000);
    const [sum] = await query(studio.db, sql`select sum(amount)::int as n from refunds where booking_id = ${b.id}`);
    assert.equal(sum!.n, 54000);
    const none = await refund(b.id, { mode: 'full', reason: 'Once more' });
    assert.equal(none.status, 422);
    assert.deepEqual((await problemOf(none)).errors, [{ field: 'mode', message: 'nothing is left to refund: everything paid has gone back' }]);
    const [booking] = await query(studio.db, sql`select status::text from program_bookings where id = ${b.id}`);
    assert.equal(booking!.status, 'confirmed', 'the booking goes on');
  });

  test('validation: 400 per field before anything is read; an unknown session is 400', async () => {
    const b = await paidSplit();
    const cases: [unknown, string[]][] = [
      [{ mode: 'all', reason: 'x' }, ['mode']],
      [{ mode: 'full' }, ['reason']],
      [{ mode: 'partial', reason: 'x' }, ['amount']],
      [{ mode: 'partial', amount: 12.5, reason: 'x' }, ['amount']],
      [{ mode: 'quote', reason: 'x' }, ['session_ids']],
      [{ mode: 'quote', session_ids: [randomUUID()], reason: 'x' }, ['session_ids']],
    ];
    for (const [body, fields] of cases) {
      const res = await refund(b.id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const problem = await problemOf(res);
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors!.map((e) => e.field), fields, JSON.stringify(body));
    }
    const noKey = await studio.app.request(`/v1/admin/bookings/${b.id}/refunds`, { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'full', reason: 'x' }) });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    assert.equal((await refundRows(b.id)).length, 0);
  });

  test('roles: the instructor who conducts it is refused (403), another studio finds nothing (404); nothing is written', async () => {
    const b = await paidSplit();
    const instructor = await conductingInstructorKey(studio.db, b.id);
    assert.equal((await refund(b.id, { mode: 'full', reason: 'x' }, instructor)).status, 403);
    assert.equal((await quote(b.id, 'mode=full', instructor)).status, 403);
    const nord = await refund(b.id, { mode: 'full', reason: 'x' }, skNord);
    assert.equal(nord.status, 404);
    assert.equal(nord.headers.get('content-type'), 'application/problem+json');
    assert.equal((await quote(b.id, 'mode=full', skNord)).status, 404);
    assert.equal((await refundRows(b.id)).length, 0);
  });

  test('the OpenAPI document describes both routes, their answers and problems', async () => {
    const doc = await (await studio.app.request('/v1/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>> };
    const q = doc.paths['/v1/admin/bookings/{id}/refunds/quote']?.get;
    const post = doc.paths['/v1/admin/bookings/{id}/refunds']?.post;
    assert.ok(q?.responses['200']?.content['application/json']?.schema);
    assert.ok(post?.responses['201']?.content['application/json']?.schema);
    for (const status of ['403', '404', '422']) assert.ok(post.responses[status]?.content['application/problem+json'], status);
  });
});
