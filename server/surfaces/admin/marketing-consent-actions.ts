import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { marketingConsentsOf, recordConsentWithdrawal, resendConsentConfirmation, type StaffConsentChange } from '../../modules/marketing/index.ts';
import { ConsentOut, ConsentParams } from '../../../schema/api/marketing-consent.ts';
import type { Tx } from '../../platform/db/database.ts';
import { problemResponses } from '../openapi-shared.ts';
import { staffAction } from './staff-action.ts';
import { consentOut } from './marketing-consents.ts';

const key = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];

function settled(out: StaffConsentChange) {
  if (out.ok) return out.consent;
  if (out.reason === 'not_found') throw new AppError('not_found', 'No such consent.');
  if (out.reason === 'expired') throw new AppError('invalid_state', 'The confirmation link of this request has expired: the customer can tick the box again at their next checkout.');
  throw new AppError('invalid_state', 'This consent is not in a state for that (only a pending one is confirmed again; an expired one has nothing to withdraw).');
}

/** The consent as listed (with the customer's name), after the change. */
async function listed(tx: Tx, orgId: string, id: string, customerId: string) {
  const rows = await marketingConsentsOf(tx, orgId, { customerId, limit: 500 });
  return consentOut(rows.find((r) => r.id === id)!);
}

/**
 * Staff actions on a marketing consent: record a withdrawal the customer asked for outside the
 * unsubscribe link, and send a pending consent's confirmation mail again. Owners and managers; an
 * instructor's key finds no consent (404).
 */
export function adminMarketingConsentActionRoutes(deps: AppDeps) {
  const action = (verb: 'withdraw' | 'resend') => new Hono<AdminEnv>().post(`/marketing/consents/:id/${verb}`,
    describeRoute({
      tags: ['admin'],
      summary: verb === 'withdraw' ? 'Record a withdrawal of marketing consent the customer asked for (in person, by phone or mail)' : 'Send the confirmation mail of a pending consent again',
      description: verb === 'withdraw'
        ? 'The consent ends now (`withdrawn_via: staff`); marketing mail waiting under it is held. A withdrawn consent is answered as it is; an expired one is 409 `invalid_state`. No body.'
        : 'The same link and words, to the customer\'s address; at most one mail a day however often it is asked. Only a pending consent whose link has not expired (else 409 `invalid_state`). No body.',
      security: [{ secretKey: [] }], parameters: key,
      responses: { [verb === 'withdraw' ? 200 : 202]: { description: 'The consent', content: { 'application/json': { schema: resolver(ConsentOut) } } }, ...problemResponses(400, 401, 404, 409) },
    }),
    idempotencyKeyRequired(),
    validate('param', ConsentParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `marketing/consents/${id}/${verb}`, body: {} },
        async () => { if (staff.role === 'instructor') throw new AppError('not_found', 'No such consent.'); },
        async (tx, _a, now) => {
          const consent = settled(verb === 'withdraw' ? await recordConsentWithdrawal(tx, { now }, staff.orgId, id) : await resendConsentConfirmation(tx, { now, config: deps.config }, staff.orgId, id));
          return { status: verb === 'withdraw' ? 200 : 202, body: await listed(tx, staff.orgId, id, consent.customerId) };
        });
    });
  return new Hono<AdminEnv>().route('/', action('withdraw')).route('/', action('resend'));
}
