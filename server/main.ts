import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { projectRoot, readEnv } from './config.ts';
import { openDatabase } from './platform/db/open.ts';
import { sweepExpiredHolds } from './modules/bookings/index.ts';
import { startBackgroundJobs } from './platform/jobs/background.ts';
import { mailerFromEnv } from './platform/adapters/mail/mailer.ts';
import { paymentsFromEnv } from './platform/adapters/payments/from-env.ts';

/**
 * Entry point: choose the database, migrate, seed the demo when asked, listen.
 *   tsx server/main.ts          the API
 *   tsx server/main.ts --demo   the API plus the demo studio site on DEMO_PORT, seeded once
 */
async function main() {
  const started = performance.now();
  const env = readEnv();
  const demo = process.argv.includes('--demo');
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.databaseUrl ? undefined : env.dataDir });
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
    config: { publicOrigin: env.publicOrigin, secret: env.secret, widgetDir: resolve(projectRoot, 'widget/dist'), demo },
    payments: paymentsFromEnv(),
    mailer: mailerFromEnv(),
  };
  const app = createApp(deps);
  // The mail outbox and installment charges: durable jobs whose state is in the database.
  const jobs = startBackgroundJobs(deps);
  // Expired booking holds stop counting the moment they expire; this releases their rows.
  setInterval(() => void sweepExpiredHolds(database.db, new Date()).catch((e) => console.error('[tandem] hold sweeper:', e)), 30_000).unref();
  const api = serve({ fetch: app.fetch, port: env.port, hostname: env.host });
  const servers = [api];
  console.log(`Tandem API       ${env.publicOrigin}  (database: ${database.kind === 'pglite' ? `PGlite at ${env.dataDir}` : 'PostgreSQL'})`);
  if (demo) {
    const { startDemoSite } = await import('../demo/server.ts');
    servers.push(startDemoSite({ port: env.demoPort, host: env.host, apiOrigin: env.publicOrigin }));
    console.log(`Demo studio site ${env.demoOrigin}   <- open this`);
  }
  console.log(`Payments         ${deps.payments.kind === 'stripe' ? `Stripe${deps.payments.testMode ? ' (test keys)' : ''}` : 'built-in TEST processor (no STRIPE_SECRET_KEY)'}; mail: ${deps.mailer.kind === 'smtp' ? 'SMTP' : `local outbox${demo ? ` at ${env.publicOrigin}/dev/outbox` : ' (mail_outbox rows, not sent)'}`}`);
  console.log(`Ready in ${Math.round(performance.now() - started)} ms.`);
  const stop = async () => {
    for (const s of servers) s.close();
    await jobs.stop();
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
