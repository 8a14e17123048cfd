/**
 * The hosted program pages in Chromium: readable with JavaScript off (what a crawler or a
 * script-blocking visitor gets), and with JavaScript on the widget takes the page over in place,
 * under the page's strict CSP, and books from the API's own origin.
 *
 * Needs Chromium (CHROME_PATH or /usr/bin/chromium) and the built widget (widget/dist).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import { freshDatabase } from '../support/database.ts';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/platform/db/rows.ts';

async function waitUntil(check: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const widgetDir = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const missing = !chromePath ? 'no Chromium (install chromium or set CHROME_PATH)' : !existsSync(`${widgetDir}/tandem.js`) ? 'the widget is not built (npm run build:widget)' : undefined;
const LINK = 'pyoga-7Hq2xK9mWd4R';

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
  });
}

/**
 * Layout shifts as the browser reports them: the CLS sum of entries without recent input, and
 * each counted entry with what moved (Chromium's sources: the node and its box before and
 * after), so that a failure says which part of the page jumped.
 */
const CLS_OBSERVER = `window.__cls = 0; window.__shifts = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) { if (e.hadRecentInput) continue; window.__cls += e.value; window.__shifts.push(e.value.toFixed(4) + ' at ' + Math.round(e.startTime) + ' ms: ' + e.sources.map((s) => (s.node ? (s.node.nodeName + (s.node.className && typeof s.node.className === 'string' ? '.' + s.node.className : '')) : '(in a shadow root)') + ' ' + [s.previousRect.y, s.previousRect.height].map(Math.round).join('/') + ' -> ' + [s.currentRect.y, s.currentRect.height].map(Math.round).join('/')).join(', ')); } }).observe({ type: 'layout-shift', buffered: true });`;

/** Core Web Vitals' "good" cumulative layout shift. */
const CLS_LIMIT = 0.1;

async function layoutShift(page: Page): Promise<{ cls: number; shifts: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    return { cls: w.__cls, shifts: w.__shifts };
  });
}

const siteImages = fileURLToPath(new URL('../../demo/site/img/', import.meta.url));

