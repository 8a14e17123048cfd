import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { MailListOut, MailQuery } from '../../../schema/api/admin-nudges.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { outboxOf } from '../../modules/notifications/index.ts';
import { problemResponses } from '../openapi-shared.ts';

/** GET /v1/admin/mail: what the studio's customers were sent (reminders, nudges, confirmations), and what failed or was held. */
export function adminListMailRoute(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/mail',
    describeRoute({
      tags: ['admin'], summary: 'The studio\'s outgoing mail and its state',
      description: 'Newest first (`limit`, default 100, at most 500), `status` filters: `pending` (queued or retrying), `sent`, `failed` '
        + '(given up after its attempts, with `last_error`), `held` (over the per-recipient hourly limit). Every reminder and nudge is here '
        + 'once queued, so one that did not go out shows why. Owners and managers; an instructor\'s key lists none.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The mail', content: { 'application/json': { schema: resolver(MailListOut) } } }, ...problemResponses(400, 401) },
    }),
    validate('query', MailQuery),
    async (c) => {
      const staff = c.get('staff');
      const q = c.req.valid('query');
      const rows = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId }, (tx) => outboxOf(tx, staff.orgId, { status: q.status, limit: q.limit ?? 100 }));
      return c.json({
        mail: rows.map((m) => ({
          id: m.id, key: m.key, to: m.to, subject: m.subject, status: m.status, attempts: m.attempts, last_error: m.lastError,
          created_at: m.createdAt.toISOString(), sent_at: m.sentAt ? m.sentAt.toISOString() : null,
        })),
      });
    });
}
