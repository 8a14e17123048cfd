import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/platform/db/database.ts';
import type { AppConfig } from '../../server/deps.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { localMailer, type Mailer } from '../../server/platform/adapters/mail/mailer.ts';
import type { PaymentProvider } from '../../server/platform/adapters/payments/provider.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';

export const DEMO_ORIGIN = 'http://localhost:8788';

export const testConfig: AppConfig = { publicOrigin: 'http://localhost:8787', secret: 'test-secret-test-secret-test-secret', widgetDir: '/nonexistent', demo: true };

/**
 * The API over a seeded database, called with `app.request()`: no server, no network.
 * Payments default to the built-in test processor, mail to the local outbox.
 */
export async function demoApp(db: Database, options: { now?: () => Date; payments?: PaymentProvider; mailer?: Mailer } = {}) {
  await seedDemo(db, { origins: [DEMO_ORIGIN] });
  return createApp({
    db,
    now: options.now ?? (() => new Date()),
    config: testConfig,
    payments: options.payments ?? testProvider(),
    mailer: options.mailer ?? localMailer(),
  });
}

export const flowKey = { Authorization: 'Bearer pk_test_flow' };
export const nordKey = { Authorization: 'Bearer pk_test_nord' };
