/**
 * Every internal event class (`tandem-…`, not a documented `tandem:…` event) is in the list
 * `<tandem-program>` stops, so none reaches the studio's page; the browser test of the stopping
 * listens for that list, so this keeps the list itself honest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { INTERNAL_EVENTS } from '../../../widget/core/events/internal-events.ts';

const dir = fileURLToPath(new URL('../../../widget/core/events', import.meta.url));

test('every internal event class is stopped at <tandem-program>', () => {
  const names = readdirSync(dir).filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/static readonly eventName = '([^']+)'/g)].map((m) => m[1]!));
  const internal = names.filter((n) => n.startsWith('tandem-')).sort();
  assert.ok(internal.length > 0, 'event classes found');
  assert.deepEqual([...INTERNAL_EVENTS].sort(), internal);
  assert.ok(names.filter((n) => !n.startsWith('tandem-')).every((n) => n.startsWith('tandem:')), 'every other event is a documented tandem:… event');
});
