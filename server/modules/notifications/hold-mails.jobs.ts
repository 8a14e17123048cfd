/**
 * Mails about a reservation held for a bank payment (QR-bill, EPC QR transfer):
 *
 *   reminder   2 days before the payment deadline (the hold's end), when the invoice is still
 *              unpaid and the times still held: pay by then, or the times are released
 *              (`mail.payment_reminder`, added with the invoice; only to a proven address, like
 *              the invoice itself)
 *   lapse      the deadline passed unpaid and the hold was released: the customer hears that the
 *              reservation lapsed and the studio that its times are free again (`mail.hold_lapsed`,
 *              added by the release in its transaction)
 *
 * Each job reads the booking as it is when it runs and queues its mails with dedupe keys, once.
 */
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { AppConfig } from '../../deps.ts';
import type { StaffWords } from './domain/booking-mails.ts';
import { customerWords, staffWords } from './mail-data.ts';
import { bookingById, HOLD_LAPSED_QUEUE } from '../bookings/index.ts';
import { customerZone, invoiceLabel, invoiceOfOrder, loadBookingContext, orderRow } from '../billing/index.ts';
import { paymentReminderMail, reservationLapsedMail, reservationLapsedStaffMail, type UnpaidReservationMailData } from './domain/settlement-mails.ts';
import { enqueueMail } from './outbox.mutations.ts';

/** The queue whose job reminds the customer of an unpaid bank-transfer invoice before its deadline. */
export const PAYMENT_REMINDER_QUEUE = 'mail.payment_reminder';

/** The reminder comes this long before the payment deadline. */
export const REMINDER_BEFORE_MS = 2 * 86_400_000;

/** Adds the reminder's job for an invoice issued with a hold until `holdUntil` (in the caller's transaction); none when the deadline is nearer than the reminder's lead. */
export async function schedulePaymentReminder(tx: Tx, orgId: string, bookingId: string, orderId: string, holdUntil: Date, now: Date, proven: boolean): Promise<void> {
  const at = holdUntil.getTime() - REMINDER_BEFORE_MS;
  if (at <= now.getTime() || !proven) return;
  await enqueue(tx, PAYMENT_REMINDER_QUEUE, { orgId, bookingId, orderId, proven }, { startAfter: new Date(at), singletonKey: `payment_reminder:${orderId}` });
}

interface HoldMailEnv { db: Database; now: () => Date; config: AppConfig }
interface HoldJob { orgId: string; bookingId: string; orderId: string }

async function unpaidReservation(tx: Tx, { orgId, bookingId, orderId }: HoldJob): Promise<{ data: UnpaidReservationMailData; staffTo: string; staff: StaffWords; status: string; holdUntil: Date | null } | null> {
  const booking = await bookingById(tx, orgId, bookingId);
  const order = await orderRow(tx, orgId, orderId);
  const invoice = await invoiceOfOrder(tx, orgId, orderId);
  if (!booking || !order || !invoice || booking.orderId !== orderId) return null;
  // A lapsed reservation's invoice may be voided (the order cancelled) by the time this runs.
  const voided = order.status === 'cancelled' && booking.status === 'cancelled' && booking.cancellationReason === 'hold_expired';
  if (order.status !== 'pending' && order.status !== 'partially_paid' && !voided) return null;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const until = booking.holdExpiresAt ?? new Date(0);
  return {
    status: booking.status,
    holdUntil: booking.holdExpiresAt,
    staffTo: ctx.org.billing?.email ?? ctx.instructor.email,
    staff: staffWords(ctx),
    data: {
      ...customerWords(ctx), zone: customerZone(ctx), customer: { name: ctx.customer.name, email: ctx.customer.email },
      studio: { name: ctx.org.name }, program: { title: ctx.program.title }, variant: { name: ctx.variant.name }, instructor: { name: ctx.instructor.name },
      invoice: { number: invoiceLabel(invoice.snapshot) }, amount: order.total - order.amountPaid, currency: order.currency, until,
    },
  };
}

/** Two days before the deadline: only while the booking is still reserved, unpaid, and its hold still ends then. */
export async function sendPaymentReminder(env: HoldMailEnv, job: HoldJob & { proven?: boolean }): Promise<boolean> {
  // Amount and invoice number go only where the invoice itself went: to an address the customer proved.
  if (job.proven !== true) return false;
  return withSystem(env.db, job.orgId, 'mail: remind of an unpaid invoice before its deadline', async (tx) => {
    const found = await unpaidReservation(tx, job);
    const now = env.now().getTime();
    if (!found || found.status !== 'reserved' || !found.holdUntil || found.holdUntil.getTime() <= now) return false;
    if (now < found.holdUntil.getTime() - REMINDER_BEFORE_MS) {
      // Early (the hold was extended, or the queue ran it early): wait for its time.
      await schedulePaymentReminder(tx, job.orgId, job.bookingId, job.orderId, found.holdUntil, env.now(), true);
      return false;
    }
    return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `order:${job.orderId}:payment_reminder`, to: found.data.customer.email, ...paymentReminderMail(found.data) });
  });
}

/** The hold lapsed unpaid: both sides hear of it, once. */
export async function sendLapseMails(env: HoldMailEnv, job: HoldJob): Promise<boolean> {
  return withSystem(env.db, job.orgId, 'mail: an unpaid reservation lapsed', async (tx) => {
    const found = await unpaidReservation(tx, job);
    if (!found || found.status !== 'cancelled') return false;
    const sent = await enqueueMail(tx, { orgId: job.orgId, dedupeKey: `order:${job.orderId}:lapsed`, to: found.data.customer.email, ...reservationLapsedMail(found.data) });
    await enqueueMail(tx, { orgId: job.orgId, dedupeKey: `order:${job.orderId}:lapsed:staff`, to: found.staffTo, ...reservationLapsedStaffMail({ ...found.data, ...found.staff }) });
    return sent;
  });
}

export function holdMailJobs(env: HoldMailEnv): JobDefinition<HoldJob & { proven?: boolean }>[] {
  return [
    { name: PAYMENT_REMINDER_QUEUE, handle: async (job) => { await sendPaymentReminder(env, job); } },
    { name: HOLD_LAPSED_QUEUE, handle: async (job) => { await sendLapseMails(env, job); } },
  ];
}
