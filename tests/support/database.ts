import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openDatabase } from '../../server/platform/db/open.ts';
import type { OpenDatabase } from '../../server/platform/db/database.ts';
import { prepareJobQueue } from '../../server/platform/jobs/queue.ts';
import { JOB_QUEUES } from '../../server/jobs.ts';

/**
 * A fresh, migrated database for one test file.
 *   DATABASE_URL unset: an in-memory PGlite, a copy of one migrated database (see pgliteTemplate).
 *   DATABASE_URL set:   a new database on that server (created here, dropped on close),
 *                       so runs never see each other's rows; a copy of TANDEM_PG_TEMPLATE if set.
 */
export async function freshDatabase(options: { max?: number } = {}): Promise<OpenDatabase & { label: string; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // The migrations still run on the copy: a template older than schema/migrations gets the rest.
    const opened = await openDatabase({ loadDataDir: await pgliteTemplate() });
    return { ...opened, label: 'PGlite' };
  }
  const { default: postgres } = await import('postgres');
  const name = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // A copy of the run's migrated database (tests/run.mjs, pg-template.ts) when there is one:
  // a file copy on the server instead of 45 migrations and the job queue's set-up per test file.
  const template = process.env.TANDEM_PG_TEMPLATE;
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  let opened: OpenDatabase;
  try {
    // The migrations still run on the copy: a template older than schema/migrations gets the rest.
    opened = await openDatabase({ url: target.toString(), max: options.max ?? 20 });
    if (!template) await prepareJobQueue(opened.executor, JOB_QUEUES);
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
    throw error;
  }
  return {
    ...opened,
    label: 'PostgreSQL',
    url: target.toString(),
    close: async () => {
      await opened.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

let template: Promise<Blob> | undefined;

/**
 * One migrated PGlite (schema, job queue and its grants), dumped, that every fresh database of
 * this process starts from: initdb plus 45 migrations cost seconds of CPU, a copy a fraction of it.
 * `tests/run.mjs` builds it once per run (TANDEM_PGLITE_TEMPLATE names the file); a test file
 * run alone builds its own on first use.
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = process.env.TANDEM_PGLITE_TEMPLATE;
    if (file) return new Blob([await readFile(file)]);
    return buildPgliteTemplate();
  })();
  return template;
}

/** A new in-memory PGlite, migrated and with the job queue prepared, as a tar of its data directory. */
export async function buildPgliteTemplate(): Promise<Blob> {
  const opened = await openDatabase({});
  try {
    await prepareJobQueue(opened.executor, JOB_QUEUES);
    return await opened.dumpDataDir!();
  } finally {
    await opened.close();
  }
}

/**
 * Creates `name` on the server at `url`, migrated and with the job queue prepared, for the test
 * files' databases to copy (CREATE DATABASE … TEMPLATE). Nothing may stay connected to it.
 */
export async function buildPostgresTemplate(url: string, name: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const opened = await openDatabase({ url: target.toString(), max: 1 });
    try {
      await prepareJobQueue(opened.executor, JOB_QUEUES);
    } finally {
      await opened.close();
    }
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    throw error;
  } finally {
    await admin.end();
  }
}
