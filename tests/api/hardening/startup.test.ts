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
