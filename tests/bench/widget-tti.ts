/**
 * Time to interactive of <tandem-program> on a studio page of another origin, under a strict
 * CSP (no 'unsafe-inline', no 'unsafe-eval'), in Debian's Chromium through playwright-core.
 * Figures, never pass/fail. Builds the widget first.
 *   npx tsx tests/bench/widget-tti.ts [runs]
 *
 * "TTI" = from the moment tandem.js has arrived (its Resource Timing `responseEnd`) to
 * `tandem:ready` (program fetched from the local API and rendered, handlers attached).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWidget, sizes } from './widget-size.ts';
import { evolve } from '../widget/helpers/fixtures.ts';
import { slotsFor } from '../widget/helpers/slots-fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'widget/dist');

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function apiServer(): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'authorization, content-type, idempotency-key, tandem-booking-token',
      'Access-Control-Allow-Methods': 'GET, POST',
      'Timing-Allow-Origin': '*',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (url.pathname.startsWith('/widget/')) {
      const file = normalize(join(dist, url.pathname.slice('/widget/'.length)));
      if (!file.startsWith(dist)) return void res.writeHead(404, cors).end();
      try {
        const body = await readFile(file);
        return void res.writeHead(200, { ...cors, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
      } catch {
        return void res.writeHead(404, cors).end();
      }
    }
    const json = (data: unknown) => res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(data));
    if (url.pathname === '/v1/embed/programs/evolve') return void json(evolve);
    if (url.pathname === '/v1/embed/programs/evolve/slots') {
      return void json(slotsFor(evolve, url.searchParams.get('from')!, url.searchParams.get('to')!, url.searchParams.get('tz')!));
    }
    res.writeHead(404, { ...cors, 'Content-Type': 'application/problem+json' }).end('{"type":"about:blank","title":"Not found","status":404,"code":"not_found"}');
  });
}

function studioServer(apiOrigin: string): Server {
  return createServer((req, res) => {
    const lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? 'en';
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src ${apiOrigin}; connect-src ${apiOrigin}; style-src 'self'; img-src 'self' data:`,
    });
    res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Studio Flow</title>
<script type="module" src="${apiOrigin}/widget/tandem.js"></script></head>
<body><h1>Studio Flow</h1><tandem-program key="pk_test_flow" program="evolve"></tandem-program></body></html>`);
  });
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 15);
  await buildWidget();
  const api = apiServer();
  const apiOrigin = `http://127.0.0.1:${await listen(api)}`;
  const studio = studioServer(apiOrigin);
  const studioOrigin = `http://localhost:${await listen(studio)}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results: Record<string, { tti: number[]; load: number[]; next: number[]; defined: number[]; fetch: number[] }> = {};
  const violations: string[] = [];
  const errors: string[] = [];
  try {
    for (const lang of ['en', 'de']) {
      const r = (results[lang] = { tti: [] as number[], load: [] as number[], next: [] as number[], defined: [] as number[], fetch: [] as number[] });
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ timezoneId: 'Europe/Zurich' });
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.addInitScript(() => {
          const w = window as unknown as Record<string, unknown>;
          w.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
          document.addEventListener('tandem:ready', () => (w.__ready = performance.now()), { once: true });
          void customElements.whenDefined('tandem-program').then(() => (w.__defined = performance.now()));
        });
        await page.goto(`${studioOrigin}/?lang=${lang}`);
        await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, null, { timeout: 10000 });
        const m = await page.evaluate((src) => {
          const w = window as unknown as { __ready: number; __defined: number; __violations: string[] };
          const entry = performance.getEntriesByName(src)[0] as PerformanceResourceTiming;
          const program = performance.getEntriesByType('resource').find((e) => e.name.includes('/v1/embed/programs/evolve')) as PerformanceResourceTiming;
          return {
            ready: w.__ready,
            defined: w.__defined,
            arrived: entry.responseEnd,
            programFetch: program ? program.responseEnd - program.startTime : 0,
            violations: w.__violations,
          };
        }, `${apiOrigin}/widget/tandem.js`);
        r.tti.push(m.ready - m.arrived);
        r.defined.push(m.defined - m.arrived);
        r.fetch.push(m.programFetch);
        r.load.push(m.ready);
        violations.push(...m.violations);
        // next step: click "Choose a time" → time-step chunk + slots → calendar shown
        const t0 = await page.evaluate(() => performance.now());
        await page.getByRole('button', { name: lang === 'de' ? 'Termin wählen' : 'Choose a time' }).click();
        await page.locator('tandem-calendar button.day.free, tandem-time-step button:has-text("month"), tandem-time-step button:has-text("Monat")').first().waitFor({ timeout: 10000 });
        r.next.push((await page.evaluate(() => performance.now())) - t0);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    api.close();
    studio.close();
  }
  const s = sizes();
  const f = (xs: number[]) => `median ${q(xs, 0.5).toFixed(1)} ms, p90 ${q(xs, 0.9).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(`Chromium ${browser.version()}, ${runs} runs per language, fresh context (cold cache) each run`);
  console.log(`first-screen JS gzip: en ${s.firstScreen.en} B, de ${s.firstScreen.de} B`);
  for (const [lang, r] of Object.entries(results)) {
    console.log(`[${lang}] script arrived → tandem:ready (interactive): ${f(r.tti)}`);
    console.log(`[${lang}]   of which script arrived → element defined (chunks fetched, run): ${f(r.defined)}`);
    console.log(`[${lang}]   of which program request (fetch start → response end): ${f(r.fetch)}`);
    console.log(`[${lang}] navigation start → tandem:ready:               ${f(r.load)}`);
    console.log(`[${lang}] click "Choose a time" → calendar with free days: ${f(r.next)}`);
  }
  console.log(`CSP violations: ${violations.length}${violations.length ? ` (${[...new Set(violations)].join('; ')})` : ''}`);
  console.log(`page errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].join('; ')})` : ''}`);
}

await main();
