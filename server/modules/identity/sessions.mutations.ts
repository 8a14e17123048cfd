/**
 * Identity sessions: the proof (`Tandem-Identity`) a customer gives before stored value or
 * stored personal data is used. Checked by the token's hash, within the caller's org.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import * as t from '../../../schema/db/index.ts';
import { tokenHash } from './secrets.ts';

/** Who a valid identity token proves to be, within one org. */
export interface ProvenCustomer { customerId: string; sessionId: string }

/**
 * The customer a live (unexpired, unrevoked) identity token of this org proves, or null. Only
 * the session the token opens is read.
 */
export async function provenCustomer(tx: Tx, orgId: string, token: string | undefined, now: Date): Promise<ProvenCustomer | null> {
  if (!token) return null;
  await asSystem(tx, 'identity token: the token is the proof, checked by hash below');
  const [row] = await tx.select({ id: t.customerSessions.id, customerId: t.customerSessions.customerId }).from(t.customerSessions)
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.tokenHash, tokenHash(token)),
      isNull(t.customerSessions.revokedAt), gt(t.customerSessions.expiresAt, now)));
  return row ? { customerId: row.customerId, sessionId: row.id } : null;
}

/** Ends the session this token opens (signing out). Ending an ended one does nothing. */
export async function revokeSession(tx: Tx, orgId: string, token: string | undefined, now: Date): Promise<void> {
  if (!token) return;
  await asSystem(tx, 'identity token: the token is the proof, checked by hash below');
  await tx.update(t.customerSessions).set({ revokedAt: now })
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.tokenHash, tokenHash(token)), isNull(t.customerSessions.revokedAt)));
}

/** Ends every live session of a customer (the studio, or the customer signing out everywhere). Runs as the caller or the server. */
export async function revokeCustomerSessions(tx: Tx, orgId: string, customerId: string, now: Date): Promise<number> {
  const ended = await tx.update(t.customerSessions).set({ revokedAt: now })
    .where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.customerId, customerId), isNull(t.customerSessions.revokedAt)))
    .returning({ id: t.customerSessions.id });
  return ended.length;
}
