/**
 * Settlement of a booking paid in class credits (issue 13: "credits back to the ledger for credit
 * bookings"): a Reiki 1:1 for 2 credits (free cancellation up to 48 h before, late fee 50 %) cancelled
 * by staff. In the free window both credits go back at once; late, the policy keeps one; by the
 * studio's fault both go back. Each time: one refund row `kind: credits` (no money, nothing sent to a
 * provider), one ledger entry, the customer's balance equal to the sum of their ledger, the mail says
 * so, and no credit note (no money was invoiced). Cancelling again moves nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import { query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, outboxOf, reserve } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';
const DEMO = { name: 'Demo Customer', email: 'demo.customer@example.ch', locale: 'en' };

interface Settlement { refund: number; fee: number; credits_back: number; balance_due: number; refunds: { id: string; amount: number; status: string; provider: string }[]; credit_note: unknown; lines: { rule: string }[] }

describe('settlement: a booking paid in class credits', () => {
  const studio = adminBookingStudio(START);
  const { clock, refundCalls } = studio;

  /** The demo customer's balance as the ledger's last entry says it, and as the sum of its entries. */
  const ledger = async () => {
    const [row] = await query(studio.db, sql`select coalesce(sum(delta), 0)::int as sum,
      (select balance_after from credit_ledger where customer_id = ${FLOW.demoCustomer}::uuid order by created_at desc, id desc limit 1) as last
      from credit_ledger where customer_id = ${FLOW.demoCustomer}::uuid`);
    return { sum: Number(row!.sum), last: Number(row!.last) };
  };
  const cancel = async (bookingId: string, fault?: 'policy' | 'studio') => {
    const res = await studio.app.request(`/v1/admin/bookings/${bookingId}/cancel`, {
      method: 'POST', headers: { ...skFlow, 'Idempotency-Key': randomUUID(), ...(fault ? { 'Content-Type': 'application/json' } : {}) }, ...(fault ? { body: JSON.stringify({ fault }) } : {}),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json() as { settlement: Settlement | null }).settlement;
  };

  async function reikiForCredits(start: string) {
    clock.set(START);
    const b = await reserve(studio.app, { program: 'reiki', variant: studio.variants.reiki![0], customer: customer(DEMO), sessions: { mode: 'explicit', starts: [start] } });
    const out = await checkedOut(await checkoutReq(studio.app, b, { method: 'credits' }, await proveIdentity(studio.app, studio.db, DEMO.email)));
    assert.equal(out.booking.status, 'confirmed');
    return b;
  }

  async function settledWith(bookingId: string, settlement: Settlement, creditsBack: number) {
    assert.deepEqual({ refund: settlement.refund, credits_back: settlement.credits_back, balance_due: settlement.balance_due, credit_note: settlement.credit_note, refunds: settlement.refunds.map((r) => [r.amount, r.status, r.provider]) },
      { refund: 0, credits_back: creditsBack, balance_due: 0, credit_note: null, refunds: creditsBack > 0 ? [[0, 'succeeded', 'credits']] : [] });
    const rows = await query(studio.db, sql`select kind, credits, amount, status::text from refunds where booking_id = ${bookingId}`);
    assert.deepEqual(rows.map((r) => ({ ...r })), creditsBack > 0 ? [{ kind: 'credits', credits: creditsBack, amount: 0, status: 'succeeded' }] : []);
    const back = await query(studio.db, sql`select delta from credit_ledger where booking_id = ${bookingId} and delta > 0`);
    assert.deepEqual(back.map((r) => r.delta), creditsBack > 0 ? [creditsBack] : [], 'one ledger entry gives them back');
    const calls = refundCalls.length;
    await studio.runJobs();
    assert.equal(refundCalls.length, calls, 'nothing is sent to a payment provider');
    const [mail] = (await outboxOf(studio.db, bookingId)).filter((m) => m.dedupe_key === `booking:${bookingId}:cancel`);
    if (creditsBack > 0) assert.match(String(mail!.text_body), new RegExp(`${creditsBack} class credit\\(s\\) are back on your account now\\.`));
    // Cancelling again: nothing more.
    assert.equal(await cancel(bookingId), null);
    assert.equal((await query(studio.db, sql`select count(*)::int as n from refunds where booking_id = ${bookingId}`))[0]!.n, rows.length);
  }

  test('in the free window: both credits back to the ledger at once; the balance is the sum of the ledger', async () => {
    const before = await ledger();
    const b = await reikiForCredits('2026-12-04T09:00:00.000Z');
    assert.equal((await ledger()).sum, before.sum - 2, 'paid with 2 credits');
    const quote = await (await studio.app.request(`/v1/admin/bookings/${b.id}/cancellation`, { headers: skFlow })).json() as { credits_back: number; refund: number };
    assert.deepEqual([quote.credits_back, quote.refund], [2, 0]);
    await settledWith(b.id, (await cancel(b.id))!, 2);
    const after = await ledger();
    assert.deepEqual(after, { sum: before.sum, last: before.sum });
  });

  test('late (inside 48 h): the policy keeps half, one credit goes back', async () => {
    const before = await ledger();
    const b = await reikiForCredits('2026-12-04T11:00:00.000Z');
    clock.set('2026-12-03T12:00:00Z');
    const settlement = (await cancel(b.id))!;
    assert.deepEqual([settlement.fee, settlement.lines.map((l) => l.rule)], [1, ['late_cancellation']]);
    await settledWith(b.id, settlement, 1);
    assert.deepEqual(await ledger(), { sum: before.sum - 1, last: before.sum - 1 });
  });

  test('late, but the studio\'s fault: both credits back', async () => {
    const before = await ledger();
    const b = await reikiForCredits('2026-12-04T13:00:00.000Z');
    clock.set('2026-12-03T12:00:00Z');
    await settledWith(b.id, (await cancel(b.id, 'studio'))!, 2);
    assert.deepEqual(await ledger(), { sum: before.sum, last: before.sum });
  });
});
