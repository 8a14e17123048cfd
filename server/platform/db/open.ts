import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.ts';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { schema, type Database, type OpenDatabase } from './database.ts';
import { PG, pgErrorCode } from './pg-errors.ts';
import { pgliteExecutor, postgresExecutor } from './executors.ts';
import { pipelineBegin } from './pipelined-begin.ts';

const migrationsFolder = join(projectRoot, 'schema/migrations');

export interface OpenOptions {
  /** A PostgreSQL URL: use that server through postgres.js. */
  url?: string | undefined;
  /** Where PGlite keeps its files; omitted: in memory (tests). */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  max?: number;
  /** PGlite: start from this dumped data directory (`dumpDataDir`) instead of an empty cluster; migrations still apply on top. */
  loadDataDir?: Blob | undefined;
}

/** Opens the database the environment asks for and applies the migrations. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  return options.url ? openPostgres(options.url, options.max ?? 20) : openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<OpenDatabase> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // connect_timeout: while the server is unreachable, a request waits at most this long for a
  // connection before it answers 503 (postgres.js waits 30 s by default). Connections a server
  // drops are replaced on the next query; the pool needs no restart.
  // BEGIN goes out with the transaction's first statements, not a round trip before them (pipelined-begin.ts).
  const client = pipelineBegin(postgres(url, { max, connect_timeout: 10, onnotice: () => {}, connection: { application_name: 'tandem' } }));
  const db = drizzle({ client, schema });
  try {
    await ensureAppRole(client);
    await migratePostgres(db, { migrationsFolder });
  } catch (error) {
    // An open pool keeps the process alive: a failed start must not hang, it must fail.
    await client.end({ timeout: 1 });
    throw error;
  }
  return { db: db as unknown as Database, kind: 'postgres', executor: postgresExecutor(client),
    listen: async (channel, onNotify) => { await client.listen(channel, onNotify); }, close: () => client.end({ timeout: 5 }) };
}

/**
 * The role requests run as is cluster-wide. The first migration creates it when missing, but
 * two databases migrated at the same moment on a server without it (parallel test files on a
 * fresh CI machine) both see it missing and one CREATE fails. Creating it first, here, with
 * the loser of that race simply finding it there, keeps the migration's check a no-op.
 */
async function ensureAppRole(client: { unsafe: (query: string) => Promise<unknown> }): Promise<void> {
  try {
    await client.unsafe(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN CREATE ROLE tandem_app NOLOGIN NOBYPASSRLS; END IF;
    END $$`);
  } catch (error) {
    // The loser of the race: unique_violation on pg_authid, or duplicate_object.
    const code = pgErrorCode(error);
    if (code !== PG.uniqueViolation && code !== PG.duplicateObject) throw error;
  }
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), extensions: { btree_gist } });
  const db = drizzle({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: 'pglite', executor: pgliteExecutor(client as never),
    listen: async (channel, onNotify) => { await client.listen(channel, onNotify); }, close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none') };
}
