/**
 * Publishable keys resolved once per few seconds per process, not once per request: every embed
 * request starts with its key, and resolving it costs a transaction of its own (four round trips).
 *
 * Only found, live publishable keys are kept (an unknown key is asked again each time, so a key
 * added a moment ago works at once), for `KEY_TTL_MS` at most. A change to `api_keys` (revocation,
 * new origins) forgets every key of the database at once: the database announces it
 * (`NOTIFY tandem_api_keys`, migration 0020) and main.ts listens; `forgetKeys` does the same by hand.
 * Per database handle, so tests' databases never share entries.
 */
import type { Database } from '../db/database.ts';
import { resolveKey, type ResolvedKey } from './api-keys.ts';

export const KEY_TTL_MS = 5_000;
/** Bounded: past this many distinct keys the cache starts afresh. */
const MAX_KEYS = 10_000;

interface Entry { key: ResolvedKey; until: number }

const caches = new WeakMap<Database, Map<string, Entry>>();

/** The live publishable key, or undefined (unknown, revoked or another kind). */
export async function publishableKey(db: Database, key: string, now = Date.now()): Promise<ResolvedKey | undefined> {
  let cache = caches.get(db);
  const hit = cache?.get(key);
  if (hit && hit.until > now) return hit.key;
  const resolved = await resolveKey(db, key);
  if (!resolved || resolved.revoked || resolved.kind !== 'publishable') {
    cache?.delete(key);
    return undefined;
  }
  if (!cache) caches.set(db, cache = new Map());
  if (cache.size >= MAX_KEYS) cache.clear();
  cache.set(key, { key: resolved, until: now + KEY_TTL_MS });
  return resolved;
}

/** Forgets every resolved key of this database (api_keys changed). */
export function forgetKeys(db: Database): void {
  caches.get(db)?.clear();
}

/** The channel the database announces changes to api_keys on. */
export const KEYS_CHANGED_CHANNEL = 'tandem_api_keys';
