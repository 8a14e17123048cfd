/**
 * Stripe Connect onboarding (owners only; managers and instructors 403). GET tells where the studio
 * is (not connected, details pending, charges enabled), asking Stripe afresh while details are pending;
 * POST …/onboarding makes the studio's connected account once (its row, then the account at Stripe keyed
 * by the studio, so a retry or a second click finds the same one) and answers a fresh Account Link to
 * Stripe's hosted onboarding, which comes back to the console (`/admin?stripe=return`, or
 * `?stripe=refresh` for a link that expired). The link is a bearer token: it is never stored, not even
 * in the idempotent answer (a replay gets a new one). Without Stripe configured, GET says so and POST is
 * 409 `invalid_state`.
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { StripeConnectOut, StripeOnboardingOut } from '../../../schema/api/admin-stripe.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { idempotencyKeyOf, idempotencyKeyRequired, runIdempotent, sendAnswer } from '../../platform/http/idempotency.ts';
import { ProviderError } from '../../platform/adapters/payments/provider.ts';
import type { StripePaymentProvider } from '../../platform/adapters/payments/stripe-provider.ts';
import { connectApplicantOf, recordConnectAccount, recordConnectStatus, startStripeConnect, studioConnectOf, type StudioConnect } from '../../modules/settings/index.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];

function owner(c: Context<AdminEnv>) {
  const s = c.get('staff');
  if (s.role !== 'owner') throw new AppError('forbidden', 'Connecting the studio\'s Stripe account is its owners\' setting.');
  return s;
}

function connectOut(configured: boolean, s: StudioConnect): StripeConnectOut {
  return {
    configured, state: s.state, account_id: s.account,
    charges_enabled: s.state === 'charges_enabled', payouts_enabled: s.row?.payoutsEnabled ?? false, details_submitted: s.row?.detailsSubmitted ?? s.state === 'charges_enabled',
  };
}

/** Stripe's failures are 502 payment_provider_error. */
async function provider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError('payment_provider_error', error.message);
    throw error;
  }
}

export function adminStripeConnectRoutes(deps: AppDeps) {
  const stripe = deps.payments.kind === 'stripe' ? deps.payments as StripePaymentProvider : null;
  const ctx = () => ({ now: deps.now(), config: deps.config });
  return new Hono<AdminEnv>()
    .get('/settings/stripe',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s Stripe Connect account: not connected, details pending, charges enabled (owners)', security,
        description: '`configured: false` when this Tandem has no Stripe keys (then there is nothing to connect). While details are pending, Stripe is asked '
          + 'afresh and what it says is recorded (the `account.updated` webhook records it too). Managers and instructors: 403.',
        responses: { 200: { description: 'The account', content: { 'application/json': { schema: resolver(StripeConnectOut) } } }, ...problemResponses(401, 403) } }),
      async (c) => {
        const s = owner(c);
        const caller = { orgId: s.orgId, role: s.role, userId: s.staffId };
        let connect = await withCaller(deps.db, caller, (tx) => studioConnectOf(tx, s.orgId));
        if (stripe && connect.row?.accountId && connect.state === 'details_pending') {
          // A read must still answer when Stripe does not: then the status as last recorded.
          const now = await stripe.connectedAccount(connect.row.accountId).catch(() => null);
          if (now) connect = await withCaller(deps.db, caller, async (tx) => { await recordConnectStatus(tx, s.orgId, connect.row!.accountId!, now, ctx()); return studioConnectOf(tx, s.orgId); });
        }
        return c.json(connectOut(stripe !== null, connect));
      })
    .post('/settings/stripe/onboarding',
      describeRoute({ tags: ['admin'], summary: 'Start (or continue) the studio\'s Stripe Connect onboarding (owners)', security,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        description: 'Makes the studio\'s connected account once (a Standard account, created at Stripe with the studio\'s name, country and e-mail) and answers '
          + '`url`, Stripe\'s hosted onboarding (an Account Link: single-use, valid for minutes; send the owner there at once). Stripe sends them back to '
          + '`/admin?stripe=return` (or `/admin?stripe=refresh` when the link expired: start again). Once charges are enabled, card and TWINT payments go to '
          + 'the account and `url` is null. Stripe not configured: 409 `invalid_state`; Stripe failing: 502 `payment_provider_error`.',
        responses: { 200: { description: 'The account and the link', content: { 'application/json': { schema: resolver(StripeOnboardingOut) } } }, ...problemResponses(400, 401, 403, 409), 502: { description: 'payment_provider_error' } } }),
      idempotencyKeyRequired(),
      async (c) => {
        const s = owner(c);
        if (!stripe) throw new AppError('invalid_state', 'Stripe is not configured on this Tandem: card payments are not offered, so there is no account to connect.');
        const caller = { orgId: s.orgId, role: s.role, userId: s.staffId };
        const answer = await runIdempotent(deps.db, caller, { key: idempotencyKeyOf(c), scope: 'POST /v1/admin/settings/stripe/onboarding', body: {}, now: deps.now(), raceLost: () => new AppError('conflict', 'Another start of the onboarding is under way; try again.') },
          async () => undefined,
          async (tx) => {
            const row = await startStripeConnect(tx, s.orgId, s.staffId, ctx());
            return { status: 200, body: { started: true, row_id: row.id } };
          });
        if (answer.status !== 200) return sendAnswer(c, answer);
        // After commit: the account at Stripe, keyed by the studio (a retry, a replay, a second click: the same account).
        let connect = await withCaller(deps.db, caller, (tx) => studioConnectOf(tx, s.orgId));
        if (!connect.account) {
          const applicant = await withCaller(deps.db, caller, (tx) => connectApplicantOf(tx, s.orgId, s.staffId));
          const made = await provider(() => stripe.createConnectedAccount({ orgId: s.orgId, country: applicant.country, email: applicant.email, businessName: applicant.name, idempotencyKey: `tandem:connect-account:${s.orgId}` }));
          connect = await withCaller(deps.db, caller, async (tx) => { await recordConnectAccount(tx, s.orgId, made.ref, made, ctx()); return studioConnectOf(tx, s.orgId); });
        }
        const base = deps.config.publicOrigin;
        const link = connect.state === 'charges_enabled' || !connect.account ? null
          : await provider(() => stripe.createAccountLink({ account: connect.account!, refreshUrl: `${base}/admin?stripe=refresh`, returnUrl: `${base}/admin?stripe=return` }));
        const out: StripeOnboardingOut = { ...connectOut(true, connect), url: link?.url ?? null, expires_at: link?.expiresAt.toISOString() ?? null };
        return c.json(out, 200, answer.replayed ? { 'Idempotency-Replayed': 'true' } : {});
      });
}
