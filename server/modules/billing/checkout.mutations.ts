/**
 * Checkout: a reserved booking gets its order (lines, VAT, discount), and the payment the
 * chosen method needs — a Stripe PaymentIntent (or the test processor's), a QR-bill invoice,
 * or a class-credit debit. Nothing here confirms on the browser's word: card and TWINT
 * bookings are confirmed by the provider's verified event (payments/payment-events.ts),
 * QR-bill bookings by staff recording the transfer, credits at once (the ledger is the payment).
 *
 * Runs in the request's transaction as `system`, after the booking token was checked and the
 * booking row locked (booking/bookings.mutations.ts `bookingForToken`).
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { PG, pgConstraint, pgErrorCode } from '../../platform/db/pg-errors.ts';
import { AppError, CommitThenFail, type ErrorCode } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import type { CheckoutBody } from '../../../schema/api/checkout.ts';
import {
  buildPaymentPlan, invoiceLabel, type InvoiceSnapshot, canPayWithCredits, creditDebitEntry, normalizeCode, priceOrder, validateCoupon, validateReferral,
  type AppliedDiscount, type Coupon, type PayPlan, type PricedOrder,
} from './domain/index.ts';
import { releaseExpiredHolds, scheduleHoldRelease } from '../bookings/index.ts';
import { bookingById, bookingView, type BookingView } from '../bookings/index.ts';
import { langOf, type Lang } from '../../../shared/format.ts';
import { issueInvoice } from './invoices.mutations.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { type CreatedIntent, type IntentInput, type PaymentProvider } from '../../platform/adapters/payments/provider.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { invoiceLink, manageLink } from '../bookings/index.ts';
import { settleOrder } from './confirm.mutations.ts';
import { lastPaymentOf, loadBookingContext, orderDetail, orderRow, type BookingContext, type BookingRow, type OrderDetail } from './context.queries.ts';
import { customerZone, scheduledSessions } from './context.queries.ts';
import { orderLines, type CheckoutLine } from './domain/order-lines.ts';
import { scheduleInstallmentCharge } from './installments.jobs.ts';
import { cardHoldUntil, ensureQrBillCap, qrBillHold } from './hold-limits.ts';
import { rateLimitsOf } from '../../platform/limits.ts';
import { bankMethodFor, carriesPlan, PLAN_METHODS } from '../../../shared/payment-methods.ts';

/** TWINT through Stripe: CHF only, at most CHF 5,000.00 per payment. */
export const TWINT_MAX_CHF = 500_000;
/** A QR-bill booking holds its times this long, for the transfer to arrive. */
export const QR_BILL_HOLD_MS = 5 * 24 * 3_600_000;
export const QR_BILL_PAYABLE_DAYS = 5;

export interface CheckoutEnv {
  now: Date;
  config: AppConfig;
  payments: PaymentProvider;
}

function unavailable(detail: string, field: 'method' | 'plan' = 'method'): AppError {
  return new AppError('payment_method_unavailable', detail, { errors: [{ field, message: detail }] });
}

/** A method the studio does not take for this variant (the program answer leaves it out): which ones it allows. */
function methodNotAllowed(allowed: readonly string[]): AppError {
  const detail = 'The studio does not take this payment method for this program; please choose one the program offers.';
  return new AppError('payment_method_not_allowed', detail, { errors: [{ field: 'method', message: detail }], allowed_methods: [...allowed] });
}

/** A deposit + plan with a method that cannot carry one: which methods can (the widget offers only those). */
function planMethodUnavailable(): AppError {
  const detail = 'A deposit with a payment plan is paid by card (the installments are charged to it later); with TWINT, a bank transfer or credits please pay in full.';
  return new AppError('payment_method_unavailable', detail, { errors: [{ field: 'method', message: detail }], plan_methods: [...PLAN_METHODS] });
}

/**
 * Stored value (credits) and a customer's history (per-customer coupons, referral codes) are
 * used only for a customer who proved the address (`Tandem-Identity`). Without that proof the
 * answer is this one, the same for every address.
 */
function identityRequired(detail: string, field?: string): AppError {
  return new AppError('identity_required', detail, field ? { errors: [{ field, message: 'needs the e-mail address confirmed first' }] } : {});
}

function codeError(code: ErrorCode): AppError {
  return new AppError(code, undefined, { errors: [{ field: 'coupon', message: new AppError(code).message }] });
}

