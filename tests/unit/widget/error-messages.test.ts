/**
 * Every error code the API can answer has its own sentence in the widget, in each language
 * (never "Something went wrong: <the server's English>"). The codes are read from the one closed
 * union in server/platform/errors.ts, so a new code without a sentence fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errors as en } from '../../../widget/core/i18n/errors/errors-en.ts';
import { errors as de } from '../../../widget/core/i18n/errors/errors-de.ts';
import { errors as fr } from '../../../widget/core/i18n/errors/errors-fr.ts';
import { errors as it } from '../../../widget/core/i18n/errors/errors-it.ts';

const source = readFileSync(new URL('../../../server/platform/errors.ts', import.meta.url), 'utf8');
const union = /export type ErrorCode =([\s\S]*?);/.exec(source)![1]!;
/** Answered only to Stripe's webhook calls, never to the widget. */
const HOOKS_ONLY = new Set(['invalid_signature', 'invalid_event']);
const codes = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).filter((c) => !HOOKS_ONLY.has(c));

test('the API has error codes to check', () => {
  assert.ok(codes.length > 20);
  assert.ok(codes.includes('slot_unavailable') && codes.includes('insufficient_credits'));
});

for (const [lang, table] of Object.entries({ en, de, fr, it })) {
  test(`every API error code has a ${lang} sentence, and no language has one the others lack`, () => {
    const missing = codes.filter((c) => !table[c]);
    assert.deepEqual(missing, [], `${lang} lacks: ${missing.join(', ')}`);
    assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort());
    for (const [code, text] of Object.entries(table)) assert.ok(!/something went wrong/i.test(text) || code === 'internal_error', `${lang}.${code}`);
  });
}
