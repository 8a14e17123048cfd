import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { getProgramDetail, studioProfile } from '../../modules/catalog/index.ts';
import { programDetailOut } from '../embed/programs.out.ts';
import { html } from './html.ts';
import { newNonce, pageCsp, pageDocument } from './document.ts';
import { programArticle } from './program-article.ts';
import { shareLinks } from './share-links.ts';
import { programLd, plainText } from './json-ld.ts';
import { findStudio, pageNotFound, programLangs, programUrlIn, SLUG, studioUrl } from './studio.ts';
import { wordsFor } from './words.ts';
import { langOf } from '../../../shared/format.ts';
import type { ContentLang } from '../../../schema/db/index.ts';

/**
 * GET /p/:studio/:program (`?link=TOKEN` for a by_link program; `?lang=fr` for the program in
 * another language it is written in, each such page naming the others with `hreflang`): the program as a complete page
 * without JavaScript, read as the studio's anonymous caller (the policies decide what exists:
 * hidden, inactive or a private program without its token is the same 404 as a missing one).
 * The widget takes the page over in place for booking. A private page is never indexed and
 * never leaks its address in a Referer.
 */
export function getProgramPageRoute(deps: AppDeps) {
  return new Hono().get('/p/:studio/:program', async (c) => {
    const { studio: studioSlug, program: slug } = c.req.param();
    const link = c.req.query('link');
    const asked = c.req.query('lang');
    if (!SLUG.test(slug) || (link !== undefined && (link.length === 0 || link.length > 200))) return pageNotFound(c);
    const studio = await findStudio(deps.db, studioSlug);
    if (!studio) return pageNotFound(c);
    const found = await withCaller(deps.db, { orgId: studio.orgId, role: 'anonymous', linkToken: link }, async (tx) => {
      const view = await getProgramDetail(tx, studio.orgId, slug);
      return view ? { view, profile: await studioProfile(tx, studio.orgId) } : undefined;
    });
    if (!found?.profile) return pageNotFound(c);
    // The studio's own language, and each other one the program has a title in: one address each (`?lang=`).
    const own = langOf(found.profile.defaultLocale);
    const langs = programLangs(own, found.view.program.translations);
    // Any other `lang` is the studio's own page (its canonical address says so).
    const lang = langs.find((l) => l === asked) ?? own;
    const program = programDetailOut(found.view, lang === own ? undefined : lang);
    const isPrivate = program.visibility !== 'public';
    const origin = deps.config.publicOrigin;
    const urlIn = (l: ContentLang) => programUrlIn(deps.config, studioSlug, slug, l, own);
    const url = urlIn(lang);
    const words = wordsFor(lang, program.region);
    const alternates = langs.map((l) => ({ lang: wordsFor(l, program.region).locale, href: urlIn(l) }));
    const nonce = newNonce();
    const banner = program.banner_url ? { url: program.banner_url, alt: program.media.find((m) => m.url === program.banner_url)?.alt ?? program.title } : null;
    const widget = studio.publishableKey
      ? html`<tandem-program key="${studio.publishableKey}" program="${slug}"${isPrivate ? html` link="${link ?? ''}"` : ''}>
${programArticle(program, words)}
</tandem-program>`
      : programArticle(program, words);
    const page = pageDocument(
      {
        lang: words.locale,
        title: `${program.title} · ${found.profile.name}`,
        description: program.summary || plainText(program.description_html),
        canonical: isPrivate ? null : url,
        alternates: isPrivate ? [] : [...alternates, { lang: 'x-default', href: urlIn(own) }],
        site: found.profile.name,
        image: banner,
        indexable: !isPrivate,
        jsonLd: programLd(program, { name: found.profile.name, url: studioUrl(deps.config, studioSlug) }, url),
      },
      html`<header class="site"><a href="${studioUrl(deps.config, studioSlug)}">${found.profile.name}</a></header>
<main>
${widget}
${isPrivate ? '' : shareLinks(url, program.title, words.lang)}
</main>`,
      nonce,
      studio.publishableKey ? html`<script type="module" src="/widget/tandem.js" nonce="${nonce}"></script>\n` : null,
    );
    return c.html(page.value, 200, {
      'Content-Security-Policy': pageCsp(nonce, origin),
      ...(isPrivate
        ? { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'private, no-store' }
        : { 'Cache-Control': 'no-cache' }),
    });
  });
}
