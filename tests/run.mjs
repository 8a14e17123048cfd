#!/usr/bin/env node
// The whole suite, or some groups of it: `node tests/run.mjs [types] [unit] [db] [api] [widget] [e2e]`.
// Node suites run with Node's test runner (TypeScript through tsx), the widget suite with
// @web/test-runner in Chromium. `types` is tsc, the layer rules (dependency-cruiser) and the schema drift check (schema/db against
// schema/migrations). Ends with one line: `tandem: N passed, M failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

async function nodeSuite(group) {
  const files = testFiles(nodeGroups[group]);
  if (files.length === 0) { console.log(`\n== ${group}: no test files`); return; }
  const tap = join(tapDir, `${group}.tap`);
  console.log(`\n== ${group} (${files.length} files${process.env.DATABASE_URL ? ', PostgreSQL at DATABASE_URL' : ', PGlite'})`);
  const env = { ...(chromium ? { CHROME_PATH: chromium } : {}), ...await pgliteTemplateEnv(group) };
  const { code } = await run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${testTimeoutMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += fail || (code !== 0 ? 1 : 0);
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
  else await nodeSuite(group);
}

writeFileSync(join(tapDir, 'totals.json'), JSON.stringify({ ...totals, notRun }));
console.log(`\nTook ${Math.round((Date.now() - started) / 1000)} s${notRun.length ? `; not run: ${notRun.join(', ')} (no browser)` : ''}.`);
console.log(`tandem: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
