import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { projectRoot } from '../server/platform/project-root.ts';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const siteDir = join(projectRoot, 'demo/site');
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/** The React page's bundle, built on first request and kept (the demo needs no build step of its own). */
let reactBundle: Promise<string> | undefined;
function buildReactApp(): Promise<string> {
  reactBundle ??= (async () => {
    const { build } = await import('vite');
    const result = await build({
      configFile: false, logLevel: 'silent', publicDir: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { write: false, minify: true, lib: { entry: join(projectRoot, 'demo/react/main.ts'), formats: ['es'], fileName: () => 'react-app.js' } },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
    const chunk = outputs[0]!.output.find((o) => o.type === 'chunk');
    return chunk!.code!;
  })();
  return reactBundle;
}

/**
 * The demo studio's website: plain files on their own origin, embedding the
 * widget by script tag exactly as a studio would, under a strict CSP (no inline
 * script or style) to prove the widget needs none. `{{API_ORIGIN}}` in a page
 * becomes the API's origin.
 */
export function createDemoSite(apiOrigin: string) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${apiOrigin}`,
    "style-src 'self'",
    `connect-src 'self' ${apiOrigin} https://api.stripe.com`,
    "img-src 'self' data: https:",
    "frame-src https://js.stripe.com https://hooks.stripe.com",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return new Hono().get('/react-app.js', async (c) =>
    c.body(await buildReactApp(), 200, { 'Content-Type': 'text/javascript', 'Content-Security-Policy': csp }),
  ).get('*', async (c) => {
    // Browsers that ask for /favicon.ico get the site's SVG icon.
    let path = c.req.path === '/favicon.ico' ? 'favicon.svg' : normalize(decodeURIComponent(c.req.path)).replace(/^\/+/, '');
    if (path.startsWith('..')) return c.notFound();
    if (path === '' || path.endsWith('/')) path += 'index.html';
    if (!extname(path)) path += '.html';
    try {
      const file = await readFile(join(siteDir, path));
      const type = types[extname(path)] ?? 'application/octet-stream';
      const body = type.startsWith('text/html') ? file.toString('utf8').replaceAll('{{API_ORIGIN}}', apiOrigin) : file;
      return c.body(body, 200, { 'Content-Type': type, 'Content-Security-Policy': csp });
    } catch {
      return c.text('Not found', 404);
    }
  });
}

export function startDemoSite(options: { port: number; host: string; apiOrigin: string }) {
  return serve({ fetch: createDemoSite(options.apiOrigin).fetch, port: options.port, hostname: options.host });
}