/** A booking as checkout reads it back: the booking, its manage link, whether a payment is overdue and the last payment attempt. */
export interface CheckoutBookingView {
  booking: BookingView;
  manageUrl: string;
  paymentOverdue: boolean;
  lastPayment: { status: 'pending' | 'succeeded' | 'failed' | 'refunded'; failureReason: string | null } | null;
}

/** What a checkout did: the booking and its order, and the invoice or the payment to collect, when the method has one. */
export interface CheckoutResult {
  booking: CheckoutBookingView;
  order: OrderDetail;
  /** The customer's language (the order's rounding line is in it). */
  lang: Lang;
  /** `number`: as printed (`FLOW-2026-0001`). */
  invoice?: { number: string; pdfUrl: string; reference: string | null };
  /** A card or TWINT payment: its intent is created after commit. */
  payment?: { provider: PaymentProvider['kind']; testMode: boolean; amount: number; currency: string; publishableKey?: string; stripeAccount?: string };
}

/**
 * `paidNow`: staff record the transfer in the same transaction (staff-booking.mutations.ts): the invoice asks nobody to pay.
 * `byStaff`: the studio itself chose the method (a booking on the customer's behalf), so the variant's allowed methods, which say what customers are offered, do not bind it.
 */
export async function checkout(tx: Tx, env: CheckoutEnv, orgId: string, booking: BookingRow, body: CheckoutBody, proof: { customerId: string } | null = null, opts: { paidNow?: boolean; byStaff?: boolean } = {}): Promise<CheckoutResult> {
  const now = env.now;
  ensureCheckoutable(booking, now);
  if (booking.holdExpiresAt && booking.holdExpiresAt.getTime() <= now.getTime()) {
    await releaseExpiredHolds(tx, orgId, now.getTime(), { bookingIds: [booking.id] });
    throw new CommitThenFail('hold_expired', 'The reservation expired before checkout; its times have been released.');
  }
  const ctx = await loadBookingContext(tx, orgId, booking);
  const lang = langOf(ctx.customer.locale);
  const currency = booking.currency;
  const method = body.method;
  // Whether the caller proved to be the booking's customer (an identity token for the booking's address).
  const proven = proof !== null && proof.customerId === booking.customerId;

  await supersedePendingOrder(tx, env, ctx);
  const { lines, discount, priced, plan, amountNow, bankHoldUntil } = await checkoutTerms(tx, env, ctx, body, { proven, purpose: 'checkout', byStaff: opts.byStaff ?? false });
  const total = priced.total.amount;

  // The order.
  const orderId = randomUUID();
  await tx.insert(t.orders).values({
    id: orderId, orgId, customerId: booking.customerId, bookingId: booking.id, status: 'pending', currency,
    subtotal: priced.subtotal.amount, discountTotal: priced.discountTotal.amount, vatTotal: priced.vatTotal.amount,
    roundingAdjustment: priced.roundingAdjustment.amount, total, amountPaid: 0,
    couponId: discount?.couponId ?? null, referralCodeId: discount?.referralCodeId ?? null,
    createdAt: now, updatedAt: now,
  });
  await tx.insert(t.orderItems).values(itemRows(priced, lines, orgId, orderId, currency));
  await tx.update(t.programBookings).set({ orderId, updatedAt: now }).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, booking.id)));
  if (discount) await redeem(tx, orgId, discount);
  let planId: string | null = null;
  if (plan) {
    planId = randomUUID();
    await tx.insert(t.paymentPlans).values({
      id: planId, orgId, orderId, currency, total, deposit: plan.built.deposit.amount,
      planJson: { ...plan.rule, ...(plan.built.reduced ? { reduced: plan.built.reduced } : {}) } as Record<string, unknown>, createdAt: now,
    });
    await tx.insert(t.installments).values(plan.built.installments.map((i) => ({
      orgId, planId: planId!, orderId, seq: i.seq, dueAt: new Date(i.dueAt), amount: i.amount.amount, currency, nextAttemptAt: new Date(i.dueAt),
    })));
    for (const i of plan.built.installments) await scheduleInstallmentCharge(tx, orgId, new Date(i.dueAt));
  }

  const answer: Pick<CheckoutResult, 'invoice' | 'payment'> = {};
  /** The order as written, when the QR-bill branch has read it already (nothing below changes it then). */
  let detail: OrderDetail | undefined;
  if (total === 0 || method === 'credits') {
    if (method === 'credits') await debitCredits(tx, ctx, orderId);
    await settleOrder(tx, env, orgId, orderId);
  } else if (method === 'qr_bill' || method === 'bank_transfer') {
    const holdUntil = await extendHold(tx, ctx, bankHoldUntil!);
    detail = await orderDetail(tx, orgId, (await orderRow(tx, orgId, orderId))!);
    const { invoice } = await issueInvoice(tx, ctx, detail, { now, qrBill: method === 'qr_bill', epcQr: method === 'bank_transfer', debtorAddress: body.billing_address, payableWithinDays: QR_BILL_PAYABLE_DAYS });
    const pdfUrl = await invoiceLink(tx, env, orgId, booking.id);
    await recordEvent(tx, { orgId, type: 'invoice.issued', subjectId: booking.id, payload: { order_id: orderId, invoice_id: invoice.id, invoice_number: invoice.number, invoice_label: invoiceLabel(invoice.snapshot as unknown as InvoiceSnapshot), qr_bill: method === 'qr_bill', method, proven, hold_until: holdUntil.toISOString(), ...(opts.paidNow ? { paid_now: true } : {}) } }, env);
    answer.invoice = { number: invoiceLabel(invoice.snapshot as unknown as InvoiceSnapshot), pdfUrl, reference: invoice.reference };
  } else {
    // The provider is called after this transaction commits (attachPaymentIntent), keyed by this
    // payment's id: a retried transaction never creates a second intent, a rolled-back one none.
    const paymentId = randomUUID();
    await tx.insert(t.payments).values({
      id: paymentId, orgId, orderId, method, status: 'pending', amount: amountNow, currency, provider: env.payments.kind, providerRef: null, createdAt: now,
    });
    await extendHold(tx, ctx, await cardHoldUntil(tx, ctx, now));
    answer.payment = {
      provider: env.payments.kind, testMode: env.payments.testMode, amount: amountNow, currency,
      ...(env.payments.publishableKey ? { publishableKey: env.payments.publishableKey } : {}),
      ...(ctx.org.stripeAccountId && env.payments.kind === 'stripe' ? { stripeAccount: ctx.org.stripeAccountId } : {}),
    };
  }
  const [bookingRead, written] = await Promise.all([
    checkoutBookingView(tx, env, orgId, booking.id),
    detail ?? orderRow(tx, orgId, orderId).then((o) => orderDetail(tx, orgId, o!)),
  ]);
  return { booking: bookingRead, order: written, lang, ...answer };
}

