import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate } from '../../../shared/template.ts';

test('placeholders filled from the values; one without a value stays as written', () => {
  assert.equal(fillTemplate('{a} and {b}, {a} again', { a: 'one', b: 2 }), 'one and 2, one again');
  assert.equal(fillTemplate('Due by {date}: {amount}', { date: '1 Dec' }), 'Due by 1 Dec: {amount}');
  assert.equal(fillTemplate('no placeholders'), 'no placeholders');
});
