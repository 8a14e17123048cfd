import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { html } from './html.ts';
import { newNonce, pageCsp, pageDocument } from './document.ts';
import { programArticle } from './program-article.ts';
import { shareLinks } from './share-links.ts';
import { programLd, plainText } from './json-ld.ts';
import { pageNotFound, programUrlIn, studioUrl } from './studio.ts';
import { loadHostedProgram } from './program-load.ts';
import { SHARE_HEIGHT, SHARE_WIDTH, shareImageUrl } from './share-image.ts';
import { wordsFor } from './words.ts';
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
    const found = await loadHostedProgram(deps, studioSlug, slug, link, c.req.query('lang'));
    if (!found) return pageNotFound(c);
    const { studio, own, langs, lang, program } = found;
    const profile = { name: found.studioName };
    const isPrivate = program.visibility !== 'public';
    const origin = deps.config.publicOrigin;
    const urlIn = (l: ContentLang) => programUrlIn(deps.config, studioSlug, slug, l, own);
    const url = urlIn(lang);
    const words = wordsFor(lang, program.region);
    const alternates = langs.map((l) => ({ lang: wordsFor(l, program.region).locale, href: urlIn(l) }));
    const nonce = newNonce();
    // The generated share image (title, studio, price, the banner when it is one of ours): on the page's own origin.
    const image = { url: shareImageUrl(deps.config, studioSlug, slug, lang, own, isPrivate ? link : undefined), alt: `${program.title} · ${profile.name}`, width: SHARE_WIDTH, height: SHARE_HEIGHT };
    const widget = studio.publishableKey
      ? html`<tandem-program key="${studio.publishableKey}" program="${slug}"${isPrivate ? html` link="${link ?? ''}"` : ''}>
${programArticle(program, words)}
</tandem-program>`
      : programArticle(program, words);
    const page = pageDocument(
      {
        lang: words.locale,
        title: `${program.title} · ${profile.name}`,
        description: program.summary || plainText(program.description_html),
        canonical: isPrivate ? null : url,
        alternates: isPrivate ? [] : [...alternates, { lang: 'x-default', href: urlIn(own) }],
        site: profile.name,
        image,
        indexable: !isPrivate,
        jsonLd: programLd(program, { name: profile.name, url: studioUrl(deps.config, studioSlug) }, url),
      },
      html`<header class="site"><a href="${studioUrl(deps.config, studioSlug)}">${profile.name}</a></header>
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