/** What a checkout would charge: the order's lines and discount, the plan, and what is paid now. */
export interface CheckoutTerms {
  lines: CheckoutLine[];
  discount: ResolvedDiscount | null;
  priced: PricedOrder;
  plan: { rule: PayPlan; built: ReturnType<typeof buildPaymentPlan> } | null;
  amountNow: number;
  /** A bank transfer: until when its invoice holds the times. */
  bankHoldUntil: Date | null;
}

/**
 * The terms of a checkout, and whether its choices work together, decided once for the checkout
 * and for its quote (the widget shows the quote before the customer commits). The method must be
 * one the program answer offers, and a deposit + plan only with a method that carries a plan
 * (shared/payment-methods.ts `PLAN_METHODS`: the installments are charged later to the saved card).
 * A quote needs no proof of the address for the method (it spends nothing), but a code that counts
 * per customer is checked against the customer's history only with it, as at checkout.
 */
export async function checkoutTerms(tx: Tx, env: CheckoutEnv, ctx: BookingContext, body: CheckoutBody, o: { proven: boolean; purpose: 'checkout' | 'quote'; byStaff?: boolean }): Promise<CheckoutTerms> {
  const { now } = env;
  const { method } = body;
  const { proven } = o;
  const currency = ctx.booking.currency;
  if (!o.byStaff && !ctx.variant.allowedMethods.includes(method)) throw methodNotAllowed(ctx.variant.allowedMethods);
  const zone = customerZone(ctx);

  // What is bought, and what it costs.
  const lines = orderLines(ctx, { lang: langOf(ctx.customer.locale), zone, credits: method === 'credits' });
  if (body.coupon && method === 'credits') throw codeError('coupon_not_applicable');
  // A quote does not lock the code's row, and does not count the booking's own unpaid order (a checkout replaces it).
  const discount = body.coupon ? await resolveDiscount(tx, ctx, body.coupon, lines, now, proven, o.purpose === 'quote') : null;
  const priced = priceOrder({ currency, lines, discount: discount?.applied, cashRounding: method === 'qr_bill' });
  const total = priced.total.amount;

  // Whether the method fits, and what is paid now.
  let plan: CheckoutTerms['plan'] = null;
  if (body.plan === 'deposit' && total > 0) {
    if (!carriesPlan(method)) throw planMethodUnavailable();
    const rule = ctx.variant.payPlanJson as PayPlan | null;
    if (!rule) throw unavailable('This program has no deposit or payment plan; please pay in full.', 'plan');
    // Every session scheduled: no installment falls after the last one's day.
    const scheduled = scheduledSessions(ctx);
    const complete = scheduled.length > 0 && ctx.sessions.every((s) => s.startsAt || s.status === 'cancelled');
    const built = buildPaymentPlan(priced.total, rule, {
      firstDueAt: now.getTime(), zone, sessionStarts: scheduled.map((s) => s.startsAt.getTime()),
      lastSessionAt: complete ? Math.max(...scheduled.map((s) => s.startsAt.getTime())) : undefined,
    });
    if (built.deposit.amount === 0) throw unavailable('This payment plan has no deposit to pay now; please pay in full.', 'plan');
    if (built.installments.length) plan = { rule, built };
  }
  const amountNow = plan ? plan.built.deposit.amount : total;
  if (method === 'twint') {
    if (currency !== 'CHF') throw unavailable('TWINT takes Swiss francs only.');
    if (amountNow > TWINT_MAX_CHF) throw unavailable('TWINT takes at most CHF 5,000 per payment; please pay by card or QR-bill.');
  }
  let bankHoldUntil: Date | null = null;
  if (method === 'qr_bill' || method === 'bank_transfer') {
    // The program answer lists the same (shared/payment-methods.ts): a QR-bill for CH/LI accounts, an EPC QR invoice for other SEPA accounts in EUR.
    const bank = bankMethodFor(currency, ctx.org.billing);
    if (bank !== method) {
      throw unavailable(bank === 'bank_transfer' ? 'A Swiss QR-bill needs a Swiss or Liechtenstein account; this studio takes bank transfers with an EPC QR code (method bank_transfer).'
        : bank === 'qr_bill' ? 'This studio takes bank transfers with a Swiss QR-bill (method qr_bill).'
          : `This studio does not take bank transfers in ${currency}.`);
    }
    const hold = qrBillHold(ctx, now, QR_BILL_HOLD_MS);
    if ('refused' in hold) throw unavailable(hold.refused);
    bankHoldUntil = hold.until;
    await ensureQrBillCap(tx, ctx, rateLimitsOf(env.config).openQrBillsPerCustomer, now);
    // The invoice holds the times for days and goes to the address by mail: only for a proven address.
    if (!proven && o.purpose === 'checkout') throw identityRequired('A bank transfer invoice holds your times for days and is mailed to you: confirm your e-mail address first (a code by mail).');
  }
  if (method === 'credits' && ctx.variant.creditPrice == null) throw unavailable('This program cannot be paid with credits.');
  if (method === 'credits' && !proven && o.purpose === 'checkout') throw identityRequired('Paying with credits needs the e-mail address confirmed first (a code by mail).');
  return { lines, discount, priced, plan, amountNow, bankHoldUntil };
}

