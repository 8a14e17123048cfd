import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { listPrograms, studioProfile } from '../../modules/catalog/index.ts';
import { programSummaryOut } from '../embed/programs.out.ts';
import { html } from './html.ts';
import { newNonce, pageCsp, pageDocument } from './document.ts';
import { studioLd } from './json-ld.ts';
import { findStudio, pageNotFound, programUrl, studioUrl } from './studio.ts';
import { wordsFor } from './words.ts';

/** A coupon or referral code as the widget takes it (widget/elements/tandem-program/presets.ts). */
const COUPON = /^[A-Za-z0-9_-]{1,64}$/;

/** GET /p/:studio: the studio's public programs, as the embed API lists them, linking to each program's page. */
export function getStudioPageRoute(deps: AppDeps) {
  return new Hono().get('/p/:studio', async (c) => {
    const slug = c.req.param('studio');
    const studio = await findStudio(deps.db, slug);
    if (!studio) return pageNotFound(c);
    const found = await withCaller(deps.db, { orgId: studio.orgId, role: 'anonymous' }, async (tx) => {
      const [profile, listings] = [await studioProfile(tx, studio.orgId), await listPrograms(tx, studio.orgId)];
      return profile ? { profile, programs: listings.map((l) => programSummaryOut(l)) } : undefined;
    });
    if (!found) return pageNotFound(c);
    const { profile, programs } = found;
    const origin = deps.config.publicOrigin;
    const words = wordsFor(profile.defaultLocale, profile.billing?.country);
    const nonce = newNonce();
    const url = studioUrl(deps.config, slug);
    // A referral link (`?tandem-coupon=`) reaches the program pages, whose widgets fill the code in at the payment.
    const coupon = c.req.query('tandem-coupon') ?? '';
    const carry = COUPON.test(coupon) ? `?tandem-coupon=${encodeURIComponent(coupon)}` : '';
    const first = programs.find((p) => p.thumbnail_url);
    const page = pageDocument(
      {
        lang: words.locale,
        title: `${words.t('programsHeading')} · ${profile.name}`,
        description: programs.map((p) => p.title).join(' · ') || profile.name,
        canonical: url,
        site: profile.name,
        image: first?.thumbnail_url ? { url: first.thumbnail_url, alt: first.title } : null,
        indexable: true,
        jsonLd: studioLd(programs, { name: profile.name, url }, (p) => programUrl(deps.config, slug, p)),
      },
      html`<header class="site"><a href="${url}">${profile.name}</a></header>
<main>
<h1>${words.t('programsHeading')}</h1>
${programs.length === 0 ? html`<p>${words.t('noPrograms')}</p>` : html`<ul class="cards">${programs.map((p) => html`
<li>
${p.thumbnail_url ? html`<img src="${p.thumbnail_url}" alt="" loading="lazy" width="640" height="360">` : ''}
<h2><a href="${programUrl(deps.config, slug, p.slug)}${carry}">${p.title}</a></h2>
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
