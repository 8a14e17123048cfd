/**
 * booking.payment_link_sent: staff booked on the customer's behalf and asked them to pay by link.
 * The mail links to the booking's manage page opened at its payment (`?pay=1`), where the
 * portal checks the reserved booking out; queued in the event's transaction, sent after commit.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { bookingById } from '../bookings/index.ts';
import { loadBookingContext, scheduledSessions } from '../billing/index.ts';
import { paymentLinkMail } from './domain/booking-mails.ts';
import { bookingMailBase, manageUrlFor } from './mail-data.ts';
import { enqueueMail } from './outbox.mutations.ts';

export async function queuePaymentLinkMail(tx: Tx, env: { config: AppConfig; now: Date }, orgId: string, bookingId: string, holdUntil: Date): Promise<void> {
  const booking = await bookingById(tx, orgId, bookingId);
  if (!booking) throw new Error(`booking ${bookingId} vanished`);
  const ctx = await loadBookingContext(tx, orgId, booking);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const pay = new URL(manage);
  pay.searchParams.set('pay', '1');
  const mail = paymentLinkMail({
    ...bookingMailBase(ctx, manage),
    sessions: scheduledSessions(ctx).map((s) => ({ seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt })),
    amount: booking.totalPrice, currency: booking.currency, holdUntil, payUrl: pay.toString(),
  });
  await enqueueMail(tx, { orgId, dedupeKey: `booking:${bookingId}:payment_link`, to: ctx.customer.email, ...mail });
}
