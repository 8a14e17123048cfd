/**
 * Slots answers kept in process, per org catalog and schedule version (`slotsVersion`: raised in
 * the writing transaction by every change to what a slots answer reads) and until the answer's own
 * `validUntil` (the first hold it counts lapses, or its first start comes within notice): a repeated
 * slots request then costs its rate limit and a version read, one round trip of work, instead of the
 * program, rules, blocks and closures, the engine and the JSON. Kept with it: its ETag and its
 * compressed forms, made once.
 *
 * Keyed by database handle, org, program, by_link token and every query parameter that shapes the
 * answer. Who may see the program depends only on its rows (in the catalog version) and the token.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import type { KeptAnswer } from './program-answers.ts';

export interface KeptSlots extends Omit<KeptAnswer, 'version'> { version: string; made: number; until: number }

/**
 * At most this long (ms) whatever else holds: as time passes the horizon's end moves on and new
 * starts (and a later `last_date`) appear there without any write. Starts are never taken away by
 * time before `validUntil`, so an answer this old is short of starts at its far end at worst.
 */
export const SLOTS_MAX_AGE_MS = 60_000;

/**
 * Bounded: past this many answers, or this many bytes of JSON (a month of slots is up to ~70 KB
 * before compression), the store (per database) starts afresh.
 */
const MAX_ANSWERS = 5_000;
const MAX_BYTES = 32 * 1024 * 1024;
const stores = new WeakMap<Database, Map<string, KeptSlots>>();
const sizes = new WeakMap<Database, number>();

export interface SlotsKey { orgId: string; slug: string; link?: string | undefined; from: string; to: string; tz: string; instructor?: string | undefined; variant?: string | undefined }

export const slotsKeyOf = (k: SlotsKey) => [k.orgId, k.slug, k.link ?? '', k.from, k.to, k.tz, k.instructor ?? '', k.variant ?? ''].join('\u0000');

/** Whether an answer is kept for this request that holds at `now` (its versions not checked). */
export function slotsKept(db: Database, key: string, now: number): boolean {
  const kept = stores.get(db)?.get(key);
  return kept !== undefined && kept.made <= now && now < kept.until;
}

/** The kept answer, when it was made at this version and holds at `now` (made no later, valid until after). */
export function keptSlots(db: Database, key: string, version: string, now: number): KeptSlots | undefined {
  const kept = stores.get(db)?.get(key);
  return kept && kept.version === version && kept.made <= now && now < kept.until ? kept : undefined;
}

/** Keeps an answer made at `made` (ms) that holds until `validUntil`, and at most SLOTS_MAX_AGE_MS. */
export function keepSlots(db: Database, key: string, version: string, answer: unknown, made: number, validUntil: number): KeptSlots {
  let store = stores.get(db);
  if (!store) stores.set(db, store = new Map());
  const json = JSON.stringify(answer);
  const bytes = (sizes.get(db) ?? 0) + json.length - (store.get(key)?.json.length ?? 0);
  if (store.size >= MAX_ANSWERS || bytes > MAX_BYTES) {
    store.clear();
    sizes.set(db, json.length);
  } else {
    sizes.set(db, bytes);
  }
  const kept: KeptSlots = { version, made, until: Math.min(validUntil, made + SLOTS_MAX_AGE_MS), etag: `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`, json, encoded: {} };
  store.set(key, kept);
  return kept;
}
