/**
 * The building blocks that keep malformed input from reaching the database or a recursion:
 * the rule for every string, bounded instants and dates, the JSON depth scan, the iterative
 * request hash and the closed intake form.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { IsoDate, IsoInstant, singleLine, textProblem } from '../../../schema/api/common.ts';
import { RealDate } from '../../../schema/api/embed-slots.ts';
import { jsonDepthExceeds, textErrors } from '../../../server/platform/http/validate.ts';
import { canonical } from '../../../server/platform/http/idempotency.ts';
import { checkIntake, closedForm } from '../../../server/modules/bookings/intake.ts';
import { AppError } from '../../../server/platform/errors.ts';
import { prng } from '../../support/random.ts';

const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success;

describe('the rule for every string', () => {
  test('refuses NUL, C0 controls but tab/LF/CR, and unpaired surrogates; accepts emoji and text', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b[31m', '\u001f', '\ud800', 'x\udfff', '\udc00\ud800', 'a\ud83d']) {
      assert.ok(textProblem(bad), JSON.stringify(bad));
    }
    for (const good of ['', 'Zürich', 'line\nbreak\r\n', 'tab\there', '😀 𝕏', 'ok\u007f', '\u2028']) assert.equal(textProblem(good), undefined, JSON.stringify(good));
  });

  test('textErrors names every bad string and bad key by its field, without recursion', () => {
    const errors = textErrors({ customer: { name: 'A\u0000' }, sessions: { starts: ['ok', 'x\ud800'] }, source: { 'k\u0000': 'v' }, fine: 'yes' }, 'body');
    assert.deepEqual(errors.map((e) => e.field).sort(), ['customer.name', 'sessions.starts.1', 'source']);
    assert.deepEqual(textErrors('\u0000', 'query'), [{ field: 'query', message: 'must not contain NUL or other control characters' }]);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(textErrors(deep, 'body').length, 1);
  });

  test('a one-line field refuses tabs and line breaks', () => {
    const Line = v.pipe(v.string(), v.trim(), singleLine());
    assert.ok(ok(Line, ' Ana Muster \n'));
    assert.ok(!ok(Line, 'Ana\nMuster'));
    assert.ok(!ok(Line, 'Lang\tstrasse'));
  });
});

describe('instants and dates are bounded (2000-01-01 to 2100-01-01)', () => {
  test('IsoInstant', () => {
    for (const good of ['2026-12-01T10:00:00Z', '2000-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z', '2026-12-01T10:00:00+01:00']) assert.ok(ok(IsoInstant, good), good);
    for (const bad of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-14:00', '1999-12-31T23:59:59Z',
      '2100-01-01T00:00:00Z', '2099-12-31T23:00:00-14:00', '2026-02-30T10:00:00Z', '2026-12-01T10:00:00+01']) assert.ok(!ok(IsoInstant, bad), bad);
    const issue = v.safeParse(IsoInstant, '0000-01-01T00:00:00Z').issues?.[0];
    assert.equal(issue?.message, 'must be between 2000-01-01 and 2100-01-01');
  });

  test('IsoDate and RealDate', () => {
    for (const good of ['2026-12-01', '2000-01-01', '2099-12-31']) assert.ok(ok(IsoDate, good) && ok(RealDate, good), good);
    for (const bad of ['0000-01-01', '0001-01-01', '9999-12-31', '1999-12-31', '2100-01-01']) assert.ok(!ok(IsoDate, bad) && !ok(RealDate, bad), bad);
  });
});

describe('JSON depth, scanned before parsing', () => {
  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  test('counts arrays and objects, not brackets in strings', () => {
    assert.equal(jsonDepthExceeds(nested(32), 32), false);
    assert.equal(jsonDepthExceeds(nested(33), 32), true);
    assert.equal(jsonDepthExceeds(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`, 32), true);
    assert.equal(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["', b: '\\"[[[[' }), 2), false);
    assert.equal(jsonDepthExceeds(`${'['.repeat(5_000_000)}`, 32), true);
  });
});

describe('the request hash', () => {
  /** The earlier, recursive canonical form: the iterative one must write exactly the same text. */
  function recursive(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${recursive((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  }

  test('writes the same text as before for every kind of value', () => {
    const rnd = prng(7);
    const gen = (depth: number): unknown => {
      const r = rnd.int(0, depth > 4 ? 4 : 7);
      switch (r) {
        case 0: return rnd.int(-1000, 1000) / 10;
        case 1: return `s${rnd.int(0, 9)}"\\\u00e9`;
        case 2: return rnd.next() < 0.5;
        case 3: return null;
        case 4: return undefined;
        case 5: case 6: return Array.from({ length: rnd.int(0, 4) }, () => gen(depth + 1));
        default: return Object.fromEntries(Array.from({ length: rnd.int(0, 4) }, () => [`k${rnd.int(0, 9)}`, gen(depth + 1)]));
      }
    };
    for (let i = 0; i < 500; i++) {
      const value = gen(0);
      assert.equal(canonical(value), recursive(value));
    }
    assert.equal(canonical({ b: 1, a: [1, { d: undefined, c: 'x' }] }), '{"a":[1,{"c":"x"}],"b":1}');
  });

  test('does not overflow on deep nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
    assert.doesNotThrow(() => canonical(deep));
  });
});

describe('intake forms are checked closed', () => {
  const form = {
    isRequired: false,
    schema: { type: 'object', required: ['level'], properties: { level: { type: 'string' }, more: { type: 'object', properties: { a: { type: 'string' } } } } },
  };

  test('unknown answers are refused by field, known ones pass', () => {
    assert.deepEqual(checkIntake(form, { level: 'x', more: { a: 'y' } }), { level: 'x', more: { a: 'y' } });
    const junk: Record<string, unknown> = { level: 'x', '<script>alert(1)</script>': 1 };
    for (let i = 0; i < 2000; i++) junk[`junk_${i}`] = i;
    assert.throws(() => checkIntake(form, junk), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'validation_failed');
      const errors = e.extra.errors!;
      assert.ok(errors.length <= 50);
      assert.ok(errors.every((x) => x.message === 'is not a question of this form'));
      assert.ok(errors.some((x) => x.field === 'intake.<script>alert(1)</script>'));
      return true;
    });
    assert.throws(() => checkIntake(form, { level: 'x', more: { a: 'y', b: 'z' } }), (e: unknown) => e instanceof AppError && e.extra.errors![0]!.field === 'intake.more.b');
  });

  test('closing overrides an open form and leaves the stored one unchanged', () => {
    const open = { type: 'object', additionalProperties: true, patternProperties: { '.*': {} }, properties: { a: { type: 'string', 'x-i18n': { de: { title: 'A' } } } } };
    const closed = closedForm(open);
    assert.equal(closed.additionalProperties, false);
    assert.equal(closed.patternProperties, undefined);
    assert.equal(open.additionalProperties, true);
    assert.deepEqual((closed.properties as Record<string, unknown>).a, { type: 'string', 'x-i18n': { de: { title: 'A' } } });
  });
});
