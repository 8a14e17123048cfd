/**
 * Lighthouse (12.2, the mobile preset: a Moto G Power-sized screen, slow 4G and a 4× slower CPU,
 * all simulated) against the hosted pages, in Debian's Chromium. Figures, never pass/fail: the
 * issue's goals are SEO ≥ 95, accessibility ≥ 95, performance ≥ 90; the last column says which a
 * page misses. Starts the API (`server/main.ts --demo` over a fresh PGlite database, as the other
 * benches) and builds the widget first, since the pages load it.
 *
 *   CHROME_PATH=/usr/bin/chromium npx tsx tests/bench/lighthouse.bench.ts [--runs N] [--no-build] [--api URL] [path …]
 *   (`--runs 3` or `--runs=3`; 1 to 20, default 3)
 *
 * `--api URL` measures a server already running there (`npm start`, say) instead of starting one.
 *
 * Without paths: Studio Flow's page and its public programs, and Atelier Nord's page. Each page is
 * measured N times (default 3) and the median of each score is shown, with the load average
 * before and after (simulated throttling still depends on how busy the machine is).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildWidget } from './widget-size.ts';
import { load, repoRoot, startApi } from './support/api-server.ts';

const args = process.argv.slice(2);
/** `--name value` or `--name=value`. */
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const runsGiven = option('--runs');
const runs = runsGiven === undefined ? 3 : Number(runsGiven);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
  console.error(`--runs takes a whole number from 1 to 20 (got ${runsGiven})`);
  process.exit(2);
}
const build = !args.includes('--no-build');
const given = option('--api');
const paths = args.filter((a, i) => a.startsWith('/') && args[i - 1] !== '--runs' && args[i - 1] !== '--api');
const pages = paths.length ? paths : ['/p/studio-flow', '/p/studio-flow/evolve', '/p/studio-flow/split', '/p/studio-flow/reiki', '/p/atelier-nord'];
console.log(`Lighthouse: ${pages.length} page(s), ${runs} run(s) each; the median of each figure is shown.`);
const GOALS = { performance: 90, accessibility: 95, seo: 95 } as const;
type Category = keyof typeof GOALS;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (build || !existsSync(join(repoRoot, 'widget/dist/tandem.js'))) {
  console.log('building the widget …');
  await buildWidget();
}
const loadBefore = load();
// Vite's build sets NODE_ENV=production in this process; the demo server refuses to start with it.
const api = given ? { url: given.replace(/\/$/, ''), stop: async () => {} } : await startApi({ env: { NODE_ENV: 'development' } });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
const rows: string[] = [];
try {
  for (const path of pages) {
    const scores: Record<Category, number[]> = { performance: [], accessibility: [], seo: [] };
    const metrics: Record<'lcp' | 'cls' | 'tbt' | 'fcp', number[]> = { lcp: [], cls: [], tbt: [], fcp: [] };
    const failing = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${api.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(GOALS) });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`${path}: Lighthouse gave no result`);
      if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      for (const c of Object.keys(GOALS) as Category[]) scores[c].push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      metrics.lcp.push(audit('largest-contentful-paint'));
      metrics.cls.push(audit('cumulative-layout-shift'));
      metrics.tbt.push(audit('total-blocking-time'));
      metrics.fcp.push(audit('first-contentful-paint'));
      for (const c of ['accessibility', 'seo'] as const) {
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.add(ref.id);
        }
      }
    }
    const s = Object.fromEntries((Object.keys(GOALS) as Category[]).map((c) => [c, median(scores[c])])) as Record<Category, number>;
    const missed = (Object.keys(GOALS) as Category[]).filter((c) => s[c] < GOALS[c]);
    rows.push(`| ${path} | ${s.performance} | ${s.accessibility} | ${s.seo} | ${Math.round(median(metrics.fcp))} ms | ${Math.round(median(metrics.lcp))} ms | ${median(metrics.cls).toFixed(3)} | ${Math.round(median(metrics.tbt))} ms | ${missed.length ? missed.join(', ') : 'all met'}${failing.size ? ` (audits below 1: ${[...failing].join(', ')})` : ''} |`);
    console.log(rows.at(-1));
  }
} finally {
  await chrome.kill();
  await api.stop();
}
console.log(`\nLighthouse 12.2, mobile preset, median of ${runs} run(s) per page; load average before ${loadBefore}, after ${load()}.`);
console.log('| page | performance | accessibility | SEO | FCP | LCP | CLS | TBT | goals (perf ≥ 90, a11y ≥ 95, SEO ≥ 95) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
