/**
 * Start-up time to a healthy API on PGlite: the first start (create the database,
 * migrate, seed) and a second start on the same data directory (migrations already
 * applied). Prints figures; asserts nothing.
 *   npx tsx tests/bench/startup.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

async function startOnce(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
    cwd: root, env: { ...process.env, TANDEM_DATA_DIR: dataDir, PORT: String(port), DEMO_PORT: String(port + 1), DATABASE_URL: '' }, stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok) return performance.now() - started;
      } catch { /* not listening yet */ }
      if (performance.now() - started > 60_000) throw new Error('no /health within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const runs = 3;
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-start-'));
  cold.push(await startOnce(dir, 18800 + i * 2));
  warm.push(await startOnce(dir, 18800 + i * 2));
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`start-up to /health on PGlite, ${runs} runs each (process spawn + tsx + migrate + seed):`);
console.log(`  first start (new database): median ${median(cold).toFixed(0)} ms  [${cold.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`  second start (same data):   median ${median(warm).toFixed(0)} ms  [${warm.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`  ratio first/second: ${(median(cold) / median(warm)).toFixed(2)}`);
