/**
 * A studio's own domain, set in the console: the owner names it, Tandem shows the DNS records, a
 * check through the (fake) resolver verifies it, and only then do requests with that Host serve
 * the studio's pages with canonical addresses on it; removed, they stop. Owners only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { problemOf, query } from '../../support/booking.ts';
import { skFlow, skNord, staffKey } from '../../support/admin-money.ts';
import { readPage } from '../../support/html-page.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import type { DnsResolver } from '../../../server/platform/adapters/dns/resolver.ts';
import type { DomainOut } from '../../../schema/api/admin-domain.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const HOST = 'book.studioflow.example';

/** A DNS zone in memory: what the studio created at its provider. */
function fakeDns() {
  const cname = new Map<string, string[]>();
  const txt = new Map<string, string[][]>();
  const asked: string[] = [];
  const resolver: DnsResolver = {
    resolveCname: async (name) => { asked.push(`CNAME ${name}`); return cname.get(name) ?? []; },
    resolveTxt: async (name) => { asked.push(`TXT ${name}`); return txt.get(name) ?? []; },
  };
  return { resolver, cname, txt, asked };
}

describe('custom domain self-service (owners)', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  const dns = fakeDns();
  before(async () => {
    ({ db, close } = await freshDatabase());
    app = await demoApp(db, { dns: dns.resolver });
  });
  after(async () => close());

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = skFlow, idem: string | null = randomUUID()) => app.request(`/v1/admin/settings/domain${path}`, {
    method, headers: { ...headers, 'Content-Type': 'application/json', ...(idem ? { 'Idempotency-Key': idem } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  async function ok(res: Response): Promise<DomainOut> {
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as DomainOut;
  }
  const onDomain = (path: string) => app.request(`http://${HOST}${path}`, { headers: { Host: HOST } });

  test('none at first; a bad host is a 400 on `host`; nothing without an Idempotency-Key', async () => {
    assert.deepEqual(await ok(await app.request('/v1/admin/settings/domain', { headers: skFlow })), { domain: null });
    for (const host of ['', 'localhost', 'studio', '192.168.1.10', 'book.example:8080', 'https://book.example/', '*.example.ch', 'a..b', 'localhost:8787', 'x.localhost']) {
      const p = await problemOf(await send('PUT', '', { host }));
      assert.equal(p.status, 400, host);
      assert.deepEqual(p.errors?.map((e) => e.field), ['host'], host);
    }
    assert.equal((await problemOf(await send('PUT', '', { host: HOST }, skFlow, null))).code, 'idempotency_key_required');
    assert.equal((await problemOf(await send('POST', '/verify'))).status, 404, 'nothing to verify');
  });

  test('named: pending, with the CNAME and TXT records; the same host again keeps its token; a replay answers the same', async () => {
    const idem = randomUUID();
    const set = await ok(await send('PUT', '', { host: ` Book.StudioFlow.example. ` }, skFlow, idem));
    const d = set.domain!;
    assert.equal(d.host, HOST);
    assert.equal(d.status, 'pending');
    assert.equal(d.url, `http://${HOST}/`);
    assert.deepEqual(d.records.map((r) => [r.type, r.name]), [['CNAME', HOST], ['TXT', `_tandem.${HOST}`]]);
    assert.equal(d.records[0]!.value, 'localhost');
    assert.match(d.records[1]!.value, /^tandem-verify=[\w-]{20,}$/);
    assert.deepEqual(await ok(await send('PUT', '', { host: ` Book.StudioFlow.example. ` }, skFlow, idem)), set, 'a replay');
    assert.deepEqual((await ok(await send('PUT', '', { host: HOST }))).domain!.records, d.records, 'the same host: the same token');
    assert.equal((await onDomain('/')).status, 404, 'not served before it is verified');
    const page = readPage(await (await app.request('/p/studio-flow/evolve')).text());
    assert.deepEqual(page.link('canonical').map((l) => l.attribs.href), ['http://localhost:8787/p/studio-flow/evolve']);
  });

  test('verify: what is missing stays pending; with both records, verified; then the Host serves the pages, canonical on it', async () => {
    const d = (await ok(await app.request('/v1/admin/settings/domain', { headers: skFlow }))).domain!;
    const none = (await ok(await send('POST', '/verify'))).domain!;
    assert.deepEqual([none.status, none.missing], ['pending', ['cname', 'txt']]);
    assert.ok(none.checked_at);
    dns.cname.set(HOST, ['LOCALHOST.']);
    const half = (await ok(await send('POST', '/verify'))).domain!;
    assert.deepEqual([half.status, half.missing], ['pending', ['txt']]);
    assert.equal((await onDomain('/')).status, 404);
    // A TXT value split in strings (as long records are) is joined.
    const value = d.records[1]!.value;
    dns.txt.set(`_tandem.${HOST}`, [['v=spf1 -all'], [value.slice(0, 10), value.slice(10)]]);
    const done = (await ok(await send('POST', '/verify'))).domain!;
    assert.deepEqual([done.status, done.missing], ['verified', []]);
    assert.ok(done.verified_at);
    assert.ok(dns.asked.includes(`CNAME ${HOST}`) && dns.asked.includes(`TXT _tandem.${HOST}`));

    const home = await onDomain('/');
    assert.equal(home.status, 200);
    const studio = readPage(await home.text());
    assert.deepEqual(studio.link('canonical').map((l) => l.attribs.href), [`http://${HOST}/`]);
    const program = readPage(await (await onDomain('/evolve')).text());
    assert.deepEqual(program.link('canonical').map((l) => l.attribs.href), [`http://${HOST}/evolve`]);
    const onApi = readPage(await (await app.request('/p/studio-flow/evolve')).text());
    assert.deepEqual(onApi.link('canonical').map((l) => l.attribs.href), [`http://${HOST}/evolve`], 'the API origin\'s page names the domain as its address');
    assert.match(await (await app.request('/sitemap.xml')).text(), new RegExp(`<loc>http://${HOST.replace(/\./g, '\\.')}/sitemap.xml</loc>`));
    assert.equal((await onDomain('/reiki/share.png')).status, 200);
    assert.equal((await app.request('http://book.other.example/', { headers: { Host: 'book.other.example' } })).status, 404, 'another host is not mapped');
    const events = await query(db, sql`select type from domain_events where org_id = ${FLOW.org} and type like 'custom_domain.%' order by occurred_at, type`);
    assert.deepEqual(events.map((e) => e.type), ['custom_domain.set', 'custom_domain.verified']);
  });

  test('another studio cannot take the host (409 on `host`) and never sees it', async () => {
    const p = await problemOf(await send('PUT', '', { host: HOST }, skNord));
    assert.equal(p.status, 409);
    assert.equal(p.code, 'conflict');
    assert.deepEqual(p.errors?.map((e) => e.field), ['host']);
    assert.deepEqual(await ok(await app.request('/v1/admin/settings/domain', { headers: skNord })), { domain: null });
  });

  test('managers and instructors: 403 on every route', async () => {
    const [m] = await query(db, sql`insert into staff (org_id, role, name, email, timezone) values (${FLOW.org}, 'manager', 'Mia Manager', 'mia@studioflow.example', 'Europe/Zurich') returning id`);
    const manager = await staffKey(db, String(m!.id));
    const instructor = await staffKey(db, FLOW.mara);
    for (const who of [manager, instructor]) {
      assert.equal((await problemOf(await app.request('/v1/admin/settings/domain', { headers: who }))).code, 'forbidden');
      for (const [method, path, body] of [['PUT', '', { host: 'x.example.org' }], ['POST', '/verify', undefined], ['DELETE', '', undefined]] as const) {
        const p = await problemOf(await send(method, path, body, who));
        assert.equal(p.status, 403, `${method} ${path}`);
      }
    }
    assert.equal((await ok(await app.request('/v1/admin/settings/domain', { headers: skFlow }))).domain!.status, 'verified', 'nothing changed');
  });

  test('a new host replaces the verified one (pending again); removing it stops the Host at once; removing none is the same answer', async () => {
    const moved = (await ok(await send('PUT', '', { host: 'pages.studioflow.example' }))).domain!;
    assert.equal(moved.status, 'pending');
    assert.equal((await onDomain('/')).status, 404, 'the old host no longer serves');
    assert.deepEqual(await ok(await send('DELETE', '')), { domain: null });
    assert.deepEqual(await ok(await send('DELETE', '')), { domain: null });
    assert.deepEqual(await ok(await app.request('/v1/admin/settings/domain', { headers: skFlow })), { domain: null });
    const page = readPage(await (await app.request('/p/studio-flow/evolve')).text());
    assert.deepEqual(page.link('canonical').map((l) => l.attribs.href), ['http://localhost:8787/p/studio-flow/evolve']);
  });
});
