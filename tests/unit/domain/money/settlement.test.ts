/**
 * Settlement's pure rules under many seeded random cases: which payments a refund goes back to
 * (refundParts), the VAT a credit note reverses (creditNoteRates), and a pack settled piece by
 * piece (sessions first, then the booking) as the engine does it, net of what already went back.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocateEvenly, applyBasisPoints, creditNoteRates, MoneyError, refundForCancellation, refundParts, vatFromGross,
  type RefundablePayment, type RefundSession,
} from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, prng } from './_helpers.ts';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);

function payments(r: ReturnType<typeof prng>): RefundablePayment[] {
  return Array.from({ length: r.int(1, 5) }, (_, i) => {
    const amount = r.int(1, 200_000);
    return { id: `p${i}`, amount, refunded: r.next() < 0.3 ? r.int(0, amount) : 0, paidAt: NOW - r.int(0, 90) * 24 * H };
  });
}

describe('settlement: properties (seeded)', () => {
  test('refundParts: Σ parts = the refund, no payment gives back more than is left of it, newest first; more than is left is refused', () => {
    const r = prng(4242);
    for (let i = 0; i < CASES; i++) {
      const ps = payments(r);
      const room = ps.reduce((a, p) => a + (p.amount - p.refunded), 0);
      const refund = r.next() < 0.9 ? r.int(0, room) : room + r.int(1, 1000);
      if (refund > room) {
        assert.throws(() => refundParts(refund, ps), MoneyError, 'a refund never exceeds what was paid net of refunds');
        continue;
      }
      const parts = refundParts(refund, ps);
      assert.equal(parts.reduce((a, p) => a + p.amount, 0), refund);
      for (const part of parts) {
        const p = ps.find((x) => x.id === part.paymentId)!;
        assert.ok(part.amount > 0 && part.amount <= p.amount - p.refunded);
      }
      // Last in, first out: a payment is only touched once every newer one is used up.
      const order = [...ps].sort((a, b) => b.paidAt - a.paidAt || (a.id < b.id ? 1 : -1));
      const touched = parts.map((x) => order.findIndex((p) => p.id === x.paymentId));
      for (let k = 0; k < touched.length - 1; k++) {
        const p = order[touched[k]!]!;
        assert.equal(parts[k]!.amount, p.amount - p.refunded, 'every payment but the last one touched is emptied');
      }
    }
  });

  test('refunds over time never exceed what was paid: each refund is spread over what is left, until nothing is', () => {
    const r = prng(777);
    for (let i = 0; i < CASES / 5; i++) {
      const ps = payments(r).map((p) => ({ ...p, refunded: 0 }));
      const paid = ps.reduce((a, p) => a + p.amount, 0);
      let back = 0;
      for (let step = 0; step < 6; step++) {
        const left = paid - back;
        const refund = r.int(0, left);
        for (const part of refundParts(refund, ps)) {
          const p = ps.find((x) => x.id === part.paymentId)!;
          (p as { refunded: number }).refunded += part.amount;
        }
        back += refund;
        assert.ok(ps.every((p) => p.refunded <= p.amount));
        assert.equal(ps.reduce((a, p) => a + p.refunded, 0), back);
      }
      assert.ok(back <= paid);
      if (paid - back > 0) assert.throws(() => refundParts(paid - back + 1, ps), MoneyError);
    }
  });

  test('creditNoteRates: Σ gross = the amount credited, net + VAT = gross per rate, VAT never negative and as the invoice derives it', () => {
    const r = prng(9001);
    const RATES = [0, 260, 380, 810];
    for (let i = 0; i < CASES; i++) {
      const rates = Array.from({ length: r.int(0, 3) }, () => ({ rateBp: r.pick(RATES), gross: r.pick([0, r.int(1, 500), r.int(1, 2_000_000)]) }));
      const orderTotal = rates.reduce((a, x) => a + x.gross, 0);
      const credited = orderTotal > 0 ? r.int(0, orderTotal) : r.int(0, 1000);
      const out = creditNoteRates(credited, rates);
      assert.equal(out.reduce((a, x) => a + x.gross, 0), credited, 'Σ gross = credited');
      for (const x of out) {
        assert.equal(x.net + x.vat, x.gross);
        assert.ok(x.gross > 0 && x.vat >= 0 && x.net >= 0);
        assert.equal(x.vat, vatFromGross(x.gross, x.rateBp));
        const share = rates.filter((y) => y.rateBp === x.rateBp).reduce((a, y) => a + y.gross, 0);
        if (orderTotal > 0) assert.ok(x.gross <= share, 'never more of a rate than the order carries');
      }
    }
  });

  test('a pack settled piece by piece: late sessions one by one, then the booking, net of what went back: refunds ≤ paid, fees ≥ 0, kept + still owed = what the booking costs', () => {
    const r = prng(2027);
    for (let i = 0; i < CASES / 5; i++) {
      const n = r.int(1, 10);
      const total = r.int(n, 400_000);
      const paidInFull = r.next() < 0.6;
      const paid = paidInFull ? total : r.int(0, total);
      const policy = { freeCancelHours: r.pick([0, 24, 48]), lateCancelFeeBp: r.pick([0, 2500, 5000, 10000]), noShowFeeBp: r.pick([5000, 10000]), refundUnusedSessions: true };
      const values = allocateEvenly(total, n);
      const sessions: RefundSession[] = Array.from({ length: n }, (_, k) => ({ startsAt: NOW + (k * 7 * 24 - r.int(-24, 96)) * H, status: 'scheduled' as const }));
      let back = 0;
      // Some sessions cancelled late on their own first: each counts as used, its fee kept, the rest of its share back when paid in full.
      for (let k = 0; k < n; k++) {
        const s = sessions[k]!;
        const lead = Number(s.startsAt) - NOW;
        if (lead <= 0 || lead >= policy.freeCancelHours * H || r.next() < 0.5) continue;
        const fee = applyBasisPoints(values[k]!, policy.lateCancelFeeBp);
        assert.ok(fee >= 0 && fee <= values[k]!);
        const refund = paidInFull ? values[k]! - fee : 0;
        back += refund;
        sessions[k] = { ...s, status: 'cancelled', cancelledAt: NOW, cancelledBy: 'customer' };
      }
      const res = refundForCancellation({ method: 'money', paid: chf(paid - back), total: chf(total), sessions, cancelledAt: NOW, policy });
      if (res.method !== 'money') throw new Error('a money booking settles in money');
      const refund = res.refund.amount;
      assert.ok(refund >= 0 && refund <= paid - back, 'the booking\'s refund never exceeds what was paid net of refunds');
      assert.ok(back + refund <= paid, 'altogether never more than paid');
      assert.ok(res.feesTotal.amount >= 0 && res.balanceDue.amount >= 0);
      // Conserved: what the studio keeps plus what it is still owed is what the booking costs after the refunds it is entitled to.
      assert.equal(res.retained.amount + res.balanceDue.amount, total - res.entitledRefund.amount);
      // Paid in full: what went back piece by piece and at the end is exactly what the customer was entitled to; nothing is owed.
      if (paidInFull) assert.deepEqual([back + refund, res.balanceDue.amount], [res.entitledRefund.amount, 0]);
    }
  });
});
