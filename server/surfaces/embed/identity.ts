/**
 * E-mail one-time codes and identity sessions for the embed widget (and, later, the portal's
 * login): ask for a code, trade it for an identity token, sign out.
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { IdentityCodeAccepted, IdentityCodeBody, IdentitySession, IdentityVerifyBody } from '../../../schema/api/embed-identity.ts';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { AppError, problemBody } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import { CODE_TTL_MS, identityToken, identityTokenOf, requestCode, revokeSession, verifyCode, type VerifiedSession } from '../../modules/identity/index.ts';
import { problemResponses } from '../openapi-shared.ts';

const ACCEPTED: IdentityCodeAccepted = { status: 'sent_if_possible', expires_in_minutes: CODE_TTL_MS / 60_000 };
const raceLost = () => new AppError('conflict', 'Another request for this address got there first; try again.');
const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } };

export function identityRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/identity/code',
      describeRoute({
        tags: ['embed'], summary: 'Mail a one-time code to an address',
        description: 'Always 202 with the same body, whether or not the address belongs to a customer (and no customer is created). '
          + 'The code (6 digits) is valid 10 minutes; a new one replaces the last. After 5 wrong codes the address is locked for 15 minutes, '
          + 'and no code is sent meanwhile. The same `Idempotency-Key` again sends nothing more.',
        security: [{ publishableKey: [] }],
        parameters: [idempotencyHeader],
        responses: { 202: { description: 'Sent if possible', content: { 'application/json': { schema: resolver(IdentityCodeAccepted) } } }, ...problemResponses(400, 401, 403) },
      }),
      idempotencyKeyRequired(),
      validate('json', IdentityCodeBody),
      async (c) => {
        const { orgId } = c.get('embed');
        const body = c.req.valid('json');
        const now = deps.now();
        const answer = await runIdempotent(deps.db, { orgId, role: 'anonymous' },
          { key: idempotencyKeyOf(c), scope: 'POST /v1/embed/identity/code', body, now, raceLost },
          async () => undefined,
          async (tx) => {
            await requestCode(tx, { now, secret: deps.config.secret }, orgId, body.email, body.locale);
            return { status: 202, body: ACCEPTED };
          });
        return sendAnswer(c, answer);
      })
    .post('/identity/verify',
      describeRoute({
        tags: ['embed'], summary: 'Trade a mailed code for an identity token (12 hours)',
        description: 'Answers `identity_token`: send it as `Tandem-Identity` where stored value or personal data is used (paying with credits, '
          + 'per-customer coupons, referral codes). A wrong code is 422 `identity_code_invalid` (with `attempts_left`), an expired one 422 '
          + '`identity_code_expired`, the fifth wrong one and any attempt while locked 429 `identity_code_locked` (with `Retry-After`). '
          + 'The same `Idempotency-Key` again answers the same (the same token while its session lives).',
        security: [{ publishableKey: [] }],
        parameters: [idempotencyHeader],
        responses: { 200: { description: 'The identity token', content: { 'application/json': { schema: resolver(IdentitySession) } } }, ...problemResponses(400, 401, 403, 422), 429: { description: 'identity_code_locked' } },
      }),
      idempotencyKeyRequired(),
      validate('json', IdentityVerifyBody),
      async (c) => {
        const { orgId } = c.get('embed');
        const body = c.req.valid('json');
        const now = deps.now();
        // The recorded answer holds the session's id, never its token: the token is derived again for a replay.
        const answer = await runIdempotent(deps.db, { orgId, role: 'anonymous' },
          { key: idempotencyKeyOf(c), scope: 'POST /v1/embed/identity/verify', body, now, raceLost },
          async () => undefined,
          async (tx) => {
            const v = await verifyCode(tx, { now, secret: deps.config.secret }, orgId, body.email, body.code, body.locale);
            if (v.ok) return { status: 200, body: v.session };
            // A refusal is recorded and committed like an answer: the counted attempt stays counted.
            const problem = problemBody(v.error.code, v.error.detail, v.error.extra);
            return { status: problem.status, body: problem };
          });
        if (answer.status !== 200) {
          const res = sendAnswer(c, answer);
          const retryAfter = (answer.body as { retry_after?: unknown }).retry_after;
          if (typeof retryAfter === 'number') res.headers.set('Retry-After', String(retryAfter));
          return res;
        }
        const s = answer.body as VerifiedSession;
        const out: IdentitySession = { identity_token: identityToken(deps.config.secret, s.session_id), expires_at: s.expires_at };
        return sendAnswer(c, { ...answer, body: out });
      })
    .post('/identity/sign-out',
      describeRoute({
        tags: ['embed'], summary: 'End the identity session of `Tandem-Identity`',
        description: 'The token stops working at once. Ending an ended or unknown session also answers 204, so this is naturally idempotent: no `Idempotency-Key` is needed.',
        security: [{ publishableKey: [] }],
        parameters: [{ name: 'Tandem-Identity', in: 'header', required: true, schema: { type: 'string' } }],
        responses: { 204: { description: 'Ended' }, ...problemResponses(401, 403) },
      }),
      async (c) => {
        const { orgId } = c.get('embed');
        await withCaller(deps.db, { orgId, role: 'anonymous' }, (tx) => revokeSession(tx, orgId, identityTokenOf(c.req.header('Tandem-Identity')), deps.now()));
        return c.body(null, 204);
      });
}
