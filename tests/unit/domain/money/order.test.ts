import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MoneyError, priceOrder, vatFromGross, type OrderLineInput, type PricedOrder } from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, eur, prng } from './_helpers.ts';

const evolve: OrderLineInput = { description: 'EVOLVE 8 sessions', unitPrice: chf(80000), quantity: 1, vatRateBp: 810, programId: 'evolve', variantId: 'evolve-8' };
const reiki: OrderLineInput = { description: 'Reiki 1:1', unitPrice: chf(12000), quantity: 1, vatRateBp: 0, programId: 'reiki', variantId: 'reiki-1' };
const book: OrderLineInput = { description: 'Workbook', unitPrice: chf(2990), quantity: 2, vatRateBp: 260 };

/** How many lines carry this rate (a line's share is within one unit per line of its own rounded VAT). */
const lines = (o: PricedOrder, rateBp: number) => o.lines.filter((l) => l.vatRateBp === rateBp).length;

function assertInvariants(o: PricedOrder): void {
  const s = (f: (l: PricedOrder['lines'][number]) => number) => o.lines.reduce((a, l) => a + f(l), 0);
  assert.equal(o.total.amount, s((l) => l.amount.amount) + o.roundingAdjustment.amount, 'total = Σ lines + rounding');
  assert.equal(o.vatTotal.amount, s((l) => l.vatAmount.amount), 'vatTotal = Σ line VAT');
  assert.equal(o.subtotal.amount, s((l) => l.subtotal.amount));
  assert.equal(o.discountTotal.amount, s((l) => l.discount.amount));
  assert.equal(o.subtotal.amount - o.discountTotal.amount, s((l) => l.amount.amount));
  assert.equal(o.netTotal.amount + o.vatTotal.amount, s((l) => l.amount.amount));
  assert.equal(o.vatByRate.reduce((a, g) => a + g.vat.amount, 0), o.vatTotal.amount);
  assert.equal(o.vatByRate.reduce((a, g) => a + g.gross.amount, 0), s((l) => l.amount.amount));
  for (const g of o.vatByRate) assert.equal(g.vat.amount, vatFromGross(g.gross.amount, g.rateBp), 'VAT rounded once per rate, on the rate\'s gross');
  for (const l of o.lines) {
    assert.ok(l.amount.amount >= 0, 'never a negative line');
    assert.ok(l.discount.amount >= 0 && l.discount.amount <= l.subtotal.amount);
    assert.ok(Math.abs(l.vatAmount.amount - vatFromGross(l.amount.amount, l.vatRateBp)) <= lines(o, l.vatRateBp), 'a line\'s share of its rate\'s VAT stays near its own VAT');
    assert.equal(l.netAmount.amount + l.vatAmount.amount, l.amount.amount);
    for (const m of [l.amount, l.vatAmount, l.netAmount, l.discount, l.subtotal]) {
      assert.ok(Number.isSafeInteger(m.amount));
      assert.equal(m.currency, o.currency);
    }
  }
  assert.equal(o.total.currency, o.currency);
}

