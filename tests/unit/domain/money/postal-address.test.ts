/** Addresses on invoices and credit notes by postal convention (issue 12, polish): no `DE-`/`CH-` prefix; the country on its own line when abroad. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postalLines } from '../../../../server/modules/billing/domain/index.ts';

const hamburg = { street: 'Feldstrasse', building_number: '36', postal_code: '20357', city: 'Hamburg', country: 'DE' };
const zurich = { street: 'Langstrasse', building_number: '120', postal_code: '8004', city: 'Zürich', country: 'CH' };

test('at home: street, postal code and city, no prefix and no country line', () => {
  assert.deepEqual(postalLines(hamburg, 'DE', 'de'), ['Feldstrasse 36', '20357 Hamburg']);
  assert.deepEqual(postalLines(zurich, 'CH', 'fr'), ['Langstrasse 120', '8004 Zürich']);
});

test('abroad from the studio\'s country: the country\'s name in the document\'s language on its own line', () => {
  assert.deepEqual(postalLines(hamburg, 'CH', 'de'), ['Feldstrasse 36', '20357 Hamburg', 'Deutschland']);
  assert.deepEqual(postalLines(zurich, 'DE', 'en'), ['Langstrasse 120', '8004 Zürich', 'Switzerland']);
  assert.deepEqual(postalLines(zurich, 'DE', 'fr'), ['Langstrasse 120', '8004 Zürich', 'Suisse']);
  assert.deepEqual(postalLines({ ...zurich, building_number: null }, 'ch', 'it'), ['Langstrasse', '8004 Zürich']);
  for (const line of postalLines(hamburg, 'CH', 'en')) assert.doesNotMatch(line, /^[A-Z]{2}-/);
});
