/**
 * A booking transaction: retried when the exclusion constraints on schedule_blocks (or a
 * deadlock between two bookings' blocks) refuse it, so the second run answers with the
 * precise `slot_taken` and its alternatives, or, with "any instructor", finds another.
 */
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Caller } from '../../platform/db/identity.ts';
import { withCallerRetried } from '../../platform/db/retry.ts';
import { AppError } from '../../platform/errors.ts';

/** What a booking request hears when every attempt lost a race. */
export const slotRaceLost = () => new AppError('slot_taken', 'Someone else has just taken this time.', { conflicts: [] });

export function bookingTransaction<T>(db: Database, ctx: Caller, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withCallerRetried(db, ctx, work, slotRaceLost);
}
