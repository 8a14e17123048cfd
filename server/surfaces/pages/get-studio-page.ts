import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { html } from './html.ts';
import { newNonce, pageCsp, pageDocument } from './document.ts';
import { studioLd } from './json-ld.ts';
import { pageNotFound, programUrlIn, studioUrlIn } from './studio.ts';
import { loadHostedStudio, studioFromPrice } from './studio-load.ts';
import { programsCount, studioShareImageUrl } from './studio-share-image.ts';
import { SHARE_HEIGHT, SHARE_WIDTH } from './share-image.ts';
import { wordsFor } from './words.ts';
import type { ContentLang } from '../../../schema/db/index.ts';

/** A coupon or referral code as the widget takes it (widget/elements/tandem-program/presets.ts). */
const COUPON = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /p/:studio (`?lang=fr` for the page in another language its programs are written in, each
 * such page naming the others with `hreflang`): the studio's public programs, as the embed API
 * lists them, each linking to its own page in the same language when it has one. Its share image
 * is the studio's own card (studio-share-image.ts).
 */
export function getStudioPageRoute(deps: AppDeps) {
  return new Hono().get('/p/:studio', async (c) => {
    const slug = c.req.param('studio');
    const found = await loadHostedStudio(deps, slug, c.req.query('lang'));
    if (!found) return pageNotFound(c);
    const { programs, own, lang } = found;
    const origin = deps.config.publicOrigin;
    const words = wordsFor(lang, found.region);
    const nonce = newNonce();
    const urlIn = (l: ContentLang) => studioUrlIn(deps.config, slug, l, own);
    const url = urlIn(lang);
    const home = urlIn(own);
    const alternates = [...found.langs.map((l) => ({ lang: wordsFor(l, found.region).locale, href: urlIn(l) })), { lang: 'x-default', href: home }];
    // A program's page in this page's language when it has one, else its own.
    const programHref = (p: (typeof programs)[number]) => programUrlIn(deps.config, slug, p.slug, p.langs.includes(lang) ? lang : own, own);
    // A referral link (`?tandem-coupon=`) reaches the program pages, whose widgets fill the code in at the payment.
    const coupon = c.req.query('tandem-coupon') ?? '';
    const carry = (href: string) => (COUPON.test(coupon) ? `${href}${href.includes('?') ? '&' : '?'}tandem-coupon=${encodeURIComponent(coupon)}` : href);
    const from = studioFromPrice(programs);
    const page = pageDocument(
      {
        lang: words.locale,
        title: `${words.t('programsHeading')} · ${found.name}`,
        description: programs.map((p) => p.title).join(' · ') || found.name,
        canonical: url,
        alternates,
        site: found.name,
        image: {
          url: studioShareImageUrl(deps.config, slug, lang, own),
          alt: [found.name, programs.length ? programsCount(words.lang, programs.length) : '', from ? words.t('fromPrice', { price: words.money(from.amount, from.currency) }) : ''].filter(Boolean).join(' · '),
          width: SHARE_WIDTH, height: SHARE_HEIGHT,
        },
        indexable: true,
        jsonLd: studioLd(programs, { name: found.name, url: home }, (s) => programHref(programs.find((p) => p.slug === s)!)),
      },
      html`<header class="site"><a href="${home}">${found.name}</a></header>
<main>
<h1>${words.t('programsHeading')}</h1>
${programs.length === 0 ? html`<p>${words.t('noPrograms')}</p>` : html`<ul class="cards">${programs.map((p) => html`
<li>
${p.thumbnail_url ? html`<img src="${p.thumbnail_url}" alt="" loading="lazy" width="640" height="360">` : ''}
<h2><a href="${carry(programHref(p))}">${p.title}</a></h2>
<p>${p.summary}</p>
<p>${words.t(`delivery_${p.delivery_mode}`)} · ${words.plural('sessions', p.sessions_count)}${p.from_price ? html` · <span class="price">${words.t('fromPrice', { price: words.money(p.from_price.amount, p.from_price.currency) })}</span>` : ''}</p>
</li>`)}
</ul>`}
</main>`,
      nonce,
    );
    return c.html(page.value, 200, { 'Content-Security-Policy': pageCsp(nonce, origin), 'Cache-Control': 'no-cache' });
  });
}
