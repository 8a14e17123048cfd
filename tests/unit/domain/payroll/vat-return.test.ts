import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { quarterDates, vatReturn } from '../../../../server/modules/reports/index.ts';

describe('the VAT return\'s figures', () => {
  test('per rate: invoiced less credited, without VAT; the form\'s figures', () => {
    const v = vatReturn(
      [{ rateBp: 810, gross: 108_100, net: 100_000, vat: 8_100 }, { rateBp: 0, gross: 20_000, net: 20_000, vat: 0 }, { rateBp: 810, gross: 10_810, net: 10_000, vat: 810 }],
      [{ rateBp: 810, gross: 10_810, net: 10_000, vat: 810 }],
    );
    assert.deepEqual(v.figures, { 200: 120_000, 230: 20_000, 299: 100_000, 303: 100_000 });
    assert.equal(v.taxTotal, 8_100);
    assert.deepEqual(v.lines.map((l) => [l.rateBp, l.code, l.turnover, l.tax]), [[810, '303', 100_000, 8_100], [0, '230', 20_000, 0]]);
  });
  test('quarters', () => {
    assert.deepEqual(quarterDates(2026, 4), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(quarterDates(2028, 1), { from: '2028-01-01', to: '2028-03-31' });
  });
});
