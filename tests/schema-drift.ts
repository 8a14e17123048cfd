/**
 * Schema drift: the tables and policies in schema/db and the migrations in schema/migrations
 * must agree, i.e. `npx drizzle-kit generate` must have nothing to write. drizzle-kit has no
 * dry mode, so it runs against a temporary copy of the migrations folder (with the project's
 * own drizzle.config.ts, only `out` pointing at the copy) and whatever it writes there is the
 * drift. Exits 1 with the SQL it would add. Run: `node --import tsx tests/schema-drift.ts`
 * (part of the `types` group of tests/run.mjs).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../drizzle.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const migrations = resolve(root, config.out ?? 'drizzle');
const TIMEOUT_MS = 120_000;

/** Every file under `dir`, relative path → content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function generate(cwd: string): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((done) => {
    let output = '';
    const child = spawn(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', 'drizzle.config.ts'], {
      cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    // A rename is ambiguous to drizzle-kit and it asks: without a terminal that would wait forever.
    const timer = setTimeout(() => { child.kill('SIGKILL'); done({ code: null, output, timedOut: true }); }, TIMEOUT_MS);
    child.on('close', (code) => { clearTimeout(timer); done({ code, output, timedOut: false }); });
  });
}

const work = mkdtempSync(join(tmpdir(), 'tandem-drift-'));
let failed = true;
try {
  cpSync(migrations, join(work, 'migrations'), { recursive: true });
  const schemas = (Array.isArray(config.schema) ? config.schema : [config.schema ?? '']).map((s) => resolve(root, s));
  // drizzle-kit prefixes `out` with './': it has to be relative to the working directory.
  writeFileSync(join(work, 'drizzle.config.ts'), `export default ${JSON.stringify({ ...config, schema: schemas, out: './migrations' }, null, 2)};\n`);

  const before = snapshot(join(work, 'migrations'));
  const { code, output, timedOut } = await generate(work);
  const after = snapshot(join(work, 'migrations'));
  const changed = [...after].filter(([path, text]) => before.get(path) !== text).map(([path]) => path);
  const sql = changed.filter((p) => p.endsWith('.sql'));

  if (changed.length > 0) {
    console.error(`schema drift: schema/db and ${relative(root, migrations)} disagree. \`npx drizzle-kit generate\` would write ${changed.join(', ')}:`);
    for (const p of sql) console.error(`\n-- ${p}\n${after.get(p)}`);
    console.error('\nGenerate the migration (npx drizzle-kit generate --name <what>) and commit it with the schema change, or undo the change in schema/db.');
  } else if (timedOut) {
    console.error(`schema drift: drizzle-kit generate did not finish within ${TIMEOUT_MS / 1000} s; it may be asking whether a column or table was renamed. Run \`npx drizzle-kit generate\` yourself.\n${output}`);
  } else if (code !== 0 || !/No schema changes/.test(output)) {
    // drizzle-kit exits 0 on some errors: only its "nothing to migrate" line counts as agreement.
    console.error(`schema drift: drizzle-kit generate did not confirm "No schema changes" (exit ${code}):\n${output}`);
  } else {
    console.log('schema drift: none (drizzle-kit generate has nothing to write)');
    failed = false;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
