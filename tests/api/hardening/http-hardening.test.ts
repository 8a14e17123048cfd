/**
 * Hardening of the HTTP surface: security headers and request ids on every answer, CORS on the
 * embed API's 401s, the loopback-only dev pages, 503 while the database is unreachable, and
 * error logs without personal data.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { freshDatabase } from '../../support/database.ts';
import { DEMO_ORIGIN, demoApp, flowKey, testConfig } from '../../support/app.ts';
import { createApp } from '../../../server/app.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** The app over a database whose every query fails with `error`. */
function appOverFailingDb(db: Database, error: unknown, config = testConfig) {
  const failing = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction' || prop === 'execute') return () => Promise.reject(error);
      return Reflect.get(target, prop, receiver);
    },
  });
  return createApp({ db: failing, now: () => new Date(), config, payments: testProvider(), mailer: localMailer() });
}

/** Captures console.error lines while `work` runs. */
async function capturingErrors<T>(work: () => T | Promise<T>): Promise<{ result: Awaited<T>; lines: string[] }> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.stack}` : JSON.stringify(a))).join(' ')); };
  try {
    return { result: await work(), lines };
  } finally {
    console.error = original;
  }
}

describe('HTTP hardening', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => {
    await db.close();
  });

  describe('security headers and request ids', () => {
    test('every answer: nosniff and a referrer policy — JSON, problems, 404s, preflights', async () => {
      const answers = [
        await app.request('/health'),
        await app.request('/v1/embed/programs', { headers: flowKey }),
        await app.request('/v1/embed/programs'),
        await app.request('/v1/nothing'),
        await app.request('/v1/embed/programs', { method: 'OPTIONS', headers: { Origin: DEMO_ORIGIN, 'Access-Control-Request-Method': 'GET' } }),
      ];
      for (const res of answers) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${res.status}`);
        assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', `${res.status}`);
        assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS over http');
        assert.equal(res.headers.get('content-security-policy'), null, 'CSP only on HTML');
      }
    });

    test('HTML answers: a CSP without scripts that forbids framing', async () => {
      const res = await app.request('/dev/outbox');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /script-src/);
    });

    test('HSTS when PUBLIC_ORIGIN is https', async () => {
      const https = createApp({ db: db.db, now: () => new Date(), config: { ...testConfig, publicOrigin: 'https://api.tandem.example' }, payments: testProvider(), mailer: localMailer() });
      for (const path of ['/health', '/v1/nothing']) {
        assert.equal((await https.request(path)).headers.get('strict-transport-security'), 'max-age=31536000');
      }
    });

    test('X-Request-Id: generated when absent, kept when a plain token, replaced when not', async () => {
      const generated = (await app.request('/health')).headers.get('x-request-id');
      assert.match(generated ?? '', /^[0-9a-f-]{36}$/);
      assert.equal((await app.request('/v1/nothing', { headers: { 'X-Request-Id': 'lb-1234_abc' } })).headers.get('x-request-id'), 'lb-1234_abc');
      const replaced = (await app.request('/health', { headers: { 'X-Request-Id': 'evil\u00e9 id' } })).headers.get('x-request-id');
      assert.match(replaced ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe('embed API: 401 answers are readable by allowed websites', () => {
    test('a wrong or missing key from an allowed origin: 401 with CORS', async () => {
      for (const headers of [{ Authorization: 'Bearer pk_test_nonexistent' }, {}, { Authorization: 'Basic abc' }] as Record<string, string>[]) {
        const res = await app.request('/v1/embed/programs', { headers: { ...headers, Origin: DEMO_ORIGIN } });
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
        assert.match(res.headers.get('vary') ?? '', /Origin/);
        assert.equal(((await res.json()) as { code: string }).code, 'unauthorized');
      }
    });
    test('from a website no studio allows: 401 without CORS', async () => {
      const res = await app.request('/v1/embed/programs', { headers: { Authorization: 'Bearer pk_test_nonexistent', Origin: 'https://evil.example' } });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    });
    test('a valid key from a website its studio does not allow stays 403 without CORS', async () => {
      const res = await app.request('/v1/embed/programs', { headers: { ...flowKey, Origin: 'https://evil.example' } });
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('dev pages answer loopback clients only', () => {
    const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    test('by the socket\'s peer address', async () => {
      for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        assert.equal((await app.request('/dev/outbox.json', {}, from(address))).status, 200, address);
      }
      for (const address of ['203.0.113.7', '10.1.2.3', '::ffff:192.168.0.10', '2001:db8::1']) {
        const res = await app.request('/dev/outbox.json', {}, from(address));
        assert.equal(res.status, 404, address);
        assert.equal(((await res.json()) as { code: string }).code, 'not_found');
      }
    });
    test('a request a proxy forwarded is not local, even when the proxy is', async () => {
      for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
        assert.equal((await app.request('/dev/outbox', { headers: { [header]: '203.0.113.7' } }, from('127.0.0.1'))).status, 404, header);
      }
    });
    test('off unless switched on (config.demo, from TANDEM_DEV_ROUTES)', async () => {
      const off = createApp({ db: db.db, now: () => new Date(), config: { ...testConfig, demo: false }, payments: testProvider(), mailer: localMailer() });
      assert.equal((await off.request('/dev/outbox.json')).status, 404);
    });
    test('over real sockets: 200 on 127.0.0.1; 404 on another interface of this machine', async () => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '0.0.0.0' });
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      try {
        assert.equal((await fetch(`http://127.0.0.1:${port}/dev/outbox.json`)).status, 200);
        const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
        if (external) {
          const res = await fetch(`http://${external}:${port}/dev/outbox.json`);
          assert.equal(res.status, 404, `from ${external}`);
        } else {
          console.log('# no non-loopback IPv4 interface here: the other-interface case is covered by the peer-address test only');
        }
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });

  describe('while the database is unreachable', () => {
    for (const [name, error] of [
      ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
      ['connection closed (postgres.js)', Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' })],
      ['backend terminated (57P01), wrapped by Drizzle', new DrizzleQueryError('select 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))],
      ['server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ] as const) {
      test(`${name}: 503 database_unavailable with Retry-After`, async () => {
        const down = appOverFailingDb(db.db, error);
        const { result: res } = await capturingErrors(() => down.request('/v1/embed/programs', { headers: flowKey }));
        assert.equal(res.status, 503);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.equal(res.headers.get('retry-after'), '2');
        assert.equal(((await res.json()) as { code: string }).code, 'database_unavailable');
      });
    }
    test('/health: 503 {"status":"degraded","database":"unreachable"}', async () => {
      const down = appOverFailingDb(db.db, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const { result: res } = await capturingErrors(() => down.request('/health'));
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('retry-after'));
      assert.deepEqual(await res.json(), { status: 'degraded', database: 'unreachable' });
      const ok = await app.request('/health');
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { status: string }).status, 'ok');
    });
  });

  test('an unexpected error: 500, and one log line with SQLSTATE, constraint, route and request id — no parameters, no message', async () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "customers_org_email_key"'), {
      code: '23505', constraint_name: 'customers_org_email_key', detail: 'Key (org_id, email)=(x, anna.muster@example.com) already exists.',
    });
    const broken = appOverFailingDb(db.db, new DrizzleQueryError('insert into customers (name, email, token) values ($1, $2, $3)', ['Anna Muster', 'anna.muster@example.com', 'tok_secret123'], cause));
    const { result: res, lines } = await capturingErrors(() => broken.request('/v1/embed/programs', { headers: { ...flowKey, 'X-Request-Id': 'req-42' } }));
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('x-request-id'), 'req-42');
    assert.equal(lines.length, 1, lines.join('\n'));
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(line.event, 'internal_error');
    assert.equal(line.request_id, 'req-42');
    assert.equal(line.sqlstate, '23505');
    assert.equal(line.constraint, 'customers_org_email_key');
    assert.equal(line.method, 'GET');
    assert.match(String(line.route), /^\/v1\/embed/);
    for (const secret of ['anna.muster@example.com', 'Anna Muster', 'tok_secret123', 'insert into']) assert.ok(!lines[0]!.includes(secret), `"${secret}" leaked: ${lines[0]}`);
  });
});
