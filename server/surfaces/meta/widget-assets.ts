import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css', '.json': 'application/json' };

/**
 * The built widget. Module scripts from another origin are fetched in CORS mode,
 * so these public files carry `Access-Control-Allow-Origin: *` or the element
 * never defines itself on the studio's page. Hashed chunks are immutable.
 */
export function widgetAssetsRoute(deps: AppDeps) {
  return new Hono().get('/widget/*', async (c) => {
    const relative = normalize(c.req.path.slice('/widget/'.length));
    if (relative.startsWith('..') || relative.includes('\0')) return c.notFound();
    try {
      const body = await readFile(join(deps.config.widgetDir, relative));
      const hashed = /-[A-Za-z0-9_-]{8,}\.js$/.test(relative);
      return c.body(body, 200, {
        'Content-Type': types[extname(relative)] ?? 'application/octet-stream',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    } catch {
      return c.notFound();
    }
  });
}