/** What checking out a reserved booking with these choices would charge, and when: nothing is written. */
export interface CheckoutQuote {
  lang: Lang;
  terms: CheckoutTerms;
  /** The code the discount came from, as the studio wrote it. */
  discountCode: { code: string; source: 'coupon' | 'referral' } | null;
  /** Paid in class credits: how many. */
  credits: number | null;
}

/** The quote of a checkout (`GET …/quote`): the same rules and figures as `checkout`, nothing written. */
export async function quoteCheckout(tx: Tx, env: CheckoutEnv, orgId: string, booking: BookingRow, body: CheckoutBody, proof: { customerId: string } | null = null): Promise<CheckoutQuote> {
  ensureCheckoutable(booking, env.now);
  if (booking.holdExpiresAt && booking.holdExpiresAt.getTime() <= env.now.getTime()) {
    throw new AppError('hold_expired', 'The reservation expired before checkout; its times have been released.');
  }
  const ctx = await loadBookingContext(tx, orgId, booking);
  const proven = proof !== null && proof.customerId === booking.customerId;
  const terms = await checkoutTerms(tx, env, ctx, body, { proven, purpose: 'quote' });
  return { lang: langOf(ctx.customer.locale), terms, discountCode: terms.discount?.code ?? null, credits: body.method === 'credits' ? ctx.variant.creditPrice : null };
}

