import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId, updatedAt } from './columns.ts';
import { customers, orgs } from './tenancy.ts';
import { programBookings, programSessions } from './bookings.ts';
import { anyOf, isCustomer, isManager, managersOnly, nobody, tenantPolicies } from './policies.ts';

export const orderStatus = pgEnum('order_status', ['pending', 'partially_paid', 'paid', 'cancelled', 'refunded']);
export const paymentMethod = pgEnum('payment_method', ['card', 'twint', 'qr_bill', 'bank_transfer', 'credits', 'test']);
export const paymentStatus = pgEnum('payment_status', ['pending', 'succeeded', 'failed', 'refunded']);
export const installmentStatus = pgEnum('installment_status', ['scheduled', 'paid', 'failed', 'overdue', 'cancelled']);

const currencyCheck = (col: unknown) => sql`${col} ~ '^[A-Z]{3}$'`;
/** A customer reads their own money rows; managers all; instructors none. */
const ownOrders = sql`order_id in (select id from orders)`;
const customerFollowsOrder = { select: anyOf(isManager, sql`(${isCustomer} and ${ownOrders})`), insert: isManager, update: isManager, delete: isManager };

export const orders = pgTable('orders', {
  id: id(),
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  bookingId: uuid('booking_id'),
  status: orderStatus('status').notNull().default('pending'),
  currency: text('currency').notNull(),
  subtotal: integer('subtotal').notNull(),
  discountTotal: integer('discount_total').notNull().default(0),
  vatTotal: integer('vat_total').notNull(),
  roundingAdjustment: integer('rounding_adjustment').notNull().default(0),
  total: integer('total').notNull(),
  amountPaid: integer('amount_paid').notNull().default(0),
  couponId: uuid('coupon_id'),
  referralCodeId: uuid('referral_code_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  unique('orders_org_id').on(t.orgId, t.id),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }),
  check('orders_currency', currencyCheck(t.currency)),
  check('orders_amounts', sql`${t.total} >= 0 and ${t.amountPaid} >= 0 and ${t.vatTotal} >= 0`),
  ...tenantPolicies('orders', { select: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`), insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

export const orderItems = pgTable('order_items', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  description: text('description').notNull(),
  quantity: integer('quantity').notNull().default(1),
  unitPrice: integer('unit_price').notNull(),
  discount: integer('discount').notNull().default(0),
  /** Gross line amount after discount, VAT included. */
  amount: integer('amount').notNull(),
  vatRateBp: integer('vat_rate_bp').notNull(),
  vatAmount: integer('vat_amount').notNull(),
  currency: text('currency').notNull(),
  programId: uuid('program_id'),
  variantId: uuid('variant_id'),
  sessionId: uuid('session_id'),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }).onDelete('cascade'),
  index('order_items_order').on(t.orgId, t.orderId),
  check('order_items_amounts', sql`${t.amount} >= 0 and ${t.vatAmount} >= 0 and ${t.vatAmount} <= ${t.amount}`),
  ...tenantPolicies('order_items', customerFollowsOrder),
]).enableRLS();

export const payments = pgTable('payments', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  installmentId: uuid('installment_id'),
  method: paymentMethod('method').notNull(),
  status: paymentStatus('status').notNull().default('pending'),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  provider: text('provider').notNull(),
  providerRef: text('provider_ref'),
  reference: text('reference'),
  failureReason: text('failure_reason'),
  succeededAt: instant('succeeded_at'),
  /**
   * `order`: money towards the order's price. `fee`: a cancellation or no-show fee beyond what was
   * paid, charged off-session after a settlement (fees.jobs.ts); never refunded as late money.
   */
  purpose: text('purpose').notNull().default('order'),
  createdAt: createdAt(),
}, (t) => [
  unique('payments_org_id').on(t.orgId, t.id),
  check('payments_purpose', sql`${t.purpose} in ('order', 'fee')`),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  uniqueIndex('payments_provider_ref').on(t.provider, t.providerRef),
  check('payments_amount', sql`${t.amount} > 0`),
  ...tenantPolicies('payments', customerFollowsOrder),
]).enableRLS();

export const paymentPlans = pgTable('payment_plans', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  currency: text('currency').notNull(),
  total: integer('total').notNull(),
  deposit: integer('deposit').notNull(),
  planJson: jsonb('plan_json').$type<Record<string, unknown>>().notNull(),
  /** The saved payment method installments are charged to, off-session. */
  stripeCustomerId: text('stripe_customer_id'),
  stripePaymentMethodId: text('stripe_payment_method_id'),
  createdAt: createdAt(),
}, (t) => [
  unique('payment_plans_org_id').on(t.orgId, t.id),
  unique('payment_plans_order').on(t.orgId, t.orderId),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  check('payment_plans_deposit', sql`${t.deposit} >= 0 and ${t.deposit} <= ${t.total}`),
  ...tenantPolicies('payment_plans', customerFollowsOrder),
]).enableRLS();

export const installments = pgTable('installments', {
  id: id(),
  orgId: orgId(),
  planId: uuid('plan_id').notNull(),
  orderId: uuid('order_id').notNull(),
  seq: integer('seq').notNull(),
  dueAt: instant('due_at').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  status: installmentStatus('status').notNull().default('scheduled'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** When the charge job may try this installment (again): its due date, a claim's lease, or a retry's back-off. */
  nextAttemptAt: instant('next_attempt_at'),
  paidAt: instant('paid_at'),
}, (t) => [
  unique('installments_seq').on(t.orgId, t.planId, t.seq),
  foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [paymentPlans.orgId, paymentPlans.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  check('installments_amount', sql`${t.amount} > 0`),
  ...tenantPolicies('installments', customerFollowsOrder),
]).enableRLS();

export const refunds = pgTable('refunds', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  paymentId: uuid('payment_id'),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  credits: integer('credits').notNull().default(0),
  reason: text('reason').notNull(),
  status: paymentStatus('status').notNull().default('pending'),
  providerRef: text('provider_ref'),
  /**
   * How the money goes back: `provider` (the payment's own provider: Stripe or the test processor,
   * issued by a job after commit, keyed by this row's id), `credits` (back to the ledger at once),
   * `bank_transfer` (a QR-bill or transfer payment: pending until staff record the outgoing transfer).
   */
  kind: text('kind').notNull().default('provider'),
  bookingId: uuid('booking_id'),
  /**
   * The session this refund gave back its share of, when one session was settled on its own (a late
   * cancellation or a no-show of a pack paid in full); null for a whole booking or an overpayment. A later
   * cancellation's quote shows per session what is still to come back.
   */
  sessionId: uuid('session_id'),
  /** The outgoing transfer staff recorded for a bank refund. */
  transferReference: text('transfer_reference'),
  /**
   * Where a bank refund goes, as the customer gave it in the portal (`PUT /v1/portal/bookings/:id/refunds/:refundId/account`):
   * the account holder and the IBAN (compact, check digits verified); null until given.
   */
  accountHolder: text('account_holder'),
  iban: text('iban'),
  accountGivenAt: instant('account_given_at'),
  completedAt: instant('completed_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  foreignKey({ columns: [t.orgId, t.paymentId], foreignColumns: [payments.orgId, payments.id] }),
  foreignKey({ columns: [t.orgId, t.sessionId], foreignColumns: [programSessions.orgId, programSessions.id] }),
  unique('refunds_org_id').on(t.orgId, t.id),
  // What was refunded of a booking (payroll recomputes a booking's earnings from it).
  index('refunds_booking').on(t.orgId, t.bookingId),
  check('refunds_kind', sql`${t.kind} in ('provider', 'credits', 'bank_transfer')`),
  check('refunds_amount', sql`${t.amount} >= 0 and ${t.credits} >= 0`),
  ...tenantPolicies('refunds', customerFollowsOrder),
]).enableRLS();

/** Numbered per org without gaps: the number is taken in the confirming transaction (see invoice_counters). */
export const invoices = pgTable('invoices', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  number: integer('number').notNull(),
  issuedAt: instant('issued_at').notNull().defaultNow(),
  /** QRR (27 digits) or SCOR (RF…) reference for the QR-bill part. */
  reference: text('reference'),
  referenceType: text('reference_type'),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [
  unique('invoices_number').on(t.orgId, t.number),
  unique('invoices_order').on(t.orgId, t.orderId),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  ...tenantPolicies('invoices', customerFollowsOrder),
]).enableRLS();

/** One row per org: the last invoice number handed out. Updated in the same transaction as the invoice insert, so numbers never skip. */
export const invoiceCounters = pgTable('invoice_counters', {
  orgId: uuid('org_id').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  ...tenantPolicies('invoice_counters', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * A credit note: the negative document to an invoice, for money refunded or an unpaid amount
 * cancelled. Numbered per org in its own gapless series (credit_note_counters), referencing the
 * invoice; `snapshot` holds the lines and VAT per rate as issued (amounts positive, read as credited).
 */
export const creditNotes = pgTable('credit_notes', {
  id: id(),
  orgId: orgId(),
  orderId: uuid('order_id').notNull(),
  invoiceId: uuid('invoice_id'),
  number: integer('number').notNull(),
  currency: text('currency').notNull(),
  /** Gross credited, VAT included (minor units, positive). */
  total: integer('total').notNull(),
  vatTotal: integer('vat_total').notNull(),
  reason: text('reason').notNull(),
  issuedAt: instant('issued_at').notNull().defaultNow(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [
  unique('credit_notes_number').on(t.orgId, t.number),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  check('credit_notes_total', sql`${t.total} >= 0 and ${t.vatTotal} >= 0 and ${t.vatTotal} <= ${t.total}`),
  ...tenantPolicies('credit_notes', { ...customerFollowsOrder, update: nobody, delete: nobody }),
]).enableRLS();

/** One row per org: the last credit-note number handed out (the same rule as invoice_counters). */
export const creditNoteCounters = pgTable('credit_note_counters', {
  orgId: uuid('org_id').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  ...tenantPolicies('credit_note_counters', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();

/**
 * Class credits, append-only: the balance is the sum of `delta`. `balance_after`
 * is checked against the previous entry of the same customer (see migration 0002's
 * trigger), so concurrent debits can never overdraw.
 */
export const creditLedger = pgTable('credit_ledger', {
  id: id(),
  orgId: orgId(),
  customerId: uuid('customer_id').notNull(),
  delta: integer('delta').notNull(),
  balanceAfter: integer('balance_after').notNull(),
  reason: text('reason').notNull(),
  bookingId: uuid('booking_id'),
  orderId: uuid('order_id'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  index('credit_ledger_customer').on(t.orgId, t.customerId, t.createdAt),
  check('credit_ledger_balance', sql`${t.balanceAfter} >= 0`),
  check('credit_ledger_delta', sql`${t.delta} <> 0`),
  ...tenantPolicies('credit_ledger', { select: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`), insert: isManager, update: nobody, delete: nobody }),
]).enableRLS();

