import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { requestLang } from '../../platform/http/field-messages.ts';
import { CONSENT_WORDING_VERSION, consentWording, studioNameOf } from '../../modules/marketing/index.ts';
import { ConsentWordingOut, ConsentWordingQuery } from '../../../schema/api/marketing-consent.ts';
import { problemResponses } from '../openapi-shared.ts';

/** GET /v1/embed/marketing-consent: the words the checkout shows next to its unticked box (and the consent record keeps). */
export function marketingConsentWordingRoute(deps: AppDeps) {
  return new Hono<AppEnv>().get('/marketing-consent',
    describeRoute({
      tags: ['embed'], summary: 'The words of the checkout\'s marketing opt-in (an unticked box)',
      description: 'In `lang`, else the language of `Accept-Language` (en, de, fr, it). Checking out with `marketing_opt_in: true` records these words '
        + 'in the customer\'s language with `version`.',
      security: [{ publishableKey: [] }],
      responses: { 200: { description: 'The words', content: { 'application/json': { schema: resolver(ConsentWordingOut) } } }, ...problemResponses(400, 401, 403) },
    }),
    validate('query', ConsentWordingQuery),
    async (c) => {
      const { orgId } = c.get('embed');
      const lang = c.req.valid('query').lang ?? requestLang(c.req.header('Accept-Language'));
      const studio = await withCaller(deps.db, { orgId, role: 'anonymous' }, (tx) => studioNameOf(tx, orgId));
      c.header('Vary', 'Authorization, Accept-Language');
      return c.json({ lang, text: consentWording(lang, studio), version: CONSENT_WORDING_VERSION });
    });
}