/** A booking checkout can work on: reserved (a cancelled one says whether its hold ran out). */
function ensureCheckoutable(booking: BookingRow, now: Date): void {
  if (booking.status === 'cancelled') {
    throw booking.holdExpiresAt && booking.holdExpiresAt.getTime() <= now.getTime()
      ? new AppError('hold_expired', 'The reservation expired before checkout; its times have been released.')
      : new AppError('invalid_state', 'The booking is cancelled.');
  }
  if (booking.status !== 'reserved') throw new AppError('invalid_state', `The booking is already ${booking.status}.`);
}

/** What the provider needs to create (or, for the same payment, return again) its intent. */
export interface PendingIntent { paymentId: string; input: IntentInput; planId: string | null; hasCustomerRef: boolean }

/**
 * The intent for a card or TWINT payment this checkout created, read in a short transaction
 * (as the server: the payment id comes from this request's own recorded answer). Undefined
 * when the payment is no longer pending (superseded, or already paid).
 */
export async function pendingIntentOf(tx: Tx, orgId: string, orderId: string): Promise<PendingIntent | undefined> {
  await asSystem(tx, 'checkout: the order id comes from this request\'s own recorded answer');
  const [payment] = await tx.select().from(t.payments)
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, orderId), inArray(t.payments.method, ['card', 'twint'])))
    .orderBy(desc(t.payments.createdAt)).limit(1);
  if (!payment || payment.status !== 'pending') return undefined;
  const order = (await orderRow(tx, orgId, payment.orderId))!;
  const booking = (await bookingById(tx, orgId, order.bookingId!))!;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const [plan] = await tx.select().from(t.paymentPlans).where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.orderId, order.id)));
  return {
    paymentId: payment.id,
    planId: plan?.id ?? null,
    hasCustomerRef: Boolean(plan?.stripeCustomerId),
    input: {
      account: ctx.org.stripeAccountId, amount: payment.amount, currency: payment.currency, method: payment.method as 'card' | 'twint', saveForLater: Boolean(plan),
      customer: { ref: null, email: ctx.customer.email, name: ctx.customer.name },
      metadata: { org_id: orgId, booking_id: booking.id, order_id: order.id, payment_id: payment.id },
      description: `${ctx.program.title} — ${ctx.variant.name}`,
      idempotencyKey: `tandem:payment:${payment.id}`,
    },
  };
}

/** Records the provider's intent on its payment (once: a replay finds the reference set). */
export async function recordIntent(tx: Tx, orgId: string, pending: PendingIntent, intent: CreatedIntent): Promise<void> {
  const { paymentId } = pending;
  await asSystem(tx, 'checkout: the provider created the intent for this request\'s own payment');
  await tx.update(t.payments).set({ providerRef: intent.ref })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.id, paymentId), isNull(t.payments.providerRef)));
  if (pending.planId && intent.customerRef && !pending.hasCustomerRef) {
    await tx.update(t.paymentPlans).set({ stripeCustomerId: intent.customerRef })
      .where(and(eq(t.paymentPlans.orgId, orgId), eq(t.paymentPlans.id, pending.planId), isNull(t.paymentPlans.stripeCustomerId)));
  }
}

/** The booking as checkout reads it back: with the manage link and the last payment attempt. */
export async function checkoutBookingView(tx: Tx, env: { now: Date; config: AppConfig }, orgId: string, bookingId: string): Promise<CheckoutBookingView> {
  const [view, row] = await Promise.all([bookingView(tx, orgId, bookingId), bookingById(tx, orgId, bookingId)]);
  if (!view || !row) throw new AppError('not_found', 'No such booking.');
  const last = row.orderId ? await lastPaymentOf(tx, orgId, row.orderId) : null;
  // The same link as `manageUrlFor` gives the mails: valid past the last scheduled session (by seq) that is not cancelled.
  const lastEnd = view.sessions.filter((s) => s.startsAt !== null && s.status !== 'cancelled').at(-1)?.endsAt;
  return {
    booking: view,
    manageUrl: await manageLink(tx, env, orgId, bookingId, lastEnd ?? null),
    paymentOverdue: row.paymentOverdue,
    lastPayment: last,
  };
}

function itemRows(priced: PricedOrder, lines: CheckoutLine[], orgId: string, orderId: string, currency: string) {
  return priced.lines.map((l, i) => ({
    orgId, orderId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice.amount, discount: l.discount.amount,
    amount: l.amount.amount, vatRateBp: l.vatRateBp, vatAmount: l.vatAmount.amount, currency,
    programId: l.programId ?? null, variantId: l.variantId ?? null, sessionId: lines[i]?.sessionId ?? null,
  }));
}

