/**
 * Paying a booking staff made on a customer's behalf: by bank transfer, the studio's way
 * (QR-bill or EPC QR invoice, as its account allows). `invoice`: the customer is mailed the
 * invoice to pay, the times held until it is due. `paid_by_transfer`: the transfer already
 * received is recorded with it, which confirms the booking as any recorded transfer does.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { CheckoutBody } from '../../../schema/api/checkout.ts';
import { bankMethodFor } from '../../../shared/payment-methods.ts';
import { bookingById } from '../bookings/index.ts';
import { checkout, type CheckoutEnv } from './checkout.mutations.ts';
import { orderRow } from './context.queries.ts';
import { recordTransfer } from './transfers.mutations.ts';

export type StaffBookingPayment = { mode: 'invoice' } | { mode: 'paid_by_transfer'; reference: string };

export interface StaffBookingPaid { orderId: string; method: 'qr_bill' | 'bank_transfer'; invoiceNumber: string | null; paid: boolean }

export async function payStaffBooking(tx: Tx, env: CheckoutEnv, orgId: string, bookingId: string, payment: StaffBookingPayment): Promise<StaffBookingPaid> {
  const booking = await bookingById(tx, orgId, bookingId, true);
  if (!booking) throw new Error(`booking ${bookingId} vanished`);
  const [org] = await tx.select({ billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const method = bankMethodFor(booking.currency, org?.billing);
  if (!method) {
    throw new AppError('payment_method_unavailable', `This studio takes no bank transfers in ${booking.currency} yet (its account in the settings).`, { errors: [{ field: 'payment.mode', message: 'needs the studio\'s bank account' }] });
  }
  // The studio typed the customer's address itself: it stands for it (the invoice goes with the mail).
  const done = await checkout(tx, env, orgId, booking, { method, plan: 'full' } as CheckoutBody, { customerId: booking.customerId }, { paidNow: payment.mode === 'paid_by_transfer', byStaff: true });
  let paid = done.order.order.total === 0;
  if (payment.mode === 'paid_by_transfer' && !paid) {
    const order = await orderRow(tx, orgId, done.order.order.id, true);
    await recordTransfer(tx, env, order!, { amount: done.order.order.total - done.order.order.amountPaid, method: 'bank_transfer', reference: payment.reference });
    paid = true;
  }
  return { orderId: done.order.order.id, method, invoiceNumber: done.invoice?.number ?? null, paid };
}
