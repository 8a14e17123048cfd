#!/usr/bin/env node
// The whole suite, or some groups of it: `node tests/run.mjs [types] [unit] [db] [api] [widget] [e2e]`.
// Node suites run with Node's test runner (TypeScript through tsx), the widget suite with
// @web/test-runner in Chromium. `types` is tsc, the layer rules (dependency-cruiser) and the schema drift check (schema/db against
// schema/migrations). Ends with one line: `tandem: N passed, M failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { bundleTests } from './support/bundle-tests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tapDir = join(root, '.tap');
mkdirSync(tapDir, { recursive: true });

const nodeGroups = { unit: 'tests/unit', db: 'tests/db', api: 'tests/api', e2e: 'tests/e2e' };
// A hanging test fails instead of hanging the suite. Node 20 applies --test-timeout to each test
// file as a whole (later versions to each test). The slowest file, tests/db/concurrency.test.ts,
// takes about 85 s on PGlite with two files running at once (its 2,000-operation test about 60 s);
// this leaves room for a slower or busier machine (the rate-limit and fuzz files take minutes under load). TANDEM_TEST_TIMEOUT_MS overrides it.
const testTimeoutMs = Number(process.env.TANDEM_TEST_TIMEOUT_MS ?? 480_000);
const allGroups = ['types', 'unit', 'db', 'api', 'widget', 'e2e'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const groups = asked.length ? asked : allGroups;
for (const g of groups) if (!allGroups.includes(g)) { console.error(`unknown group "${g}" (one of ${allGroups.join(', ')})`); process.exit(2); }

// Which Node groups run as esbuild bundles (support/bundle-tests.mjs) instead of through tsx:
// TANDEM_TEST_BUNDLES=all (the default), =none (every file through tsx), or a comma list of groups.
// A bundle loads the server's module graph in ~1 s of CPU against ~4 s through tsx (docs/benchmarks.md, "CI time").
const bundledGroups = (() => {
  const asked = process.env.TANDEM_TEST_BUNDLES ?? 'all';
  if (asked === 'all') return new Set(Object.keys(nodeGroups));
  if (asked === 'none') return new Set();
  return new Set(asked.split(',').map((g) => g.trim()));
})();
const chromium = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const requireBrowser = process.env.TANDEM_REQUIRE_BROWSER === '1';
const totals = { passed: 0, failed: 0 };
const notRun = [];

function testFiles(dir) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) out.push(relative(root, path));
    }
  };
  walk(join(root, dir));
  return out;
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// The suites on PGlite copy one migrated database (tests/support/database.ts): built once per run, here,
// instead of migrating anew in every test file (initdb and the migrations were about half of a file's CPU time).
let pgliteTemplate;
async function pgliteTemplateEnv(group) {
  if (process.env.DATABASE_URL || group === 'unit') return {};
  if (pgliteTemplate === undefined) {
    const file = join(tapDir, 'pglite-template.tar');
    const { code } = await run(process.execPath, ['--import', 'tsx', join(root, 'tests/support/pglite-template.ts'), file]);
    // Without the file each test file builds its own copy: slower, still right.
    pgliteTemplate = code === 0 ? file : null;
  }
  return pgliteTemplate ? { TANDEM_PGLITE_TEMPLATE: pgliteTemplate } : {};
}

// On PostgreSQL, test files copy one migrated database made here (support/pg-template.ts, dropped
// at the end of the run) instead of migrating their own: the migrations were most of the server's work per file.
let pgTemplate;
async function pgTemplateEnv(group) {
  const url = process.env.DATABASE_URL;
  if (!url || group === 'unit') return {};
  if (pgTemplate === undefined) {
    const name = `tandem_template_${process.pid}_${randomBytes(4).toString('hex')}`;
    const { code } = await run(process.execPath, ['--import', 'tsx', join(root, 'tests/support/pg-template.ts'), url, name]);
    // Without it each test file migrates its own database: slower, still right.
    pgTemplate = code === 0 ? name : null;
  }
  return pgTemplate ? { TANDEM_PG_TEMPLATE: pgTemplate } : {};
}

async function dropPgTemplate() {
  if (!pgTemplate) return;
  const { default: postgres } = await import('postgres');
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try { await admin.unsafe(`drop database if exists ${pgTemplate} with (force)`); }
  catch (error) { console.error(`could not drop ${pgTemplate}: ${error.message}`); }
  finally { await admin.end(); }
}

/** User + system CPU seconds of this process's finished children (Linux; null elsewhere). */
function childrenCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After "pid (comm) ": state is field 3, cutime 16 and cstime 17, in clock ticks (100 a second here).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch { return null; }
}

/**
 * One or more Node groups in one `node --test` run: db and api together keep both test slots busy
 * while the db group's longest file (the 2,000-operation concurrency test) runs, instead of one slot
 * waiting for it before the api files start. Their files start in the order given, longest groups first.
 */
