/**
 * GET /p/:studio/:program/share.png (`?lang=`, `?link=` for a by_link program): the program's share
 * image for Open Graph / Twitter cards, 1200×630 PNG: its title, the studio's name, the "from" price
 * and the banner behind them when the banner is a file of our own (today: the demo site's local
 * files). A banner anywhere else is never fetched (the server reading a studio-given URL would be
 * a request forgery path); the card is drawn without it.
 *
 * Drawn once per content version: the version is a hash of everything the picture shows (title,
 * studio, price, language, the banner's bytes), so any change to them is a new picture, a new ETag
 * and a new cache entry; an unchanged one answers 304 to If-None-Match without drawing.
 * The same program rules as the page: hidden, inactive, missing, or private without its token is
 * the page's own 404.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { AppConfig, AppDeps } from '../../deps.ts';
import { SANS, svgToPng } from '../../platform/adapters/image/svg-to-png.ts';
import { loadHostedProgram } from './program-load.ts';
import { pageNotFound, programUrl } from './studio.ts';
import { wordsFor } from './words.ts';
import type { ContentLang } from '../../../schema/db/index.ts';
import { etagMatches } from '../../platform/http/etag.ts';

export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 630;
/** Raised when the drawing changes, so that every cached picture and ETag is a new one. */
const DRAWING = 1;

/** The share image's address, on the page's own origin (the studio's domain when it has one). */
export function shareImageUrl(config: AppConfig, studio: string, program: string, lang: ContentLang, own: ContentLang, link: string | undefined): string {
  const query = [lang === own ? '' : `lang=${lang}`, link ? `link=${encodeURIComponent(link)}` : ''].filter(Boolean).join('&');
  return `${programUrl(config, studio, program)}/share.png${query ? `?${query}` : ''}`;
}

const DEMO_IMAGES = new URL('../../../demo/site/img/', import.meta.url);
const IMAGE_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/**
 * The banner's bytes when they are ours to read: the demo site's own files (`/img/<name>` on a
 * local demo origin, read from demo/site/img). Tandem keeps no studio media files yet (banners are
 * addresses); anything else is undefined, never fetched.
 */
export async function localBanner(url: string | null): Promise<{ type: string; bytes: Buffer } | undefined> {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!['localhost', '127.0.0.1'].includes(parsed.hostname) || !/^https?:$/.test(parsed.protocol)) return undefined;
  const m = /^\/img\/([a-z0-9][a-z0-9-]{0,79})\.(svg|png|jpe?g)$/.exec(parsed.pathname);
  if (!m) return undefined;
  try {
    return { type: IMAGE_TYPES[m[2]!]!, bytes: await readFile(new URL(`${m[1]}.${m[2]}`, DEMO_IMAGES)) };
  } catch {
    return undefined;
  }
}

export const xml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Lines of at most `max` characters, broken at spaces (a longer word is cut), at most `lines` of them, the last with "…" when cut. */
export function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= max) line = next;
    else {
      if (line) out.push(line);
      line = [...word].length > max ? [...word].slice(0, max).join('') : word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${[...kept[lines - 1]!].slice(0, max - 1).join('').trimEnd()}…`;
  return kept;
}

export interface ShareCard {
  title: string;
  studio: string;
  price: string | null;
  banner: { type: string; bytes: Buffer } | undefined;
}

/** The card as SVG: every text escaped, the banner inline (a data: URL), nothing else referenced. */
export function shareSvg(card: ShareCard): string {
  // Average glyph widths of DejaVu Sans Bold ≈ 0.62 em: the largest size the title fits in three lines at.
  const [size, lines] = [68, 56, 48].map((s) => [s, wrap(card.title, Math.floor(1040 / (s * 0.62)), 3)] as const)
    .find(([s, l]) => l.length < 3 || !l[2]!.endsWith('…') || s === 48)!;
  const top = 300 - ((lines.length - 1) * size * 1.15) / 2;
  const background = card.banner
    ? `<image x="0" y="0" width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" preserveAspectRatio="xMidYMid slice" href="data:${card.banner.type};base64,${card.banner.bytes.toString('base64')}"/>
<rect width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" fill="#0f172a" fill-opacity="0.62"/>`
    : `<rect width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" fill="#1e293b"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" viewBox="0 0 ${SHARE_WIDTH} ${SHARE_HEIGHT}">
${background}
<rect x="80" y="80" width="96" height="8" rx="4" fill="#f59e0b"/>
<text x="80" y="140" font-family="${SANS}" font-size="36" fill="#e2e8f0">${xml(wrap(card.studio, 48, 1)[0] ?? '')}</text>
<text font-family="${SANS}" font-size="${size}" font-weight="700" fill="#ffffff">${lines.map((l, i) => `<tspan x="80" y="${Math.round(top + i * size * 1.15)}">${xml(l)}</tspan>`).join('')}</text>
${card.price ? `<text x="80" y="550" font-family="${SANS}" font-size="44" font-weight="700" fill="#fbbf24">${xml(card.price)}</text>` : ''}
</svg>`;
}

/** Drawn pictures by content version; the oldest goes first past the limit. */
const drawn = new Map<string, Uint8Array<ArrayBuffer>>();
const KEEP = 200;

/** The picture of a content version, drawn from `svg()` the first time it is asked for. */
export function pictureOf(version: string, svg: () => string): Uint8Array<ArrayBuffer> {
  let png = drawn.get(version);
  if (!png) {
    png = new Uint8Array(svgToPng(svg(), SHARE_WIDTH));
    drawn.set(version, png);
    if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value!);
  }
  return png;
}


export function shareImageRoute(deps: AppDeps) {
  return new Hono().get('/p/:studio/:program/share.png', async (c) => {
    const { studio: studioSlug, program: slug } = c.req.param();
    const found = await loadHostedProgram(deps, studioSlug, slug, c.req.query('link'), c.req.query('lang'));
    if (!found) return pageNotFound(c);
    const { program, lang } = found;
    const words = wordsFor(lang, program.region);
    const card: ShareCard = {
      title: program.title,
      studio: found.studioName,
      price: program.from_price ? words.t('fromPrice', { price: words.money(program.from_price.amount, program.from_price.currency) }) : null,
      banner: await localBanner(program.banner_url),
    };
    const version = createHash('sha256')
      .update(JSON.stringify([DRAWING, card.title, card.studio, card.price, card.banner?.type ?? null]))
      .update(card.banner?.bytes ?? '')
      .digest('base64url')
      .slice(0, 32);
    const etag = `"${version}"`;
    const isPrivate = program.visibility !== 'public';
    const headers: Record<string, string> = {
      ETag: etag,
      ...(isPrivate
        ? { 'Cache-Control': 'private, no-cache', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' }
        : { 'Cache-Control': 'public, max-age=3600' }),
    };
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(pictureOf(version, () => shareSvg(card)), 200, { ...headers, 'Content-Type': 'image/png' });
  });
}
