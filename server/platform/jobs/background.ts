import type { Database } from '../db/database.ts';
import type { AppConfig } from '../../deps.ts';
import type { Mailer } from '../adapters/mail/mailer.ts';
import { drainOutbox } from '../../modules/notifications/index.ts';
import type { PaymentProvider } from '../adapters/payments/provider.ts';
import { chargeDueInstallments } from '../../modules/billing/index.ts';

export interface BackgroundEnv {
  db: Database;
  mailer: Mailer;
  payments: PaymentProvider;
  now: () => Date;
  config: AppConfig;
}

/**
 * The durable jobs' loops: the mail outbox every few seconds, due installments every minute.
 * Their state lives in Postgres, so stopping (or crashing) loses nothing; each round is
 * safe to run on several replicas at once (rows are claimed with SKIP LOCKED and leases).
 */
export function startBackgroundJobs(env: BackgroundEnv, every = { mailMs: 2_000, installmentsMs: 60_000 }): { stop(): Promise<void> } {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const loop = (name: string, ms: number, round: () => Promise<unknown>) => {
    let timer: NodeJS.Timeout;
    const tick = () => {
      if (stopped) return;
      const p = round().catch((error) => console.error(`[tandem] ${name}:`, error instanceof Error ? error.message : error))
        .finally(() => {
          running.delete(p);
          if (!stopped) timer = setTimeout(tick, ms).unref();
        });
      running.add(p);
    };
    timer = setTimeout(tick, Math.min(ms, 1_000)).unref();
    return () => clearTimeout(timer);
  };
  const stops = [
    loop('mail outbox', every.mailMs, () => drainOutbox({ db: env.db, mailer: env.mailer, now: env.now })),
    loop('installments', every.installmentsMs, () => chargeDueInstallments(env)),
  ];
  return {
    async stop() {
      stopped = true;
      for (const s of stops) s();
      await Promise.allSettled([...running]);
      await env.mailer.close();
    },
  };
}
