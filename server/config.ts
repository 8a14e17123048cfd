import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { limitsFromEnv, type RateLimits } from './platform/limits.ts';
import { flagFrom, portFrom, positiveIntegerFrom } from './platform/env-values.ts';
import { projectRoot } from './platform/project-root.ts';

/** Everything the environment decides, read once at start-up. */
export interface Env {
  port: number;
  demoPort: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicOrigin: string;
  demoOrigin: string;
  secret: string;
  production: boolean;
  /** `--demo`: seed the demo studios and serve the demo site. Never in production. */
  demo: boolean;
  /** TANDEM_DEV_ROUTES: mount /dev/* (the mail outbox), for loopback clients only. Default: on with --demo. */
  devRoutes: boolean;
  /** Which payment processor: Stripe (STRIPE_SECRET_KEY) or the built-in test processor (TANDEM_TEST_PAYMENTS). */
  payments: 'stripe' | 'test';
  /** The Node HTTP server's limits against slow clients (milliseconds). */
  http: HttpLimits;
  /** Rate limits, caps on holds, TRUST_PROXY (server/platform/limits.ts; docs/security.md, "Rate limits"). */
  limits: RateLimits;
  /** TANDEM_CUSTOM_DOMAINS: a studio's own host name → its slug, for its hosted pages (docs/hosted-pages.md). */
  customDomains: Record<string, string>;
}

/** `book.studioflow.ch=studio-flow, kurse.example.de=atelier-nord`: host names (lower case, no port) and studio slugs. */
export function customDomainsOf(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)=([a-z0-9][a-z0-9-]{0,79})$/.exec(pair.toLowerCase());
    if (!m) throw new Error(`TANDEM_CUSTOM_DOMAINS: "${pair}" is not host=studio-slug`);
    if (out[m[1]!]) throw new Error(`TANDEM_CUSTOM_DOMAINS: ${m[1]} is named twice`);
    out[m[1]!] = m[5]!;
  }
  return out;
}

export interface HttpLimits {
  /** Time to receive a request's complete headers (slowloris). */
  headersTimeoutMs: number;
  /** Time to receive a complete request, body included. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open; keep it above a proxy's idle timeout only if the proxy reuses connections. */
  keepAliveTimeoutMs: number;
}

export { projectRoot };

export function readEnv(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): Env {
  const p = portFrom(env, 'PORT', 8787);
  const d = portFrom(env, 'DEMO_PORT', 8788);
  const host = env.HOST || '127.0.0.1';
  const production = env.NODE_ENV === 'production';
  const demo = argv.includes('--demo');
  if (production && demo) {
    throw new Error('Refusing to start: --demo is not allowed with NODE_ENV=production (it seeds demo studios with published keys and turns on the test payment processor). Use `npm run start:prod`.');
  }
  if (production && !env.TANDEM_SECRET) throw new Error('TANDEM_SECRET must be set in production');
  const devRoutes = flagFrom(env, 'TANDEM_DEV_ROUTES', demo).value;
  if (production && devRoutes) throw new Error('TANDEM_DEV_ROUTES is not allowed with NODE_ENV=production: /dev/outbox shows every studio\'s mail.');
  const testPayments = flagFrom(env, 'TANDEM_TEST_PAYMENTS', demo);
  const stripe = Boolean(env.STRIPE_SECRET_KEY);
  let payments: Env['payments'];
  if (production && testPayments.value) {
    throw new Error('TANDEM_TEST_PAYMENTS is not allowed with NODE_ENV=production: the built-in test processor confirms payments without money.');
  }
  if (stripe && testPayments.explicit && testPayments.value) {
    throw new Error('Choose one payment processor: STRIPE_SECRET_KEY is set and so is TANDEM_TEST_PAYMENTS=1.');
  }
  if (stripe) payments = 'stripe';
  else if (testPayments.value) payments = 'test';
  else {
    throw new Error('No payment processor: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or (outside production) TANDEM_TEST_PAYMENTS=1 for the built-in test processor.');
  }
  const http: HttpLimits = {
    headersTimeoutMs: positiveIntegerFrom(env, 'TANDEM_HEADERS_TIMEOUT_MS', 10_000, 'number of milliseconds'),
    requestTimeoutMs: positiveIntegerFrom(env, 'TANDEM_REQUEST_TIMEOUT_MS', 30_000, 'number of milliseconds'),
    keepAliveTimeoutMs: positiveIntegerFrom(env, 'TANDEM_KEEP_ALIVE_TIMEOUT_MS', 5_000, 'number of milliseconds'),
  };
  if (http.headersTimeoutMs > http.requestTimeoutMs) throw new Error('TANDEM_HEADERS_TIMEOUT_MS must not exceed TANDEM_REQUEST_TIMEOUT_MS');
  return {
    port: p,
    demoPort: d,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TANDEM_DATA_DIR || resolve(projectRoot, '.data')),
    publicOrigin: env.PUBLIC_ORIGIN || `http://localhost:${p}`,
    demoOrigin: env.DEMO_ORIGIN || `http://localhost:${d}`,
    // Without a configured secret, tokens signed now stop verifying after a restart; fine for the demo only.
    secret: env.TANDEM_SECRET || randomBytes(32).toString('hex'),
    production,
    demo,
    devRoutes,
    payments,
    http,
    limits: limitsFromEnv(env),
    customDomains: customDomainsOf(env.TANDEM_CUSTOM_DOMAINS),
  };
}
