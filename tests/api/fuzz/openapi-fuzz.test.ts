/**
 * Fuzzes every route and method of `GET /v1/openapi.json`: a few thousand malformed requests per
 * run (wrong types, missing fields, NUL and lone surrogates, controls, huge and deep JSON, extreme
 * numbers, dates in year 0000/9999, wrong content types, good and bad keys, tokens and
 * Idempotency-Keys). No input may answer 5xx: each one that does is printed with its request.
 *
 * Repeatable: TANDEM_FUZZ_SEED picks the run (default fixed), TANDEM_FUZZ_REQUESTS its size,
 * TANDEM_FUZZ_DEBUG=1 prints the time spent per operation.
 * Bodies start from a valid request (real programs, variants, bookings, their tokens and
 * sessions, orders), so a mutation reaches the code behind validation, not only the schema.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp } from '../../support/app.ts';
import { Clock } from '../../support/booking.ts';
import { prng } from '../../support/random.ts';
import { FLOW } from '../../../demo/seed/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;

const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 20_260_611);
const REQUESTS = Number(process.env.TANDEM_FUZZ_REQUESTS ?? 2_500);
const START = '2026-11-25T08:00:00Z';
const EVOLVE_INTAKE = { goal: 'Change jobs without panicking', experience: 'never', consent: true };

interface Op { method: string; path: string; op: Schema }
interface Fuzzed { method: string; url: string; headers: Record<string, string>; body?: string; label: string }
interface Failure { request: Fuzzed; status: number; answer: string; logged: string }

/** Strings that must never reach a 5xx. */
const NASTY_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '\u0001\u0007\u001b', '\u007f', '\u202e', '\ufeff', '\uffff',
  'a'.repeat(10_000), '', ' ', '<script>alert(1)</script>', "' or 1=1 --", '%00', '\\u0000', '𝕏😀', 'NaN', '-1', '1e400', 'null', '{}', '[]',
];
const NASTY_INSTANTS = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-14:00', '0000-01-01T00:00:00+14:00',
  '1969-12-31T23:59:59Z', '1900-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-12-01T25:00:00Z', '2026-12-01T10:00:00', '+275760-09-13T00:00:00Z',
  '2100-01-01T00:00:00Z', '2026-12-01T10:00:00.123456789Z', '2026-12-01T10:00:00+99:99', '2026-12-01T10:00:00\u0000Z',
];
const NASTY_DATES = ['0000-01-01', '0001-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '1900-01-01', '2099-12-31', '2100-01-01', '20261201', '2026-12-01\u0000'];
const NASTY_NUMBERS: Json[] = [0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e-320, 4_294_967_296, 99_999_999_999];
const WRONG_TYPES: Json[] = [null, true, false, 0, 1, -1, 'x', '', [], {}, [null], { a: 1 }, ['\u0000']];
/** Percent-encoded query and path values (raw bytes, including invalid UTF-8 and encoded surrogates). */
const NASTY_ENCODED = ['%00', 'a%00b', '%ED%A0%80', '%ED%BF%BF', '%FF', '%C0%80', '%E2%80%AE', '%01%1F', '%25', '%', '%%', '%u0000', 'x'.repeat(3000), '..%2F..%2F', '%0D%0ASet-Cookie:%20a=b'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/problem+json', 'application/xml', '', 'application/json\u0000'];
const AUTHS = ['Bearer pk_test_flow', 'Bearer sk_test_flow', 'Bearer pk_test_nord', 'Bearer sk_test_nord', 'Bearer pk_test_unknown', 'Bearer ', 'Basic cGs6', 'pk_test_flow', `Bearer ${'k'.repeat(5000)}`, 'Bearer pk_test_flow\u00ff', 'Bearer pk_\u00e9\u00e8'];

/** Deep JSON text built without recursion. */
function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('fuzzing every route of the OpenAPI document', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  const rnd = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => rnd.pick(xs);
  const chance = (p: number) => rnd.next() < p;

  // What the fuzzer learns as it goes: real resources to aim mutations at.
  const pool = {
    variants: {} as Record<string, string[]>,
    bookings: [] as { id: string; token: string; sessions: string[] }[],
    orders: [] as string[],
    keys: [] as string[],
  };

  const logged: string[] = [];
  const consoleError = console.error;

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    for (const slug of ['reiki', 'evolve', 'split']) {
      const p = await (await app.request(`/v1/embed/programs/${slug}`, { headers: { Authorization: 'Bearer pk_test_flow' } })).json() as { variants: { id: string }[] };
      pool.variants[slug] = p.variants.map((x) => x.id);
    }
  });
  after(async () => {
    console.error = consoleError;
    await db.close();
  });

  /**
   * A start within the demo's hours in December 2026 (UTC+1), on the slot grid: Noemi (Reiki)
   * Mon/Wed/Fri 10–17, Mara (EVOLVE) Mon–Fri 9–12, Luca (SPLIT) Tue–Sat 7–11. Many are free, some
   * taken by earlier requests: both are fine.
   */
  function instant(program = pick(['reiki', 'evolve', 'split'])): string {
    const days = program === 'reiki' ? [2, 4, 7, 9, 11, 14, 16, 18, 21, 23] : program === 'evolve' ? [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18] : [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19];
    const [from, to] = program === 'reiki' ? [9 * 4, 14 * 4] : program === 'evolve' ? [8 * 4, 10 * 4] : [6 * 4, 9 * 4];
    const quarters = program === 'reiki' ? rnd.int(from, to) : rnd.int(from / 2, to / 2) * 2;
    return new Date(Date.UTC(2026, 11, pick(days), 0, quarters * 15)).toISOString();
  }
  const date = () => `2026-12-${String(rnd.int(1, 20)).padStart(2, '0')}`;
  const uuid = () => crypto.randomUUID();

  /** A value that satisfies `schema` (valid but for the cross-field rules only the hints know). */
  function example(schema: Schema | undefined, name = ''): Json {
    if (!schema) return null;
    if (name === 'variant') return pick(Object.values(pool.variants).flat());
    if (name === 'program') return pick(['reiki', 'evolve', 'split', 'private-yoga']);
    if (name === 'email') return `fuzz${rnd.int(1, 1e9)}@example.ch`;
    if (name === 'phone') return '+41 79 123 45 67';
    if (name === 'timezone' || name === 'tz') return 'Europe/Zurich';
    if (name === 'country') return 'CH';
    if (name === 'coupon') return pick(['WELCOME10', 'SPRING50', 'NOPE']);
    if (name === 'link') return FLOW.privateYogaLink;
    if (name === 'intake') return EVOLVE_INTAKE;
    if (schema.const !== undefined) return schema.const as Json;
    if (Array.isArray(schema.enum)) return pick(schema.enum as Json[]);
    const alts = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
    if (alts) return example(pick(alts), name);
    switch (schema.type) {
      case 'object': {
        const out: Record<string, Json> = {};
        const required = new Set<string>(schema.required ?? []);
        for (const [k, s] of Object.entries<Schema>(schema.properties ?? {})) if (required.has(k) || chance(0.6)) out[k] = example(s, k);
        return out;
      }
      case 'array': return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => example(schema.items, name));
      case 'integer': return rnd.int(schema.minimum ?? 1, Math.min(schema.maximum ?? 100_000, 100_000));
      case 'number': return rnd.int(0, 100);
      case 'boolean': return chance(0.5);
      case 'string':
        if (schema.format === 'uuid') return uuid();
        if (schema.format === 'date-time') return instant();
        if (schema.format === 'date') return date();
        if (schema.format === 'email') return `fuzz${rnd.int(1, 1e9)}@example.ch`;
        return name === 'name' ? 'Ana Muster' : `fuzz ${rnd.int(1, 1000)}`;
      default: return null;
    }
  }

  /** A valid body for an operation, with real resources where the schema cannot know them. */
  function baseBody(o: Op, schema: Schema | undefined): Json {
    if (o.method === 'post' && o.path === '/v1/embed/bookings') {
      const program = pick(['reiki', 'evolve', 'split']);
      const sessions: Json = program === 'reiki'
        ? { mode: 'explicit', starts: [instant(program)] }
        : pick<Json>([{ mode: 'cadence', first_start: instant(program) }, { mode: 'later', first_start: instant(program) }, { mode: 'explicit', starts: [instant(program)] }]);
      return {
        program, variant: pick(pool.variants[program]!),
        customer: { name: 'Ana Muster', email: `fuzz${rnd.int(1, 1e9)}@example.ch`, phone: '+41 79 123 45 67', locale: 'de', timezone: 'Europe/Zurich' },
        sessions, intake: program === 'evolve' ? { ...EVOLVE_INTAKE } : program === 'split' ? { level: '10–30 cm' } : {},
        ...(chance(0.3) ? { source: { utm_source: 'fuzz' } } : {}),
      };
    }
    if (o.path.endsWith('/checkout')) {
      return { method: pick(['qr_bill', 'card', 'twint', 'credits']), plan: pick(['full', 'deposit']), ...(chance(0.4) ? { coupon: pick(['WELCOME10', 'SPRING50', 'NOPE']) } : {}),
        ...(chance(0.5) ? { billing_address: { street: 'Langstrasse', building_number: '1', postal_code: '8004', city: 'Zürich', country: 'CH' } } : {}) };
    }
    return schema ? example(schema) : null;
  }

  function pathValue(name: string): string {
    const b = pool.bookings.length ? pick(pool.bookings) : undefined;
    if (name === 'slug') return pick(['reiki', 'evolve', 'split', 'private-yoga', 'nope']);
    if (name === 'sessionId') return b?.sessions.length && chance(0.8) ? pick(b.sessions) : uuid();
    if (name === 'id') {
      if (pool.orders.length && chance(0.3)) return pick(pool.orders);
      return b && chance(0.85) ? b.id : uuid();
    }
    return 'x';
  }

  /** Every JSON path in `value` (objects and arrays included), iteratively. */
  function pathsOf(value: Json): (string | number)[][] {
    const out: (string | number)[][] = [];
    const stack: { v: Json; p: (string | number)[] }[] = [{ v: value, p: [] }];
    while (stack.length) {
      const { v, p } = stack.pop()!;
      if (p.length) out.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push({ v: x, p: [...p, k] });
    }
    return out;
  }

  function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
    if (path.length === 0) return value ?? null;
    const copy = structuredClone(root);
    let node: any = copy;
    for (const key of path.slice(0, -1)) node = node[key];
    const last = path.at(-1)!;
    if (value === undefined) {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else node[last] = value;
    return copy;
  }

  const valueAt = (root: Json, path: (string | number)[]): unknown => path.reduce<any>((n, k) => n?.[k], root);
  const BAD_CHARS = ['\u0000', '\ud83d', '\udca9', '\udc00\ud800', '\u0008', '\u001f', '\u001b[31m'];

  /** One mutation of a body that was valid; returns the body text and what was done. */
  function mutateBody(body: Json): { text: string; label: string } {
    const paths = pathsOf(body);
    const path = paths.length ? pick(paths) : [];
    const strings = paths.filter((p) => typeof valueAt(body, p) === 'string');
    const stringPath = strings.length ? pick(strings) : path;
    const instants = strings.filter((p) => /^\d{4}-\d{2}-\d{2}T/.test(String(valueAt(body, p))));
    const at = path.join('.') || '(root)';
    const set = (p: (string | number)[], v: Json | undefined, label: string) => ({ text: JSON.stringify(setAt(body, p, v)), label: `${p.join('.') || '(root)'} ${label}` });
    const r = rnd.int(0, 19);
    switch (r) {
      case 0: return set(path, undefined, 'dropped');
      case 1: { const w = pick(WRONG_TYPES); return set(path, w, `= ${JSON.stringify(w)}`); }
      case 2: case 3: case 4: { // a NUL, a lone surrogate or a control inside a string the request uses
        const old = String(valueAt(body, stringPath) ?? "");
        const c = pick(BAD_CHARS);
        const v = chance(0.5) ? `${old}${c}` : chance(0.5) ? c : `${old.slice(0, 1)}${c}${old.slice(1)}`;
        return set(stringPath, v, `= ${JSON.stringify(v).slice(0, 50)}`);
      }
      case 5: { const s = pick(NASTY_STRINGS); return set(stringPath, s, `= ${JSON.stringify(s).slice(0, 40)}`); }
      case 6: { const n = pick(NASTY_NUMBERS); return set(path, n, `= ${n}`); }
      case 7: case 8: { // instants in year 0000/0001/9999 and other out-of-range dates
        const p = instants.length && chance(0.8) ? pick(instants) : stringPath;
        const d = pick(NASTY_INSTANTS.slice(0, 5).concat(NASTY_INSTANTS));
        return set(p, d, `= ${JSON.stringify(d)}`);
      }
      case 9: { // NUL / surrogate / hostile keys in a record (source, intake, billing_address, …)
        const objects = paths.filter((p) => { const x = valueAt(body, p); return x !== null && typeof x === 'object' && !Array.isArray(x); });
        const p = objects.length ? pick(objects) : [];
        const k = pick(['a\u0000', '\ud800', '<script>alert(1)</script>', '\u001b', '__proto__', 'constructor']);
        const node = { ...(valueAt(body, p) as object), [k]: chance(0.5) ? 'x' : 'y\u0000' };
        return { text: JSON.stringify(p.length ? setAt(body, p, node) : node), label: `${p.join('.') || 'body'} + key ${JSON.stringify(k)}` };
      }
      case 10: { // unknown keys by the thousand, in the intake when there is one
        const target = body && typeof body === 'object' && !Array.isArray(body) && 'intake' in body ? ['intake'] : [];
        const junk: Record<string, Json> = { '<script>alert(1)</script>': 'x' };
        for (let i = 0; i < rnd.int(1, 2000); i++) junk[`junk_${i}`] = i;
        const node = target.length ? { ...(body as any).intake, ...junk } : { ...(body as object), ...junk };
        return { text: JSON.stringify(target.length ? setAt(body, target, node) : node), label: `${target.length ? 'intake' : 'body'} + junk keys` };
      }
      case 11: case 12: { // deep JSON, also where the schema accepts anything (intake)
        const p = body && typeof body === 'object' && 'intake' in body && chance(0.5) ? ['intake', 'x'] : path;
        const kind = pick(['array', 'object'] as const);
        const depth = pick([33, 100, 5_000, 50_000]);
        const text = JSON.stringify(setAt(body, p, '__DEEP__')).replace('"__DEEP__"', deepJson(depth, kind));
        return { text, label: `${p.join('.') || '(root)'} = ${kind} nested ${depth} deep` };
      }
      case 13: return set(path, 'x'.repeat(pick([300_000, 200_000, 70_000])), '= huge string');
      case 14: return set(path, Array.from({ length: pick([53, 1000, 20_000]) }, () => instantOr()), '= long array');
      case 15: return { text: pick(['', '{', '{"a":', 'null', '[]', '1', '"x"', 'true', '{"a":1}}', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}', '\ufeff{}']), label: 'malformed or odd JSON' };
      case 16: return set(path, { $gt: '' }, '= operator object');
      default: return { text: JSON.stringify(body), label: `valid body (${at})` };
    }
  }
  const instantOr = () => (chance(0.5) ? instant() : pick(NASTY_INSTANTS));

  function buildRequest(o: Op): Fuzzed {
    const params = (o.op.parameters ?? []) as Schema[];
    const labels: string[] = [];
    // One thing is wrong at a time (mostly), so the rest of the request lets it reach deep.
    const focus = pick(['body', 'body', 'body', 'body', 'body', 'body', 'query', 'query', 'path', 'headers', 'headers', 'all', 'none'] as const);
    const on = (what: 'body' | 'query' | 'path' | 'headers') => focus === what || focus === 'all';
    // Path
    let url = o.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (on('path') && chance(0.5)) { const e = pick(NASTY_ENCODED); labels.push(`path ${name}=${e.slice(0, 30)}`); return e; }
      return encodeURIComponent(pathValue(name));
    });
    // Query
    const query: string[] = [];
    for (const p of params.filter((x) => x.in === 'query')) {
      const roll = on('query') ? rnd.next() : 0.5 + rnd.next() / 2;
      if (roll < 0.1 && !p.required) continue;
      if (roll < 0.15) { labels.push(`query ${p.name} missing`); continue; }
      if (roll < 0.35) { const e = pick(NASTY_ENCODED); labels.push(`query ${p.name}=${e.slice(0, 30)}`); query.push(`${p.name}=${e}`); continue; }
      if (roll < 0.45) { const d = pick([...NASTY_DATES, ...NASTY_INSTANTS]); labels.push(`query ${p.name}=${d}`); query.push(`${p.name}=${encodeURIComponent(d)}`); continue; }
      if (roll < 0.5) { labels.push(`query ${p.name} twice`); query.push(`${p.name}=a`, `${p.name}=b`); continue; }
      if (p.required || chance(0.5)) query.push(`${p.name}=${encodeURIComponent(String(example(p.schema, p.name)))}`);
    }
    if (o.path.endsWith('/slots') && !labels.some((l) => l.includes('from') || l.includes('to'))) {
      // a valid range most of the time, so the slots code itself runs
      for (let i = 0; i < query.length; i++) if (/^(from|to)=/.test(query[i]!)) query.splice(i--, 1);
      const from = date();
      query.push(`from=${from}`, `to=${chance(0.8) ? from.slice(0, 8) + String(Math.min(28, Number(from.slice(8)) + rnd.int(0, 7))).padStart(2, '0') : pick(NASTY_DATES)}`);
    }
    if (o.path.endsWith('/invoice.pdf') && on('query') && chance(0.5)) { const t = chance(0.5) ? pick(NASTY_ENCODED) : 'eyJ4IjoxfQ.abc'; labels.push(`query t=${t.slice(0, 30)}`); query.push(`t=${t}`); }
    if (on('query') && chance(0.2)) { const e = pick(NASTY_ENCODED); labels.push(`query junk=${e.slice(0, 30)}`); query.push(`${e}=${e}`); }
    if (query.length) url += `?${query.join('&')}`;

    // Headers
    const headers: Record<string, string> = {};
    const secret = o.path.startsWith('/v1/admin');
    const a = on('headers') ? rnd.next() : 0;
    if (a < 0.75) headers.Authorization = secret ? 'Bearer sk_test_flow' : 'Bearer pk_test_flow';
    else if (a < 0.95) { headers.Authorization = pick(AUTHS); labels.push(`auth ${headers.Authorization.slice(0, 30)}`); }
    else labels.push('no auth');
    if (chance(0.5)) headers.Origin = !on('headers') || chance(0.6) ? DEMO_ORIGIN : pick(['http://evil.example', 'null', 'http://localhost:8788\u00ff']);
    const wantsKey = params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') || o.method === 'post';
    if (wantsKey) {
      const k = on('headers') ? rnd.next() : 0;
      if (k < 0.7) { const key = pool.keys.length && chance(0.1) ? pick(pool.keys) : uuid(); pool.keys.push(key); headers['Idempotency-Key'] = key; }
      else if (k < 0.9) { headers['Idempotency-Key'] = pick(['', ' ', 'a b', 'x'.repeat(256), 'x'.repeat(255), '\u00e9\u00ff', 'k\tk', '"quoted"']); labels.push(`Idempotency-Key ${JSON.stringify(headers['Idempotency-Key']).slice(0, 30)}`); }
      else labels.push('no Idempotency-Key');
    }
    if (params.some((p) => p.in === 'header' && p.name === 'Tandem-Booking-Token')) {
      const booking = pool.bookings.find((b) => url.includes(b.id));
      const t = on('headers') ? rnd.next() : 0;
      if (t < 0.75 && booking) headers['Tandem-Booking-Token'] = booking.token;
      else if (t < 0.95) { headers['Tandem-Booking-Token'] = pick(['', 'x', 'a'.repeat(5000), pool.bookings[0]?.token ?? 'y', '\u00ff\u00fe', 'tok en']); labels.push('booking token wrong'); }
      else labels.push('no booking token');
    }
    if (o.path === '/v1/hooks/stripe' && chance(0.7)) headers['Stripe-Signature'] = pick(['t=1,v1=abc', '', 'x'.repeat(3000), 't=99999999999999999999,v1=00']);

    // Body
    let body: string | undefined;
    const content = o.op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
    if (content || o.method === 'post') {
      const base = baseBody(o, content);
      const m = on('body') ? mutateBody(base) : { text: JSON.stringify(base), label: 'valid body' };
      body = m.text;
      labels.push(m.label);
      const ct = on('body') ? rnd.next() : 0;
      if (ct < 0.93) headers['Content-Type'] = 'application/json';
      else if (ct < 0.97) { headers['Content-Type'] = pick(CONTENT_TYPES); labels.push(`Content-Type ${JSON.stringify(headers['Content-Type'])}`); }
      else labels.push('no Content-Type');
    }
    return { method: o.method.toUpperCase(), url, headers, body, label: labels.join('; ') || 'valid request' };
  }

  /** Requests that are not in the document at all. */
  function offDocument(ops: Op[]): Fuzzed {
    const o = pick(ops);
    const method = pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'GET', 'POST']);
    const url = pick([o.path.replace(/\{\w+\}/g, () => uuid()), `${o.path.replace(/\{\w+\}/g, '%00')}/x`, '/v1/%ED%A0%80', '/v1/embed/programs/%00/slots?from=%00&to=%00&tz=%00', '/v1/embed/bookings/' + 'a'.repeat(5000)]);
    const headers: Record<string, string> = { Authorization: pick(AUTHS), 'Content-Type': 'application/json' };
    const body = method === 'GET' || method === 'HEAD' ? undefined : deepJson(pick([10, 5_000]), 'array');
    return { method, url, headers, body, label: 'method or path outside the document' };
  }

  async function send(r: Fuzzed): Promise<Response> {
    return app.request(r.url, { method: r.method, headers: r.headers, body: r.body });
  }

  /** Learns the resources a successful answer created, so later requests can aim at them. */
  async function learn(r: Fuzzed, res: Response): Promise<void> {
    if (res.status >= 300 || !res.headers.get('content-type')?.includes('json')) return;
    const body = await res.clone().json().catch(() => null) as any;
    if (!body) return;
    if (r.method === 'POST' && r.url === '/v1/embed/bookings' && body.client_token) {
      pool.bookings.push({ id: body.id, token: body.client_token, sessions: (body.sessions ?? []).map((s: { id: string }) => s.id) });
    }
    if (body.order?.id && !pool.orders.includes(body.order.id)) pool.orders.push(body.order.id);
  }

  test(`no request answers 5xx (seed ${SEED}, ${REQUESTS} requests)`, { timeout: 240_000 }, async () => {
    const doc = await (await app.request('/v1/openapi.json')).json() as { paths: Record<string, Record<string, Schema>> };
    const ops: Op[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method, path: path, op })));
    assert.ok(ops.length >= 10, `the document lists ${ops.length} operations`);
    // Operations that take a body have more to get wrong: they are drawn twice as often.
    const draw = ops.flatMap((o) => (o.op.requestBody ? [o, o] : [o]));

    // Real bookings first (valid requests), then the fuzzing proper.
    const bookingOp = ops.find((o) => o.method === 'post' && o.path === '/v1/embed/bookings')!;
    for (let i = 0; i < 40 && pool.bookings.length < 8; i++) {
      const body = JSON.stringify(baseBody(bookingOp, undefined));
      const r: Fuzzed = { method: 'POST', url: '/v1/embed/bookings', headers: { Authorization: 'Bearer pk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': uuid() }, body, label: 'setup' };
      const res = await send(r);
      if (process.env.TANDEM_FUZZ_DEBUG) console.log(res.status, body, await res.clone().text());
      await learn(r, res);
    }
    for (const b of pool.bookings.slice(0, 3)) {
      const res = await send({ method: 'POST', url: `/v1/embed/bookings/${b.id}/checkout`, headers: { Authorization: 'Bearer pk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': uuid(), 'Tandem-Booking-Token': b.token }, body: JSON.stringify({ method: 'card' }), label: 'setup' });
      await learn({ method: 'POST', url: '', headers: {}, label: '' }, res);
    }
    assert.ok(pool.bookings.length > 0, 'the setup could not book anything');

    const failures: Failure[] = [];
    const timing = new Map<string, [number, number]>();
    const statuses = new Map<number, number>();
    const started = Date.now();
    console.error = (...args: unknown[]) => { logged.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message.split('\n')[0]}${a.cause instanceof Error ? ` ← ${a.cause.message}` : ''}` : String(a))).join(' ').slice(0, 300)); };
    try {
      for (let i = 0; i < REQUESTS; i++) {
        const o = pick(draw);
        const r = chance(0.04) ? offDocument(ops) : buildRequest(o);
        logged.length = 0;
        let res: Response;
        const t0 = performance.now();
        try {
          res = await send(r);
          if (process.env.TANDEM_FUZZ_DEBUG) { const k = `${r.method} ${o.path}`; const e = timing.get(k) ?? [0, 0]; timing.set(k, [e[0] + 1, e[1] + performance.now() - t0]); }
        } catch (error) {
          // a Request the platform itself refuses to build (e.g. a header byte fetch forbids) is not the app's fault
          if (error instanceof TypeError && /header|ByteString|Invalid/i.test(error.message)) continue;
          failures.push({ request: r, status: -1, answer: String(error), logged: '' });
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push({ request: r, status: res.status, answer: (await res.text()).slice(0, 300), logged: logged.join(' | ') });
        else await learn(r, res);
        if (i % 50 === 0) clock.set(START); // keep the clock where the demo's hours are
      }
    } finally {
      console.error = consoleError;
    }
    if (process.env.TANDEM_FUZZ_DEBUG) for (const [k, [n, ms]] of timing) console.log(`${k}: ${n} requests, ${Math.round(ms)} ms`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${REQUESTS} requests in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((x, y) => x[0] - y[0])))}; ${pool.bookings.length} bookings, ${pool.orders.length} orders learnt`);
    const report = failures.slice(0, 40).map((f) =>
      `  ${f.status} ${f.request.method} ${f.request.url.slice(0, 160)}\n    does: ${f.request.label.slice(0, 200)}\n    headers: ${JSON.stringify(f.request.headers).slice(0, 300)}\n    body: ${JSON.stringify(f.request.body?.slice(0, 300) ?? null)}\n    logged: ${f.logged.slice(0, 300)}`).join('\n');
    assert.equal(failures.length, 0, `${failures.length} of ${REQUESTS} requests answered 5xx (seed ${SEED}):\n${report}`);
  });
});
