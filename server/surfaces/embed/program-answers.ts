/**
 * Program answers kept in process, per org catalog version (orgs.catalog_version, raised by the
 * database on every change to what the answer shows): a program request then costs its rate
 * limit and a version read, one round trip, instead of eight reads, two Markdown renderings and
 * the answer's JSON. Kept with the answer: its ETag (a hash of the JSON, so an edit that changes
 * nothing shown keeps it) and its compressed forms, made once.
 *
 * Keyed by database handle, org, slug, by_link token and the answer's language: who may see a program depends only on
 * the program's rows and the token presented, both covered by the key and the version.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { encode, type Encoding } from '../../platform/http/compress.ts';

export interface KeptAnswer {
  version: number;
  etag: string;
  json: string;
  encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
}

/** Bounded: past this many programs (per database) the store starts afresh. */
const MAX_ANSWERS = 5_000;
const stores = new WeakMap<Database, Map<string, KeptAnswer>>();

const keyOf = (orgId: string, slug: string, link: string | undefined, lang: string) => `${orgId}\u0000${slug}\u0000${link ?? ''}\u0000${lang}`;

/** The kept answer, when it was made at this version. */
/** Whether some answer is kept for this request at all (current or not). */
export function answerKept(db: Database, orgId: string, slug: string, link: string | undefined, lang = 'en'): boolean {
  return stores.get(db)?.has(keyOf(orgId, slug, link, lang)) ?? false;
}

export function keptAnswer(db: Database, orgId: string, slug: string, link: string | undefined, version: number, lang = 'en'): KeptAnswer | undefined {
  const kept = stores.get(db)?.get(keyOf(orgId, slug, link, lang));
  return kept && kept.version === version ? kept : undefined;
}

export function keepAnswer(db: Database, orgId: string, slug: string, link: string | undefined, version: number, answer: unknown, lang = 'en'): KeptAnswer {
  let store = stores.get(db);
  if (!store) stores.set(db, store = new Map());
  if (store.size >= MAX_ANSWERS) store.clear();
  const json = JSON.stringify(answer);
  const kept: KeptAnswer = { version, etag: `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`, json, encoded: {} };
  store.set(keyOf(orgId, slug, link, lang), kept);
  return kept;
}

/** The answer's bytes in an encoding, compressed once per version. */
export function encodedAnswer(kept: Pick<KeptAnswer, 'json' | 'encoded'>, encoding: Encoding): Uint8Array<ArrayBuffer> {
  return kept.encoded[encoding] ??= new Uint8Array(encode(Buffer.from(kept.json), encoding));
}