/** Moves a reserved booking's hold (and its blocks') out to `until`, never in. Returns the new expiry. */
export async function extendHold(tx: Tx, ctx: BookingContext, until: Date): Promise<Date> {
  const orgId = ctx.org.id;
  const iso = until.toISOString();
  const [row] = await tx.update(t.programBookings)
    .set({ holdExpiresAt: sql`greatest(${t.programBookings.holdExpiresAt}, ${iso}::timestamptz)` })
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, ctx.booking.id), eq(t.programBookings.status, 'reserved')))
    .returning({ holdExpiresAt: t.programBookings.holdExpiresAt });
  const sessionIds = ctx.sessions.map((s) => s.id);
  if (sessionIds.length) {
    await tx.update(t.scheduleBlocks)
      .set({ holdExpiresAt: sql`greatest(${t.scheduleBlocks.holdExpiresAt}, ${iso}::timestamptz)` })
      .where(and(eq(t.scheduleBlocks.orgId, orgId), eq(t.scheduleBlocks.status, 'held'), inArray(t.scheduleBlocks.sessionId, sessionIds)));
  }
  const expiresAt = row?.holdExpiresAt ?? until;
  await scheduleHoldRelease(tx, orgId, expiresAt);
  return expiresAt;
}

/** An earlier checkout's open intent at the provider. */
export interface OpenIntent { ref: string; account: string | null }

/**
 * The open intents of a booking's pending order: the route cancels them at the provider
 * before a new checkout's transaction (never while rows are locked), and refuses the new
 * checkout when one of them turns out to be paid already.
 */
export async function openIntentsOf(tx: Tx, orgId: string, booking: BookingRow, provider: PaymentProvider['kind']): Promise<OpenIntent[]> {
  if (!booking.orderId) return [];
  const [order] = await tx.select({ status: t.orders.status }).from(t.orders).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, booking.orderId)));
  if (order?.status !== 'pending') return [];
  const [open, [org]] = await Promise.all([
    tx.select().from(t.payments).where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, booking.orderId), eq(t.payments.status, 'pending'))),
    tx.select({ account: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId)),
  ]);
  return open.filter((p) => p.providerRef && p.provider === provider).map((p) => ({ ref: p.providerRef!, account: org?.account ?? null }));
}

/**
 * A reserved booking can be checked out again (another method, another code): the earlier
 * pending order is cancelled, its payments marked superseded (their intents were cancelled
 * at the provider before this transaction), its code's redemption given back.
 */
async function supersedePendingOrder(tx: Tx, env: CheckoutEnv, ctx: BookingContext): Promise<void> {
  if (!ctx.booking.orderId) return;
  await cancelPendingOrder(tx, env.now, ctx.org.id, ctx.booking.orderId, 'superseded by a new checkout');
}

/**
 * The customer went back from the payment step: the booking's unpaid card or TWINT order (its
 * intents were cancelled at the provider before this transaction) is cancelled, so that its held
 * times can be given back. An order with an invoice (QR-bill, bank transfer) may still be paid
 * from that invoice, and a paid one is being confirmed: both stay, and the answer is false.
 */
export async function cancelUnpaidOrder(tx: Tx, now: Date, orgId: string, booking: { orderId: string | null }): Promise<boolean> {
  if (!booking.orderId) return true;
  const order = await orderRow(tx, orgId, booking.orderId, true);
  if (!order || order.status === 'cancelled') return true;
  const [invoice] = await tx.select({ id: t.invoices.id }).from(t.invoices).where(and(eq(t.invoices.orgId, orgId), eq(t.invoices.orderId, order.id))).limit(1);
  if (order.status !== 'pending' || order.amountPaid > 0 || invoice) return false;
  await cancelPendingOrder(tx, now, orgId, order.id, 'the customer went back from the payment');
  return true;
}

