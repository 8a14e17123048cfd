import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { commitAhead, rows } from '../../server/platform/db/prepared.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import { pgErrorCode } from '../../server/platform/db/pg-errors.ts';

/**
 * Transactions on PostgreSQL send BEGIN with their first statements (server/platform/db/pipelined-begin.ts).
 * What postgres.js's own `begin` guarantees still holds: a statement that failed without being
 * awaited fails the transaction and is the error the caller hears; nested transactions are savepoints.
 * PostgreSQL only: PGlite's transactions are its own (tests/db run on PostgreSQL in `.ci/run`).
 */
const skip = process.env.DATABASE_URL ? false : 'DATABASE_URL is not set: the pipelined BEGIN is postgres.js\'s (PGlite has its own transactions)';

describe('transactions with a pipelined BEGIN (PostgreSQL)', { skip }, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const count = async () => Number(rowsOf(await db.db.execute(sql`select count(*)::int as n from pipelined_probe`))[0]!.n);

  before(async () => {
    db = await freshDatabase({ max: 2 });
    await db.db.execute(sql`create table pipelined_probe (id int primary key)`);
  });
  after(async () => db?.close());

  test('a statement that failed unawaited fails the transaction; its error, not "transaction aborted", is thrown', async () => {
    await assert.rejects(db.db.transaction(async (tx) => {
      void rows(tx, sql`insert into pipelined_probe values (1)`);
      rows(tx, sql`insert into pipelined_probe values (1)`).catch(() => undefined); // unique violation, not awaited
      await rows(tx, sql`insert into pipelined_probe values (2)`); // refused: the transaction is aborted
    }), (error: unknown) => pgErrorCode(error) === '23505');
    assert.equal(await count(), 0);
  });

  test('a failure nobody awaited, last of the work: no commit', async () => {
    await assert.rejects(db.db.transaction(async (tx) => {
      await rows(tx, sql`insert into pipelined_probe values (3)`);
      rows(tx, sql`insert into pipelined_probe values (3)`).catch(() => undefined);
    }), (error: unknown) => pgErrorCode(error) === '23505');
    assert.equal(await count(), 0);
  });

  test('commitAhead: COMMIT goes with the statements sent; they commit even when the work throws afterwards', async () => {
    const answer = await db.db.transaction(async (tx) => {
      const inserted = rows(tx, sql`insert into pipelined_probe values (20) returning id`);
      commitAhead(tx);
      return Number((await inserted)[0]!.id);
    });
    assert.equal(answer, 20);
    await assert.rejects(db.db.transaction(async (tx) => {
      const inserted = rows(tx, sql`insert into pipelined_probe values (21)`);
      commitAhead(tx);
      await inserted;
      throw new Error('decided after the commit was sent');
    }), /decided after the commit was sent/);
    assert.deepEqual(rowsOf(await db.db.execute(sql`select id from pipelined_probe where id between 20 and 29 order by id`)).map((r) => Number(r.id)), [20, 21]);
    await db.db.execute(sql`delete from pipelined_probe where id between 20 and 29`);
  });

  test('commitAhead: a statement sent before it that fails rolls the transaction back, and is the error heard', async () => {
    await assert.rejects(db.db.transaction(async (tx) => {
      const first = rows(tx, sql`insert into pipelined_probe values (30)`);
      const again = rows(tx, sql`insert into pipelined_probe values (30)`);
      again.catch(() => undefined);
      commitAhead(tx);
      await first;
    }), (error: unknown) => pgErrorCode(error) === '23505');
    assert.equal(Number(rowsOf(await db.db.execute(sql`select count(*)::int as n from pipelined_probe where id = 30`))[0]!.n), 0);
  });

  test('commitAhead: a statement after it is refused, never run outside the transaction (without its role and settings)', async () => {
    await assert.rejects(db.db.transaction(async (tx) => {
      await rows(tx, sql`select set_config('app.probe', 'inside', true)`);
      commitAhead(tx);
      await rows(tx, sql`insert into pipelined_probe values (40)`);
    }), /after the transaction's COMMIT/);
    assert.equal(Number(rowsOf(await db.db.execute(sql`select count(*)::int as n from pipelined_probe where id = 40`))[0]!.n), 0);
    // The connection went back to the pool whole: both answer.
    await Promise.all([db.db.execute(sql`select 1`), db.db.execute(sql`select 1`)]);
  });

  test('the work\'s statements commit together; a nested transaction that fails rolls back to its savepoint only', async () => {
    await db.db.transaction(async (tx) => {
      await rows(tx, sql`insert into pipelined_probe values (10)`);
      await assert.rejects(tx.transaction(async (inner) => {
        await inner.execute(sql`insert into pipelined_probe values (11)`);
        await inner.execute(sql`insert into pipelined_probe values (10)`);
      }));
      await rows(tx, sql`insert into pipelined_probe values (12)`);
    });
    assert.deepEqual(rowsOf(await db.db.execute(sql`select id from pipelined_probe order by id`)).map((r) => Number(r.id)), [10, 12]);
    // The pool is whole afterwards: both connections answer.
    await Promise.all([db.db.execute(sql`select 1`), db.db.execute(sql`select 1`)]);
  });
});
