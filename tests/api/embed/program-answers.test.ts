import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { brotliDecompressSync } from 'node:zlib';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey } from '../../support/app.ts';
import { FLOW } from '../../../demo/seed/index.ts';

type Program = { title: string; variants: { price: number; payment_methods: string[] }[]; instructors: { name: string }[]; description_html: string };

/**
 * The program answer is kept per org catalog version: an ETag, 304 for If-None-Match, and
 * every change to what it shows (the program, a variant, an instructor, the org's billing)
 * makes a new answer at once, in this process and any other.
 */
describe('program answers kept per catalog version', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const get = (headers: Record<string, string> = {}, path = '/v1/embed/programs/reiki') => app.request(path, { headers: { ...flowKey, ...headers } });
  const owner = (statement: ReturnType<typeof sql>) => db.db.execute(statement);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db);
  });
  after(async () => db.close());

  test('an ETag and Cache-Control; If-None-Match answers 304 without reading the program again', async () => {
    const first = await get();
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/"[A-Za-z0-9_-]+"$/);
    assert.match(first.headers.get('cache-control') ?? '', /private, max-age=\d+, stale-while-revalidate=\d+/);
    assert.match(first.headers.get('vary') ?? '', /Authorization/);
    const body = await first.json() as Program;

    // The program's tables closed to requests: only an answer kept in process can be given now.
    await owner(sql`revoke select on programs, program_variants, program_intake_forms, program_milestones, program_instructors, staff, locations from tandem_app`);
    try {
      const again = await get({ 'If-None-Match': etag! });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      const full = await get({ 'Accept-Encoding': 'br' });
      assert.equal(full.status, 200);
      assert.equal(full.headers.get('content-encoding'), 'br');
      assert.deepEqual(JSON.parse(brotliDecompressSync(Buffer.from(await full.arrayBuffer())).toString()), body);
      assert.equal((await get({ 'If-None-Match': `"other", ${etag}` })).status, 304);
      assert.equal((await get({ 'If-None-Match': '"other"' })).status, 200);
    } finally {
      await owner(sql`grant select on programs, program_variants, program_intake_forms, program_milestones, program_instructors, staff, locations to tandem_app`);
    }
  });

  test('a change to what the answer shows makes a new answer at once: program, variant, instructor, billing', async () => {
    const first = await get();
    const before = first.headers.get('etag')!;
    const prices = ((await first.json()) as Program).variants.map((v) => v.price);
    const changes: [string, ReturnType<typeof sql>, (p: Program) => boolean][] = [
      ['title', sql`update programs set title = 'Reiki, renewed' where org_id = ${FLOW.org} and slug = 'reiki'`, (p) => p.title === 'Reiki, renewed'],
      ['price', sql`update program_variants set price = price + 100 where org_id = ${FLOW.org} and program_id = (select id from programs where org_id = ${FLOW.org} and slug = 'reiki')`, (p) => p.variants.every((v, i) => v.price === prices[i]! + 100)],
      ['instructor', sql`update staff set name = 'Noemi Renamed' where org_id = ${FLOW.org} and id in (select staff_id from program_instructors where org_id = ${FLOW.org})`, (p) => p.instructors.some((i) => i.name === 'Noemi Renamed')],
      ['billing', sql`update orgs set billing = null where id = ${FLOW.org}`, (p) => p.variants.every((v) => !v.payment_methods.includes('qr_bill'))],
    ];
    let last = before;
    for (const [what, change, shows] of changes) {
      await owner(change);
      const res = await get({ 'If-None-Match': last });
      assert.equal(res.status, 200, `after the ${what} changed`);
      assert.ok(shows(await res.json() as Program), what);
      assert.notEqual(res.headers.get('etag'), last, what);
      last = res.headers.get('etag')!;
    }
  });

  test('an edit that changes nothing shown keeps the ETag; another studio and a by_link program are kept apart', async () => {
    const etag = (await get()).headers.get('etag')!;
    await owner(sql`update programs set title = title where org_id = ${FLOW.org} and slug = 'reiki'`);
    assert.equal((await get({ 'If-None-Match': etag })).status, 304);
    assert.equal((await app.request('/v1/embed/programs/reiki', { headers: nordKey })).status, 404, 'Atelier Nord has no reiki');
    const yoga = await app.request(`/v1/embed/programs/private-yoga?link=${FLOW.privateYogaLink}`, { headers: flowKey });
    assert.equal(yoga.status, 200);
    assert.equal((await app.request('/v1/embed/programs/private-yoga', { headers: flowKey })).status, 404, 'not without its link');
    assert.equal((await app.request('/v1/embed/programs/private-yoga?link=wrong-token', { headers: flowKey })).status, 404);
  });
});
