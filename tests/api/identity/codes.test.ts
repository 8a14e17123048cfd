import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, MIN, HOUR, postJson, problemOf, query } from '../../support/booking.ts';
import { mailedCode, requestCode, verify } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const START = '2026-11-25T08:00:00Z';
const KNOWN = 'demo.customer@example.ch';
const fresh = () => `${randomUUID().slice(0, 8)}@example.ch`;

/** Everything written to the console and the process's streams while `work` runs. */
async function captured(work: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, out: process.stdout.write, err: process.stderr.write };
  const grab = (...args: unknown[]) => { out.push(args.map(String).join(' ')); };
  Object.assign(console, { log: grab, info: grab, warn: grab, error: grab, debug: grab });
  // The streams are read and passed on (the test runner reports through them).
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => { out.push(String(chunk)); return (saved.out as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest); }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => { out.push(String(chunk)); return (saved.err as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest); }) as typeof process.stderr.write;
  try {
    await work();
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error, debug: saved.debug });
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
  return out.join('\n');
}

describe('e-mail one-time codes', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const codeMails = async (email: string) => query(db.db, sql`select subject, text_body from mail_outbox where to_address = ${email} and dedupe_key like 'identity-code:%' order by created_at`);

  test('a code is mailed through the outbox, in the asked language; the answer is the same 202 for a customer\'s address and any other, and no customer is created', async () => {
    clock.set(START);
    const unknown = fresh();
    const [a, b] = [await requestCode(app, KNOWN, {}, 'de'), await requestCode(app, unknown, {}, 'de')];
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.deepEqual(await a.json(), await b.json());
    assert.equal((await query(db.db, sql`select count(*)::int as n from customers where email = ${unknown}`))[0]!.n, 0, 'asking for a code creates no customer');
    for (const email of [KNOWN, unknown]) {
      const [mail] = await codeMails(email);
      assert.match(String(mail!.subject), /^Ihr Code für Studio Flow/);
      assert.match(String(mail!.text_body), /^\d{6}$/m);
      assert.match(String(mail!.text_body), /10 Minuten/);
    }
    for (const [locale, words] of [['en', /valid for 10 minutes/], ['fr', /valable 10 minutes/], ['it', /valido 10 minuti/]] as const) {
      const email = fresh();
      assert.equal((await requestCode(app, email, {}, locale)).status, 202);
      assert.match(String((await codeMails(email))[0]!.text_body), words);
    }
  });

  test('the code is in the mail only: not in any log, the recorded answers or the domain events', async () => {
    clock.set(START);
    const email = fresh();
    let code = '';
    const logs = await captured(async () => {
      assert.equal((await requestCode(app, email)).status, 202);
      code = await mailedCode(db.db, email);
      assert.equal((await verify(app, email, code.split('').reverse().join('') === code ? '000000' : code.split('').reverse().join(''))).status, 422);
      assert.equal((await verify(app, email, code)).status, 200);
    });
    assert.ok(!logs.includes(code), 'no log line carries the code');
    const stored = await query(db.db, sql`select
      (select count(*)::int from idempotency_keys where response_body::text like ${`%${code}%`} or request_hash like ${`%${code}%`}) as answers,
      (select count(*)::int from domain_events where payload::text like ${`%${code}%`}) as events,
      (select count(*)::int from customer_login_codes where code_hash like ${`%${code}%`}) as codes`);
    assert.deepEqual(stored[0], { answers: 0, events: 0, codes: 0 });
  });

  test('asking takes about as long for a customer\'s address as for any other', async () => {
    clock.set(START);
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 8; i++) {
      for (const kind of ['known', 'unknown'] as const) {
        const started = performance.now();
        assert.equal((await requestCode(app, kind === 'known' ? KNOWN : fresh())).status, 202);
        times[kind].push(performance.now() - started);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [k, u] = [median(times.known), median(times.unknown)];
    assert.ok(Math.abs(k - u) <= Math.max(k, u) * 0.6 + 20, `median ${k.toFixed(1)} ms (customer) vs ${u.toFixed(1)} ms (other)`);
  });

  test('the same Idempotency-Key again sends nothing more; a request without one is 400', async () => {
    clock.set(START);
    const email = fresh();
    const key = randomUUID();
    assert.equal((await requestCode(app, email, { 'Idempotency-Key': key })).status, 202);
    const again = await requestCode(app, email, { 'Idempotency-Key': key });
    assert.equal(again.status, 202);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal((await codeMails(email)).length, 1);
    const bare = await app.request('/v1/embed/identity/code', { method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    assert.equal((await problemOf(bare)).code, 'idempotency_key_required');
  });

  test('a right code gives a 12-hour identity token; it works once; a replay of the same request answers the same token', async () => {
    clock.set(START);
    const email = fresh();
    await requestCode(app, email);
    const code = await mailedCode(db.db, email);
    const key = randomUUID();
    const res = await verify(app, email, code, { 'Idempotency-Key': key });
    assert.equal(res.status, 200);
    const body = await res.json() as { identity_token: string; expires_at: string };
    assert.match(body.identity_token, /^it_[A-Za-z0-9_-]{43}$/);
    assert.equal(body.expires_at, new Date(Date.parse(START) + 12 * HOUR).toISOString());
    const replay = await verify(app, email, code, { 'Idempotency-Key': key });
    assert.deepEqual(await replay.json(), body);
    // The code is used up; the verified address now has a customer (with no name yet); only the token's hash is stored.
    assert.equal((await problemOf(await verify(app, email, code))).code, 'identity_code_invalid');
    const [customer] = await query(db.db, sql`select id, name from customers where email = ${email}`);
    assert.equal(customer!.name, '');
    const sessions = await query(db.db, sql`select token_hash from customer_sessions where customer_id = ${customer!.id}`);
    assert.equal(sessions.length, 1);
    assert.notEqual(sessions[0]!.token_hash, body.identity_token);
    assert.ok(!String(sessions[0]!.token_hash).includes(body.identity_token.slice(3)));
  });

  test('wrong codes count; the fifth locks the address for 15 minutes, when even the right code is refused and no code is sent; afterwards a new code works', async () => {
    clock.set(START);
    const email = fresh();
    await requestCode(app, email);
    const code = await mailedCode(db.db, email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const p = await problemOf(await verify(app, email, wrong));
      assert.equal(p.code, 'identity_code_invalid');
      assert.equal((p as unknown as { attempts_left: number }).attempts_left, left);
    }
    // Asking for a new code does not buy more guesses.
    await requestCode(app, email);
    const second = await mailedCode(db.db, email);
    const fifth = await verify(app, email, second === '000000' ? '111111' : '000000');
    assert.equal(fifth.status, 429);
    assert.equal((await problemOf(fifth)).code, 'identity_code_locked');
    assert.equal(fifth.headers.get('retry-after'), String(15 * 60));
    clock.advance(5 * MIN);
    const locked = await verify(app, email, second);
    assert.equal((await problemOf(locked)).code, 'identity_code_locked', 'the right code is refused while locked');
    const mails = (await codeMails(email)).length;
    assert.equal((await requestCode(app, email)).status, 202, 'asking still answers the same');
    assert.equal((await codeMails(email)).length, mails, 'but nothing is sent while locked');
    clock.advance(10 * MIN + 1000);
    assert.equal((await problemOf(await verify(app, email, second))).code, 'identity_code_invalid', 'the lock ended the code');
    await requestCode(app, email);
    assert.equal((await verify(app, email, await mailedCode(db.db, email))).status, 200);
  });

  test('a code expires after 10 minutes', async () => {
    clock.set(START);
    const email = fresh();
    await requestCode(app, email);
    const code = await mailedCode(db.db, email);
    clock.advance(10 * MIN + 1000);
    assert.equal((await problemOf(await verify(app, email, code))).code, 'identity_code_expired');
    assert.equal((await problemOf(await verify(app, email, code))).code, 'identity_code_invalid', 'and is gone');
  });

  test('a code is the address\'s in this studio only: another address or another studio\'s key refuses it', async () => {
    clock.set(START);
    const email = fresh();
    await requestCode(app, email);
    const code = await mailedCode(db.db, email);
    assert.equal((await problemOf(await verify(app, fresh(), code))).code, 'identity_code_invalid');
    assert.equal((await problemOf(await postJson(app, '/v1/embed/identity/verify', { email, code }, { Authorization: 'Bearer pk_test_nord' }))).code, 'identity_code_invalid');
    assert.equal((await verify(app, email, code)).status, 200);
  });

  test('malformed input is a 400 that says what is wrong', async () => {
    const p = await problemOf(await postJson(app, '/v1/embed/identity/code', { email: 'not-an-address' }));
    assert.equal(p.code, 'validation_failed');
    assert.deepEqual(p.errors?.map((e) => e.field), ['email']);
  });
});
