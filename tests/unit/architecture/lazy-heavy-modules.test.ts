/**
 * Libraries a running API may never need are loaded at their first use, not at start-up: each
 * one imported statically stays in the process's heap for its whole life (measured with
 * `process.memoryUsage()` after a full GC: pdfkit with fontkit ≈ 5.7 MB of heap, the QR-bill
 * library ≈ 0.5 MB, the AWS SDK's S3 client ≈ 4.6 MB; docs/benchmarks.md, "Memory"). PDFs are
 * drawn by jobs, some studios never; the S3 client only when uploads go to a bucket.
 * So no server file may import them statically (`import type` is fine: it leaves no code).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const LAZY = ['pdfkit', 'swissqrbill', '@aws-sdk/client-s3'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The packages of LAZY that `text` imports statically (import … from, import '…', export … from). */
export function staticImportsOf(text: string): string[] {
  const statements = text.match(/^(?:import|export)\s+(?!type\s)[^;]*?['"][^'"]+['"]/gms) ?? [];
  return statements.flatMap((s) => {
    const from = /['"]([^'"]+)['"]\s*$/.exec(s)?.[1] ?? '';
    return LAZY.filter((p) => from === p || from.startsWith(`${p}/`));
  });
}

test('the check sees static imports and lets dynamic and type-only ones pass', () => {
  assert.deepEqual(staticImportsOf("import PDFDocument from 'pdfkit';"), ['pdfkit']);
  assert.deepEqual(staticImportsOf("import { SwissQRBill } from 'swissqrbill/pdf';"), ['swissqrbill']);
  assert.deepEqual(staticImportsOf("import {\n  S3Client,\n} from '@aws-sdk/client-s3';"), ['@aws-sdk/client-s3']);
  assert.deepEqual(staticImportsOf("import type { S3Client } from '@aws-sdk/client-s3';"), []);
  assert.deepEqual(staticImportsOf("  const { default: PDFDocument } = await import('pdfkit');"), []);
});

test('no server file loads pdfkit, the QR-bill library or the S3 client at start-up', () => {
  const found = sources(join(root, 'server')).flatMap((file) =>
    staticImportsOf(readFileSync(file, 'utf8')).map((p) => `${relative(root, file)}: ${p}`));
  assert.deepEqual(found, [], 'import these where they are used, with await import(…)');
});
