/**
 * What staff do for a customer beyond the widget: book on their behalf (times chosen, paid by an
 * invoice mailed to them, a transfer already received, or a payment link mailed to them), schedule the sessions still open, and
 * move the series. Moving one session, attendance and cancelling have their own routes.
 */
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { BookingDetailOut } from '../../../schema/api/admin-pipeline.ts';
import { AddSessionsBody, BookingParams, SlotProblem } from '../../../schema/api/embed-bookings.ts';
import { AdminCreateBookingBody, AdminRescheduleSeriesBody } from '../../../schema/api/admin-bookings.ts';
import type { AdminEnv, AppDeps, StaffCaller } from '../../deps.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { addSessions, bookingForStaff, createBooking, programForBooking, rescheduleSeries } from '../../modules/bookings/index.ts';
import { payStaffBooking } from '../../modules/billing/index.ts';
import { programStatusOf } from '../../modules/program-editor/index.ts';
import { bookingDetail } from '../../modules/pipeline/index.ts';
import { bookingDetailOut } from './pipeline.out.ts';
import { staffAction } from './staff-action.ts';
import { problemResponses } from '../openapi-shared.ts';

const security: Record<string, string[]>[] = [{ secretKey: [] }, { staffSession: [] }];
const idempotencyHeader = { name: 'Idempotency-Key', in: 'header' as const, required: true, schema: { type: 'string' as const } };
const detailAnswer = (description: string) => ({ description, content: { 'application/json': { schema: resolver(BookingDetailOut) } } });
const slotProblem = { description: 'slot_taken / slot_unavailable (with conflicts and alternatives), invalid_state, policy_window_closed', content: { 'application/problem+json': { schema: resolver(SlotProblem) } } };

async function detailOf(tx: Tx, deps: AppDeps, staff: StaffCaller, id: string, now: Date) {
  const detail = await bookingDetail(tx, staff.orgId, id, { role: staff.role, staffId: staff.staffId }, now);
  if (!detail) throw new Error(`booking ${id} vanished`);
  return bookingDetailOut(detail, deps.config.publicOrigin);
}

export function adminBookingActionRoutes(deps: AppDeps) {
  return new Hono<AdminEnv>()
    .post('/bookings',
      describeRoute({
        tags: ['admin'], summary: 'Book on a customer\'s behalf (owners, managers)',
        description: 'The widget\'s booking fields (`program` slug or id, `variant`, `instructor`?, `customer`, `sessions`, `intake`) checked the '
          + 'same way (the instructor\'s hours, notice, busy time, the intake form), for a published program of any visibility (hidden ones too; '
          + 'a draft is 409 `invalid_state`), and `payment`: `{"mode":"invoice"}` mails the customer the invoice with its QR-bill (or EPC QR) and '
          + 'holds the times until it is due (the booking stays `reserved` until the transfer is recorded); `{"mode":"paid_by_transfer","reference"}` '
          + 'records the transfer already received and confirms at once (confirmation mail, invoice); `{"mode":"payment_link"}` holds the times for '
          + '48 hours (the booking stays `reserved`, released unpaid) and mails the customer a link to its page, where they pay by card or TWINT '
          + '(POST /v1/portal/bookings/:id/payment-link/checkout; confirmed by the provider\'s verified event). A studio without a bank account for the '
          + 'currency (invoice, transfer) or without its Stripe account (payment link) is 422 `payment_method_unavailable`. Answers 201 with the booking as GET /v1/admin/bookings/:id. Instructors: 403. '
          + 'Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader],
        responses: { 201: detailAnswer('The booking'), 409: slotProblem, ...problemResponses(400, 401, 403, 404, 422) },
      }),
      idempotencyKeyRequired(),
      validate('json', AdminCreateBookingBody),
      async (c) => {
        const staff = c.get('staff');
        if (staff.role === 'instructor') throw new AppError('forbidden', 'Owners and managers book on a customer\'s behalf.');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: 'bookings', body },
          async (tx) => {
            const program = await programForBooking(tx, staff.orgId, body);
            if (await programStatusOf(tx, staff.orgId, program.id) !== 'published') throw new AppError('invalid_state', 'The program is not published yet.');
            return program;
          },
          async (tx, program, now) => {
            const created = await createBooking(tx, { orgId: staff.orgId, body: { ...body, source: { channel: 'studio', staff_id: staff.staffId } }, now, program });
            await payStaffBooking(tx, { now, config: deps.config, payments: deps.payments }, staff.orgId, created.booking.id, body.payment);
            return { status: 201, body: await detailOf(tx, deps, staff, created.booking.id, now) };
          });
      })
    .post('/bookings/:id/sessions',
      describeRoute({
        tags: ['admin'], summary: 'Schedule the sessions still open (staff)',
        description: '`{"starts":[…]}` places the booking\'s next unscheduled sessions (by order) with the same checks as the customer\'s '
          + '(the instructor\'s hours, notice, horizon, busy time). An instructor reaches only the bookings they conduct (404 otherwise). '
          + 'Needs an `Idempotency-Key`. Answers the booking as GET /v1/admin/bookings/:id.',
        security, parameters: [idempotencyHeader],
        responses: { 200: detailAnswer('The booking with its new sessions'), 409: slotProblem, ...problemResponses(400, 401, 404, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', AddSessionsBody),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `bookings/${id}/sessions`, body },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            await addSessions(tx, { orgId: staff.orgId, booking, starts: body.starts, now, config: deps.config });
            return { status: 200, body: await detailOf(tx, deps, staff, id, now) };
          });
      })
    .post('/bookings/:id/reschedule-series',
      describeRoute({
        tags: ['admin'], summary: 'Move every remaining session, keeping the cadence (staff)',
        description: 'As the customer\'s (`shift_weeks`, or `starts_at` for the first remaining session, the others keeping their local distance), '
          + 'by the program\'s notice and limit; `override` moves every session still ahead, notice and limit lifted and outside the hours too, '
          + 'never onto busy time. Nothing moves unless every session can: 409 lists each that cannot (`session_id`) with the nearest free times; '
          + 'a booking of one session has no series (409 `invalid_state`). '
          + 'The customer is mailed the new times. An instructor reaches only the bookings they conduct (404 otherwise). Needs an `Idempotency-Key`.',
        security, parameters: [idempotencyHeader],
        responses: { 200: detailAnswer('The booking with its moved sessions'), 409: slotProblem, ...problemResponses(400, 401, 404, 422) },
      }),
      idempotencyKeyRequired(),
      validate('param', BookingParams),
      validate('json', AdminRescheduleSeriesBody),
      async (c) => {
        const staff = c.get('staff');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        return staffAction(c, deps, { path: `bookings/${id}/reschedule-series`, body },
          (tx) => bookingForStaff(tx, staff.orgId, id),
          async (tx, booking, now) => {
            await rescheduleSeries(tx, {
              orgId: staff.orgId, booking, now, config: deps.config, by: { kind: 'staff', override: body.override },
              ...('shift_weeks' in body ? { shiftWeeks: body.shift_weeks } : { startsAt: body.starts_at }),
            });
            return { status: 200, body: await detailOf(tx, deps, staff, id, now) };
          });
      });
}
