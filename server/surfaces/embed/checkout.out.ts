/** The embed's checkout answers (the order, the booking with its payment state), shaped from the billing module's views. */
import type { CheckoutResponse } from '../../../schema/api/checkout.ts';
import type { CheckoutBookingView, CheckoutResult } from '../../modules/billing/index.ts';
import { orderOut } from '../shapes/order.out.ts';

export { orderOut };
import { bookingOut } from './bookings.out.ts';

/** The booking as checkout answers it: the embed's booking plus the manage link and the last payment attempt. */
export function checkoutBookingOut(v: CheckoutBookingView): CheckoutResponse['booking'] {
  return {
    ...bookingOut(v.booking),
    manage_url: v.manageUrl,
    payment_overdue: v.paymentOverdue,
    last_payment: v.lastPayment ? { status: v.lastPayment.status, failure_reason: v.lastPayment.failureReason } : null,
  };
}

/** The checkout's answer; a card or TWINT payment's `client_secret` is filled in after commit, when its intent exists. */
export function checkoutOut(r: CheckoutResult): CheckoutResponse {
  const out: CheckoutResponse = { booking: checkoutBookingOut(r.booking), order: orderOut(r.order, r.lang) };
  if (r.invoice) out.invoice = { number: String(r.invoice.number), pdf_url: r.invoice.pdfUrl, reference: r.invoice.reference };
  if (r.payment) {
    const p = r.payment;
    out.payment = {
      provider: p.provider, client_secret: '', test_mode: p.testMode, amount: p.amount, currency: p.currency,
      ...(p.publishableKey ? { publishable_key: p.publishableKey } : {}),
      ...(p.stripeAccount ? { stripe_account: p.stripeAccount } : {}),
    };
  }
  return out;
}
