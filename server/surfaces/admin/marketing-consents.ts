import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { marketingConsentsOf, type ConsentListed } from '../../modules/marketing/index.ts';
import { ConsentsOut, ConsentsQuery, type ConsentOut } from '../../../schema/api/marketing-consent.ts';
import { problemResponses } from '../openapi-shared.ts';
import { afterOf, cursorOf } from './list-cursor.ts';

export function consentOut(r: ConsentListed): ConsentOut {
  return {
    id: r.id, customer: { id: r.customerId, name: r.customerName }, email: r.email, status: r.status as ConsentOut['status'], source: r.source, locale: r.locale,
    wording: r.wording, wording_version: r.wordingVersion, requested_at: r.requestedAt.toISOString(), request_ip_hash: r.requestIpHash,
    confirmed_at: r.confirmedAt?.toISOString() ?? null, confirm_ip_hash: r.confirmIpHash, withdrawn_at: r.withdrawnAt?.toISOString() ?? null, withdrawn_via: r.withdrawnVia,
  };
}

/** GET /v1/admin/marketing/consents: the record of every marketing consent (asked, confirmed, withdrawn). Owners and managers; an instructor lists none. */
export function adminMarketingConsentRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>().get('/marketing/consents',
    describeRoute({
      tags: ['admin'], summary: 'Marketing consents: when, which words, from where, and how they ended',
      description: 'Newest request first, `limit` a page (default 100, at most 500), `next_cursor` for the next; `customer_id`, `status` '
        + '(`withdrawn`: unsubscribed) and `q` (part of the address, any case) filter. A consent is given when the customer '
        + 'follows the link of the confirmation mail (double opt-in) and ends with the unsubscribe link of any marketing mail. Owners and managers; '
        + 'an instructor\'s key lists none.',
      security: [{ secretKey: [] }],
      responses: { 200: { description: 'The consents', content: { 'application/json': { schema: resolver(ConsentsOut) } } }, ...problemResponses(400, 401) },
    }),
    validate('query', ConsentsQuery),
    async (c) => {
      const staff = c.get('staff');
      const q = c.req.valid('query');
      const limit = q.limit ?? 100;
      const after = afterOf(q.cursor);
      // One row more than the page says whether there is a next one.
      const rows = staff.role === 'instructor' ? [] : await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
        (tx) => marketingConsentsOf(tx, staff.orgId, { customerId: q.customer_id, status: q.status, q: q.q || undefined, after, limit: limit + 1 }));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json({ consents: page.map(consentOut), next_cursor: rows.length > limit && last ? cursorOf(last.requestedAt, last.id) : null });
    });
}