export const coupons = pgTable('coupons', {
  id: id(),
  orgId: orgId(),
  code: text('code').notNull(),
  kind: text('kind').notNull(),
  percentBp: integer('percent_bp'),
  amountOff: integer('amount_off'),
  currency: text('currency'),
  validFrom: instant('valid_from'),
  validUntil: instant('valid_until'),
  maxRedemptions: integer('max_redemptions'),
  maxPerCustomer: integer('max_per_customer'),
  programIds: uuid('program_ids').array(),
  variantIds: uuid('variant_ids').array(),
  minTotal: integer('min_total'),
  redemptions: integer('redemptions').notNull().default(0),
  /** A coupon granted to one customer (a referral reward, an automation's): nobody else may redeem it. */
  customerId: uuid('customer_id'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  uniqueIndex('coupons_code').on(t.orgId, sql`upper(${t.code})`),
  check('coupons_kind', sql`(${t.kind} = 'percent' and ${t.percentBp} between 1 and 10000) or (${t.kind} = 'fixed' and ${t.amountOff} > 0 and ${t.currency} is not null)`),
  ...tenantPolicies('coupons', managersOnly),
]).enableRLS();

export const referralCodes = pgTable('referral_codes', {
  id: id(),
  orgId: orgId(),
  code: text('code').notNull(),
  customerId: uuid('customer_id').notNull(),
  refereeDiscountBp: integer('referee_discount_bp').notNull().default(1000),
  referrerRewardCredits: integer('referrer_reward_credits').notNull().default(1),
  uses: integer('uses').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('referral_codes_code').on(t.orgId, sql`upper(${t.code})`),
  foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
  ...tenantPolicies('referral_codes', { select: anyOf(isManager, sql`(${isCustomer} and customer_id = app_customer_id())`), insert: isManager, update: isManager, delete: isManager }),
]).enableRLS();

/**
 * The referrer's reward for one referee: written `pending` when the referee's order is paid (the
 * booking confirmed), due when the free cancellation window of the booking's first session has
 * passed; then `granted` (a credit-ledger entry for the referrer) if the booking still stands and the
 * order is not refunded, else `void` with the reason. Once per referee and per order (unique keys);
 * a referee's later orders reward nobody. The studio's owners and managers and the server read them;
 * a referrer reads their own; only the server (or the studio) writes; nobody removes one.
 */
export const referralRewards = pgTable('referral_rewards', {
  id: id(),
  orgId: orgId(),
  referralCodeId: uuid('referral_code_id').notNull(),
  referrerCustomerId: uuid('referrer_customer_id').notNull(),
  refereeCustomerId: uuid('referee_customer_id').notNull(),
  orderId: uuid('order_id').notNull(),
  bookingId: uuid('booking_id').notNull(),
  /** Class credits for the referrer (0 when the reward is a coupon). */
  credits: integer('credits').notNull(),
  /** A coupon reward as the studio set it when the reward was earned (percent_bp or amount_off + currency, valid_days). */
  coupon: jsonb('coupon').$type<{ percent_bp?: number; amount_off?: number; currency?: string; valid_days: number }>(),
  /** The referrer's coupon, once granted. */
  couponId: uuid('coupon_id'),
  status: text('status').notNull().default('pending'),
  dueAt: instant('due_at').notNull(),
  grantedAt: instant('granted_at'),
  voidedAt: instant('voided_at'),
  /** `booking_cancelled` or `order_refunded`. */
  voidReason: text('void_reason'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('referral_rewards_referee').on(t.orgId, t.refereeCustomerId),
  uniqueIndex('referral_rewards_order').on(t.orgId, t.orderId),
  index('referral_rewards_referrer').on(t.orgId, t.referrerCustomerId),
  foreignKey({ columns: [t.orgId, t.referrerCustomerId], foreignColumns: [customers.orgId, customers.id] }),
  foreignKey({ columns: [t.orgId, t.refereeCustomerId], foreignColumns: [customers.orgId, customers.id] }),
  foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
  check('referral_rewards_status', sql`${t.status} in ('pending', 'granted', 'void')`),
  check('referral_rewards_credits', sql`(${t.coupon} is null and ${t.credits} > 0) or (${t.coupon} is not null and ${t.credits} = 0)`),
  check('referral_rewards_coupon', sql`${t.couponId} is null or (${t.coupon} is not null and ${t.status} = 'granted')`),
  check('referral_rewards_not_self', sql`${t.referrerCustomerId} <> ${t.refereeCustomerId}`),
  check('referral_rewards_granted', sql`(${t.status} = 'granted') = (${t.grantedAt} is not null)`),
  check('referral_rewards_void', sql`(${t.status} = 'void') = (${t.voidedAt} is not null and ${t.voidReason} is not null)`),
  ...tenantPolicies('referral_rewards', { select: anyOf(isManager, sql`(${isCustomer} and referrer_customer_id = app_customer_id())`), insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();
