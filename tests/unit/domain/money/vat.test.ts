import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatRateBp, MoneyError, splitGross, SWISS_VAT_RATES_BP, vatByRate, vatFromGross,
} from '../../../../server/modules/billing/domain/index.ts';
import { CASES, chf, prng } from './_helpers.ts';

describe('vatFromGross', () => {
  // Expected values computed by hand / with exact fractions: gross × rate / (10000 + rate).
  const known: [gross: number, rateBp: number, vat: number, why: string][] = [
    [12000, 810, 899, 'CHF 120.00 at 8.1 %: 899.167… → CHF 8.99 (not 9.00), net 111.01'],
    [10000, 810, 749, 'CHF 100.00 at 8.1 %: 749.306…'],
    [10810, 810, 810, 'CHF 108.10 at 8.1 %: exactly 8.10'],
    [15000, 810, 1124, 'CHF 150.00 at 8.1 %: 1123.959… rounds up'],
    [80000, 810, 5994, 'CHF 800.00 at 8.1 %: 5994.449…'],
    [100, 810, 7, 'CHF 1.00 at 8.1 %: 7.49…'],
    [1, 810, 0, 'one Rappen: 0.0749…'],
    [12000, 260, 304, 'CHF 120.00 at 2.6 %: 304.093…'],
    [5000, 260, 127, 'CHF 50.00 at 2.6 %: 126.705…'],
    [12000, 380, 439, 'CHF 120.00 at 3.8 %: 439.306…'],
    [18000, 380, 659, 'CHF 180.00 at 3.8 %: 658.959…'],
    [12000, 0, 0, 'exempt / not registered'],
    [0, 810, 0, 'free'],
  ];
  for (const [gross, rate, vat, why] of known) {
    test(why, () => assert.equal(vatFromGross(gross, rate), vat));
  }

  test('CHF 120.00 at 8.1 %: net + VAT = gross, and net × 1.081 ≈ gross', () => {
    const s = splitGross(chf(12000), 810);
    assert.deepEqual(s, { gross: chf(12000), net: chf(11101), vat: chf(899) });
  });

  // With 8.1 %, 2.6 % and 3.8 % an exact half cannot occur (gross × 81 / 1081 would need an
  // even number to equal an odd one), so the half cases are the nearest ones on each side.
  test('just below and just above one half, per Swiss rate', () => {
    assert.equal(vatFromGross(367, 810), 27); // 27.4995…
    assert.equal(vatFromGross(714, 810), 54); // 53.5004…
    assert.equal(vatFromGross(217, 260), 5); // 5.4990…
    assert.equal(vatFromGross(296, 260), 8); // 7.5009…
    assert.equal(vatFromGross(478, 380), 17); // 17.4990…
    assert.equal(vatFromGross(41, 380), 2); // 1.5009…
  });

  test('exact halves round up (20 % → gross / 6; 100 % → gross / 2)', () => {
    assert.equal(vatFromGross(3, 2000), 1); // 0.5
    assert.equal(vatFromGross(15, 2000), 3); // 2.5, not banker's 2
    assert.equal(vatFromGross(9, 2000), 2); // 1.5
    assert.equal(vatFromGross(1, 10000), 1); // 0.5
  });

  test('a credit note carries exactly the negated VAT', () => {
    assert.equal(vatFromGross(-12000, 810), -899);
    assert.equal(vatFromGross(-3, 2000), -1);
    assert.equal(vatFromGross(-714, 810), -54);
  });

  test('rates', () => {
    assert.deepEqual(SWISS_VAT_RATES_BP, { standard: 810, reduced: 260, accommodation: 380, none: 0 });
    assert.equal(formatRateBp(810), '8.1 %');
    assert.equal(formatRateBp(260), '2.6 %');
    assert.equal(formatRateBp(0), '0 %');
    assert.equal(formatRateBp(775), '7.75 %');
    assert.equal(formatRateBp(2000), '20 %');
  });

  test('programmer errors', () => {
    assert.throws(() => vatFromGross(120.5, 810), MoneyError);
    assert.throws(() => vatFromGross(12000, 8.1), MoneyError);
    assert.throws(() => vatFromGross(12000, -1), MoneyError);
    assert.throws(() => vatFromGross(12000, 10001), MoneyError);
  });

  test('property: the rounded VAT is the nearest integer to the exact VAT', () => {
    const r = prng(42);
    for (let i = 0; i < CASES; i++) {
      const gross = r.int(0, 100_000_000);
      const rate = r.pick([810, 260, 380, 0, r.int(0, 10000)]);
      const vat = vatFromGross(gross, rate);
      const d = BigInt(10000 + rate);
      const diff = BigInt(gross) * BigInt(rate) - BigInt(vat) * d; // exact − rounded, × d
      assert.ok(diff * 2n < d && diff * 2n >= -d, `${gross} at ${rate} → ${vat}`);
      assert.ok(vat >= 0 && vat <= gross);
    }
  });
});

describe('vatByRate', () => {
  test('groups per rate, sums of line figures, highest rate first', () => {
    const lines = [
      { amount: chf(12000), vatRateBp: 810, vatAmount: chf(899) },
      { amount: chf(5000), vatRateBp: 0, vatAmount: chf(0) },
      { amount: chf(12000), vatRateBp: 810, vatAmount: chf(899) },
      { amount: chf(12000), vatRateBp: 260, vatAmount: chf(304) },
    ];
    assert.deepEqual(vatByRate(lines, 'CHF'), [
      { rateBp: 810, gross: chf(24000), net: chf(22202), vat: chf(1798) },
      { rateBp: 260, gross: chf(12000), net: chf(11696), vat: chf(304) },
      { rateBp: 0, gross: chf(5000), net: chf(5000), vat: chf(0) },
    ]);
  });

  test('per-line rounding: the group VAT is the sum of lines, not re-derived from the group gross', () => {
    // Three lines of CHF 7.14 at 8.1 %: 53.5004… → 54 each, 162 in all; derived on 21.42 it would be 161.
    const line = { amount: chf(714), vatRateBp: 810, vatAmount: chf(vatFromGross(714, 810)) };
    const [group] = vatByRate([line, line, line], 'CHF');
    assert.deepEqual(group, { rateBp: 810, gross: chf(2142), net: chf(1980), vat: chf(162) });
    assert.equal(vatFromGross(2142, 810), 161);
  });

  test('empty', () => assert.deepEqual(vatByRate([], 'CHF'), []));

  test('currency mismatch throws', () => {
    assert.throws(() => vatByRate([{ amount: chf(1), vatRateBp: 810, vatAmount: { amount: 0, currency: 'EUR' } }], 'CHF'), MoneyError);
  });
});
