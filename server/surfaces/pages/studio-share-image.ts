/**
 * GET /p/:studio/share.png (`?lang=`): the studio page's own share image, 1200×630 PNG: a card in
 * the studio's brand colour (the billing profile's `brand_color`; a neutral dark one without)
 * with its name, how many programs it offers and the lowest "from" price, the text white or
 * black, whichever reads better on the colour. Drawn once per content version, with ETag/304,
 * as the programs' pictures are (share-image.ts).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { SANS } from '../../platform/adapters/image/svg-to-png.ts';
import { textOn } from '../../modules/notifications/index.ts';
import { etagMatches } from '../../platform/http/etag.ts';
import { pictureOf, SHARE_HEIGHT, SHARE_WIDTH, wrap, xml } from './share-image.ts';
import { loadHostedStudio, studioFromPrice } from './studio-load.ts';
import { pageNotFound, siteBase } from './studio.ts';
import { wordsFor } from './words.ts';
import type { Lang } from '../../../shared/format.ts';
import type { ContentLang } from '../../../schema/db/index.ts';

/** Raised when the drawing changes, so that every cached picture and ETag is a new one. */
const DRAWING = 1;
/** The card's colour when the studio has none. */
export const NEUTRAL_CARD = '#1e293b';

/** "3 programs" in the page's language: the shared catalogs' plural (`programs_one` / `programs_other`). */
export function programsCount(lang: Lang, n: number): string {
  return wordsFor(lang, null).plural('programs', n);
}

export interface StudioCard {
  name: string;
  /** "3 programs · from CHF 140.00". */
  line: string;
  /** `#rrggbb`. */
  color: string;
}

/** The card as SVG: every text escaped, nothing referenced. */
export function studioShareSvg(card: StudioCard): string {
  const ink = textOn(card.color);
  const [size, lines] = [96, 80, 64].map((s) => [s, wrap(card.name, Math.floor(1040 / (s * 0.62)), 2)] as const)
    .find(([s, l]) => l.length < 2 || !l[1]!.endsWith('…') || s === 64)!;
  const top = 290 - ((lines.length - 1) * size * 1.15) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" viewBox="0 0 ${SHARE_WIDTH} ${SHARE_HEIGHT}">
<rect width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" fill="${card.color}"/>
<rect x="80" y="80" width="96" height="8" rx="4" fill="${ink}"/>
<text font-family="${SANS}" font-size="${size}" font-weight="700" fill="${ink}">${lines.map((l, i) => `<tspan x="80" y="${Math.round(top + i * size * 1.15)}">${xml(l)}</tspan>`).join('')}</text>
${card.line ? `<text x="80" y="540" font-family="${SANS}" font-size="44" fill="${ink}">${xml(wrap(card.line, 42, 1)[0] ?? '')}</text>` : ''}
</svg>`;
}

export function studioShareImageRoute(deps: AppDeps) {
  return new Hono().get('/p/:studio/share.png', async (c) => {
    const found = await loadHostedStudio(deps, c.req.param('studio'), c.req.query('lang'));
    if (!found) return pageNotFound(c);
    const words = wordsFor(found.lang, found.region);
    const from = studioFromPrice(found.programs);
    const card: StudioCard = {
      name: found.name,
      line: [found.programs.length ? programsCount(words.lang, found.programs.length) : '', from ? words.t('fromPrice', { price: words.money(from.amount, from.currency) }) : '']
        .filter(Boolean).join(' · '),
      color: found.brandColor ?? NEUTRAL_CARD,
    };
    const version = createHash('sha256').update(JSON.stringify(['studio', DRAWING, card.name, card.line, card.color])).digest('base64url').slice(0, 32);
    const etag = `"${version}"`;
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=3600' };
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(pictureOf(version, () => studioShareSvg(card)), 200, { ...headers, 'Content-Type': 'image/png' });
  });
}

/** The studio image's address, on the page's own origin (the studio's domain when it has one). */
export function studioShareImageUrl(config: AppDeps['config'], studio: string, lang: ContentLang, own: ContentLang): string {
  return `${siteBase(config, studio)}/share.png${lang === own ? '' : `?lang=${lang}`}`;
}
