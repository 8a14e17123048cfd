import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';

/** Answers once the server is up; the server only starts after migrations are applied. */
export function healthRoute(deps: AppDeps) {
  return new Hono().get('/health',
    describeRoute({ tags: ['operations'], summary: 'Liveness: answers once migrations are applied', responses: { 200: { description: '{"status":"ok"}' } } }),
    async (c) => {
    await deps.db.execute(sql`select 1`);
    return c.json({ status: 'ok' });
  });
}
