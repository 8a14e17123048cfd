/**
 * The process itself: production refuses the demo, and whatever escapes every handler ends the
 * process with a log line that names the error without its message, so a supervisor restarts it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function run(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', STRIPE_SECRET_KEY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`)); }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

test('NODE_ENV=production with --demo refuses to start, saying why', async () => {
  const { code, stderr } = await run(['server/main.ts', '--demo'], { NODE_ENV: 'production', TANDEM_SECRET: 'x'.repeat(32), STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
  assert.equal(code, 1);
  assert.match(stderr, /Refusing to start: --demo is not allowed with NODE_ENV=production/);
});

for (const [kind, trigger] of [
  ['uncaught_exception', 'throw Object.assign(new Error("anna.muster@example.com has no seat"), { code: "E_TEST" });'],
  ['unhandled_rejection', 'Promise.reject(new Error("anna.muster@example.com has no seat"));'],
] as const) {
  test(`${kind.replace('_', ' ')}: logged without its message, exit 70 for the supervisor`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-startup-'));
    try {
      // Once main.ts has installed its handlers (and not before), a timer throws or a promise rejects unawaited.
      const preload = `data:text/javascript,${encodeURIComponent(`const t = setInterval(() => { if (process.listenerCount('unhandledRejection') > 0) { clearInterval(t); ${trigger} } }, 5);`)}`;
      const { code, stderr } = await run(['--import', preload, 'server/main.ts'], { TANDEM_DATA_DIR: dataDir, TANDEM_TEST_PAYMENTS: '1', PORT: '0' });
      assert.equal(code, 70, stderr);
      const line = stderr.split('\n').find((l) => l.includes('"level":"fatal"'));
      assert.ok(line, stderr);
      const fatal = JSON.parse(line) as Record<string, unknown>;
      assert.equal(fatal.event, kind);
      assert.equal(fatal.error, 'Error');
      assert.ok(!stderr.includes('anna.muster@example.com'), stderr);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test('the production bundle (npm run build:server) starts without tsx: migrates a fresh database and answers /health', { timeout: 240_000 }, async () => {
  const build = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', 'build:server', '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('exit', (code) => resolve({ code, output }));
  });
  assert.equal(build.code, 0, build.output);

  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bundle-'));
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address() as { port: number }; s.close(() => resolve(p)); });
  });
  // No --import tsx: plain Node runs the bundle, which finds schema/migrations from the checkout's root.
  const child = spawn(process.execPath, ['dist/server/main.mjs'], {
    cwd: root, env: { ...process.env, DATABASE_URL: '', STRIPE_SECRET_KEY: '', TANDEM_DATA_DIR: dataDir, TANDEM_TEST_PAYMENTS: '1', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  try {
    const deadline = Date.now() + 180_000;
    let health: Response | undefined;
    while (!health) {
      assert.equal(child.exitCode, null, `the bundle exited:\n${output}`);
      assert.ok(Date.now() < deadline, `no answer within 180 s:\n${output}`);
      try { health = await fetch(`http://127.0.0.1:${port}/health`); } catch { await new Promise((r) => setTimeout(r, 200)); }
    }
    assert.equal(health.status, 200, output);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.match(output, /Ready in \d+ ms/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
