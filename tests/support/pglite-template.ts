/**
 * Writes the migrated PGlite that test files copy (support/database.ts) to the file named:
 *   node --import tsx tests/support/pglite-template.ts .tap/pglite-template.tar
 * tests/run.mjs runs it once before the PGlite suites and hands the file on as TANDEM_PGLITE_TEMPLATE.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildPgliteTemplate } from './database.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: pglite-template.ts <file>');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, new Uint8Array(await (await buildPgliteTemplate()).arrayBuffer()));
