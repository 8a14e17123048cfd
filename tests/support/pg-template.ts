/**
 * Creates the migrated database that test files on PostgreSQL copy (support/database.ts):
 *   node --import tsx tests/support/pg-template.ts <DATABASE_URL> <name>
 * tests/run.mjs runs it once before the db and api groups on PostgreSQL, hands the name on as
 * TANDEM_PG_TEMPLATE and drops the database at the end of the run.
 */
import { buildPostgresTemplate } from './database.ts';

const [url, name] = process.argv.slice(2);
if (!url || !name || !/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('usage: pg-template.ts <DATABASE_URL> <name: [a-z0-9_]>');
await buildPostgresTemplate(url, name);
