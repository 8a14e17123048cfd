/** What every hosted page starts from: the studio named in the path, its addresses, and the one "not found". */
import type { Context } from 'hono';
import type { AppConfig } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { studioBySlug, type StudioRef } from '../../modules/catalog/index.ts';
import { html } from './html.ts';
import { CONTENT_LANGS, type ContentLang } from '../../../schema/db/index.ts';

/** Slugs as studios and programs are named; anything else is not found without a database round trip. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export async function findStudio(db: Database, slug: string): Promise<StudioRef | undefined> {
  if (!SLUG.test(slug)) return undefined;
  return withCrossTenant(db, 'hosted page: the studio is named by its slug before its org is known', (tx) => studioBySlug(tx, slug));
}

/** The studio's own host name when it points one at its pages (TANDEM_CUSTOM_DOMAINS, or one it verified in the console), else none. */
export function customDomainOf(config: AppConfig, studio: string): string | undefined {
  return Object.entries(config.customDomains ?? {}).find(([, slug]) => slug === studio)?.[0] ?? config.studioDomains?.hostOf(studio);
}

/** The studio a host serves (TANDEM_CUSTOM_DOMAINS, or a verified domain), by the Host header's name without its port. */
export function studioOfHost(config: AppConfig, host: string | null): string | undefined {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return config.customDomains?.[name] ?? config.studioDomains?.slugOf(name);
}

/**
 * Where a studio's pages live: `https://<its domain>` when it has one (then that is the one address
 * search engines are given, on either host), else `<API origin>/p/<studio>`. The scheme follows
 * the API's (http only on a developer's machine).
 */
export function siteBase(config: AppConfig, studio: string): string {
  const domain = customDomainOf(config, studio);
  return domain ? `${new URL(config.publicOrigin).protocol}//${domain}` : `${config.publicOrigin}/p/${studio}`;
}

export const studioUrl = (config: AppConfig, studio: string) => (customDomainOf(config, studio) ? `${siteBase(config, studio)}/` : siteBase(config, studio));
/** The studio's page in a language: the plain address for the studio's own, `?lang=` for another. */
export const studioUrlIn = (config: AppConfig, studio: string, lang: ContentLang, own: ContentLang) => `${studioUrl(config, studio)}${lang === own ? '' : `?lang=${lang}`}`;
export const programUrl = (config: AppConfig, studio: string, program: string) => `${siteBase(config, studio)}/${program}`;

/** Top-level paths of the API's own that a studio's domain does not take over. */
const OWN_PATHS = new Set(['admin', 'health']);

/**
 * Routing on a studio's own domain: `/`, `/:program`, `/:program/share.png`, `/share.png`, `/sitemap.xml` and `/robots.txt` are its
 * `/p/<studio>/…` pages; everything else (the widget's files, the API) is the same as on the API's
 * origin. For Hono's `getPath`: answers the path to route.
 */
export function customDomainPath(config: AppConfig, host: string | null, path: string): string {
  const slug = studioOfHost(config, host);
  if (!slug) return path;
  if (path === '/' || path === '') return `/p/${slug}`;
  const one = /^\/([^/]+)$/.exec(path)?.[1];
  const image = /^\/([^/]+)\/share\.png$/.exec(path)?.[1];
  if (image && SLUG.test(image) && !OWN_PATHS.has(image)) return `/p/${slug}/${image}/share.png`;
  if (one && (one === 'sitemap.xml' || one === 'robots.txt' || one === 'share.png' || (SLUG.test(one) && !OWN_PATHS.has(one)))) return `/p/${slug}/${one}`;
  return path;
}

/**
 * One answer for every page that does not exist or may not be seen (an unknown studio or program,
 * a hidden or inactive one, a private one without its token or with a wrong one): byte for byte
 * the same, so that it tells nothing about which.
 */
export function pageNotFound(c: Context): Response {
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Not found</title></head>
<body><main><h1>Not found</h1><p>This page does not exist.</p></main></body>
</html>
`;
  return c.html(body.value, 404, { 'Cache-Control': 'no-store' });
}

/**
 * The languages a program has a page in: the studio's own (its programs are written in it) and
 * each other one the program has a title in, the studio's first. The page and the sitemap agree.
 */
export function programLangs(own: ContentLang, translations: Partial<Record<ContentLang, { title?: string }>> | null | undefined): ContentLang[] {
  return [own, ...CONTENT_LANGS.filter((l) => l !== own && !!translations?.[l]?.title)];
}

/** A program's page in a language: the plain address for the studio's own, `?lang=` for another. */
export function programUrlIn(config: AppConfig, studio: string, program: string, lang: ContentLang, own: ContentLang): string {
  return `${programUrl(config, studio, program)}${lang === own ? '' : `?lang=${lang}`}`;
}

/** The languages a studio's page has: its own and each other one any of its programs has a page in (the page and the sitemap agree). */
export function studioLangs(own: ContentLang, programs: readonly ContentLang[][]): ContentLang[] {
  return [own, ...CONTENT_LANGS.filter((l) => l !== own && programs.some((ls) => ls.includes(l)))];
}