async function cancelPendingOrder(tx: Tx, now: Date, orgId: string, orderId: string, reason: string): Promise<void> {
  const old = await orderRow(tx, orgId, orderId, true);
  if (!old || old.status === 'cancelled') return;
  if (old.status !== 'pending') throw new AppError('invalid_state', 'This booking has been paid already; it is being confirmed.');
  await tx.update(t.payments).set({ status: 'failed', failureReason: reason })
    .where(and(eq(t.payments.orgId, orgId), eq(t.payments.orderId, old.id), eq(t.payments.status, 'pending')));
  await tx.update(t.installments).set({ status: 'cancelled' })
    .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, old.id), notInArray(t.installments.status, ['paid', 'cancelled'])));
  await tx.update(t.orders).set({ status: 'cancelled', updatedAt: now }).where(and(eq(t.orders.orgId, orgId), eq(t.orders.id, old.id)));
  if (old.couponId) {
    await tx.update(t.coupons).set({ redemptions: sql`greatest(${t.coupons.redemptions} - 1, 0)` }).where(and(eq(t.coupons.orgId, orgId), eq(t.coupons.id, old.couponId)));
  }
  if (old.referralCodeId) {
    await tx.update(t.referralCodes).set({ uses: sql`greatest(${t.referralCodes.uses} - 1, 0)` }).where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.id, old.referralCodeId)));
  }
}

interface ResolvedDiscount {
  applied: AppliedDiscount;
  couponId: string | null;
  referralCodeId: string | null;
  /** The code as the studio wrote it. */
  code: { code: string; source: 'coupon' | 'referral' };
}

/**
 * A coupon, else a referral code, checked by the domain rules. The coupon's row is locked
 * first, so that the per-customer count and the redemption below see every committed use.
 */
async function resolveDiscount(tx: Tx, ctx: BookingContext, raw: string, lines: CheckoutLine[], now: Date, proven: boolean, quote = false): Promise<ResolvedDiscount> {
  const orgId = ctx.org.id;
  const code = normalizeCode(raw);
  if (!code) throw codeError('coupon_not_found');
  const currency = ctx.booking.currency;
  const byCode = tx.select().from(t.coupons).where(and(eq(t.coupons.orgId, orgId), sql`upper(${t.coupons.code}) = ${code}`));
  const [coupon] = quote ? await byCode : await byCode.for('update');
  // A quote runs before the checkout that replaces the booking's unpaid order: that order's use is not counted.
  const replaced = quote && ctx.booking.orderId ? await orderRow(tx, orgId, ctx.booking.orderId) : undefined;
  const replacedUse = replaced && replaced.status === 'pending' && coupon && replaced.couponId === coupon.id ? 1 : 0;
  if (coupon) {
    if (coupon.maxPerCustomer != null && !proven) throw identityRequired('This code counts uses per customer: confirm the e-mail address first (a code by mail).', 'coupon');
    // A coupon given to one customer: only the proven owner of its address may redeem it.
    if (coupon.customerId != null && !proven) throw identityRequired('This code was given to one customer: confirm the e-mail address first (a code by mail).', 'coupon');
    // Uses that count: paid orders, and unpaid ones whose booking still holds its times (a lapsed hold gave its use back).
    const [mine] = await tx.select({ n: count() }).from(t.orders)
      .where(and(eq(t.orders.orgId, orgId), eq(t.orders.couponId, coupon.id), eq(t.orders.customerId, ctx.customer.id), notInArray(t.orders.status, ['cancelled']),
        sql`not (${t.orders.status} in ('pending', 'partially_paid') and exists (select 1 from program_bookings b where b.org_id = ${t.orders.orgId} and b.order_id = ${t.orders.id} and b.status = 'cancelled'))`));
    const domain: Coupon = {
      code: coupon.code,
      kind: coupon.kind === 'fixed' ? 'fixed' : 'percent',
      percentBp: coupon.percentBp ?? undefined,
      amountOff: coupon.amountOff != null ? { amount: coupon.amountOff, currency: coupon.currency ?? currency } : undefined,
      validFrom: coupon.validFrom?.getTime(),
      validUntil: coupon.validUntil?.getTime(),
      maxRedemptions: coupon.maxRedemptions ?? undefined,
      maxPerCustomer: coupon.maxPerCustomer ?? undefined,
      programIds: coupon.programIds ?? undefined,
      variantIds: coupon.variantIds ?? undefined,
      minTotal: coupon.minTotal != null ? { amount: coupon.minTotal, currency: coupon.currency ?? currency } : undefined,
      customerId: coupon.customerId ?? undefined,
    };
    const usage = { total: coupon.redemptions - replacedUse, byThisCustomer: Number(mine?.n ?? 0) - replacedUse };
    const result = validateCoupon(domain, { now: now.getTime(), currency, lines, usage, customerId: ctx.customer.id });
    if (!result.ok) throw codeError(result.code);
    return { applied: result.discount, couponId: coupon.id, referralCodeId: null, code: { code: coupon.code, source: 'coupon' } };
  }
  const byReferral = tx.select().from(t.referralCodes).where(and(eq(t.referralCodes.orgId, orgId), sql`upper(${t.referralCodes.code}) = ${code}`));
  const [referral] = quote ? await byReferral : await byReferral.for('update');
  if (!referral) throw codeError('coupon_not_found');
  if (!proven) throw identityRequired('A referral code is for a first order: confirm the e-mail address first (a code by mail).', 'coupon');
  const [prior] = await tx.select({ n: count() }).from(t.orders)
    .where(and(eq(t.orders.orgId, orgId), eq(t.orders.customerId, ctx.customer.id), notInArray(t.orders.status, ['pending', 'cancelled'])));
  // The same mailbox under another customer record (another case, a +tag) is the same person.
  const [referrer] = await tx.select({ email: t.customers.email }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, referral.customerId)));
  const result = validateReferral(
    { code: referral.code, referrerCustomerId: referral.customerId, referrerEmail: referrer?.email, refereeDiscount: { kind: 'percent', percentBp: referral.refereeDiscountBp }, referrerReward: { kind: 'credits', credits: referral.referrerRewardCredits } },
    { customerId: ctx.customer.id, customerEmail: ctx.customer.email, priorOrders: Number(prior?.n ?? 0), currency, lines },
  );
  if (!result.ok) {
    const mapped: Record<typeof result.code, ErrorCode> = {
      referral_not_found: 'coupon_not_found', referral_self: 'referral_self', referral_not_first_order: 'referral_not_first_order',
      referral_currency_mismatch: 'coupon_currency_mismatch', referral_not_applicable: 'coupon_not_applicable',
    };
    throw codeError(mapped[result.code]);
  }
  return { applied: result.discount, couponId: null, referralCodeId: referral.id, code: { code: referral.code, source: 'referral' } };
}

