/**
 * Identity, decided once per request: the only roads to tenant data.
 *
 *   withCaller(db, caller, work)          a transaction as the request's caller (anonymous embed, customer, staff)
 *   asSystem(tx, reason)                  (escalation.ts) the one escalation: from here on, this transaction acts
 *                                         as the server itself within the caller's org (after the caller's own
 *                                         reads went through the caller's policies). There is no de-escalation.
 *   withSystem(db, orgId, reason, work)   (escalation.ts) the server from the start (jobs, verified webhooks)
 *   withCrossTenant(db, reason, work)     no org at all: only the SECURITY DEFINER functions answer (key
 *                                         resolution, CORS preflight, the demo outbox's org list)
 *
 * Every one of them switches to the non-owner role `tandem_app` (the connecting user may be a superuser,
 * who skips RLS) and sets the `app.*` settings the policies read, with bound parameters and
 * transaction-local scope, in one round trip. Reasons are recorded in `app.system_reason`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.ts';
import { rows, sentAtCall } from './prepared.ts';

export type CallerRole = 'anonymous' | 'customer' | 'instructor' | 'manager' | 'owner';
export type AppRole = CallerRole | 'system';

/** Who a request acts for. Every field becomes an `app.*` setting the policies read. */
export interface Caller {
  orgId: string;
  role: CallerRole;
  userId?: string | undefined;
  customerId?: string | undefined;
  /** A by_link program's token the caller presents. */
  linkToken?: string | undefined;
  /** The request's Idempotency-Key: only its own row in idempotency_keys is visible. */
  idempotencyKey?: string | undefined;
}

export interface Settings {
  orgId: string;
  role: AppRole | 'cross_tenant';
  userId?: string | undefined;
  customerId?: string | undefined;
  linkToken?: string | undefined;
  idempotencyKey?: string | undefined;
  reason?: string | undefined;
}

/**
 * Whether the current async context is inside one of these transactions (tests assert that
 * providers are not; PDF rendering refuses). Tracked under the test runner only (`node --test`
 * sets NODE_TEST_CONTEXT in each test file's process), or with TANDEM_TRACK_TRANSACTIONS=1: an
 * AsyncLocalStorage in use makes Node run its promise hooks for every promise of the process,
 * a cost each request paid for a check that only tests act on. Elsewhere this answers false.
 */
const transactionScope = process.env.NODE_TEST_CONTEXT !== undefined || process.env.TANDEM_TRACK_TRANSACTIONS === '1'
  ? new AsyncLocalStorage<true>() : undefined;
export function insideTransaction(): boolean {
  return transactionScope?.getStore() === true;
}

/** The one transaction opener behind every identity; use withCaller, withCrossTenant or escalation.ts. */
export function openAs<T>(db: Database, s: Settings, work: (tx: Tx) => Promise<T>): Promise<T> {
  return transactionScope ? transactionScope.run(true, () => transaction(db, s, work)) : transaction(db, s, work);
}

function transaction<T>(db: Database, s: Settings, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // Prepared, and (postgres.js) not awaited before the work starts: it is on the connection
    // first, so every statement of the work runs after it, and it shares the work's first round trip.
    const settings = rows(tx as unknown as Tx, sql`select
      set_config('role', 'tandem_app', true),
      set_config('app.org_id', ${s.orgId}, true),
      set_config('app.role', ${s.role}, true),
      set_config('app.user_id', ${s.userId ?? ''}, true),
      set_config('app.customer_id', ${s.customerId ?? ''}, true),
      set_config('app.link_token', ${s.linkToken ?? ''}, true),
      set_config('app.idempotency_key', ${s.idempotencyKey ?? ''}, true),
      set_config('app.system_reason', ${s.reason ?? ''}, true)`);
    if (!sentAtCall(tx as unknown as Tx)) await settings;
    const done = work(tx as unknown as Tx);
    const [, result] = await Promise.all([settings, done]);
    return result;
  });
}

/** A transaction as the request's caller. */
export function withCaller<T>(db: Database, caller: Caller, work: (tx: Tx) => Promise<T>): Promise<T> {
  return openAs(db, caller, work);
}

/**
 * A transaction that belongs to no org: every table policy answers nothing, so only the
 * SECURITY DEFINER functions (which read just what they must) return data.
 */
export function withCrossTenant<T>(db: Database, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return openAs(db, { orgId: '', role: 'cross_tenant', reason }, work);
}
