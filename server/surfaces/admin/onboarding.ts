/**
 * After sign-up: the studio's checklist (profile, first program, availability, the website's
 * origin, payments) with the embed snippet, and the studio profile (creditor data for invoices
 * and QR-bills). Owners and managers; an instructor never reaches the studio's money settings (403).
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { OnboardingOut, StudioProfileBody, type StudioProfileOut } from '../../../schema/api/admin-settings.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { onboardingOf, setStudioProfile, type Billing } from '../../modules/settings/index.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];

function studioPeople(c: Context<AdminEnv>) {
  const s = c.get('staff');
  if (s.role === 'instructor') throw new AppError('forbidden', 'The studio\'s setup is its owners\' and managers\'.');
  return s;
}

/** The profile as the console reads it: the invoice prefix (not part of the profile) left out. */
function profileOut(billing: Billing): StudioProfileOut {
  const { invoice_prefix: _prefix, ...profile } = billing;
  return { ...profile, vat_number: billing.vat_number ?? null };
}

export function adminOnboardingRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/onboarding',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s setup checklist and embed snippet (owners, managers)', security,
        description: 'Steps `profile` (legal name, address, an IBAN or QR-IBAN), `program` (one published), `availability` (weekly hours), '
          + '`origin` (a website allowed) and `payments` (the studio\'s Stripe account, or a Swiss/Liechtenstein account for QR-bills), each '
          + 'with `done`; `profile` is the profile as stored (null before it is given); `embed` is the script and element to paste (null until the studio has a live publishable key).',
        responses: { 200: { description: 'Checklist', content: { 'application/json': { schema: resolver(OnboardingOut) } } }, ...problemResponses(401, 403) } }),
      async (c) => {
        const s = studioPeople(c);
        const o = await withCaller(deps.db, { orgId: s.orgId, role: s.role, userId: s.staffId }, (tx) => onboardingOf(tx, s.orgId, { stripeConfigured: deps.payments.kind === 'stripe' }));
        const origin = deps.config.publicOrigin;
        const out: OnboardingOut = {
          steps: o.steps, complete: o.steps.every((step) => step.done),
          stripe: { configured: deps.payments.kind === 'stripe', state: o.stripe },
          profile: o.billing ? profileOut(o.billing) : null,
          embed: o.publishableKey ? {
            script: `<script type="module" src="${origin}/widget/tandem.js"></script>`,
            element: `<tandem-program key="${o.publishableKey}" program="${o.program ?? 'your-program'}"></tandem-program>`,
            program: o.program,
          } : null,
        };
        return c.json(out);
      })
    .put('/studio/profile',
      describeRoute({ tags: ['admin'], summary: 'Set the studio\'s profile: legal name, address, VAT number, bank account (owners, managers)', security,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        description: '`{"legal_name","street","building_number"?,"postal_code","city","country","vat_number": "CHE-123.456.789 MWST" | null, '
          + '"iban"?, "qr_iban"?, "email"?, "brand_color"?: "#rrggbb" | null}`. `brand_color`: the band with the studio\'s name on its mails (left out: kept; null: none).'
          + ' `vat_number` null: not registered for VAT (invoices without VAT). IBANs are checked by their '
          + 'check digits; `qr_iban` must be a QR-IBAN and `iban` must not be one. Answers the profile as stored.',
        responses: { 200: { description: 'Stored' }, ...problemResponses(400, 401, 403, 422) } }),
      idempotencyKeyRequired(),
      validate('json', StudioProfileBody),
      async (c) => {
        const s = studioPeople(c);
        const body = c.req.valid('json');
        return staffAction(c, deps, { method: 'PUT', path: 'studio/profile', body }, async () => undefined,
          async (tx) => {
            return { status: 200, body: profileOut(await setStudioProfile(tx, s.orgId, body)) };
          });
      });
}
