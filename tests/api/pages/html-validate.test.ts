/**
 * Every hosted page through an HTML validator (html-validate, its recommended rules): the pages
 * the sitemaps list (every studio's page and its public programs, in each studio's language),
 * every by-link program opened with its token, and the one "not found". Zero errors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { query } from '../../support/booking.ts';
import type { Database } from '../../../server/platform/db/database.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('hosted pages: valid HTML', () => {
  let app: App;
  let db: Database;
  let close: () => Promise<void>;
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  before(async () => {
    ({ db, close } = await freshDatabase());
    app = await demoApp(db);
  });
  after(async () => close());

  async function pagePaths(): Promise<string[]> {
    const local = (url: string) => url.slice(testConfig.publicOrigin.length);
    const index = await (await app.request('/sitemap.xml')).text();
    const paths: string[] = [];
    for (const sitemap of locs(index)) paths.push(...locs(await (await app.request(local(sitemap))).text()).map(local));
    const privateOnes = await query(db, sql`select o.slug as studio, p.slug as program, p.private_link_token as link
      from programs p join orgs o on o.id = p.org_id where p.visibility = 'by_link' and p.is_active order by 1, 2`);
    for (const p of privateOnes) paths.push(`/p/${p.studio}/${p.program}?link=${encodeURIComponent(String(p.link))}`);
    return paths;
  }

  test('every page the sitemaps list, every private page with its link, and the 404: zero validator errors', async () => {
    const paths = await pagePaths();
    assert.ok(paths.length >= 6, `pages found: ${paths.join(', ')}`);
    assert.ok(paths.some((p) => p.includes('?link=')), 'a private page is among them');
    const problems: string[] = [];
    for (const path of [...paths, '/p/studio-flow/no-such-program']) {
      const res = await app.request(path);
      assert.equal(res.status, path.endsWith('no-such-program') ? 404 : 200, path);
      const report = await validator.validateString(await res.text(), path);
      for (const r of report.results) for (const m of r.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    assert.deepEqual(problems, []);
  });
});
