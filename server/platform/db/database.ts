import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from '../../../schema/db/index.ts';

export type Schema = typeof schema;
/** Either driver: postgres.js against a server, or embedded PGlite. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface OpenDatabase {
  /** The owner's handle: migrations, seeding and tests' assertions only. Requests go through `withCaller`. */
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Plain SQL on the owner's connection, for the job queue's own statements (never for tenant data). */
  executor: SqlExecutor;
  /** Calls `onNotify` on every NOTIFY on `channel` (postgres.js: on a connection of its own, re-listening after a reconnect). */
  listen(channel: string, onNotify: () => void): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tar, for `openDatabase({ loadDataDir })` (tests copy one migrated database). */
  dumpDataDir?(): Promise<Blob>;
}

export { schema };

/** Plain SQL text with $n parameters (the job queue speaks it); implemented per driver in executors.ts. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}
