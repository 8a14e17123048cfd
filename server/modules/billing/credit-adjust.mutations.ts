/**
 * Staff grant or deduct class credits of a booking's customer, with a reason: one more entry in the
 * append-only ledger (its trigger serialises a customer's entries and computes the balance; the
 * check constraint refuses a negative balance, answered as `insufficient_credits`). The entry names
 * the booking; credits.adjusted records who changed it by how much and why.
 */
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { PG, pgConstraint, pgErrorCode } from '../../platform/db/pg-errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';

export interface CreditAdjustment { orgId: string; customerId: string; bookingId: string; delta: number; reason: string; staffId: string }
export interface CreditAdjusted { id: string; delta: number; balanceAfter: number; reason: string; createdAt: Date }

export async function adjustCredits(tx: Tx, ctx: EventContext, a: CreditAdjustment): Promise<CreditAdjusted> {
  let row: typeof t.creditLedger.$inferSelect | undefined;
  try {
    [row] = await tx.insert(t.creditLedger).values({ orgId: a.orgId, customerId: a.customerId, delta: a.delta, balanceAfter: 0, reason: a.reason, bookingId: a.bookingId }).returning();
  } catch (error) {
    if (pgErrorCode(error) === PG.checkViolation && (pgConstraint(error) ?? 'credit_ledger_balance') === 'credit_ledger_balance') {
      // The failed statement ends the transaction's use: the balance cannot be read here to quote it.
      throw new AppError('insufficient_credits', `Deducting ${-a.delta} credits would leave a negative balance.`, { delta: a.delta });
    }
    throw error;
  }
  await recordEvent(tx, { orgId: a.orgId, type: 'credits.adjusted', subjectId: a.bookingId,
    payload: { customer_id: a.customerId, delta: a.delta, balance_after: row!.balanceAfter, reason: a.reason, staff_id: a.staffId } }, ctx);
  return { id: row!.id, delta: row!.delta, balanceAfter: row!.balanceAfter, reason: row!.reason, createdAt: row!.createdAt };
}
