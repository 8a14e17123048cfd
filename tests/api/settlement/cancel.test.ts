/**
 * Settlement of a staff cancellation (issue 13, booking scope): the quote, executing it, the
 * refunds per payment sent once through the provider after commit, bank refunds waiting for a
 * transfer, an unpaid QR-bill voided by a credit note, the studio's fault, a quote that no
 * longer holds. Reiki: CHF 140, free cancellation up to 48 h before, late fee 50 %.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import { testConfig } from '../../support/app.ts';
import { query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, reserve, testPay } from '../../support/checkout.ts';
import { issueRefund } from '../../../server/modules/billing/index.ts';
import { proofFor } from '../../support/identity.ts';

const START = '2026-11-25T08:00:00Z';
const sk = { Authorization: 'Bearer sk_test_flow' };

describe('settlement: staff cancellation with quote, refunds and credit notes', () => {
  const studio = adminBookingStudio(START);
  const { clock, refundCalls, payments } = studio;

  const quoteOf = async (id: string, fault = 'policy') => {
    const res = await studio.app.request(`/v1/admin/bookings/${id}/cancellation?fault=${fault}`, { headers: sk });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<{ refund: number; fee: number; balance_due: number; paid: number; quote_id: string; lines: { session_id: string | null; rule: string; value: number; refund: number; fee: number; refunded_before?: number }[] }>;
  };
  const cancel = (id: string, body?: unknown) => studio.app.request(`/v1/admin/bookings/${id}/cancel`, {
    method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID(), ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  async function paidReiki(start: string) {
    clock.set(START);
    const b = await reserve(studio.app, { program: 'reiki', variant: studio.variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });
    await checkedOut(await checkoutReq(studio.app, b, { method: 'card' }));
    assert.equal((await testPay(studio.app, b, 'succeed')).status, 200);
    return b;
  }

  test('in the free window: the quote gives everything back; executed with its quote_id, one refund is sent once, a credit note reverses the invoice', async () => {
    const b = await paidReiki('2026-12-02T09:00:00.000Z');
    const quote = await quoteOf(b.id);
    assert.deepEqual({ refund: quote.refund, fee: quote.fee, balance_due: quote.balance_due, paid: quote.paid }, { refund: 14000, fee: 0, balance_due: 0, paid: 14000 });
    assert.deepEqual(quote.lines.map((l) => l.rule), ['cancelled_in_time']);
    const res = await cancel(b.id, { quote_id: quote.quote_id });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as { status: string; booking: { status: string }; settlement: { refund: number; refunds: { id: string; amount: number; status: string }[]; credit_note: { number: number } | null } };
    assert.equal(out.status, 'cancelled');
    assert.equal(out.booking.status, 'cancelled');
    assert.equal(out.settlement.refund, 14000);
    assert.equal(out.settlement.refunds.length, 1);
    assert.equal(out.settlement.refunds[0]!.status, 'pending');
    assert.ok(out.settlement.credit_note, 'a credit note');
    // Nothing reached the provider inside the request; the job sends it after commit, once.
    assert.equal(refundCalls.length, 0);
    await studio.runJobs();
    assert.equal(refundCalls.length, 1);
    assert.equal(refundCalls[0]!.amount, 14000);
    assert.equal(refundCalls[0]!.idempotencyKey, `tandem:refund:${out.settlement.refunds[0]!.id}`);
    // Sending it again (a replayed job) refunds nothing more.
    assert.equal(await issueRefund({ db: studio.db, payments, now: clock.now, config: testConfig }, (await query(studio.db, sql`select org_id from refunds where id = ${out.settlement.refunds[0]!.id}`))[0]!.org_id as string, out.settlement.refunds[0]!.id), null);
    assert.equal(refundCalls.length, 1);
    const [row] = await query(studio.db, sql`select status::text, kind, amount from refunds where id = ${out.settlement.refunds[0]!.id}`);
    assert.deepEqual({ ...row }, { status: 'succeeded', kind: 'provider', amount: 14000 });
    const [note] = await query(studio.db, sql`select n.total, n.vat_total, i.number as invoice_number, n.snapshot->'rates' as rates from credit_notes n join invoices i on i.id = n.invoice_id where n.order_id = (select order_id from program_bookings where id = ${b.id})`);
    assert.equal(note!.total, 14000);
    assert.equal(note!.vat_total, 1049, '8.1 % VAT of CHF 140.00 reversed');
    const [order] = await query(studio.db, sql`select status::text from orders where id = (select order_id from program_bookings where id = ${b.id})`);
    assert.equal(order!.status, 'refunded');
    // Repeating the cancel changes nothing and moves no money.
    const again = await cancel(b.id);
    assert.equal(((await again.json()) as { settlement: unknown }).settlement, null);
    assert.equal(Number((await query(studio.db, sql`select count(*)::int as n from refunds where booking_id = ${b.id}`))[0]!.n), 1);
  });

  test('late (inside 48 h): the policy keeps 50 %; the studio\'s fault gives everything back', async () => {
    const late = await paidReiki('2026-12-02T13:00:00.000Z');
    clock.set('2026-12-01T13:00:00Z'); // 24 h before
    const quote = await quoteOf(late.id);
    assert.deepEqual({ refund: quote.refund, fee: quote.fee }, { refund: 7000, fee: 7000 });
    assert.deepEqual(quote.lines.map((l) => l.rule), ['late_cancellation']);
    const byStudio = await quoteOf(late.id, 'studio');
    assert.deepEqual({ refund: byStudio.refund, fee: byStudio.fee }, { refund: 14000, fee: 0 });
    const res = await cancel(late.id, { fault: 'studio', quote_id: byStudio.quote_id });
    assert.equal(res.status, 200);
    const sum = await query(studio.db, sql`select coalesce(sum(amount), 0)::int as refunded from refunds where booking_id = ${late.id}`);
    assert.equal(sum[0]!.refunded, 14000);
  });

  test('a quote whose figures no longer hold (the free window passed): 409 quote_changed with the new quote, nothing cancelled', async () => {
    const b = await paidReiki('2026-12-04T13:00:00.000Z');
    clock.set('2026-12-02T12:00:00Z'); // 49 h before: still free
    const quote = await quoteOf(b.id);
    assert.equal(quote.refund, 14000);
    clock.set('2026-12-02T13:30:00Z'); // now 47.5 h before
    const res = await cancel(b.id, { quote_id: quote.quote_id });
    assert.equal(res.status, 409);
    const problem = await res.json() as { code: string; quote: { refund: number; fee: number } };
    assert.equal(problem.code, 'quote_changed');
    assert.deepEqual({ refund: problem.quote.refund, fee: problem.quote.fee }, { refund: 7000, fee: 7000 });
    const [row] = await query(studio.db, sql`select status::text from program_bookings where id = ${b.id}`);
    assert.equal(row!.status, 'confirmed');
  });

  test('a quote whose figures no longer hold (a payment arrived since): 409 quote_changed with the new quote, nothing cancelled; the new quote executes', async () => {
    clock.set(START);
    const b = await reserve(studio.app, { program: 'reiki', variant: studio.variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    const qr = await checkedOut(await checkoutReq(studio.app, b, { method: 'qr_bill' }, await proofFor(studio.app, studio.db, b.id)));
    const quote = await quoteOf(b.id);
    assert.deepEqual([quote.paid, quote.refund], [0, 0], 'unpaid: nothing to give back, the invoice would be voided');
    const transfer = await studio.app.request(`/v1/admin/orders/${qr.order.id}/payments`, {
      method: 'POST', headers: { ...sk, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 14000, method: 'bank_transfer', reference: 'BANK-Q' }),
    });
    assert.equal(transfer.status, 201, await transfer.clone().text());
    const res = await cancel(b.id, { quote_id: quote.quote_id });
    assert.equal(res.status, 409);
    const problem = await res.json() as { code: string; quote: { paid: number; refund: number; quote_id: string } };
    assert.equal(problem.code, 'quote_changed');
    assert.deepEqual([problem.quote.paid, problem.quote.refund], [14000, 14000], 'the new quote gives the transfer back');
    const [row] = await query(studio.db, sql`select status::text from program_bookings where id = ${b.id}`);
    assert.equal(row!.status, 'confirmed', 'nothing cancelled');
    assert.equal((await query(studio.db, sql`select count(*)::int as n from refunds where order_id = ${qr.order.id}`))[0]!.n, 0);
    const ok = await cancel(b.id, { quote_id: problem.quote.quote_id });
    assert.equal(ok.status, 200, await ok.clone().text());
    const out = await ok.json() as { settlement: { refunds: { status: string; amount: number }[] } };
    assert.deepEqual(out.settlement.refunds.map((r) => [r.status, r.amount]), [['pending_transfer', 14000]]);
  });

  test('an unpaid QR-bill: voided by a credit note for its whole amount, no refund; a paid one: a bank refund pending the transfer', async () => {
    clock.set(START);
    const unpaid = await reserve(studio.app, { program: 'reiki', variant: studio.variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-04T09:00:00.000Z'] } });
    const qr = await checkedOut(await checkoutReq(studio.app, unpaid, { method: 'qr_bill' }, await proofFor(studio.app, studio.db, unpaid.id)));
    assert.ok(qr.invoice);
    const res = await cancel(unpaid.id);
    const out = await res.json() as { settlement: { refund: number; refunds: unknown[]; credit_note: { number: number } | null } };
    assert.equal(out.settlement.refund, 0);
    assert.deepEqual(out.settlement.refunds, []);
    assert.ok(out.settlement.credit_note);
    const [note] = await query(studio.db, sql`select total, reason from credit_notes where order_id = ${qr.order.id}`);
    assert.deepEqual({ ...note }, { total: 14000, reason: 'unpaid invoice cancelled' });

    const paid = await reserve(studio.app, { program: 'reiki', variant: studio.variants.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-04T11:00:00.000Z'] } });
    const qr2 = await checkedOut(await checkoutReq(studio.app, paid, { method: 'qr_bill' }, await proofFor(studio.app, studio.db, paid.id)));
    const transfer = await studio.app.request(`/v1/admin/orders/${qr2.order.id}/payments`, {
      method: 'POST', headers: { ...sk, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 14000, method: 'bank_transfer', reference: 'BANK-1' }),
    });
    assert.equal(transfer.status, 201, await transfer.clone().text());
    const res2 = await cancel(paid.id);
    const out2 = await res2.json() as { settlement: { refunds: { status: string; provider: string; amount: number }[] } };
    assert.deepEqual(out2.settlement.refunds.map((r) => [r.status, r.provider, r.amount]), [['pending_transfer', 'bank_transfer', 14000]]);
    await studio.runJobs();
    const [row] = await query(studio.db, sql`select status::text from refunds where order_id = ${qr2.order.id}`);
    assert.equal(row!.status, 'pending', 'a bank refund waits for staff to record the transfer; no job sends it');
  });

  test('one session of a pack: in the free window it goes back to "to schedule" and nothing moves; late it counts as used, its fee applies and the rest of its share goes back; the booking\'s later cancellation counts it once', async () => {
    clock.set(START);
    // SPLIT: six weekly sessions, CHF 540, paid in full by card; free cancellation up to 24 h before, late fee 50 %.
    const b = await reserve(studio.app, { program: 'split', variant: studio.variants.split![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-08T06:00:00.000Z' } });
    await checkedOut(await checkoutReq(studio.app, b, { method: 'card' }));
    assert.equal((await testPay(studio.app, b, 'succeed')).status, 200);
    const sessions = await query(studio.db, sql`select id, seq, starts_at from program_sessions where booking_id = ${b.id} order by seq`);
    const quoteFor = async (sessionId: string) => {
      const res = await studio.app.request(`/v1/admin/bookings/${b.id}/cancellation?scope=session&session_id=${sessionId}`, { headers: sk });
      assert.equal(res.status, 200, await res.clone().text());
      return res.json() as Promise<{ action: string; refund: number; fee: number; quote_id: string; lines: { value: number; rule: string }[] }>;
    };
    // Week 3, two weeks ahead: unscheduled, no money.
    const early = await quoteFor(String(sessions[2]!.id));
    assert.deepEqual({ action: early.action, refund: early.refund, fee: early.fee, rule: early.lines[0]!.rule }, { action: 'unschedule', refund: 0, fee: 0, rule: 'cancelled_in_time' });
    const res1 = await cancel(b.id, { session_id: sessions[2]!.id, quote_id: early.quote_id });
    assert.equal(res1.status, 200, await res1.clone().text());
    const [unscheduled] = await query(studio.db, sql`select status::text, starts_at from program_sessions where id = ${sessions[2]!.id}`);
    assert.deepEqual({ ...unscheduled }, { status: 'scheduled', starts_at: null });
    assert.equal((await query(studio.db, sql`select count(*)::int as n from schedule_blocks where session_id = ${sessions[2]!.id} and status <> 'cancelled'`))[0]!.n, 0, 'its time is free');
    // Week 1, 12 hours before: counts as used, 50 % of its CHF 90 share is kept, CHF 45 goes back.
    clock.set('2026-12-07T18:00:00Z');
    const late = await quoteFor(String(sessions[0]!.id));
    assert.deepEqual({ action: late.action, refund: late.refund, fee: late.fee, value: late.lines[0]!.value }, { action: 'cancel', refund: 4500, fee: 4500, value: 9000 });
    const res2 = await cancel(b.id, { session_id: sessions[0]!.id, quote_id: late.quote_id });
    const out2 = await res2.json() as { settlement: { refunds: { amount: number }[] } };
    assert.deepEqual(out2.settlement.refunds.map((r) => r.amount), [4500]);
    // Then the whole booking, with everything else in the free window: the late session's fee stays kept, nothing is refunded twice.
    const whole = await quoteOf(b.id);
    assert.equal(whole.refund, 54000 - 4500 - 4500, 'all but the late session, whose share was half refunded already');
    // Per session too: the late session's line shows nothing more to come back (its 4500 went back with it).
    const lateLine = whole.lines.find((l) => l.session_id === sessions[0]!.id)!;
    assert.deepEqual({ rule: lateLine.rule, refund: lateLine.refund, refunded_before: lateLine.refunded_before }, { rule: 'late_cancellation', refund: 0, refunded_before: 4500 });
    assert.equal(whole.lines.reduce((a, l) => a + l.refund, 0), whole.refund, 'the lines add up to the refund');
    const res3 = await cancel(b.id, { quote_id: whole.quote_id });
    assert.equal(res3.status, 200, await res3.clone().text());
    const [sum] = await query(studio.db, sql`select coalesce(sum(amount), 0)::int as refunded from refunds where booking_id = ${b.id} and status <> 'failed'`);
    assert.equal(sum!.refunded, 54000 - 4500);
  });

  test('a no-show refunded on a pack paid in full, then the booking cancelled: that session\'s line shows nothing more to come back, the lines add up to the refund', async () => {
    await query(studio.db, sql`update programs set policies = policies || '{"no_show_fee_bp": 5000}'::jsonb where slug = 'split'`);
    try {
      clock.set(START);
      // SPLIT: six weekly sessions, CHF 540 (CHF 90 each), paid in full; a no-show keeps 50 %.
      const b = await reserve(studio.app, { program: 'split', variant: studio.variants.split![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-08T06:00:00.000Z' } });
      await checkedOut(await checkoutReq(studio.app, b, { method: 'card' }));
      assert.equal((await testPay(studio.app, b, 'succeed')).status, 200);
      const sessions = await query(studio.db, sql`select id from program_sessions where booking_id = ${b.id} order by seq`);
      clock.set('2026-12-08T09:00:00Z');
      const noShow = await studio.app.request(`/v1/admin/bookings/${b.id}/sessions/${sessions[0]!.id}/no-show`, { method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID() } });
      assert.equal(noShow.status, 200, await noShow.clone().text());
      assert.equal((await noShow.json() as { settlement: { refund: number } }).settlement.refund, 4500);
      const whole = await quoteOf(b.id);
      const lines = whole.lines;
      const first = lines.find((l) => l.session_id === sessions[0]!.id)!;
      assert.deepEqual({ rule: first.rule, value: first.value, fee: first.fee, refund: first.refund, refunded_before: first.refunded_before },
        { rule: 'no_show', value: 9000, fee: 4500, refund: 0, refunded_before: 4500 });
      assert.deepEqual(lines.filter((l) => l.session_id !== sessions[0]!.id).map((l) => [l.refund, l.refunded_before]), Array(5).fill([9000, 0]));
      assert.equal(whole.refund, 54000 - 4500 - 4500);
      assert.equal(lines.reduce((a, l) => a + l.refund, 0), whole.refund, 'the lines add up to the refund');
      const done = await cancel(b.id, { quote_id: whole.quote_id });
      assert.equal(done.status, 200, await done.clone().text());
      assert.deepEqual((await done.json() as { settlement: { lines: { refund: number }[] } }).settlement.lines.map((l) => l.refund), [0, 9000, 9000, 9000, 9000, 9000]);
      const [sum] = await query(studio.db, sql`select coalesce(sum(amount), 0)::int as refunded from refunds where booking_id = ${b.id} and status <> 'failed'`);
      assert.equal(sum!.refunded, 54000 - 4500);
      // The no-show's refund names its session; the cancellation's do not.
      const bySession = await query(studio.db, sql`select session_id, amount from refunds where booking_id = ${b.id} order by created_at, amount`);
      assert.deepEqual(bySession.map((r) => [r.session_id, r.amount]), [[sessions[0]!.id, 4500], [null, 45000]]);
    } finally {
      await query(studio.db, sql`update programs set policies = policies || '{"no_show_fee_bp": 10000}'::jsonb where slug = 'split'`);
    }
  });

  test('credit notes are numbered without gaps per studio, and refunds never exceed what was paid', async () => {
    const numbers = (await query(studio.db, sql`select number from credit_notes order by number`)).map((r) => Number(r.number));
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
    const over = await query(studio.db, sql`
      select o.id from orders o
       where (select coalesce(sum(r.amount), 0) from refunds r where r.order_id = o.id and r.status <> 'failed')
           > (select coalesce(sum(p.amount), 0) from payments p where p.order_id = o.id and p.status = 'succeeded')`);
    assert.deepEqual(over, []);
  });
});

