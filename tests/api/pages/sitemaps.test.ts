import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { parseDocument } from 'htmlparser2';
import { findAll, textContent } from 'domutils';
import * as t from '../../../schema/db/index.ts';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { Database } from '../../../server/platform/db/database.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const ORIGIN = testConfig.publicOrigin;

/** The <loc>/<lastmod> pairs of a sitemap or sitemap index, read as XML. */
function entries(xml: string, element: 'url' | 'sitemap'): { loc: string; lastmod: string | undefined }[] {
  const doc = parseDocument(xml, { xmlMode: true });
  return findAll((e) => e.name === element, doc.children).map((e) => ({
    loc: textContent(findAll((x) => x.name === 'loc', e.children)[0]!),
    lastmod: findAll((x) => x.name === 'lastmod', e.children).map((x) => textContent(x))[0],
  }));
}

describe('sitemaps and robots.txt', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await freshDatabase();
    close = opened.close;
    db = opened.db;
    app = await demoApp(db);
  });
  after(async () => close());

  async function xml(path: string) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    const body = await res.text();
    assert.match(body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<(urlset|sitemapindex) xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    return body;
  }

  test("a studio's sitemap: its page and its active public programs with their last change, never a private or hidden one", async () => {
    await db.update(t.programs).set({ updatedAt: new Date('2026-10-01T10:00:00Z') }).where(eq(t.programs.id, FLOW.evolve));
    await db.update(t.programs).set({ updatedAt: new Date('2026-11-15T23:30:00Z') }).where(eq(t.programs.id, FLOW.split));
    const urls = entries(await xml('/p/studio-flow/sitemap.xml'), 'url');
    assert.deepEqual(urls.map((u) => u.loc), [
      `${ORIGIN}/p/studio-flow`,
      `${ORIGIN}/p/studio-flow/evolve`,
      `${ORIGIN}/p/studio-flow/reiki`,
      `${ORIGIN}/p/studio-flow/split`,
    ]);
    assert.equal(urls.find((u) => u.loc.endsWith('/evolve'))!.lastmod, '2026-10-01');
    assert.equal(urls.find((u) => u.loc.endsWith('/split'))!.lastmod, '2026-11-15');
    assert.ok(urls.every((u) => /^\d{4}-\d{2}-\d{2}$/.test(u.lastmod ?? '')));
    assert.doesNotMatch(await xml('/p/studio-flow/sitemap.xml'), /private-yoga|pyoga/);

    await db.update(t.programs).set({ visibility: 'hidden' }).where(eq(t.programs.id, FLOW.reiki));
    try {
      assert.ok(!entries(await xml('/p/studio-flow/sitemap.xml'), 'url').some((u) => u.loc.endsWith('/reiki')), 'a hidden program leaves the sitemap');
    } finally {
      await db.update(t.programs).set({ visibility: 'public' }).where(eq(t.programs.id, FLOW.reiki));
    }
    const nord = entries(await xml('/p/atelier-nord/sitemap.xml'), 'url').map((u) => u.loc);
    assert.deepEqual(nord, [`${ORIGIN}/p/atelier-nord`, `${ORIGIN}/p/atelier-nord/contemporary-private`, `${ORIGIN}/p/atelier-nord/mobility-reset`]);
  });

  test('an unknown studio has no sitemap and no robots.txt', async () => {
    assert.equal((await app.request('/p/no-such-studio/sitemap.xml')).status, 404);
    assert.equal((await app.request('/p/no-such-studio/robots.txt')).status, 404);
  });

  test('the sitemap index across studios: every studio with pages to index, and none without', async () => {
    const index = entries(await xml('/sitemap.xml'), 'sitemap');
    assert.deepEqual(index.map((s) => s.loc), [`${ORIGIN}/p/atelier-nord/sitemap.xml`, `${ORIGIN}/p/studio-flow/sitemap.xml`]);
    assert.ok(index.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.lastmod ?? '')));
    await db.update(t.programs).set({ isActive: false }).where(eq(t.programs.orgId, FLOW.org));
    try {
      assert.deepEqual(entries(await xml('/sitemap.xml'), 'sitemap').map((s) => s.loc), [`${ORIGIN}/p/atelier-nord/sitemap.xml`]);
    } finally {
      await db.update(t.programs).set({ isActive: true }).where(eq(t.programs.orgId, FLOW.org));
    }
  });

  test('robots.txt: crawlers to the pages, not the API; each names its sitemap', async () => {
    const root = await app.request('/robots.txt');
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-type') ?? '', /^text\/plain/);
    const lines = (await root.text()).trim().split('\n');
    assert.deepEqual(lines, ['User-agent: *', 'Allow: /p/', 'Allow: /widget/', 'Disallow: /v1/', 'Disallow: /dev/', `Sitemap: ${ORIGIN}/sitemap.xml`]);
    const studio = (await (await app.request('/p/studio-flow/robots.txt')).text()).trim().split('\n');
    assert.deepEqual(studio, ['User-agent: *', 'Allow: /', `Sitemap: ${ORIGIN}/p/studio-flow/sitemap.xml`]);
  });
});
