import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';
import { seedDemo } from '../../demo/seed/index.ts';

export const DEMO_ORIGIN = 'http://localhost:8788';

/** The API over a seeded database, called with `app.request()`: no server, no network. */
export async function demoApp(db: Database, options: { now?: () => Date } = {}) {
  await seedDemo(db, { origins: [DEMO_ORIGIN] });
  return createApp({
    db,
    now: options.now ?? (() => new Date()),
    config: { publicOrigin: 'http://localhost:8787', secret: 'test-secret-test-secret-test-secret', widgetDir: '/nonexistent', demo: true },
  });
}

export const flowKey = { Authorization: 'Bearer pk_test_flow' };
export const nordKey = { Authorization: 'Bearer pk_test_nord' };