describe('priceOrder', () => {
  test('one line at 8.1 %, no discount', () => {
    const o = priceOrder({ currency: 'CHF', lines: [{ ...evolve, unitPrice: chf(12000) }] });
    assert.deepEqual(o.lines[0]?.amount, chf(12000));
    assert.deepEqual(o.vatTotal, chf(899));
    assert.deepEqual(o.netTotal, chf(11101));
    assert.deepEqual(o.total, chf(12000));
    assert.deepEqual(o.discountTotal, chf(0));
    assert.equal(o.appliedDiscount, null);
    assert.deepEqual(o.roundingAdjustment, chf(0));
    assertInvariants(o);
  });

  test('mixed rates: VAT per line, grouped per rate (8.1, 2.6, 0)', () => {
    const o = priceOrder({ currency: 'CHF', lines: [evolve, book, reiki] });
    assert.deepEqual(o.subtotal, chf(80000 + 5980 + 12000));
    assert.deepEqual(o.lines.map((l) => l.vatAmount.amount), [5994, 152, 0]); // 5994.449…, 151.52…, 0
    assert.deepEqual(o.vatByRate, [
      { rateBp: 810, gross: chf(80000), net: chf(74006), vat: chf(5994) },
      { rateBp: 260, gross: chf(5980), net: chf(5828), vat: chf(152) },
      { rateBp: 0, gross: chf(12000), net: chf(12000), vat: chf(0) },
    ]);
    assertInvariants(o);
  });

  test('six session lines at 8.1 %: VAT once on the rate\'s total (40.46), not six roundings (40.44); the lines share it', () => {
    const session: OrderLineInput = { description: 'SPLIT — session', unitPrice: chf(9000), quantity: 1, vatRateBp: 810 };
    const o = priceOrder({ currency: 'CHF', lines: Array.from({ length: 6 }, () => session) });
    assert.equal(vatFromGross(9000, 810) * 6, 4044, 'what rounding per line gave');
    assert.deepEqual(o.vatTotal, chf(4046)); // 54000 × 810 / 10810 = 4046.25…
    assert.deepEqual(o.netTotal, chf(49954));
    assert.deepEqual(o.vatByRate, [{ rateBp: 810, gross: chf(54000), net: chf(49954), vat: chf(4046) }]);
    assert.deepEqual(o.lines.map((l) => l.vatAmount.amount), [675, 675, 674, 674, 674, 674]);
    assertInvariants(o);
  });

  test('percent discount applied before VAT, allocated over lines', () => {
    const o = priceOrder({
      currency: 'CHF',
      lines: [evolve, { ...reiki, unitPrice: chf(12033), quantity: 2 }],
      discount: { source: 'coupon', code: 'SPRING10', rule: { kind: 'percent', percentBp: 1000 } },
    });
    // 10 % of 1040.66 = 104.066 → 104.07, allocated 80.00 / 24.07 (largest remainder).
    assert.deepEqual(o.appliedDiscount, { source: 'coupon', code: 'SPRING10', amount: chf(10407) });
    assert.deepEqual(o.lines.map((l) => l.discount.amount), [8000, 2407]);
    assert.deepEqual(o.lines.map((l) => l.amount.amount), [72000, 21659]);
    assert.deepEqual(o.lines[0]?.vatAmount, chf(vatFromGross(72000, 810))); // 5395, not 5994 − 10 %
    assert.deepEqual(o.vatTotal, chf(5395));
    assert.deepEqual(o.total, chf(93659));
    assertInvariants(o);
  });

  test('fixed discount only on the eligible lines', () => {
    const o = priceOrder({
      currency: 'CHF',
      lines: [evolve, reiki],
      discount: { source: 'coupon', code: 'EVOLVE50', rule: { kind: 'fixed', amountOff: chf(5000) }, eligibleLines: [0] },
    });
    assert.deepEqual(o.lines.map((l) => l.discount.amount), [5000, 0]);
    assert.deepEqual(o.lines.map((l) => l.amount.amount), [75000, 12000]);
    assert.deepEqual(o.lines[0]?.vatAmount, chf(5620)); // 75000 × 810 / 10810 = 5619.796…
    assertInvariants(o);
  });

  test('a fixed discount never exceeds the eligible amount: lines go to zero, never below', () => {
    const o = priceOrder({
      currency: 'CHF',
      lines: [reiki, book],
      discount: { source: 'coupon', code: 'BIG', rule: { kind: 'fixed', amountOff: chf(50000) }, eligibleLines: [1] },
    });
    assert.deepEqual(o.lines.map((l) => l.amount.amount), [12000, 0]);
    assert.deepEqual(o.discountTotal, chf(5980));
    assert.deepEqual(o.appliedDiscount?.amount, chf(5980));
    assertInvariants(o);
  });

  test('100 % discount: everything free, VAT zero', () => {
    const o = priceOrder({ currency: 'CHF', lines: [evolve, book], discount: { source: 'coupon', code: 'FREE', rule: { kind: 'percent', percentBp: 10000 } } });
    assert.deepEqual(o.total, chf(0));
    assert.deepEqual(o.vatTotal, chf(0));
    assertInvariants(o);
  });

  test('cash rounding: CHF total to 0.05, net and VAT to 0.01, difference on its own line', () => {
    const lines: OrderLineInput[] = [{ description: 'Private class', unitPrice: chf(12033), quantity: 1, vatRateBp: 810 }];
    const plain = priceOrder({ currency: 'CHF', lines });
    const cash = priceOrder({ currency: 'CHF', lines, cashRounding: true });
    assert.deepEqual(plain.total, chf(12033));
    assert.deepEqual(cash.total, chf(12035));
    assert.deepEqual(cash.roundingAdjustment, chf(2));
    assert.deepEqual(cash.vatTotal, plain.vatTotal); // VAT not recomputed on the rounded total
    assert.deepEqual(cash.netTotal, plain.netTotal);
    assert.deepEqual(cash.lines, plain.lines);
    assertInvariants(cash);
    const down = priceOrder({ currency: 'CHF', lines: [{ ...lines[0]!, unitPrice: chf(12037) }], cashRounding: true });
    assert.deepEqual(down.total, chf(12035));
    assert.deepEqual(down.roundingAdjustment, chf(-2));
  });

  test('cash rounding does nothing to EUR', () => {
    const o = priceOrder({ currency: 'EUR', lines: [{ description: 'x', unitPrice: eur(12033), quantity: 1, vatRateBp: 0 }], cashRounding: true });
    assert.deepEqual(o.total, eur(12033));
    assert.deepEqual(o.roundingAdjustment, eur(0));
  });

  test('empty order', () => {
    const o = priceOrder({ currency: 'CHF', lines: [] });
    assert.deepEqual(o.total, chf(0));
    assert.deepEqual(o.vatByRate, []);
  });

  test('programmer errors throw', () => {
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, unitPrice: eur(100) }] }), MoneyError);
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, unitPrice: chf(100.5) }] }), MoneyError);
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, unitPrice: chf(-100) }] }), MoneyError);
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, quantity: 0 }] }), MoneyError);
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, quantity: 1.5 }] }), MoneyError);
    assert.throws(() => priceOrder({ currency: 'CHF', lines: [{ ...evolve, vatRateBp: 8.1 }] }), MoneyError);
    assert.throws(
      () => priceOrder({ currency: 'CHF', lines: [evolve], discount: { source: 'coupon', code: 'X', rule: { kind: 'fixed', amountOff: eur(100) } } }),
      /currency mismatch/,
    );
    assert.throws(
      () => priceOrder({ currency: 'CHF', lines: [evolve], discount: { source: 'coupon', code: 'X', rule: { kind: 'percent', percentBp: 1000 }, eligibleLines: [3] } }),
      MoneyError,
    );
  });

  test('property: invariants hold for thousands of random orders', () => {
    const r = prng(2024);
    for (let i = 0; i < CASES; i++) {
      const currency = r.pick(['CHF', 'EUR']);
      const n = r.int(1, 6);
      const lines: OrderLineInput[] = Array.from({ length: n }, (_, k) => ({
        description: `line ${k}`,
        unitPrice: { amount: r.next() < 0.05 ? 0 : r.int(1, 300_000), currency },
        quantity: r.int(1, 5),
        vatRateBp: r.pick([810, 260, 380, 0]),
        programId: r.pick(['a', 'b', 'c']),
      }));
      const eligibleLines = lines.map((_, k) => k).filter(() => r.next() < 0.7);
      const kind = r.int(0, 2);
      const discount =
        kind === 0
          ? undefined
          : kind === 1
            ? { source: 'coupon' as const, code: 'P', rule: { kind: 'percent' as const, percentBp: r.int(0, 10000) }, eligibleLines }
            : { source: 'referral' as const, code: 'F', rule: { kind: 'fixed' as const, amountOff: { amount: r.int(0, 500_000), currency } }, eligibleLines };
      const cashRounding = r.next() < 0.5;
      const o = priceOrder({ currency, lines, discount, cashRounding });
      assertInvariants(o);
      if (currency === 'CHF' && cashRounding) assert.equal(o.total.amount % 5, 0);
      if (!cashRounding || currency !== 'CHF') assert.equal(o.roundingAdjustment.amount, 0);
      assert.ok(Math.abs(o.roundingAdjustment.amount) <= 2);
      const eligibleSubtotal = eligibleLines.reduce((a, k) => a + (o.lines[k]?.subtotal.amount ?? 0), 0);
      assert.ok(o.discountTotal.amount <= eligibleSubtotal, 'discount never exceeds the eligible amount');
      o.lines.forEach((l, k) => {
        if (!eligibleLines.includes(k)) assert.equal(l.discount.amount, 0, 'ineligible lines are never discounted');
      });
    }
  });
});
