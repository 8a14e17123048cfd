/**
 * Plain `executeSql(text, values)` over each driver, for the job queue (pg-boss speaks SQL
 * text with $n parameters). pg-boss sends its schema scripts as one `BEGIN; …; COMMIT;`
 * string without values: those take the simple query protocol, in a real transaction of
 * the driver's own so that a failure rolls back instead of leaving the session aborted.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SqlExecutor, Tx } from './database.ts';
import { rowsOf } from './rows.ts';

export type { SqlExecutor };

const SCRIPT = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;

/** pg-boss was written for node-postgres: plain objects bound to parameters are JSON text. */
function bindable(values: unknown[]): unknown[] {
  return values.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array) && !Array.isArray(v) ? JSON.stringify(v) : v));
}

interface PgliteLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
  transaction<T>(fn: (tx: { exec(text: string): Promise<{ rows: unknown[] }[]> }) => Promise<T>): Promise<T>;
}

export function pgliteExecutor(pg: PgliteLike): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (!values) {
        const script = SCRIPT.exec(text);
        const results = script ? await pg.transaction((tx) => tx.exec(script[1]!)) : await pg.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await pg.query(text, bindable(values));
      return { rows: result.rows as Record<string, unknown>[] };
    },
  };
}

interface PostgresLike {
  unsafe(text: string, values?: unknown[]): Promise<unknown>;
  reserve(): Promise<{ unsafe(text: string): Promise<unknown>; release(): void }>;
}

export function postgresExecutor(client: PostgresLike): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (!values) {
        // postgres.js refuses BEGIN on a pooled connection: a reserved one runs the script.
        const connection = await client.reserve();
        try {
          return { rows: [...(await connection.unsafe(text) as Record<string, unknown>[])] };
        } catch (error) {
          await connection.unsafe('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          connection.release();
        }
      }
      return { rows: [...(await client.unsafe(text, bindable(values)) as Record<string, unknown>[])] };
    },
  };
}

/** `$1 … $n` text as a Drizzle statement, so it runs in the caller's transaction (and role). */
export function positional(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${bindable([values[Number(m[1]) - 1]])[0]}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export function txExecutor(tx: Tx): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      return { rows: rowsOf(await tx.execute(positional(text, values))) as Record<string, unknown>[] };
    },
  };
}
