/**
 * The studio's own domain for its hosted pages (owners only; managers and instructors 403):
 * GET shows it with the DNS records to create, PUT names it, POST …/verify checks the records
 * through the DNS, DELETE removes it. Once verified, requests with that Host serve the studio's
 * pages with canonical addresses on it; removed, they stop.
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { DomainBody, DomainOut } from '../../../schema/api/admin-domain.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import type { DnsResolver } from '../../platform/adapters/dns/resolver.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { customDomainOfStudio, missingRecords, normalHost, recordDomainCheck, removeCustomDomain, setCustomDomain } from '../../modules/settings/index.ts';
import { staffAction } from './staff-action.ts';
import { domainOut } from './domain.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotency = [{ name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } }];
const json = { 'application/json': { schema: resolver(DomainOut) } };

function owner(c: Context<AdminEnv>) {
  const s = c.get('staff');
  if (s.role !== 'owner') throw new AppError('forbidden', 'The studio\'s domain is its owners\' setting.');
  return s;
}

export function adminDomainRoutes(deps: AppDeps & { dns: DnsResolver }, domains: { reload(): Promise<void> }) {
  const origin = new URL(deps.config.publicOrigin);
  const pagesHost = origin.hostname;
  const out = (row: Parameters<typeof domainOut>[0]) => domainOut(row, pagesHost, origin.protocol);
  const ctx = (now: Date) => ({ now, config: deps.config });
  /** After a change is committed, this process serves (or stops serving) the domain at once. */
  const changed = async (res: Response) => {
    if (res.ok) await domains.reload();
    return res;
  };
  return new Hono<AdminEnv>()
    .get('/settings/domain',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s own domain for its hosted pages (owners)', security,
        description: '`{domain: null}` or the host, `status` (`pending`, `verified`), the DNS `records` to create (a CNAME to the pages host, '
          + 'a TXT record `_tandem.<host>` with the verification token), the last check and what it did not find. Managers and instructors: 403.',
        responses: { 200: { description: 'The domain', content: json }, ...problemResponses(401, 403) } }),
      async (c) => {
        const s = owner(c);
        const row = await withCaller(deps.db, { orgId: s.orgId, role: s.role, userId: s.staffId }, (tx) => customDomainOfStudio(tx, s.orgId));
        return c.json(out(row));
      })
    .put('/settings/domain',
      describeRoute({ tags: ['admin'], summary: 'Name the studio\'s own domain (owners)', security, parameters: idempotency,
        description: '`{"host":"book.studio.ch"}`: a host name (not an address, a port, a path or the pages host itself; 400 `validation_failed` on `host`). '
          + 'A new host gets a new verification token and is pending until verified (it replaces the one before); the same host again changes nothing. '
          + 'Another studio\'s host: 409 `conflict`.',
        responses: { 200: { description: 'The domain', content: json }, ...problemResponses(400, 401, 403, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('json', DomainBody),
      async (c) => {
        const s = owner(c);
        const body = c.req.valid('json');
        const host = normalHost(body.host, pagesHost);
        if (!host) throw new AppError('validation_failed', 'The host is not a domain name the pages can be served on.', { errors: [{ field: 'host', message: 'must be a domain name such as book.studio.ch' }] });
        return changed(await staffAction(c, deps, { path: 'settings/domain', body, method: 'PUT' }, async () => undefined,
          async (tx, _a, now) => ({ status: 200, body: out(await setCustomDomain(tx, s.orgId, s.staffId, host, ctx(now))) })));
      })
    .post('/settings/domain/verify',
      describeRoute({ tags: ['admin'], summary: 'Check the domain\'s DNS records (owners)', security, parameters: idempotency,
        description: 'Looks up the CNAME of the host and the TXT record `_tandem.<host>`: both found, the domain is `verified` and its requests '
          + 'serve the studio\'s pages; otherwise it stays `pending` with `missing` naming what was not found. No domain: 404.',
        responses: { 200: { description: 'The domain after the check', content: json }, ...problemResponses(400, 401, 403, 404) } }),
      idempotencyKeyRequired(),
      async (c) => {
        const s = owner(c);
        const row = await withCaller(deps.db, { orgId: s.orgId, role: s.role, userId: s.staffId }, (tx) => customDomainOfStudio(tx, s.orgId));
        if (!row) throw new AppError('not_found', 'The studio has no domain to verify.');
        // The DNS is asked outside any transaction.
        const [cname, txt] = await Promise.all([
          deps.dns.resolveCname(row.host).catch(() => []),
          deps.dns.resolveTxt(`_tandem.${row.host}`).catch(() => []),
        ]);
        const checked = { host: row.host, token: row.verificationToken, missing: missingRecords({ cname, txt }, row.verificationToken, pagesHost) };
        return changed(await staffAction(c, deps, { path: 'settings/domain/verify', body: { host: row.host } }, async () => undefined,
          async (tx, _a, now) => {
            const after = await recordDomainCheck(tx, s.orgId, s.staffId, checked, ctx(now));
            if (!after) throw new AppError('conflict', 'The domain changed while it was being checked; check it again.');
            return { status: 200, body: out(after) };
          }));
      })
    .delete('/settings/domain',
      describeRoute({ tags: ['admin'], summary: 'Remove the studio\'s own domain (owners)', security, parameters: idempotency,
        description: 'Its requests stop serving the studio\'s pages; canonical addresses go back to the pages host. Removing none answers the same.',
        responses: { 200: { description: 'No domain', content: json }, ...problemResponses(401, 403) } }),
      idempotencyKeyRequired(),
      async (c) => {
        const s = owner(c);
        return changed(await staffAction(c, deps, { path: 'settings/domain', body: {}, method: 'DELETE' }, async () => undefined,
          async (tx, _a, now) => {
            await removeCustomDomain(tx, s.orgId, s.staffId, ctx(now));
            return { status: 200, body: out(undefined) };
          }));
      });
}