/** Counts the use atomically: the update itself refuses a coupon that has run out meanwhile. */
async function redeem(tx: Tx, orgId: string, d: ResolvedDiscount): Promise<void> {
  if (d.couponId) {
    const done = await tx.update(t.coupons).set({ redemptions: sql`${t.coupons.redemptions} + 1` })
      .where(and(eq(t.coupons.orgId, orgId), eq(t.coupons.id, d.couponId), sql`(${t.coupons.maxRedemptions} is null or ${t.coupons.redemptions} < ${t.coupons.maxRedemptions})`))
      .returning({ id: t.coupons.id });
    if (!done.length) throw codeError('coupon_exhausted');
  } else if (d.referralCodeId) {
    await tx.update(t.referralCodes).set({ uses: sql`${t.referralCodes.uses} + 1` }).where(and(eq(t.referralCodes.orgId, orgId), eq(t.referralCodes.id, d.referralCodeId)));
  }
}

/**
 * Pays with class credits: one ledger entry. The ledger's trigger serialises a customer's
 * entries and its check constraint refuses a negative balance, so two checkouts racing for
 * the last credits cannot both pass; the loser gets `insufficient_credits`.
 */
async function debitCredits(tx: Tx, ctx: BookingContext, orderId: string): Promise<void> {
  const orgId = ctx.org.id;
  const price = ctx.variant.creditPrice!;
  const [last] = await tx.select({ balance: t.creditLedger.balanceAfter }).from(t.creditLedger)
    .where(and(eq(t.creditLedger.orgId, orgId), eq(t.creditLedger.customerId, ctx.customer.id)))
    .orderBy(desc(t.creditLedger.createdAt), desc(t.creditLedger.id)).limit(1);
  const balance = last?.balance ?? 0;
  const can = canPayWithCredits(balance, price);
  if (!can.ok) {
    throw new AppError('insufficient_credits', `This takes ${price} credits; the balance is ${balance}.`, { balance, credit_price: price });
  }
  const entry = creditDebitEntry({ customerId: ctx.customer.id, credits: price, bookingId: ctx.booking.id, orderId });
  try {
    await tx.insert(t.creditLedger).values({
      orgId, customerId: entry.customerId, delta: entry.delta, balanceAfter: 0, reason: entry.reason, bookingId: entry.bookingId ?? null, orderId,
    });
  } catch (error) {
    if (pgErrorCode(error) === PG.checkViolation && (pgConstraint(error) ?? 'credit_ledger_balance') === 'credit_ledger_balance') {
      throw new AppError('insufficient_credits', `This takes ${price} credits; the balance is not enough.`, { credit_price: price });
    }
    throw error;
  }
}
