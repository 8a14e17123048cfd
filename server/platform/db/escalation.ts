/**
 * Acting as the server itself within one org. Only `*.mutations.ts` and `*.jobs.ts` may import
 * this file (checked by dependency-cruiser, .dependency-cruiser.cjs): every escalation names
 * its reason, which is also recorded in the transaction as `app.system_reason`.
 */
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.ts';
import { openAs } from './identity.ts';
import { rows } from './prepared.ts';

/** The statement `asSystem` runs, for callers that send it together with other statements (one round trip). */
export function asSystemStatement(reason: string) {
  return sql`select set_config('app.role', 'system', true), set_config('app.system_reason', ${reason}, true)`;
}

/**
 * The one escalation: the rest of this transaction acts as the server within the caller's
 * org. Call it only after the caller's own reads decided what the caller may touch, and say why.
 */
export function asSystem(tx: Tx, reason: string): Promise<void> {
  // Prepared and (postgres.js) sent at the call: statements sent after it run after it, so a
  // caller may send its next reads without waiting (see `sentAtCall`).
  return rows(tx, asSystemStatement(reason)).then(() => undefined);
}

/** A transaction that is the server itself within one org: background jobs and verified provider events. */
export function withSystem<T>(db: Database, orgId: string, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return openAs(db, { orgId, role: 'system', reason }, work);
}

