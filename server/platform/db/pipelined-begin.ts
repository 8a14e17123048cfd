/**
 * postgres.js's `begin`, with one round trip fewer: BEGIN is put on the connection and the work
 * starts at once, instead of waiting for BEGIN's answer before the work's first statement is sent.
 * Every transaction (`db.transaction`, so every `withCaller`) goes through it on PostgreSQL.
 *
 * The connection is reserved for the transaction (postgres.js allows BEGIN on a reserved
 * connection only), its statements run in the order they were sent, and COMMIT follows the work.
 * What postgres.js's own `begin` guarantees is kept:
 *   - a statement of the work that failed unawaited still fails the transaction (COMMIT on an
 *     aborted transaction answers ROLLBACK, which is turned into the statement's error here);
 *   - the work's error rolls back and is rethrown; savepoints for nested transactions.
 *
 * The work may also send COMMIT itself, right behind its last statements (`commitAhead`,
 * prepared.ts): for a short transaction whose statements are all known before any answer comes
 * back, COMMIT then shares their round trip instead of taking one of its own. From then on what
 * was sent commits unless one of those statements fails, whatever the work does next; a statement
 * sent after it is refused here (it would run outside the transaction, without its role and settings).
 */
import type { Sql, TransactionSql } from 'postgres';

type Work = (sql: TransactionSql) => unknown;

/** On a transaction's client: sends COMMIT now, behind what the work has sent (see above). */
export const COMMIT_AHEAD = Symbol('commit ahead');
type Reserved = Awaited<ReturnType<Sql['reserve']>>;
type Pending = Promise<unknown> & { execute?: () => unknown };

/** postgres.js's errors for a connection that is gone (the pool has already put it among its closed ones). */
const GONE = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
const goneError = (error: unknown) => GONE.has(String((error as { code?: unknown })?.code));

export function pipelineBegin(client: Sql): Sql {
  const original = client.begin.bind(client);
  const begin = async (options: string | Work, fn?: Work): Promise<unknown> => {
    const mode = typeof options === 'string' ? options : '';
    const work = (typeof options === 'function' ? options : fn)!;
    if (mode) return original(mode, work as never);
    const reserved = await client.reserve();
    let uncaught: unknown;
    // A connection that dropped must not be handed back to the pool as open (release() would):
    // postgres.js has moved it among its closed connections, and reconnects it from there.
    let gone = false;
    const watched = (q: Pending) => {
      q.catch((error) => { if (goneError(error)) gone = true; });
      return q;
    };
    const started = (q: Pending) => {
      q.execute?.();
      watched(q).catch((error) => { uncaught ??= error; });
      return q;
    };
    // Every statement the work sends is watched, awaited or not, as postgres.js's begin does.
    const unsafeRaw = reserved.unsafe.bind(reserved);
    const unsafe = (...args: Parameters<Reserved['unsafe']>) => watched(unsafeRaw(...args) as unknown as Pending) as unknown as ReturnType<Reserved['unsafe']>;
    // COMMIT, when the work sent it itself (commitAhead).
    let ahead: Pending | undefined;
    const open = () => {
      if (ahead) throw new Error('a statement after the transaction\'s COMMIT was sent (commitAhead): it would run outside the transaction');
    };
    const commitAhead = () => {
      if (ahead) return;
      if (depth > 0) throw new Error('commitAhead inside a nested transaction');
      ahead = unsafe('commit') as unknown as Pending;
      ahead.execute?.();
      ahead.catch(() => undefined); // awaited below
    };
    const tracked = new Proxy(reserved, {
      apply: (target, self, args) => { open(); return started(Reflect.apply(target, self, args) as Pending); },
      get: (target, prop, receiver) => {
        if (prop === 'unsafe') return (...args: Parameters<Reserved['unsafe']>) => { open(); return started(unsafeRaw(...args) as unknown as Pending); };
        if (prop === 'savepoint') return savepoint;
        if (prop === COMMIT_AHEAD) return commitAhead;
        return Reflect.get(target, prop, receiver);
      },
    }) as unknown as TransactionSql;
    let points = 0;
    let depth = 0;
    async function savepoint(inner: Work): Promise<unknown> {
      const name = `s${points++}`;
      open();
      await unsafe(`savepoint ${name}`);
      depth++;
      try {
        const result = await inner(tracked);
        await unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await unsafe(`rollback to savepoint ${name}`);
        uncaught = undefined; // rolled back to before it
        throw error;
      } finally {
        depth--;
      }
    }
    try {
      const opened = unsafe('begin') as unknown as Pending;
      opened.execute?.();
      let result: unknown;
      try {
        [, result] = await Promise.all([opened, work(tracked)]);
        if (uncaught) throw uncaught;
      } catch (error) {
        if (goneError(error)) gone = true;
        // After commitAhead there is nothing to roll back: COMMIT (or, after a failed statement, ROLLBACK) is on its way.
        if (ahead) await ahead.catch(() => undefined);
        else if (!gone) await unsafe('rollback').catch(() => undefined);
        // A statement refused in a transaction an earlier (unawaited) statement had aborted: the earlier one's error is the cause.
        throw ((error as { code?: unknown })?.code === '25P02' && uncaught) || error;
      }
      const done = await (ahead ?? unsafe('commit')) as unknown as { command?: string };
      if (done.command && done.command !== 'COMMIT') throw uncaught ?? new Error(`the transaction ended with ${done.command}, not COMMIT`);
      return result;
    } finally {
      if (!gone) reserved.release();
    }
  };
  (client as unknown as { begin: typeof begin }).begin = begin;
  return client;
}
