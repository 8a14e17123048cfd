/** What every hosted page starts from: the studio named in the path, its addresses, and the one "not found". */
import type { Context } from 'hono';
import type { Database } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { studioBySlug, type StudioRef } from '../../modules/catalog/index.ts';
import { html } from './html.ts';

/** Slugs as studios and programs are named; anything else is not found without a database round trip. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

export async function findStudio(db: Database, slug: string): Promise<StudioRef | undefined> {
  if (!SLUG.test(slug)) return undefined;
  return withCrossTenant(db, 'hosted page: the studio is named by its slug before its org is known', (tx) => studioBySlug(tx, slug));
}

export const studioUrl = (origin: string, studio: string) => `${origin}/p/${studio}`;
export const programUrl = (origin: string, studio: string, program: string) => `${origin}/p/${studio}/${program}`;

/**
 * One answer for every page that does not exist or may not be seen (an unknown studio or program,
 * a hidden or inactive one, a private one without its token or with a wrong one): byte for byte
 * the same, so that it tells nothing about which.
 */
export function pageNotFound(c: Context): Response {
  const body = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Not found</title></head>
<body><main><h1>Not found</h1><p>This page does not exist.</p></main></body>
</html>
`;
  return c.html(body.value, 404, { 'Cache-Control': 'no-store' });
}
