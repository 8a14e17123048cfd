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
  close(): Promise<void>;
}

export { schema };
