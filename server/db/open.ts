import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { schema, type Database, type OpenDatabase } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../../schema/migrations', import.meta.url));

export interface OpenOptions {
  /** A PostgreSQL URL: use that server through postgres.js. */
  url?: string | undefined;
  /** Where PGlite keeps its files; omitted: in memory (tests). */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  max?: number;
}

/** Opens the database the environment asks for and applies the migrations. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const opened = options.url ? await openPostgres(options.url, options.max ?? 20) : await openPglite(options.dataDir);
  return opened;
}

async function openPostgres(url: string, max: number): Promise<OpenDatabase> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'tandem' } });
  const db = drizzle({ client, schema });
  await migratePostgres(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string | undefined): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  const db = drizzle({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}
