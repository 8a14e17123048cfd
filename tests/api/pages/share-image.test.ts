/**
 * The hosted program's share image (GET /p/:studio/:program/share.png): a 1200×630 PNG the page's
 * Open Graph and Twitter tags point to, with the page's by_link rule, ETag/304 and a new picture
 * for new content; the banner only from our own files, never fetched.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, and } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { readPage } from '../../support/html-page.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { localBanner, shareSvg, wrap } from '../../../server/surfaces/pages/share-image.ts';
import { programsCount, studioShareSvg } from '../../../server/surfaces/pages/studio-share-image.ts';
import { svgToPng } from '../../../server/platform/adapters/image/svg-to-png.ts';
import type { Database } from '../../../server/platform/db/database.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const ORIGIN = testConfig.publicOrigin;
const LINK = 'pyoga-7Hq2xK9mWd4R';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's first chunk, which must be IHDR. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, 'PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(Buffer.from(bytes.subarray(12, 16)).toString('latin1'), 'IHDR', 'first chunk is IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('hosted program share image', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await freshDatabase());
    app = await demoApp(db);
  });
  after(async () => close());

  const local = (url: string) => {
    assert.ok(url.startsWith(ORIGIN), `${url} is on the page's origin`);
    return url.slice(ORIGIN.length);
  };
  async function metaOf(path: string) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    return readPage(await res.text());
  }

  test('the public page\'s og:image and twitter:image are the share image, 1200×630, and it answers a PNG of that size', async () => {
    const p = await metaOf('/p/studio-flow/evolve');
    const url = p.meta('og:image');
    assert.equal(url, `${ORIGIN}/p/studio-flow/evolve/share.png`);
    assert.equal(p.meta('og:image:width'), '1200');
    assert.equal(p.meta('og:image:height'), '630');
    assert.equal(p.meta('twitter:card'), 'summary_large_image');
    assert.equal(p.meta('twitter:image'), url);
    const res = await app.request(local(url!));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    assert.match(res.headers.get('etag') ?? '', /^"[\w-]{20,}"$/);
    assert.deepEqual(pngSize(new Uint8Array(await res.arrayBuffer())), { width: 1200, height: 630 });
  });

  test('ETag: the same one again is 304 without a body; another is the picture', async () => {
    const first = await app.request('/p/studio-flow/evolve/share.png');
    const etag = first.headers.get('etag')!;
    const again = await app.request('/p/studio-flow/evolve/share.png', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const weak = await app.request('/p/studio-flow/evolve/share.png', { headers: { 'If-None-Match': `"other", W/${etag}` } });
    assert.equal(weak.status, 304, 'a weak or listed match counts');
    const other = await app.request('/p/studio-flow/evolve/share.png', { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(other.status, 200);
    assert.deepEqual(new Uint8Array(await other.arrayBuffer()), new Uint8Array(await first.arrayBuffer()));
  });

  test('a by_link program: 404 without its token or with a wrong one (the page\'s own 404), the picture with it', async () => {
    const missing = await app.request('/p/studio-flow/no-such-program');
    const notFound = await missing.text();
    for (const path of ['/p/studio-flow/private-yoga/share.png', '/p/studio-flow/private-yoga/share.png?link=pyoga-wrong', '/p/studio-flow/no-such-program/share.png', '/p/no-such-studio/evolve/share.png']) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.equal(await res.text(), notFound, `${path}: the same 404 as a missing page`);
    }
    const p = await metaOf(`/p/studio-flow/private-yoga?link=${LINK}`);
    const url = p.meta('og:image')!;
    assert.equal(url, `${ORIGIN}/p/studio-flow/private-yoga/share.png?link=${LINK}`);
    assert.equal(p.meta('twitter:image'), url);
    const res = await app.request(local(url));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-cache');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.deepEqual(pngSize(new Uint8Array(await res.arrayBuffer())), { width: 1200, height: 630 });
  });

  test('new content is a new picture and a new ETag; the old ETag no longer answers 304', async () => {
    const before = await app.request('/p/studio-flow/evolve/share.png');
    const etag = before.headers.get('etag')!;
    const bytes = new Uint8Array(await before.arrayBuffer());
    await db.update(t.programs).set({ title: 'EVOLVE — renamed for the test' }).where(and(eq(t.programs.orgId, FLOW.org), eq(t.programs.slug, 'evolve')));
    const after = await app.request('/p/studio-flow/evolve/share.png', { headers: { 'If-None-Match': etag } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
    assert.notDeepEqual(new Uint8Array(await after.arrayBuffer()), bytes);
  });

  test('the banner: the demo site\'s own file is read from disk; any other address is never read', async () => {
    const demo = await localBanner('http://localhost:8788/img/evolve-banner.svg');
    assert.equal(demo?.type, 'image/svg+xml');
    assert.match(demo!.bytes.toString('utf8'), /<svg/);
    for (const url of ['https://studio.example/img/evolve-banner.svg', 'http://localhost:8788/img/../site/index.svg', 'http://localhost:8788/img/%2e%2e/x.svg',
      'http://localhost:8788/other/evolve-banner.svg', 'file:///etc/passwd', 'http://localhost:8788/img/no-such-file.svg', 'not a url', null]) {
      assert.equal(await localBanner(url), undefined, String(url));
    }
    const card = { title: 'T', studio: 'S', price: 'ab CHF 1.00' };
    assert.match(shareSvg({ ...card, banner: demo }), /<image [^>]*href="data:image\/svg\+xml;base64,/);
    assert.doesNotMatch(shareSvg({ ...card, banner: undefined }), /<image/);
  });

  test('the studio page\'s own card: its name, programs and "from" price on its brand colour; a new colour is a new picture', async () => {
    const p = await metaOf('/p/studio-flow');
    assert.equal(p.meta('og:image'), `${ORIGIN}/p/studio-flow/share.png`);
    assert.equal(p.meta('og:image:width'), '1200');
    assert.equal(p.meta('twitter:card'), 'summary_large_image');
    const res = await app.request('/p/studio-flow/share.png');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const etag = res.headers.get('etag')!;
    assert.deepEqual(pngSize(new Uint8Array(await res.arrayBuffer())), { width: 1200, height: 630 });
    assert.equal((await app.request('/p/studio-flow/share.png', { headers: { 'If-None-Match': etag } })).status, 304);
    const nord = await app.request('/p/atelier-nord/share.png');
    assert.notEqual(nord.headers.get('etag'), etag, 'another studio, another card');
    const [org] = await db.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, FLOW.org));
    await db.update(t.orgs).set({ billing: { ...org!.billing!, brand_color: '#fde047' } }).where(eq(t.orgs.id, FLOW.org));
    try {
      const yellow = await app.request('/p/studio-flow/share.png', { headers: { 'If-None-Match': etag } });
      assert.equal(yellow.status, 200, 'the colour is part of the picture');
      assert.notEqual(yellow.headers.get('etag'), etag);
    } finally {
      await db.update(t.orgs).set({ billing: org!.billing }).where(eq(t.orgs.id, FLOW.org));
    }
    for (const path of ['/p/no-such-studio/share.png', '/p/Bad_Slug/share.png']) assert.equal((await app.request(path)).status, 404, path);
  });

  test('the studio card\'s drawing: the brand colour behind, text that reads on it, every text escaped; counts in each language', () => {
    const dark = studioShareSvg({ name: 'Yo <b> & Co', line: '3 programs · from CHF 140.00', color: '#0f766e' });
    assert.match(dark, /<rect width="1200" height="630" fill="#0f766e"\/>/);
    assert.match(dark, /fill="#ffffff"/, 'white on a dark colour');
    assert.ok(dark.includes('Yo &#60;b&#62; &#38; Co') && !dark.includes('<b>'));
    assert.ok(dark.includes('3 programs · from CHF 140.00'));
    const light = studioShareSvg({ name: 'Sun', line: '', color: '#fde047' });
    assert.match(light, /fill="#000000"/, 'black on a light colour');
    assert.deepEqual(['en', 'de', 'fr', 'it'].map((l) => [programsCount(l as 'en', 1), programsCount(l as 'en', 3)]),
      [['1 program', '3 programs'], ['1 Programm', '3 Programme'], ['1 programme', '3 programmes'], ['1 programma', '3 programmi']]);
  });

  test('every text is escaped into the SVG; long titles wrap to at most three lines', () => {
    const svg = shareSvg({ title: '<script>&"x"</script>', studio: 'A & B', price: null, banner: undefined });
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&#60;script&#62;&#38;&#34;x&#34;'));
    assert.ok(svg.includes('A &#38; B'));
    const lines = wrap('one two three four five six seven eight nine ten eleven twelve', 10, 3);
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => [...l].length <= 10), lines.join('|'));
    assert.ok(lines[2]!.endsWith('…'));
  });

  test('text is drawn (a font is found): the same card with another title is another picture', () => {
    const card = { studio: '', price: null, banner: undefined };
    const a = svgToPng(shareSvg({ ...card, title: 'Yoga' }), 1200);
    const b = svgToPng(shareSvg({ ...card, title: 'Reiki' }), 1200);
    const none = svgToPng(shareSvg({ ...card, title: '' }), 1200);
    assert.notDeepEqual(a, none, 'the title adds pixels');
    assert.notDeepEqual(a, b);
  });
});
