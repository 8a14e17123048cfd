/**
 * Identity, decided once per request: the only roads to tenant data.
 *
 *   withCaller(db, caller, work)          a transaction as the request's caller (anonymous embed, customer, staff)
 *   asSystem(tx, reason)                  the one escalation: from here on, this transaction acts as the server
 *                                         itself within the caller's org (after the caller's own reads went
 *                                         through the caller's policies). Never back: there is no de-escalation.
 *   withSystem(db, orgId, reason, work)   a transaction that is the server from the start (jobs, verified webhooks)
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

interface Settings {
  orgId: string;
  role: AppRole | 'cross_tenant';
  userId?: string | undefined;
  customerId?: string | undefined;
  linkToken?: string | undefined;
  idempotencyKey?: string | undefined;
  reason?: string | undefined;
}

/** Whether the current async context is inside one of these transactions (tests assert that providers are not). */
const transactionScope = new AsyncLocalStorage<true>();
export function insideTransaction(): boolean {
  return transactionScope.getStore() === true;
}

function open<T>(db: Database, s: Settings, work: (tx: Tx) => Promise<T>): Promise<T> {
  return transactionScope.run(true, () => db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('role', 'tandem_app', true),
      set_config('app.org_id', ${s.orgId}, true),
      set_config('app.role', ${s.role}, true),
      set_config('app.user_id', ${s.userId ?? ''}, true),
      set_config('app.customer_id', ${s.customerId ?? ''}, true),
      set_config('app.link_token', ${s.linkToken ?? ''}, true),
      set_config('app.idempotency_key', ${s.idempotencyKey ?? ''}, true),
      set_config('app.system_reason', ${s.reason ?? ''}, true)`);
    return work(tx as unknown as Tx);
  }));
}

/** A transaction as the request's caller. */
export function withCaller<T>(db: Database, caller: Caller, work: (tx: Tx) => Promise<T>): Promise<T> {
  return open(db, caller, work);
}

/** The statement `asSystem` runs, for callers that send it together with other statements (one round trip). */
export function asSystemStatement(reason: string) {
  return sql`select set_config('app.role', 'system', true), set_config('app.system_reason', ${reason}, true)`;
}

/**
 * The one escalation: the rest of this transaction acts as the server within the caller's
 * org. Call it only after the caller's own reads decided what the caller may touch, and say why.
 */
export async function asSystem(tx: Tx, reason: string): Promise<void> {
  await tx.execute(asSystemStatement(reason));
}

/** A transaction that is the server itself within one org: background jobs and verified provider events. */
export function withSystem<T>(db: Database, orgId: string, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return open(db, { orgId, role: 'system', reason }, work);
}

/**
 * A transaction that belongs to no org: every table policy answers nothing, so only the
 * SECURITY DEFINER functions (which read just what they must) return data.
 */
export function withCrossTenant<T>(db: Database, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return open(db, { orgId: '', role: 'cross_tenant', reason }, work);
}
