import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../platform/http/database-outage.ts';
import { logError } from '../../platform/http/safe-log.ts';

/** How long the database may take to answer `select 1` before the API calls itself degraded. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Answers once the server is up (it only starts after migrations are applied): 200
 * `{"status":"ok"}`, or 503 `{"status":"degraded","database":"unreachable"}`
 * with Retry-After while the database does not answer (a load balancer takes the instance
 * out; the process itself stays up and reconnects).
 */
export function healthRoute(deps: AppDeps) {
  return new Hono().get('/health',
    describeRoute({
      tags: ['operations'], summary: 'Liveness and database reachability',
      responses: { 200: { description: '{"status":"ok"}' }, 503: { description: '{"status":"degraded","database":"unreachable"}' } },
    }),
    async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          deps.db.execute(sql`select 1`),
          new Promise((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error('health probe timed out'), { code: 'ETIMEDOUT' })), PROBE_TIMEOUT_MS); }),
        ]);
      } catch (error) {
        logError('health_degraded', { request_id: c.get('requestId'), route: '/health' }, error);
        return c.json({ status: 'degraded', database: 'unreachable' }, 503, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' });
      } finally {
        clearTimeout(timer);
      }
      return c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' });
    });
}
