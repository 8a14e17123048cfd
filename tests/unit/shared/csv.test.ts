import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csvOf, decimal } from '../../../shared/csv.ts';

describe('CSV for spreadsheets', () => {
  test('quotes, CRLF, formulas defused, negative amounts kept as numbers', () => {
    const csv = csvOf(['name', 'amount', 'reason'], [['Mara "M" Keller', decimal(-1234), '=HYPERLINK("x")'], ['Luca, L.', decimal(5), '-5 refund']]);
    assert.equal(csv, 'name,amount,reason\r\n"Mara ""M"" Keller",-12.34,"\'=HYPERLINK(""x"")"\r\n"Luca, L.",0.05,\'-5 refund\r\n');
  });
  test('decimal', () => {
    assert.equal(decimal(0), '0.00');
    assert.equal(decimal(100), '1.00');
    assert.equal(decimal(-5), '-0.05');
    assert.equal(decimal(1234, 0), '1234');
  });
});
