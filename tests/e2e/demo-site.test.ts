/**
 * The demo studio site as a visitor's browser sees it, the widget aside: an icon, the page's
 * language, no sideways scrolling on a phone, a readable footer. Needs Chromium (CHROME_PATH or
 * /usr/bin/chromium).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { createDemoSite } from '../../demo/server.ts';

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const channel = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
const rgb = (css: string) => css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number);
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('the demo studio site', () => {
  let browser: Browser;
  let site: { server: ServerType; origin: string };

  before(async () => {
    if (!chromePath) throw new Error('cannot run: no Chromium (install chromium or set CHROME_PATH)');
    // The API is not needed here: the widget's script simply does not load.
    const app = createDemoSite('http://127.0.0.1:9');
    site = await new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
    });
    browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    site?.server.close();
  });

  test('/favicon.ico and the linked icon answer 200', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await fetch(`${site.origin}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    }
  });

  for (const path of ['/', '/programs', '/private', '/react']) {
    test(`${path}: English says lang="en", no sideways scroll at 390 px, the footer reads at 4.5 : 1 or more`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${site.origin}${path}`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      assert.ok(widths.doc <= widths.view, `the page is ${widths.doc}px wide in a ${widths.view}px window`);
      const colours = await page.evaluate(() => {
        const f = getComputedStyle(document.querySelector('footer')!);
        return { fg: f.color, bg: getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor };
      });
      const ratio = contrast(colours.fg, colours.bg);
      assert.ok(ratio >= 4.5, `footer contrast ${ratio.toFixed(2)} : 1`);
      await page.close();
    });
  }
});
