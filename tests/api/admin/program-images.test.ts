/**
 * A program's banner and thumbnail uploaded through the admin API: the type decided by the bytes
 * (a text file sent as image/png is refused, nothing kept), 5 MB at most (413 one byte over),
 * stored through the file storage the homework uses, served publicly for the program page and
 * the widget (the embed API's banner_url and thumbnail_url point to it); a replaced image's file
 * is deleted by a job after the commit; replays answer the same and keep no second file; owners
 * and managers only, another studio's program is 404.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, DEMO_ORIGIN } from '../../support/app.ts';
import { problemOf, query } from '../../support/booking.ts';
import { FLOW, NORD } from '../../../demo/seed/index.ts';
import { localStorage } from '../../../server/platform/adapters/storage/local-storage.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { programImageObjectsJob } from '../../../server/modules/program-editor/index.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** The smallest PNG (1×1) and a JPEG's first bytes: what a browser would send for a photo. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(200, 0x20), Buffer.from('ffd9', 'hex')]);

describe('program images through the admin API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-program-images-'));
  const storage = localStorage(dir);
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: App;
  let owner: StaffSession; let noemi: StaffSession; let nils: StaffSession;
  let reiki = '';

  const files = () => {
    const out: string[] = [];
    const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : out.push(e.name); };
    if (existsSync(dir)) walk(dir);
    return out.sort();
  };
  const put = (who: StaffSession, role: string, body: Uint8Array, type = 'image/png', key = randomUUID(), program = reiki) =>
    Promise.resolve(app.request(`/v1/admin/programs/${program}/images/${role}`, { method: 'PUT', headers: { ...who.headers, 'Content-Type': type, 'Idempotency-Key': key }, body: body as unknown as BodyInit }));
  const embedProgram = async () => {
    const res = await app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, Origin: DEMO_ORIGIN } });
    return await res.json() as { banner_url: string | null; thumbnail_url: string | null };
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { storage });
    await query(db.db, sql`insert into staff (org_id, role, name, email, timezone) values (${NORD.org}, 'manager', 'Nils Manager', 'nils.img@ateliernord.example', 'Europe/Berlin')`);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
    noemi = await signIn(app, db.db, 'noemi@studioflow.example');
    nils = await signIn(app, db.db, 'nils.img@ateliernord.example');
    reiki = String((await query(db.db, sql`select id from programs where org_id = ${FLOW.org} and slug = 'reiki'`))[0]!.id);
  });
  after(async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); });

  test('a PNG banner is stored, served publicly as image/png, and is the banner the widget and the page show', async () => {
    const key = randomUUID();
    const res = await put(owner, 'banner', png, 'application/octet-stream', key);
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json() as { images: { banner: string | null; thumbnail: string | null } };
    assert.match(body.images.banner ?? '', new RegExp(`/v1/program-images/${FLOW.org}/${reiki}/[0-9a-f-]{36}\\.png$`));
    assert.equal(body.images.thumbnail, null);
    assert.equal(files().length, 1);
    const served = await app.request(new URL(body.images.banner!).pathname);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
    assert.equal((await embedProgram()).banner_url, body.images.banner);
    const page = await (await app.request('/p/studio-flow/reiki')).text();
    assert.ok(page.includes(body.images.banner!), 'the hosted page shows it');

    const replay = await put(owner, 'banner', png, 'application/octet-stream', key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual((await replay.json() as typeof body).images, body.images);
    assert.equal(files().length, 1, 'a replay keeps no second file');
  });

  test('a JPEG thumbnail; replacing the banner deletes the old file after the commit; removing it too', async () => {
    const before = (await embedProgram()).banner_url!;
    const thumb = await put(owner, 'thumbnail', jpeg, 'image/jpeg');
    assert.equal(thumb.status, 200, await thumb.clone().text());
    const t = (await thumb.json() as { images: { thumbnail: string } }).images.thumbnail;
    assert.match(t, /\.jpg$/);
    assert.equal((await embedProgram()).thumbnail_url, t);
    const replaced = await put(owner, 'banner', jpeg, 'image/jpeg');
    assert.equal(replaced.status, 200);
    assert.equal(files().length, 3, 'the old banner stays until its job runs');
    assert.equal(await runDueJobs(db.executor, [programImageObjectsJob({ storage })] as never), 1);
    assert.equal(files().length, 2);
    assert.equal((await app.request(new URL(before).pathname)).status, 404);
    const removed = await app.request(`/v1/admin/programs/${reiki}/images/thumbnail`, { method: 'DELETE', headers: { ...owner.headers, 'Idempotency-Key': randomUUID() } });
    assert.equal(removed.status, 200);
    assert.equal((await removed.json() as { images: { thumbnail: string | null } }).images.thumbnail, null);
    await runDueJobs(db.executor, [programImageObjectsJob({ storage })] as never);
    assert.equal(files().length, 1);
  });

  test('the type is the content\'s: text sent as image/png is 422 and nothing is kept; an SVG neither', async () => {
    const text = await put(owner, 'banner', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    assert.equal(text.status, 422);
    assert.equal((await problemOf(text)).code, 'file_type_not_allowed');
    const svg = await put(owner, 'banner', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml');
    assert.equal(svg.status, 422);
    assert.equal(files().length, 1);
  });

  test('5 MB at most: one byte over is 413 and nothing is kept', async () => {
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 - png.length + 1)]);
    const res = await put(owner, 'thumbnail', big);
    assert.equal(res.status, 413);
    assert.equal((await problemOf(res)).code, 'file_too_large');
    const exact = await put(owner, 'thumbnail', big.subarray(0, big.length - 1));
    assert.equal(exact.status, 200, 'exactly 5 MB is taken');
    assert.equal(files().length, 2);
  });

  test('who may: an instructor 403, another studio\'s manager 404, a bad role 400, no Idempotency-Key 400; nothing kept', async () => {
    const n = files().length;
    assert.equal((await put(noemi, 'banner', png)).status, 403);
    const other = await put(nils, 'banner', png);
    assert.equal(other.status, 404);
    assert.equal((await problemOf(other)).code, 'not_found');
    const role = await put(owner, 'gallery', png);
    assert.equal(role.status, 400);
    const noKey = await app.request(`/v1/admin/programs/${reiki}/images/banner`, { method: 'PUT', headers: { ...owner.headers, 'Content-Type': 'image/png' }, body: png });
    assert.equal(noKey.status, 400);
    assert.equal((await app.request(`/v1/program-images/${FLOW.org}/${reiki}/${randomUUID()}.png`)).status, 404);
    assert.equal((await app.request(`/v1/program-images/${FLOW.org}/${reiki}/..%2F..%2Fx.png`)).status, 404);
    assert.equal(files().length, n);
  });
});
