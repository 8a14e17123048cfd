/**
 * The API as a real server for the load benches: the production bundle with `--demo` in a child process
 * (its own CPU and memory, measured from /proc), on loopback ports of its own, over a fresh
 * database (PostgreSQL: created on DATABASE_URL's server and dropped afterwards; without
 * DATABASE_URL: PGlite in a temporary directory). Limits are loosened (the bench is one
 * client flooding) except where a bench passes its own, and `X-Forwarded-For` is trusted so
 * a bench can speak for many clients.
 *
 * The bundle runs with the Node options of `npm run start:prod` (productionNodeOptions);
 * BENCH_API_NODE_ARGS adds Node options to the server's command line (a CPU profile, say).
 * BENCH_TREE=/path/to/another/checkout measures that checkout's server instead (for before /
 * after figures of the same bench); it needs its own node_modules (a symlink will do).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface RunningApi {
  url: string;
  pid: number;
  /** The database the server uses (PostgreSQL only). */
  databaseUrl?: string | undefined;
  kind: 'postgres' | 'pglite';
  tree: string;
  /** Resident memory of the server process, MB. */
  rssMb(): number;
  /** User + system CPU of the server process so far, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const LOOSE = '1000000,1000000/s';

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

export function load(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

function procStatus(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, USER_HZ = 100
  } catch {
    return 0;
  }
}

/**
 * What production runs: the bundle of `npm run build:server` (plain Node, no TypeScript loader),
 * built here first. BENCH_API_TSX=1, or a BENCH_TREE without that script, runs the source through tsx instead.
 */
function serverEntry(tree: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (process.env.BENCH_API_TSX === '1' || !scripts['build:server']) return ['--import', 'tsx', 'server/main.ts'];
  execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: tree, stdio: 'inherit' });
  return [...productionNodeOptions(scripts['start:prod']), 'dist/server/main.mjs'];
}

/**
 * The Node options `npm run start:prod` gives the bundle (`node <options> dist/server/main.mjs`):
 * the heap's tuning among them, so the benches measure the process production runs.
 */
export function productionNodeOptions(startProd: string | undefined): string[] {
  const m = /\bnode\s+((?:--\S+\s+)*)dist\/server\/main\.mjs/.exec(startProd ?? '');
  return m ? m[1]!.split(/\s+/).filter(Boolean) : [];
}

/** How the API was started (the figures say which): the production bundle, with start:prod's Node options, or the source through tsx. */
export function serverKind(tree = resolve(process.env.BENCH_TREE ?? repoRoot)): string {
  const scripts = (JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (process.env.BENCH_API_TSX === '1' || !scripts['build:server']) return 'source through tsx';
  const options = [...productionNodeOptions(scripts['start:prod']), ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  return `production bundle (npm run build:server), node ${options.join(' ') || '(no options)'}`;
}

export async function startApi(options: { postgres?: boolean; env?: Record<string, string> } = {}): Promise<RunningApi> {
  const tree = resolve(process.env.BENCH_TREE ?? repoRoot);
  const usePostgres = options.postgres ?? Boolean(process.env.DATABASE_URL);
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  let dataDir: string | undefined;
  if (usePostgres) {
    if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test');
    const { default: postgres } = await import('postgres');
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const name = `tandem_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const target = new URL(process.env.DATABASE_URL);
    target.pathname = `/${name}`;
    databaseUrl = target.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  }
  const [port, demoPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl ?? '',
    TANDEM_DATA_DIR: dataDir ?? '',
    PORT: String(port),
    DEMO_PORT: String(demoPort),
    HOST: '127.0.0.1',
    TANDEM_SECRET: 'bench-secret-bench-secret-bench-secret',
    TANDEM_RATE_READS: LOOSE,
    TANDEM_RATE_WRITES: LOOSE,
    TANDEM_RATE_HOLDS: LOOSE,
    TANDEM_RATE_HOLDS_PER_EMAIL: LOOSE,
    TANDEM_MAX_LIVE_HOLDS_PER_CLIENT: '1000000',
    TANDEM_MAX_LIVE_HOLDS_PER_EMAIL: '1000000',
    TRUST_PROXY: '1',
    ...options.env,
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  // BENCH_API_NODE_ARGS: extra Node options for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const entry = serverEntry(tree);
  // The bench's own options after start:prod's, so that they win where both set one (an A/B of the heap's tuning).
  const child: ChildProcess = spawn(process.execPath, [...entry.slice(0, -1), ...nodeArgs, entry.at(-1)!, '--demo'], { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += String(d); });
  child.stderr!.on('data', (d) => { output += String(d); });
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a shared machine at a load of 50+, building the bundle, migrating and seeding take minutes.
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) { await dropDatabase(); throw new Error(`the API exited (${child.exitCode}):\n${output}`); }
    if (/Ready in/.test(output)) {
      try { if ((await fetch(`${url}/health`)).ok) break; } catch { /* not yet */ }
    }
    if (Date.now() > deadline) { child.kill('SIGKILL'); await dropDatabase(); throw new Error(`the API did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    url, pid, databaseUrl, kind: databaseUrl ? 'postgres' : 'pglite', tree,
    rssMb: () => procStatus(pid, 'VmRSS') / 1024,
    cpuMs: () => procCpuMs(pid),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // A CPU profile is written at exit, which takes a while on a loaded machine.
        await Promise.race([exited, new Promise((r) => setTimeout(r, nodeArgs.some((a) => a.startsWith('--cpu-prof')) ? 60_000 : 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await dropDatabase();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const flowKey = { authorization: 'Bearer pk_test_flow' };

/** `YYYY-MM-DD` of an instant, in UTC. */
export const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
