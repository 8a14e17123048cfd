/**
 * A transaction with the database as the last word on races: when an exclusion constraint
 * refuses a row (another transaction took the time after this one read), or two
 * transactions deadlock or fail to serialise, the whole transaction runs again. The second
 * run reads the winner's committed rows, so the caller's own checks can answer precisely.
 * After the last attempt, `exhausted()` says what the caller should hear.
 */
import type { Database, Tx } from './database.ts';
import { withCaller, type Caller } from './identity.ts';
import { PG, pgErrorCode } from './pg-errors.ts';

const ATTEMPTS = 3;

export function withCallerRetried<T>(db: Database, caller: Caller, work: (tx: Tx) => Promise<T>, exhausted: () => Error): Promise<T> {
  return retriedOnRaces(() => withCaller(db, caller, work), exhausted);
}

/**
 * Runs a whole transaction again (at most three times) when the database refused it for a race:
 * an exclusion constraint, a deadlock, a serialisation failure. The refused run left nothing.
 * `exhausted` names what the caller hears after the last attempt (default: the last refusal).
 */
export async function retriedOnRaces<T>(run: () => Promise<T>, exhausted?: () => Error): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = pgErrorCode(error);
      const raced = code === PG.exclusionViolation || code === PG.deadlockDetected || code === PG.serializationFailure;
      if (!raced) throw error;
      if (attempt < ATTEMPTS) continue;
      throw exhausted ? exhausted() : error;
    }
  }
}
