import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { FunnelEventsAccepted, FunnelEventsBody } from '../../../schema/api/embed-events.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { recordFunnelEvents } from '../../modules/marketing/index.ts';
import { problemResponses } from '../openapi-shared.ts';

/** POST /v1/embed/events: the widget's steps of one visit, for the studio's conversion funnel. */
export function recordEventsRoute(deps: AppDeps) {
  return new Hono<AppEnv>().post('/events',
    describeRoute({
      tags: ['embed'], summary: 'Report the steps a visit of the widget reached',
      description: 'Up to 20 events `{program, variant?, step}` of one `visit` (a random id the widget keeps in memory for the visit: no '
        + 'cookie, no storage, nothing about the person), with the host page\'s campaign parameters and the referring address (only its '
        + 'host is kept). Each step counts once per visit and program; events of programs the key cannot see (hidden, inactive, another '
        + 'studio\'s, private without its `link`) are dropped. Answers 202 `{accepted}`. Rate-limited with the other writes. Needs an '
        + '`Idempotency-Key` (the widget sends one per batch).',
      security: [{ publishableKey: [] }],
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
      responses: { 202: { description: 'Accepted', content: { 'application/json': { schema: resolver(FunnelEventsAccepted) } } }, ...problemResponses(400, 401, 403, 429) },
    }),
    idempotencyKeyRequired(),
    validate('json', FunnelEventsBody),
    async (c) => {
      const { orgId } = c.get('embed');
      const body = c.req.valid('json');
      const answer = await runIdempotent(deps.db, { orgId, role: 'anonymous', linkToken: body.link },
        { key: idempotencyKeyOf(c), scope: 'POST /v1/embed/events', body, now: deps.now(), raceLost: () => new AppError('conflict', 'Try again.') },
        async () => undefined,
        async (tx) => ({ status: 202, body: { accepted: await recordFunnelEvents(tx, orgId, body) } satisfies FunnelEventsAccepted }));
      return sendAnswer(c, answer);
    });
}