async function nodeSuite(groupNames) {
  const group = groupNames.join('+');
  const files = groupNames.flatMap((g) => testFiles(nodeGroups[g]));
  if (files.length === 0) { console.log(`\n== ${group}: no test files`); return; }
  const tap = join(tapDir, `${group}.tap`);
  const fileTimes = join(tapDir, `${group}-files.json`);
  console.log(`\n== ${group} (${files.length} files${process.env.DATABASE_URL ? ', PostgreSQL at DATABASE_URL' : ', PGlite'})`);
  const env = { ...(chromium ? { CHROME_PATH: chromium } : {}), ...await pgliteTemplateEnv(groupNames[0]), ...await pgTemplateEnv(groupNames[0]) };
  let entries = null;
  if (groupNames.every((g) => bundledGroups.has(g))) {
    const t = Date.now();
    try {
      const { outputs, reused } = await bundleTests(root, files);
      entries = outputs;
      console.log(reused ? 'bundles up to date' : `bundled in ${((Date.now() - t) / 1000).toFixed(1)} s (esbuild)`);
    }
    catch (error) { console.log(`bundling the ${group} files failed (${error.message.split('\n')[0]}): running them through tsx`); }
  }
  rmSync(fileTimes, { force: true });
  const cpuBefore = childrenCpuSeconds();
  const started = Date.now();
  const { code } = await run(process.execPath, [
    ...(entries ? ['--enable-source-maps'] : ['--import', 'tsx']),
    '--test', '--test-concurrency=2', `--test-timeout=${testTimeoutMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'tests/support/tap-with-file-times.mjs')}`, `--test-reporter-destination=${tap}`,
    ...(entries ?? files),
  ], { ...env, TANDEM_FILE_TIMES: fileTimes });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += fail || (code !== 0 ? 1 : 0);
  const cpuAfter = childrenCpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? '' : `, ${Math.round(cpuAfter - cpuBefore)} s CPU (test processes, user + system)`;
  console.log(`\n${group}: ${Math.round((Date.now() - started) / 1000)} s${cpu}, ${entries ? 'bundles' : 'tsx'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    const slowest = JSON.parse(readFileSync(fileTimes, 'utf8')).slice(0, 8);
    console.log(`slowest files (their tests' time): ${slowest.map((f) => `${relative(root, f.file).replace(/^\.tap\/build\//, '')} ${(f.ms / 1000).toFixed(1)} s`).join(', ')}`);
  } catch { /* no times written: the run failed before its reporters closed */ }
}

async function widgetSuite() {
  console.log('\n== widget (@web/test-runner, Chromium)');
  const { code, output } = await run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'], { CHROME_PATH: chromium });
  const matches = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  const pass = last ? Number(last[1]) : 0;
  const fail = last ? Number(last[2]) : 0;
  totals.passed += pass;
  totals.failed += fail || (code !== 0 ? 1 : 0);
}

async function typesSuite() {
  console.log('\n== types (tsc --noEmit)');
  const { code } = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
  if (code === 0) { totals.passed += 1; console.log('types: ok'); } else totals.failed += 1;
  console.log('\n== schema drift (drizzle-kit generate into a copy of schema/migrations)');
  const drift = await run(process.execPath, ['--import', 'tsx', join(root, 'tests/schema-drift.ts')]);
  if (drift.code === 0) totals.passed += 1; else totals.failed += 1;
  console.log('\n== layer rules (dependency-cruiser, .dependency-cruiser.cjs)');
  const layers = await run(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'server', 'widget', 'shared', 'schema', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
  if (layers.code === 0) totals.passed += 1; else totals.failed += 1;
}

const started = Date.now();
for (const group of groups) {
  if ((group === 'widget' || group === 'e2e') && !chromium) {
    notRun.push(group);
    console.log(`\n== ${group}: NOT RUN — no Chromium found (install chromium or set CHROME_PATH)`);
    if (requireBrowser) totals.failed += 1;
    continue;
  }
  if (group === 'widget' && !existsSync(join(root, 'web-test-runner.config.mjs'))) { console.log('\n== widget: no web-test-runner.config.mjs yet'); continue; }
  if (group === 'e2e') {
    console.log('\n== building the widget for the end-to-end runs');
    // The booking widget, then the portal and the console beside it (their builds keep the widget's files).
    let code = 0;
    for (const config of ['widget/vite.config.ts', 'widget/vite.portal.config.ts', 'widget/vite.admin.config.ts']) {
      if (code === 0) ({ code } = await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config]));
    }
    if (code !== 0) { totals.failed += 1; continue; }
  }
  if (group === 'types') await typesSuite();
  else if (group === 'widget') await widgetSuite();
  else if (group === 'api' && groups.includes('db')) continue; // ran with db
  else if (group === 'db' && groups.includes('api')) await nodeSuite(['db', 'api']);
  else await nodeSuite([group]);
}

await dropPgTemplate();
writeFileSync(join(tapDir, 'totals.json'), JSON.stringify({ ...totals, notRun }));
console.log(`\nTook ${Math.round((Date.now() - started) / 1000)} s${notRun.length ? `; not run: ${notRun.join(', ')} (no browser)` : ''}.`);
console.log(`tandem: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
