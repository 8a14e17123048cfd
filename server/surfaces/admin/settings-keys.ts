/**
 * The studio's API keys and allowed origins: owners and managers read them, owners change them;
 * an instructor never reaches these settings (403). A new secret key is shown once.
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { CreateKeyBody, KeyCreatedOut, KeyListOut, KeyOut, OriginBody, OriginListOut, OriginOut, SettingIdParams } from '../../../schema/api/admin-settings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import { forgetKeys } from '../../platform/http/key-cache.ts';
import { addOrigin, createKey, keyOfRow, keyOfStudio, keysOfStudio, originOfStudio, originsOfStudio, removeOrigin, revokeKey } from '../../modules/settings/index.ts';
import { staffAction } from './staff-action.ts';
import { keyOut, originOut } from './settings.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotency = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
const json = (schema: Parameters<typeof resolver>[0]) => ({ 'application/json': { schema: resolver(schema) } });

function studioPeople(c: Context<AdminEnv>) {
  const s = c.get('staff');
  if (s.role === 'instructor') throw new AppError('forbidden', 'Keys and origins are the studio\'s owners\' and managers\' settings.');
  return s;
}
function owner(c: Context<AdminEnv>) {
  const s = studioPeople(c);
  if (s.role !== 'owner') throw new AppError('forbidden', 'Owners create and revoke keys and allowed origins.');
  return s;
}

export function adminSettingsKeyRoutes(deps: AppDeps) {
  const as = (s: { orgId: string; role: 'owner' | 'manager' | 'instructor'; staffId: string }) => ({ orgId: s.orgId, role: s.role, userId: s.staffId });
  return new Hono<AdminEnv>()
    .get('/keys',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s API keys (owners, managers)', security,
        description: 'Publishable keys in full, secret keys by their first characters only; revoked ones with `revoked_at`. Instructors: 403 `forbidden`.',
        responses: { 200: { description: 'Keys', content: json(KeyListOut) }, ...problemResponses(401, 403) } }),
      async (c) => {
        const s = studioPeople(c);
        const rows = await withCaller(deps.db, as(s), (tx) => keysOfStudio(tx, s.orgId));
        return c.json({ keys: rows.map(keyOut) } satisfies KeyListOut);
      })
    .post('/keys',
      describeRoute({ tags: ['admin'], summary: 'Create an API key (owners)', security, parameters: idempotency,
        description: '`{"kind":"publishable"|"secret","label"?}` → 201 with `key`: the whole key. A secret key (`sk_live_…`) is shown this once '
          + '(only its hash is kept; a replay under the same `Idempotency-Key` answers the same body) and acts as the owner who made it. '
          + 'Managers and instructors: 403 `forbidden`.',
        responses: { 201: { description: 'Created', content: json(KeyCreatedOut) }, ...problemResponses(400, 401, 403, 422) } }),
      idempotencyKeyRequired(),
      validate('json', CreateKeyBody),
      async (c) => {
        const s = owner(c);
        const body = c.req.valid('json');
        const now = deps.now();
        const answer = await runIdempotent(deps.db, as(s), { key: idempotencyKeyOf(c), scope: 'POST /v1/admin/keys', body, now, raceLost: () => new AppError('conflict', 'Another request made a key at the same moment; try again.') },
          async () => undefined,
          async (tx) => {
            const made = await createKey(tx, s.orgId, s.staffId, body, { now, config: deps.config });
            // Stored for replays without the key itself: it is derived again from the row below.
            return { status: 201, body: keyOut(made.row) };
          });
        if (answer.status !== 201) return sendAnswer(c, answer);
        const made = answer.body as KeyOut;
        return sendAnswer(c, { ...answer, body: { ...made, key: keyOfRow(deps.config.secret, made.kind, made.id) } });
      })
    .post('/keys/:id/revoke',
      describeRoute({ tags: ['admin'], summary: 'Revoke an API key (owners)', security, parameters: idempotency,
        description: 'The key stops working at once (every API process forgets it). Revoking a revoked key answers it unchanged. '
          + 'Managers and instructors: 403 `forbidden`; a key of another studio: 404.',
        responses: { 200: { description: 'Revoked', content: json(KeyOut) }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', SettingIdParams),
      async (c) => {
        const s = owner(c);
        const { id } = c.req.valid('param');
        const res = await staffAction(c, deps, { path: `keys/${id}/revoke`, body: {} },
          async (tx) => { const key = await keyOfStudio(tx, s.orgId, id); if (!key) throw new AppError('not_found', 'No such key.'); return key; },
          async (tx, key, now) => ({ status: 200, body: keyOut(await revokeKey(tx, s.orgId, s.staffId, key, { now, config: deps.config })) }));
        forgetKeys(deps.db);
        return res;
      })
    .get('/origins',
      describeRoute({ tags: ['admin'], summary: 'The origins the studio\'s publishable keys work from (owners, managers)', security,
        description: 'Instructors: 403 `forbidden`.',
        responses: { 200: { description: 'Origins', content: json(OriginListOut) }, ...problemResponses(401, 403) } }),
      async (c) => {
        const s = studioPeople(c);
        const rows = await withCaller(deps.db, as(s), (tx) => originsOfStudio(tx, s.orgId));
        return c.json({ origins: rows.map(originOut) } satisfies OriginListOut);
      })
    .post('/origins',
      describeRoute({ tags: ['admin'], summary: 'Allow a website origin (owners)', security, parameters: idempotency,
        description: '`{"origin":"https://studio.example"}`: scheme, host and port as the browser sends them (no path or trailing slash; '
          + 'plain http only for localhost) → 201. An origin already allowed is 409 `conflict` on `origin`.',
        responses: { 201: { description: 'Allowed', content: json(OriginOut) }, ...problemResponses(400, 401, 403, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('json', OriginBody),
      async (c) => {
        const s = owner(c);
        const body = c.req.valid('json');
        const res = await staffAction(c, deps, { path: 'origins', body }, async () => undefined,
          async (tx, _, now) => ({ status: 201, body: originOut(await addOrigin(tx, s.orgId, body.origin, now)) }));
        forgetKeys(deps.db);
        return res;
      })
    .delete('/origins/:id',
      describeRoute({ tags: ['admin'], summary: 'Stop allowing an origin (owners)', security, parameters: idempotency,
        description: 'The studio\'s publishable keys stop working from it. A replay under the same `Idempotency-Key` answers the same.',
        responses: { 200: { description: 'Removed', content: json(v.object({ id: v.string(), deleted: v.literal(true) })) }, ...problemResponses(400, 401, 403, 404, 422) } }),
      idempotencyKeyRequired(),
      validate('param', SettingIdParams),
      async (c) => {
        const s = owner(c);
        const { id } = c.req.valid('param');
        const res = await staffAction(c, deps, { method: 'DELETE', path: `origins/${id}`, body: {} },
          async (tx) => { const o = await originOfStudio(tx, s.orgId, id); if (!o) throw new AppError('not_found', 'No such origin.'); return o; },
          async (tx, origin) => { await removeOrigin(tx, origin); return { status: 200, body: { id, deleted: true } }; });
        forgetKeys(deps.db);
        return res;
      });
}
