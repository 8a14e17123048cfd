/**
 * A booking transaction with the database as the last word: when the exclusion constraints
 * refuse a block (another transaction took the time after this one read the calendar), or
 * two transactions deadlock on each other's blocks, the whole transaction runs again. The
 * second run reads the winner's committed blocks, so the availability check answers with
 * the precise `slot_taken` and its alternatives (or, with "any instructor", finds another).
 */
import type { Database, Tx } from '../../platform/db/database.ts';
import { withCaller, type Caller } from '../../platform/db/identity.ts';
import { PG, pgErrorCode } from '../../platform/db/pg-errors.ts';
import { AppError } from '../../platform/errors.ts';

const ATTEMPTS = 3;

export async function bookingTransaction<T>(db: Database, ctx: Caller, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withCaller(db, ctx, work);
    } catch (error) {
      const code = pgErrorCode(error);
      const raced = code === PG.exclusionViolation || code === PG.deadlockDetected || code === PG.serializationFailure;
      if (!raced) throw error;
      if (attempt < ATTEMPTS) continue;
      throw new AppError('slot_taken', 'Someone else has just taken this time.', { conflicts: [] });
    }
  }
}
