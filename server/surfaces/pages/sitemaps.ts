import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { withCaller, withCrossTenant } from '../../platform/db/identity.ts';
import { publicProgramsChanged, studioProfile, studiosWithPublicPages } from '../../modules/catalog/index.ts';
import { langOf } from '../../../shared/format.ts';
import { escapeHtml as escapeXml } from './html.ts';
import { findStudio, programLangs, programUrlIn, siteBase, studioLangs, studioUrlIn } from './studio.ts';

const XML = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
const day = (d: Date) => d.toISOString().slice(0, 10);

function urlset(entries: { loc: string; lastmod: Date | null }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries
    .map((e) => `<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${day(e.lastmod)}</lastmod>` : ''}</url>\n`).join('')}</urlset>\n`;
}

/**
 * What search engines crawl: per studio its sitemap (its page and its active public programs with
 * their last change, each in every language it is written in; private and hidden programs never) and a robots.txt for a studio served on
 * its own domain; for the API's origin a sitemap index across studios and a robots.txt that keeps
 * crawlers to the pages.
 */
export function sitemapRoutes(deps: AppDeps) {
  const origin = deps.config.publicOrigin;
  return new Hono()
    .get('/p/:studio/sitemap.xml', async (c) => {
      const slug = c.req.param('studio');
      const studio = await findStudio(deps.db, slug);
      if (!studio) return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
      const [programs, profile] = await withCaller(deps.db, { orgId: studio.orgId, role: 'anonymous' }, (tx) => Promise.all([publicProgramsChanged(tx, studio.orgId), studioProfile(tx, studio.orgId)]));
      const own = langOf(profile?.defaultLocale);
      const newest = programs.reduce<Date | null>((a, p) => (!a || p.updatedAt > a ? p.updatedAt : a), null);
      // A program's page in each language it is written in; the studio's page in each language of its programs.
      const langs = programs.map((p) => programLangs(own, p.translations));
      return c.body(urlset([
        ...studioLangs(own, langs).map((l) => ({ loc: studioUrlIn(deps.config, slug, l, own), lastmod: newest })),
        ...programs.flatMap((p, i) => langs[i]!.map((l) => ({ loc: programUrlIn(deps.config, slug, p.slug, l, own), lastmod: p.updatedAt }))),
      ]), 200, XML);
    })
    .get('/p/:studio/robots.txt', async (c) => {
      const slug = c.req.param('studio');
      if (!(await findStudio(deps.db, slug))) return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
      return c.body(`User-agent: *\nAllow: /\nSitemap: ${siteBase(deps.config, slug)}/sitemap.xml\n`, 200, TEXT);
    })
    .get('/sitemap.xml', async (c) => {
      const studios = await withCrossTenant(deps.db, 'sitemap index: the studios with pages to index', (tx) => studiosWithPublicPages(tx));
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${studios
        .map((s) => `<sitemap><loc>${escapeXml(`${siteBase(deps.config, s.slug)}/sitemap.xml`)}</loc><lastmod>${day(s.lastmod)}</lastmod></sitemap>\n`).join('')}</sitemapindex>\n`;
      return c.body(body, 200, XML);
    })
    .get('/robots.txt', (c) =>
      c.body(`User-agent: *\nAllow: /p/\nAllow: /widget/\nDisallow: /v1/\nDisallow: /dev/\nSitemap: ${origin}/sitemap.xml\n`, 200, TEXT));
}
