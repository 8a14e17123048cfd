/**
 * POST /v1/admin/bookings/:id/credits: owners and managers grant or deduct class credits of the
 * booking's customer with a reason, one append-only ledger entry each; never below zero; once per
 * Idempotency-Key; instructors 403, another studio 404.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { problemOf, query } from '../../support/booking.ts';
import { cardPaid, conductingInstructorKey, skFlow, skNord } from '../../support/admin-money.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import type { CreditAdjustOut } from '../../../schema/api/admin-progress.ts';

describe('admin: POST /v1/admin/bookings/:id/credits (grant or deduct credits)', () => {
  const studio = adminBookingStudio();

  const adjust = (bookingId: string, body: unknown, headers: Record<string, string> = {}) => studio.send('POST', `/v1/admin/bookings/${bookingId}/credits`, body, headers);
  const ledger = async (customerId: string) => (await query(studio.db, sql`select delta, balance_after, reason, booking_id from credit_ledger where customer_id = ${customerId} order by created_at, id`))
    .map((r) => ({ ...r }));

  test('granted, then deducted, with reasons; a replay writes nothing more; below zero is refused and writes nothing; the customer view shows the balance', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-02T09:00:00.000Z');
    const key = randomUUID();
    const res = await adjust(booking.id, { delta: 5, reason: 'Goodwill: the room was cold' }, { 'Idempotency-Key': key });
    assert.equal(res.status, 201, await res.clone().text());
    const out = await res.json() as CreditAdjustOut;
    assert.deepEqual([out.balance, out.entry.delta, out.entry.balance_after, out.entry.reason], [5, 5, 5, 'Goodwill: the room was cold']);
    const replay = await adjust(booking.id, { delta: 5, reason: 'Goodwill: the room was cold' }, { 'Idempotency-Key': key });
    assert.equal(replay.status, 201);
    assert.deepEqual(await replay.json(), out);
    assert.equal((await ledger(out.customer_id)).length, 1);

    const minus = await (await adjust(booking.id, { delta: -3, reason: 'Granted twice by mistake' })).json() as CreditAdjustOut;
    assert.equal(minus.balance, 2);
    const tooMuch = await adjust(booking.id, { delta: -5, reason: 'More than there is' });
    assert.equal(tooMuch.status, 422);
    assert.equal((await problemOf(tooMuch)).code, 'insufficient_credits');
    assert.deepEqual(await ledger(out.customer_id), [
      { delta: 5, balance_after: 5, reason: 'Goodwill: the room was cold', booking_id: booking.id },
      { delta: -3, balance_after: 2, reason: 'Granted twice by mistake', booking_id: booking.id },
    ]);
    const events = await query(studio.db, sql`select (payload->>'delta')::int as delta from domain_events where type = 'credits.adjusted' and subject_id = ${booking.id} order by seq`);
    assert.deepEqual(events.map((e) => e.delta), [5, -3]);
    const customer = await (await studio.app.request(`/v1/admin/customers/${out.customer_id}`, { headers: skFlow })).json() as { credits: { balance: number } };
    assert.equal(customer.credits.balance, 2);
  });

  test('refused: 0, a fraction or no reason (400 with fields), no key, the instructor (403), another studio (404)', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-09T09:00:00.000Z');
    const bad = await adjust(booking.id, { delta: 0, reason: '  ' });
    const p = await problemOf(bad) as unknown as { code: string; errors: { field: string }[] };
    assert.deepEqual([bad.status, p.code, p.errors.map((e) => e.field).sort()], [400, 'validation_failed', ['delta', 'reason']]);
    assert.equal((await adjust(booking.id, { delta: 1.5, reason: 'half' })).status, 400);
    const noKey = await studio.app.request(`/v1/admin/bookings/${booking.id}/credits`, { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"delta":1,"reason":"x"}' });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    const instructor = await adjust(booking.id, { delta: 1, reason: 'x' }, await conductingInstructorKey(studio.db, booking.id));
    assert.equal(instructor.status, 403);
    assert.equal((await problemOf(instructor)).code, 'forbidden');
    assert.equal((await adjust(booking.id, { delta: 1, reason: 'x' }, skNord)).status, 404);
    const rows = await query(studio.db, sql`select count(*)::int as n from credit_ledger where booking_id = ${booking.id}`);
    assert.equal(rows[0]!.n, 0);
  });
});
