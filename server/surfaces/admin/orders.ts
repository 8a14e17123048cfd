import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { OrderParams } from '../../../schema/api/checkout.ts';
import { AdminOrderOut, OrdersOut, OrdersQuery } from '../../../schema/api/admin-orders.ts';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { orderForStaffView, ordersByReference } from '../../modules/billing/index.ts';
import { adminOrderOut } from './orders.out.ts';
import { problemResponses } from '../openapi-shared.ts';

const MONEY_FIELDS = 'The order with its `lines`, `payments`, `installments`, `refunds` (a bank refund waiting for its outgoing transfer is '
  + '`pending_transfer`), `invoices` and `credit_notes` (each with its staff PDF link). `refunded`: money refunds done; `refunds_pending`: money '
  + 'refunds on their way (provider) or waiting for the transfer (bank); `credited`: what credit notes took off the invoice. `balance_due` = '
  + '`total − credited − (amount_paid − refunded − refunds_pending)`: what the customer still owes; 0 for a settled cancellation, negative when '
  + 'the studio holds more than the order still claims (a failed refund: that much is owed back). `amount_due` is the unsettled order\'s '
  + '`total − amount_paid`.';

/** Staff reads of orders, run as the staff member: owners and managers see the org's money; an instructor's policies show none. */
export function adminOrderRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .get('/orders',
      describeRoute({
        tags: ['admin'], summary: 'Find orders by a bank line: the QR-bill reference or the invoice number',
        description: '`reference`: the invoice\'s QR reference (27-digit QRR or `RF…` SCOR; spaces and case do not matter) or its number '
          + '(`12`, `#12`, `Rechnung 12`). Answers `{orders: […]}`, newest invoice first, each order as `GET /v1/admin/orders/:id` answers it; '
          + 'no match is an empty list (so is another studio\'s reference, or any for an instructor\'s key, which sees no money). ' + MONEY_FIELDS,
        security: [{ secretKey: [] }],
        responses: {
          200: { description: 'The matching orders', content: { 'application/json': { schema: resolver(OrdersOut) } } },
          ...problemResponses(400, 401),
        },
      }),
      validate('query', OrdersQuery),
      async (c) => {
        const staff = c.get('staff');
        const { reference } = c.req.valid('query');
        const orders = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          (tx) => ordersByReference(tx, staff.orgId, reference));
        return c.json({ orders: orders.map((o) => adminOrderOut(o, deps.config.publicOrigin)) });
      })
    .get('/orders/:id',
      describeRoute({
        tags: ['admin'], summary: 'An order with its payments, installments, refunds, invoices and credit notes',
        description: `${MONEY_FIELDS} Owners and managers; an instructor's key sees no orders (404), nor does another studio's.`,
        security: [{ secretKey: [] }],
        responses: {
          200: { description: 'The order', content: { 'application/json': { schema: resolver(AdminOrderOut) } } },
          ...problemResponses(400, 401, 404),
        },
      }),
      validate('param', OrderParams),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const order = await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          (tx) => orderForStaffView(tx, staff.orgId, id));
        if (!order) throw new AppError('not_found', 'No such order.');
        return c.json(adminOrderOut(order, deps.config.publicOrigin));
      });
}
