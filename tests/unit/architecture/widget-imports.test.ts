/**
 * The widget may use schema/api for its types only (the API's shapes), never its runtime
 * code (valibot schemas would land in the bundle). dependency-cruiser checks every other
 * layer rule (.dependency-cruiser.cjs); its swc parser cannot tell type-only imports apart.
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
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Import or export statements (possibly spanning lines) that name a schema/api module without `type`. */
export function valueImportsOfApi(text: string): string[] {
  const statements = text.match(/^(?:import|export)\s[^;]*?from\s+['"][^'"]*schema\/api\/[^'"]+['"]/gms) ?? [];
  return statements.filter((s) => !/^(?:import|export)\s+type\s/.test(s));
}

test('the widget imports schema/api as types only', () => {
  const offenders = sources(join(root, 'widget')).flatMap((file) =>
    valueImportsOfApi(readFileSync(file, 'utf8')).map((s) => `${relative(root, file)}: ${s.split('\n')[0]}`));
  assert.deepEqual(offenders, []);
});

test('the check itself tells a value import from a type import', () => {
  assert.deepEqual(valueImportsOfApi(`import type { A } from '../../schema/api/x.ts';\nexport type { B } from '../schema/api/y.ts';`), []);
  assert.equal(valueImportsOfApi(`import { A } from '../../schema/api/x.ts';`).length, 1);
  assert.equal(valueImportsOfApi(`import {\n  A,\n  B,\n} from '../../schema/api/x.ts';`).length, 1);
});
