/**
 * The set-up the admin booking and settlement tests share (booking confirmation, credits, notes,
 * progress, refunds, cancellations): per `describe`, a fresh database with the demo studios, the
 * API on a test clock with the test processor (each refund asked of it recorded), the demo variants,
 * the jobs as the worker runs them, and one way to call a staff route as Studio Flow's owner.
 * Call it at the top of a `describe`: it registers that block's `before` and `after`.
 */
import { after, before } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/platform/db/database.ts';
import { freshDatabase } from './database.ts';
import { demoApp, testConfig } from './app.ts';
import { Clock } from './booking.ts';
import { demoVariants } from './checkout.ts';
import { skFlow } from './admin-money.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import type { PaymentProvider, RefundInput } from '../../server/platform/adapters/payments/provider.ts';
import { runDueJobs } from '../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../server/jobs.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

export interface AdminBookingStudio {
  readonly clock: Clock;
  /** Set in `before`. */
  db: Database;
  app: App;
  /** Reiki's first variant. */
  reiki: string;
  /** Every demo program's variants by slug. */
  variants: Record<string, string[]>;
  /** The test processor the API pays and refunds with. */
  readonly payments: PaymentProvider;
  /** Each refund asked of the provider, in order. */
  readonly refundCalls: RefundInput[];
  /** The job definitions as the worker has them (this clock, this provider, the local outbox). */
  jobs(): ReturnType<typeof jobDefinitions>;
  /** Runs the jobs that are due now, as the worker would. */
  runJobs(): Promise<number>;
  /**
   * An admin request as Studio Flow's owner with a fresh Idempotency-Key; `body`, when given, as
   * JSON. `headers` come last: another caller's key, or a fixed Idempotency-Key for a replay.
   */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function adminBookingStudio(start = '2026-11-25T08:00:00Z'): AdminBookingStudio {
  let opened: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  const refundCalls: RefundInput[] = [];
  const inner = testProvider();
  const studio: AdminBookingStudio = {
    clock: new Clock(new Date(start)),
    db: undefined as unknown as Database,
    app: undefined as unknown as App,
    reiki: '',
    variants: {},
    payments: { ...inner, refund: async (input) => { refundCalls.push(input); return inner.refund(input); } },
    refundCalls,
    jobs: () => jobDefinitions({ db: studio.db, now: studio.clock.now, config: testConfig, payments: studio.payments, mailer: localMailer() }),
    runJobs: () => runDueJobs(opened!.executor, studio.jobs()),
    send: async (method, path, body, headers = {}) => studio.app.request(path, body === undefined
      ? { method, headers: { ...skFlow, 'Idempotency-Key': randomUUID(), ...headers } }
      : { method, headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body) }),
  };
  before(async () => {
    opened = await freshDatabase();
    studio.db = opened.db;
    studio.app = await demoApp(opened.db, { now: studio.clock.now, payments: studio.payments });
    studio.variants = await demoVariants(studio.app);
    studio.reiki = studio.variants.reiki![0]!;
  });
  after(async () => opened?.close());
  return studio;
}
