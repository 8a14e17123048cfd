/**
 * Modules return domain data (rows, views); each surface shapes its own answers in the
 * `*.out.ts` files beside its routes. So a module may take a request's shape from schema/api
 * (`*Body`, and the `canonicalZone` check), never an answer's (`*Out`, `*Response`, `CreatedBooking`,
 * `ProgramDetail`, …). dependency-cruiser's rule
 * `modules-take-requests-not-answers` limits which schema/api files a module may import at all;
 * it cannot see the names, which is this check's part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** What a module may take from schema/api: request shapes and the zone check. */
const ALLOWED = (name: string) => /Body$/.test(name) || name === 'canonicalZone';

/** The names import or export statements take from a schema/api module that are not request shapes. */
export function answerNamesFromApi(text: string): string[] {
  const statements = text.match(/^(?:import|export)\s[^;]*?from\s+['"][^'"]*schema\/api\/[^'"]+['"]/gms) ?? [];
  return statements.flatMap((s) => {
    const names = /\{([^}]*)\}/s.exec(s)?.[1] ?? '';
    return names.split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim())
      .filter((n) => n !== '' && !ALLOWED(n));
  });
}

test('modules take only request shapes from schema/api, no answers', () => {
  const offenders = sources(join(root, 'server/modules')).flatMap((file) =>
    answerNamesFromApi(readFileSync(file, 'utf8')).map((n) => `${relative(root, file)}: ${n}`));
  assert.deepEqual(offenders, []);
});

test('the check itself finds answer names, on one line or several, and lets request shapes pass', () => {
  assert.deepEqual(answerNamesFromApi(`import type { CheckoutBody } from '../../../schema/api/checkout.ts';`), []);
  assert.deepEqual(answerNamesFromApi(`import type { BookingOut, CreateBookingBody } from '../../../schema/api/embed-bookings.ts';`), ['BookingOut']);
  assert.deepEqual(answerNamesFromApi(`import type { CreatedBooking, SlotConflict } from '../../../schema/api/embed-bookings.ts';`), ['CreatedBooking', 'SlotConflict']);
  assert.deepEqual(answerNamesFromApi(`import {\n  type SlotsResponse,\n  canonicalZone,\n} from '../../../schema/api/embed-slots.ts';`), ['SlotsResponse']);
  assert.deepEqual(answerNamesFromApi(`import type { BookingOut } from '../../surfaces/embed/bookings.out.ts';`), []);
});
