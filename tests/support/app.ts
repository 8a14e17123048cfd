import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/platform/db/database.ts';
import type { AppConfig } from '../../server/deps.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { localMailer, type Mailer } from '../../server/platform/adapters/mail/mailer.ts';
import type { PaymentProvider } from '../../server/platform/adapters/payments/provider.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import type { RateLimits } from '../../server/platform/limits.ts';
import type { FileStorage } from '../../server/platform/adapters/storage/storage.ts';
import type { DnsResolver } from '../../server/platform/adapters/dns/resolver.ts';

export const DEMO_ORIGIN = 'http://localhost:8788';

/**
 * Limits out of the way, for suites that make many bookings quickly from one client (all of
 * app.request()'s requests come from the same `unknown` address). The limits' own tests
 * (tests/api/hardening/rate-limits.test.ts, hold-flood.test.ts) pass `DEFAULT_RATE_LIMITS`.
 */
const unlimited = { burst: 1_000_000, perMinute: 1_000_000 };
export const relaxedLimits: RateLimits = {
  reads: unlimited, writes: unlimited, holds: unlimited, holdsPerEmail: unlimited, portalReads: unlimited, portalWrites: unlimited,
  liveHoldsPerClient: 1_000_000, liveHoldsPerEmail: 1_000_000, openQrBillsPerCustomer: 1_000_000, trustProxy: 0,
};

export const testConfig: AppConfig = { publicOrigin: 'http://localhost:8787', secret: 'test-secret-test-secret-test-secret', widgetDir: '/nonexistent', demo: true, limits: relaxedLimits, allowPrivateWebhookTargets: true };

/**
 * The API over a seeded database, called with `app.request()`: no server, no network.
 * Payments default to the built-in test processor, mail to the local outbox.
 */
export async function demoApp(db: Database, options: { now?: () => Date; payments?: PaymentProvider; mailer?: Mailer; limits?: RateLimits; storage?: FileStorage; dns?: DnsResolver } = {}) {
  await seedDemo(db, { origins: [DEMO_ORIGIN] });
  return createApp({
    db,
    now: options.now ?? (() => new Date()),
    config: options.limits ? { ...testConfig, limits: options.limits } : testConfig,
    payments: options.payments ?? testProvider(),
    mailer: options.mailer ?? localMailer(),
    storage: options.storage,
    dns: options.dns,
  });
}

export const flowKey = { Authorization: 'Bearer pk_test_flow' };
export const nordKey = { Authorization: 'Bearer pk_test_nord' };