describe('e2e: hosted program pages', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let browser: Browser;
  let api: { server: ServerType; origin: string };
  /** A studio's own website on another origin, embedding the widget by script tag. */
  let site: { server: ServerType; origin: string };

  before(async () => {
    if (missing) throw new Error(`cannot run the end-to-end tests: ${missing}`);
    db = await freshDatabase();
    let handler: (r: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    api = await listen((r) => handler(r));
    // The demo programs' images live on the studio's site (as the demo data set has them).
    site = await listen(async (r) => {
      const image = /^\/img\/([a-z0-9-]+\.svg)$/.exec(new URL(r.url).pathname)?.[1];
      if (image && existsSync(`${siteImages}${image}`)) return new Response(await readFile(`${siteImages}${image}`), { headers: { 'Content-Type': 'image/svg+xml' } });
      return new Response(`<!doctype html><html lang="en"><title>Studio</title>
      <script type="module" src="${api.origin}/widget/tandem.js"></script>
      <tandem-program key="pk_test_flow" program="reiki"></tandem-program>`, { headers: { 'Content-Type': 'text/html' } });
    });
    // The studio's site is allowed; the API's own origin is not listed: the hosted pages work because they are the API's.
    await seedDemo(db.db, { origins: [site.origin] });
    const app = createApp({
      db: db.db, now: () => new Date(), payments: testProvider(), mailer: localMailer(),
      config: { publicOrigin: api.origin, secret: 'e2e-secret-e2e-secret-e2e-secret', widgetDir, demo: true },
    });
    handler = app.fetch;
    browser = await chromium.launch({ executablePath: chromePath as string, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    api?.server.close();
    site?.server.close();
    await db?.close();
  });

  /** A page that records CSP violations and page errors; `before` runs before it is loaded (e.g. to route its requests). */
  async function open(path: string, javaScriptEnabled: boolean, before?: (page: Page) => Promise<unknown>): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 412, height: 915 }, locale: 'de-CH', timezoneId: 'Europe/Zurich' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    if (javaScriptEnabled) await page.addInitScript(CLS_OBSERVER);
    await before?.(page);
    // A routed page may hold a request (an image) past its load event: then only until the answer starts.
    await page.goto(`${api.origin}${path}`, { waitUntil: before ? 'commit' : 'load' });
    return { page, problems };
  }

  /** From the program to the time step, until its slots are in (the calendar no longer busy) and a moment more. */
  async function toTimes(page: Page): Promise<void> {
    const widget = page.locator('tandem-program');
    await widget.getByRole('button', { name: 'Termin wählen' }).click();
    await widget.locator('[part~="calendar"] table[aria-busy="false"]').first().waitFor();
    await page.waitForTimeout(700);
  }

  test('without JavaScript: the whole program is there to read', async () => {
    const { page } = await open('/p/studio-flow/evolve', false);
    assert.equal(await page.locator('h1').textContent(), 'EVOLVE — holistic coaching');
    assert.ok(await page.locator('article').isVisible(), 'the server-rendered article is shown (the element is unknown, its content is not)');
    assert.ok(await page.getByText('CHF 580.00').first().isVisible());
    assert.ok(await page.getByText('Häufige Fragen').isVisible());
    await page.getByText('What if I miss a week?').click();
    assert.ok(await page.getByText('Move the session up to 24 hours before it').isVisible(), 'FAQ answers open without script');
    const studio = await open('/p/studio-flow', false);
    await studio.page.getByRole('link', { name: 'Reiki 1:1' }).click();
    await studio.page.waitForURL(/\/p\/studio-flow\/reiki$/);
    assert.equal(await studio.page.locator('h1').textContent(), 'Reiki 1:1');
    await page.context().close();
    await studio.page.context().close();
  });

  test('with JavaScript: the widget takes over in place, under the page\'s CSP, and books from the API\'s origin; no layout shift, even with slots that come late', async () => {
    // On a slow connection the time step's code and its slots each come 800 ms after they are asked for: what moves then is
    // past the click's grace time (500 ms) and counts.
    const { page, problems } = await open('/p/studio-flow/evolve', true, (p) => p.route(/\/widget\/chunks\/time-step-[^/]+\.js$|\/v1\/embed\/programs\/[^/]+\/slots\?/, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    }));
    const widget = page.locator('tandem-program');
    const heading = widget.locator('[part~="heading"]').first();
    await heading.waitFor();
    assert.equal((await heading.textContent())?.trim(), 'EVOLVE — holistic coaching');
    assert.equal(await page.locator('article').isVisible(), false, 'the server-rendered copy is replaced, not shown twice');
    assert.equal(await page.locator('article').count(), 1, 'it stays in the document for readers of the source');
    await toTimes(page);
    const { cls, shifts } = await layoutShift(page);
    console.log(`hosted page CLS (mobile viewport, until the time step has its slots): ${cls.toFixed(3)}`);
    assert.ok(cls <= CLS_LIMIT, `CLS ${cls.toFixed(3)} > ${CLS_LIMIT}: ${shifts.join(' | ')}`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('a banner that fails after the page is painted keeps its box: no layout shift, before or after the widget takes over', async () => {
    // The image request waits until the server-rendered page is on screen, then fails (a broken image laid out inline would
    // drop its reserved box); the widget's program answer waits for that, so the failure happens on the server's page.
    let painted: () => void = () => undefined;
    const onScreen = new Promise<void>((resolve) => (painted = resolve));
    let failed: () => void = () => undefined;
    const bannerFailed = new Promise<void>((resolve) => (failed = resolve));
    const { page } = await open('/p/studio-flow/evolve', true, async (p) => {
      await p.route('**/img/**', async (route) => {
        await onScreen;
        await route.abort();
        failed();
      });
      await p.route(/\/v1\/embed\/programs\/evolve(\?|$)/, async (route) => {
        await bannerFailed;
        await new Promise((r) => setTimeout(r, 300));
        await route.continue();
      });
    });
    await page.locator('article h1').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    painted();
    await bannerFailed;
    await page.locator('tandem-program [part~="heading"]').first().waitFor();
    await page.waitForTimeout(300);
    await toTimes(page);
    const { cls, shifts } = await layoutShift(page);
    assert.ok(cls <= CLS_LIMIT, `CLS ${cls.toFixed(3)} > ${CLS_LIMIT}: ${shifts.join(' | ')}`);
    await page.context().close();
  });

  /** The funnel's rows for a program, by the owner's handle. */
  async function funnelSteps(programSlug: string, source = ''): Promise<string[]> {
    const rows = await db.db.execute(sql`select e.step::text as step from funnel_events e join programs p on p.id = e.program_id
      where p.slug = ${programSlug} and e.utm_source = ${source} order by e.step`);
    return rowsOf<{ step: string }>(rows).map((r) => r.step);
  }

  test('the funnel: steps reach the database from the hosted page and from a studio\'s own site (cross-origin), sent as the page is left', async () => {
    const hosted = await open('/p/studio-flow/evolve?utm_source=e2e-hosted', true);
    const widget = hosted.page.locator('tandem-program');
    await widget.locator('[part~="heading"]').first().waitFor();
    await widget.getByRole('button', { name: 'Termin wählen' }).click();
    await widget.locator('[part~="calendar"]').first().waitFor();
    await hosted.page.goto('about:blank');
    await waitUntil(async () => (await funnelSteps('evolve', 'e2e-hosted')).includes('viewed'), 'the hosted page\'s events');
    assert.deepEqual(await funnelSteps('evolve', 'e2e-hosted'), ['viewed']);
    assert.deepEqual(hosted.problems, []);
    await hosted.page.context().close();

    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(`${site.origin}/?utm_source=e2e-site&utm_medium=email`);
    await page.locator('tandem-program [part~="heading"]').first().waitFor();
    await page.goto('about:blank');
    await waitUntil(async () => (await funnelSteps('reiki', 'e2e-site')).includes('viewed'), 'the studio site\'s events');
    const [row] = rowsOf<{ utm_medium: string }>(await db.db.execute(sql`select utm_medium from funnel_events where utm_source = 'e2e-site'`));
    assert.equal(row!.utm_medium, 'email');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a private page: the widget books with the page\'s token', async () => {
    const { page, problems } = await open(`/p/studio-flow/private-yoga?link=${LINK}`, true);
    const heading = page.locator('tandem-program [part~="heading"]').first();
    await heading.waitFor();
    assert.equal((await heading.textContent())?.trim(), 'Private yoga');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
