import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.ts';

export type AppRole = 'anonymous' | 'customer' | 'instructor' | 'manager' | 'owner' | 'system';

/** Who a transaction acts for. Every field becomes an `app.*` setting the policies read. */
export interface TenantContext {
  orgId: string;
  role: AppRole;
  userId?: string | undefined;
  customerId?: string | undefined;
  /** A by_link program's token the caller presents. */
  linkToken?: string | undefined;
  /** The request's Idempotency-Key: only its own row in idempotency_keys is visible. */
  idempotencyKey?: string | undefined;
}

/**
 * The only road to tenant data. Opens a transaction, switches to the non-owner
 * role `tandem_app` (so RLS applies: the connecting user may be a superuser, who
 * skips RLS) and sets the request's identity, all with bound parameters and
 * transaction-local scope, in one round trip.
 */
export async function withTenant<T>(db: Database, ctx: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('role', 'tandem_app', true),
      set_config('app.org_id', ${ctx.orgId}, true),
      set_config('app.role', ${ctx.role}, true),
      set_config('app.user_id', ${ctx.userId ?? ''}, true),
      set_config('app.customer_id', ${ctx.customerId ?? ''}, true),
      set_config('app.link_token', ${ctx.linkToken ?? ''}, true),
      set_config('app.idempotency_key', ${ctx.idempotencyKey ?? ''}, true)`);
    return work(tx as unknown as Tx);
  });
}

/**
 * Within a tenant transaction, act as the server itself for the same org: after
 * the caller's own reads have gone through their policies, the booking or
 * webhook service writes what the caller may not write directly.
 */
export async function actAsSystem(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('app.role', 'system', true)`);
}

/** Back to a narrower identity inside the same transaction. */
export async function actAs(tx: Tx, role: AppRole, ids: { customerId?: string; userId?: string } = {}): Promise<void> {
  await tx.execute(sql`select set_config('app.role', ${role}, true),
    set_config('app.customer_id', ${ids.customerId ?? ''}, true),
    set_config('app.user_id', ${ids.userId ?? ''}, true)`);
}
