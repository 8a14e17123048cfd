import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const p = port(env.PORT, 8787, 'PORT');
  const d = port(env.DEMO_PORT, 8788, 'DEMO_PORT');
  const host = env.HOST || '127.0.0.1';
  if (env.NODE_ENV === 'production' && !env.TANDEM_SECRET) throw new Error('TANDEM_SECRET must be set in production');
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
  };
}
