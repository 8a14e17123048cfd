import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeLine } from '../../../shared/place.ts';

test('a place in one line says each thing once', () => {
  assert.equal(placeLine('Studio Flow, Langstrasse', 'Langstrasse 120, 8004 Zürich'), 'Studio Flow, Langstrasse 120, 8004 Zürich');
  assert.equal(placeLine('Lotus room', 'Langstrasse 120, 8004 Zürich'), 'Lotus room, Langstrasse 120, 8004 Zürich');
  assert.equal(placeLine('Langstrasse 120', 'Langstrasse 120, 8004 Zürich'), 'Langstrasse 120, 8004 Zürich');
  assert.equal(placeLine('Atelier Nord', ''), 'Atelier Nord');
});
