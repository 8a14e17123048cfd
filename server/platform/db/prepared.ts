import type { SQL } from 'drizzle-orm';
import type { Tx } from './database.ts';
import { rowsOf } from './rows.ts';
import { COMMIT_AHEAD } from './pipelined-begin.ts';

type Row = Record<string, unknown>;

interface TxInternals {
  session: { client: { unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<Row[]>; [COMMIT_AHEAD]?: () => void } };
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/**
 * Runs a statement inside a transaction as a prepared statement where the driver can
 * (postgres.js: parsed and planned once per connection, then only bound and executed),
 * and returns its rows.
 *
 * Why: Drizzle sends every statement that has no name unprepared, so the server parses and
 * plans it each time. Under row-level security the plan includes the policies' expressions
 * and sub-queries, and planning costs more than running: measured on the booking path,
 * PostgreSQL spent 4.4 ms of CPU per booking unprepared and 1.4 ms prepared
 * (docs/benchmarks.md, "Booking"). Plans stay correct: policies read the request's identity
 * through STABLE functions at execution, and the role is the same in every transaction.
 *
 * The statement is sent at the call, not when the promise is awaited, so statements started
 * one after another run in that order even when awaited together (`Promise.all`): that is
 * how the booking path sends several statements in one round trip. (Drizzle's own queries
 * start when awaited, after a few microtask hops: do not mix them into such a batch.)
 *
 * PGlite (one embedded session) runs the statement through Drizzle, also started at once.
 */
export function rows(tx: Tx, query: SQL): Promise<Row[]> {
  const internals = tx as unknown as TxInternals;
  const client = internals.session?.client;
  if (client && typeof client.unsafe === 'function') {
    const q = internals.dialect.sqlToQuery(query);
    const pending = client.unsafe(q.sql, q.params, { prepare: true }) as Promise<Row[]> & { execute?: () => unknown };
    pending.execute?.();
    return pending;
  }
  return tx.execute(query).then((result: unknown) => rowsOf<Row>(result));
}

/**
 * Whether `rows()` puts its statement on the connection at the call, ahead of anything sent
 * later in any way (postgres.js). Through PGlite it goes through Drizzle's promise chain, which
 * Drizzle's own query builders may overtake: there, wait for a statement that must come first.
 */
export function sentAtCall(tx: Tx): boolean {
  return typeof (tx as unknown as TxInternals).session?.client?.unsafe === 'function';
}

/**
 * Ends the transaction with the statements already sent: on postgres.js, COMMIT goes out now,
 * in their round trip, instead of after the work returns (pipelined-begin.ts). From here on those
 * statements commit unless one of them fails, even if the work then throws; sending another
 * statement in this transaction throws. For short transactions that know all their statements
 * up front (a kept answer's rate limit and version). Elsewhere (PGlite) a no-op: COMMIT follows the work.
 */
export function commitAhead(tx: Tx): void {
  (tx as unknown as TxInternals).session?.client?.[COMMIT_AHEAD]?.();
}

/**
 * `Promise.all` for work sent together in one transaction: waits until every part has finished
 * before the first failure is thrown. With `Promise.all`, a part refused early (a cap, a limit)
 * ends the transaction while a sibling is still between two of its statements; that sibling's
 * next statement then went out on a connection already given back to the pool, where another
 * request's answers were read against it.
 */
export async function allSettledInTransaction<T extends readonly unknown[]>(parts: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(parts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
