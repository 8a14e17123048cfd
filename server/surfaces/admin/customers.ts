/**
 * The studio's customers: every staff role lists and reads them through their own policies (an
 * instructor the people whose bookings they conduct, without credits); owners and managers
 * export one customer's data as JSON and erase a customer.
 */
import { Hono, type Context } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import { CustomerDetailOut, CustomerParams, CustomersOut, CustomersQuery } from '../../../schema/api/admin-customers.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { customerById, customerDetail, customersOfStudio, eraseCustomer, type CustomerDetail } from '../../modules/customers/index.ts';
import { staffAction } from './staff-action.ts';
import { afterOf, cursorOf } from './list-cursor.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const json = (schema: Parameters<typeof resolver>[0]) => ({ 'application/json': { schema: resolver(schema) } });

function detailOut(d: CustomerDetail): CustomerDetailOut {
  const c = d.customer;
  return {
    customer: { id: c.id, name: c.name, email: c.email, phone: c.phone, language: c.locale, timezone: c.timezone, created_at: c.createdAt.toISOString() },
    bookings: d.bookings.map((b) => ({
      id: b.booking.id, status: b.booking.status, created_at: b.booking.createdAt.toISOString(), program: b.program, instructor: b.instructor,
      total: { amount: b.booking.totalPrice, currency: b.booking.currency }, intake: { answers: b.intake.answers, health_withheld: b.intake.healthWithheld },
    })),
    credits: d.credits && { balance: d.credits.balance, ledger: d.credits.ledger.map((l) => ({ id: l.id, delta: l.delta, balance_after: l.balanceAfter, reason: l.reason, booking_id: l.bookingId, created_at: l.createdAt.toISOString() })) },
    messages: d.messages.map((m) => ({ id: m.id, booking_id: m.bookingId, from: m.senderKind, body: m.bodyMd, created_at: m.createdAt.toISOString() })),
    tags: d.tags,
  };
}

function studioPeople(c: Context<AdminEnv>, what: string) {
  const s = c.get('staff');
  if (s.role === 'instructor') throw new AppError('forbidden', `Owners and managers ${what}.`);
  return s;
}

export function adminCustomerRoutes(deps: AppDeps) {
  const as = (s: { orgId: string; role: 'owner' | 'manager' | 'instructor'; staffId: string }) => ({ orgId: s.orgId, role: s.role, userId: s.staffId });
  return new Hono<AdminEnv>()
    .get('/customers',
      describeRoute({ tags: ['admin'], summary: 'The studio\'s customers, newest first, with search', security,
        description: '`q` matches part of the name, e-mail address or phone (any case); 50 a page, `next_cursor` for the next. An instructor '
          + 'lists the customers whose bookings they conduct.',
        responses: { 200: { description: 'Customers', content: json(CustomersOut) }, ...problemResponses(400, 401) } }),
      validate('query', CustomersQuery),
      async (c) => {
        const s = c.get('staff');
        const q = c.req.valid('query');
        const after = afterOf(q.cursor);
        const page = await withCaller(deps.db, as(s), (tx) => customersOfStudio(tx, s.orgId, { q: q.q || undefined, after: after && { createdAt: after.at, id: after.id } }));
        const last = page.rows.at(-1);
        return c.json({
          customers: page.rows.map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, language: r.locale, bookings: Number(r.bookings), created_at: r.createdAt.toISOString() })),
          next_cursor: page.more && last ? cursorOf(last.createdAt, last.id) : null,
        } satisfies CustomersOut);
      })
    .get('/customers/:id',
      describeRoute({ tags: ['admin'], summary: 'One customer: bookings with intake answers, credit balance and ledger, messages', security,
        description: 'Health answers (intake questions marked `x-health`) only for the booking\'s own instructor and managers (`health_withheld` '
          + 'says when some were left out). `credits` is null for instructors. A customer the caller does not see: 404.',
        responses: { 200: { description: 'The customer', content: json(CustomerDetailOut) }, ...problemResponses(400, 401, 404) } }),
      validate('param', CustomerParams),
      async (c) => {
        const s = c.get('staff');
        const { id } = c.req.valid('param');
        const d = await withCaller(deps.db, as(s), (tx) => customerDetail(tx, s.orgId, id, { role: s.role, staffId: s.staffId }));
        if (!d) throw new AppError('not_found', 'No such customer.');
        return c.json(detailOut(d));
      })
    .get('/customers/:id/export',
      describeRoute({ tags: ['admin'], summary: 'Export one customer\'s data as JSON (owners, managers)', security,
        description: 'Everything the studio holds about the customer (as GET /v1/admin/customers/:id, health answers by the same rule), as a '
          + 'JSON download for a data access request. Instructors: 403 `forbidden`.',
        responses: { 200: { description: 'The export', content: json(v.object({ exported_at: v.string(), ...CustomerDetailOut.entries })) }, ...problemResponses(400, 401, 403, 404) } }),
      validate('param', CustomerParams),
      async (c) => {
        const s = studioPeople(c, 'export customers\' data');
        const { id } = c.req.valid('param');
        const d = await withCaller(deps.db, as(s), (tx) => customerDetail(tx, s.orgId, id, { role: s.role, staffId: s.staffId }));
        if (!d) throw new AppError('not_found', 'No such customer.');
        c.header('Content-Disposition', `attachment; filename="customer-${id}.json"`);
        c.header('Cache-Control', 'no-store');
        return c.json({ exported_at: deps.now().toISOString(), ...detailOut(d) });
      })
    .post('/customers/:id/erase',
      describeRoute({ tags: ['admin'], summary: 'Erase a customer\'s personal data (owners, managers)', security,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
        description: 'Name, e-mail address, phone, what their bookings\' requests said, intake answers and their messages\' text are replaced; '
          + 'their portal sessions end. Bookings, orders, payments and invoices stay (invoices as issued, kept for the legal retention period). '
          + 'A customer with a booking that is not over (reserved, confirmed, in progress): 409 `conflict` with `bookings`. Instructors: 403.',
        responses: { 200: { description: 'Erased', content: json(v.object({ id: v.string(), erased: v.literal(true) })) }, ...problemResponses(400, 401, 403, 404, 409, 422) } }),
      idempotencyKeyRequired(),
      validate('param', CustomerParams),
      async (c) => {
        const s = studioPeople(c, 'erase customers');
        const { id } = c.req.valid('param');
        return staffAction(c, deps, { path: `customers/${id}/erase`, body: {} },
          async (tx) => {
            const row = await customerById(tx, s.orgId, id);
            if (!row) throw new AppError('not_found', 'No such customer.');
            return row;
          },
          async (tx, customer, now) => { await eraseCustomer(tx, s.orgId, customer, s.staffId, { now, config: deps.config }); return { status: 200, body: { id, erased: true } }; });
      });
}

