/**
 * POST /v1/admin/refunds/:id/transfers: staff record the outgoing bank transfer of a bank refund
 * (a paid QR-bill refunded after a cancellation). Reiki: CHF 140, free cancellation up to 48 h before.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { problemOf, query } from '../../support/booking.ts';
import { cardPaid, conductingInstructorKey, qrBill, skFlow, skNord, staffCancel } from '../../support/admin-money.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import type { RefundTransferResponse } from '../../../schema/api/admin-orders.ts';

const START = '2026-11-25T08:00:00Z';

describe('admin: POST /v1/admin/refunds/:id/transfers (a bank refund sent)', () => {
  const studio = adminBookingStudio(START);

  const transfer = (refundId: string, body: unknown, headers: Record<string, string> = {}) => studio.send('POST', `/v1/admin/refunds/${refundId}/transfers`, body, headers);
  /** A paid QR-bill cancelled in the free window: one bank refund of CHF 140 waiting for its transfer. */
  async function bankRefund(start: string) {
    studio.clock.set(START);
    const b = await qrBill(studio.app, studio.reiki, start, 14000, studio.db);
    const settlement = await staffCancel(studio.app, b.booking.id);
    assert.deepEqual(settlement.refunds.map((r) => [r.status, r.provider, r.amount]), [['pending_transfer', 'bank_transfer', 14000]]);
    return { ...b, refundId: settlement.refunds[0]!.id };
  }

  test('the cancellation mail asks for the account through the portal\'s form: the manage link opened at this refund, alone on its line; in HTML its label', async () => {
    const { booking, refundId } = await bankRefund('2026-12-02T14:15:00.000Z');
    const [mail] = await query(studio.db, sql`select text_body, html_body from mail_outbox where dedupe_key = ${`booking:${booking.id}:cancel`}`);
    assert.ok(mail, 'the customer\'s cancellation mail');
    const line = String(mail.text_body).split('\n').find((l) => l.includes(`refund=${refundId}`));
    assert.match(line ?? '', new RegExp(`^https?://\\S+/manage/\\S+\\?refund=${refundId}$`), 'the form\'s address alone on its line');
    assert.ok(String(mail.html_body).includes(`refund=${refundId}">`), 'a link to it in HTML');
    assert.doesNotMatch(String(mail.text_body), /reply to this mail|antworten Sie auf diese Mail/);
  });

  test('the transfer recorded: the refund succeeded with its reference and time, the order owes nothing and holds nothing back; an event says who and what', async () => {
    const { orderId, booking, refundId } = await bankRefund('2026-12-02T09:00:00.000Z');
    studio.clock.set('2026-11-27T10:15:00Z');
    const res = await transfer(refundId, { amount: 14000, reference: 'UBS e-banking 2026-11-27 #4711' });
    assert.equal(res.status, 201, await res.clone().text());
    const out = await res.json() as RefundTransferResponse;
    assert.deepEqual({ status: out.refund.status, ref: out.refund.transfer_reference, at: out.refund.completed_at, amount: out.refund.amount },
      { status: 'succeeded', ref: 'UBS e-banking 2026-11-27 #4711', at: '2026-11-27T10:15:00.000Z', amount: 14000 });
    assert.equal(out.order.id, orderId);
    assert.deepEqual(out.order.refunds.map((r) => r.status), ['succeeded']);
    assert.deepEqual([out.order.refunded, out.order.refunds_pending, out.order.balance_due], [14000, 0, 0]);
    const [row] = await query(studio.db, sql`select status::text, transfer_reference, completed_at from refunds where id = ${refundId}`);
    assert.deepEqual([row!.status, row!.transfer_reference, new Date(String(row!.completed_at)).toISOString()], ['succeeded', 'UBS e-banking 2026-11-27 #4711', '2026-11-27T10:15:00.000Z']);
    const events = await query(studio.db, sql`select subject_id, payload->>'refund_id' as refund_id, (payload->>'amount')::int as amount, actor_role from domain_events where type = 'refund.transferred'`);
    assert.deepEqual(events.map((e) => ({ ...e })), [{ subject_id: booking.id, refund_id: refundId, amount: 14000, actor_role: 'system' }]);
    // Seen again through the order: the same.
    const order = await (await studio.app.request(`/v1/admin/orders/${orderId}`, { headers: skFlow })).json() as RefundTransferResponse['order'];
    assert.deepEqual(order.refunds, out.order.refunds);
  });

  test('idempotent: a retry with its key answers the first answer; a second transfer with a new key is 409 invalid_state', async () => {
    const { refundId } = await bankRefund('2026-12-02T10:30:00.000Z');
    const key = randomUUID();
    const one = await transfer(refundId, { amount: 14000, reference: 'r-1' }, { 'Idempotency-Key': key });
    const two = await transfer(refundId, { amount: 14000, reference: 'r-1' }, { 'Idempotency-Key': key });
    assert.equal(one.status, 201);
    assert.equal(two.status, 201);
    assert.equal(two.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(await two.json(), await one.json());
    assert.equal((await transfer(refundId, { amount: 14000, reference: 'r-2' }, { 'Idempotency-Key': key })).status, 422, 'the key with another body');
    const again = await transfer(refundId, { amount: 14000, reference: 'r-2' });
    assert.equal(again.status, 409);
    assert.equal((await problemOf(again)).code, 'invalid_state');
    const [row] = await query(studio.db, sql`select transfer_reference from refunds where id = ${refundId}`);
    assert.equal(row!.transfer_reference, 'r-1');
    const noKey = await studio.app.request(`/v1/admin/refunds/${refundId}/transfers`, { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ amount: 14000, reference: 'x' }) });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
  });

  test('the amount must be the refund\'s: 400 on amount, nothing changed', async () => {
    const { refundId } = await bankRefund('2026-12-02T12:00:00.000Z');
    for (const amount of [13999, 14001]) {
      const res = await transfer(refundId, { amount, reference: 'r' });
      assert.equal(res.status, 400);
      const problem = await problemOf(res);
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors?.map((e) => e.field), ['amount']);
    }
    const [row] = await query(studio.db, sql`select status::text from refunds where id = ${refundId}`);
    assert.equal(row!.status, 'pending');
  });

  test('a refund that is not a pending bank refund (through the card provider) is 409 invalid_state', async () => {
    studio.clock.set(START);
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-04T09:00:00.000Z');
    const settlement = await staffCancel(studio.app, booking.id);
    assert.deepEqual(settlement.refunds.map((r) => r.status), ['pending']);
    const res = await transfer(settlement.refunds[0]!.id, { amount: 14000, reference: 'r' });
    assert.equal(res.status, 409);
    assert.equal((await problemOf(res)).code, 'invalid_state');
  });

  test('who may: an instructor (even the one conducting the booking) 404, another studio 404, no key 401, an unknown refund 404', async () => {
    const { booking, refundId } = await bankRefund('2026-12-04T10:30:00.000Z');
    for (const headers of [await conductingInstructorKey(studio.db, booking.id), skNord]) {
      const res = await transfer(refundId, { amount: 14000, reference: 'r' }, headers);
      assert.equal(res.status, 404);
      assert.equal((await problemOf(res)).code, 'not_found');
    }
    const noKey = await studio.app.request(`/v1/admin/refunds/${refundId}/transfers`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 14000, reference: 'r' }),
    });
    assert.equal(noKey.status, 401);
    assert.equal((await transfer(randomUUID(), { amount: 14000, reference: 'r' })).status, 404);
    const [row] = await query(studio.db, sql`select status::text from refunds where id = ${refundId}`);
    assert.equal(row!.status, 'pending', 'untouched');
  });

  test('validation: per field', async () => {
    const id = randomUUID();
    const cases: [string, unknown, string[]][] = [
      [id, {}, ['amount', 'reference']],
      [id, { amount: 12.5, reference: 'r' }, ['amount']],
      [id, { amount: 0, reference: 'r' }, ['amount']],
      [id, { amount: '14000', reference: 'r' }, ['amount']],
      [id, { amount: 14000, reference: '' }, ['reference']],
      [id, { amount: 14000, reference: 'a\nb' }, ['reference']],
      [id, { amount: 14000, reference: 'x'.repeat(141) }, ['reference']],
      ['not-a-uuid', { amount: 14000, reference: 'r' }, ['id']],
    ];
    for (const [refundId, body, fields] of cases) {
      const res = await transfer(refundId, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const problem = await problemOf(res);
      assert.equal(problem.code, 'validation_failed');
      assert.deepEqual(problem.errors?.map((e) => e.field).sort(), fields, JSON.stringify(body));
    }
  });
});
