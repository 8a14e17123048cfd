import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { projectRoot, readEnv } from './config.ts';
import { openDatabase } from './platform/db/open.ts';
import { prepareJobQueue, startJobRunner } from './platform/jobs/queue.ts';
import { JOB_QUEUES, jobDefinitions } from './jobs.ts';
import { mailerFromEnv } from './platform/adapters/mail/mailer.ts';
import { paymentsFromEnv } from './platform/adapters/payments/from-env.ts';
import { storageFromEnv } from './platform/adapters/storage/from-env.ts';
import { testProvider } from './platform/adapters/payments/test-provider.ts';
import { errorFacts } from './platform/http/safe-log.ts';
import { forgetKeys, KEYS_CHANGED_CHANNEL } from './platform/http/key-cache.ts';

/**
 * The last resort: whatever escapes every handler (an exception thrown from a timer, a promise
 * nobody awaited) is logged without its message, which may carry personal data, and the process
 * exits non-zero so its supervisor (systemd, a container runtime) starts a fresh one, rather
 * than serving on in an unknown state.
 */
function exitOnUnhandled() {
  const fatal = (kind: string) => (error: unknown) => {
    try {
      console.error(JSON.stringify({ level: 'fatal', event: kind, pid: process.pid, ...errorFacts(error) }));
    } finally {
      process.exit(70); // EX_SOFTWARE
    }
  };
  process.on('uncaughtException', fatal('uncaught_exception'));
  process.on('unhandledRejection', fatal('unhandled_rejection'));
}

/**
 * Entry point: choose the database, migrate, seed the demo when asked, listen.
 *   tsx server/main.ts          the API
 *   tsx server/main.ts --demo   the API plus the demo studio site on DEMO_PORT, seeded once
 */
async function main() {
  exitOnUnhandled();
  const started = performance.now();
  const env = readEnv();
  const demo = env.demo;
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.databaseUrl ? undefined : env.dataDir });
  await prepareJobQueue(database.executor, JOB_QUEUES);
  if (demo) {
    const { seedDemo, ensureDemoOrigins } = await import('../demo/seed/index.ts');
    const origins = [env.demoOrigin, env.demoOrigin.replace('localhost', '127.0.0.1')];
    const { seeded } = await seedDemo(database.db, { origins });
    // A fresh seed has just written these origins; an earlier one may have had another DEMO_PORT.
    if (seeded) console.log('Seeded the demo studios (Studio Flow, Atelier Nord).');
    else await ensureDemoOrigins(database.db, origins);
  }
  const deps = {
    db: database.db,
    now: () => new Date(),
    // `demo` in the app's config gates the /dev/* pages: TANDEM_DEV_ROUTES (on by default with --demo).
    config: { publicOrigin: env.publicOrigin, secret: env.secret, widgetDir: resolve(projectRoot, 'widget/dist'), demo: env.devRoutes, limits: env.limits, allowPrivateWebhookTargets: !env.production, customDomains: env.customDomains },
    // Stripe, or the test processor only when asked for (TANDEM_TEST_PAYMENTS, on by default with --demo).
    payments: env.payments === 'stripe' ? paymentsFromEnv() : testProvider(),
    mailer: mailerFromEnv(),
    // Homework uploads: the S3-compatible bucket of S3_URL, else TANDEM_DATA_DIR/uploads.
    storage: storageFromEnv(process.env, env.dataDir),
  };
  // Resolved publishable keys are kept a few seconds; a change to api_keys forgets them at once.
  await database.listen(KEYS_CHANGED_CHANNEL, () => forgetKeys(database.db));
  const app = createApp(deps);
  // Mail, hold releases, installment charges: durable jobs in the database, each run once.
  const jobs = await startJobRunner(database.executor, jobDefinitions(deps));
  const api = serve({
    fetch: app.fetch, port: env.port, hostname: env.host,
    // Slow clients: a request must send its headers, and then all of itself, within these limits.
    serverOptions: { headersTimeout: env.http.headersTimeoutMs, requestTimeout: env.http.requestTimeoutMs, keepAliveTimeout: env.http.keepAliveTimeoutMs },
  });
  const servers = [api];
  console.log(`Tandem API       ${env.publicOrigin}  (database: ${database.kind === 'pglite' ? `PGlite at ${env.dataDir}` : 'PostgreSQL'})`);
  if (demo) {
    const { startDemoSite } = await import('../demo/server.ts');
    servers.push(startDemoSite({ port: env.demoPort, host: env.host, apiOrigin: env.publicOrigin }));
    console.log(`Demo studio site ${env.demoOrigin}   <- open this`);
  }
  console.log(`Payments         ${deps.payments.kind === 'stripe' ? `Stripe${deps.payments.testMode ? ' (test keys)' : ''}` : 'built-in TEST processor (TANDEM_TEST_PAYMENTS)'}; mail: ${deps.mailer.kind === 'smtp' ? 'SMTP' : `local outbox${env.devRoutes ? ` at ${env.publicOrigin}/dev/outbox (loopback only)` : ' (mail_outbox rows, not sent)'}`}`);
  console.log(`Uploads          ${deps.storage.kind === 's3' ? 'S3-compatible bucket (S3_URL)' : `${env.dataDir}/uploads`}`);
  console.log(`Ready in ${Math.round(performance.now() - started)} ms.`);
  const stop = async () => {
    for (const s of servers) s.close();
    await jobs.stop();
    await deps.mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
