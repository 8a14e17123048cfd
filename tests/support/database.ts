import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../server/platform/db/open.ts';
import type { OpenDatabase } from '../../server/platform/db/database.ts';
import { prepareJobQueue } from '../../server/platform/jobs/queue.ts';
import { JOB_QUEUES } from '../../server/jobs.ts';

/**
 * A fresh, migrated database for one test file.
 *   DATABASE_URL unset: an in-memory PGlite.
 *   DATABASE_URL set:   a new database on that server (created here, dropped on close),
 *                       so runs never see each other's rows.
 */
export async function freshDatabase(options: { max?: number } = {}): Promise<OpenDatabase & { label: string; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const opened = await openDatabase({});
    await prepareJobQueue(opened.executor, JOB_QUEUES);
    return { ...opened, label: 'PGlite' };
  }
  const { default: postgres } = await import('postgres');
  const name = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  let opened: OpenDatabase;
  try {
    opened = await openDatabase({ url: target.toString(), max: options.max ?? 20 });
    await prepareJobQueue(opened.executor, JOB_QUEUES);
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
