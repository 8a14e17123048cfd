/** Pure money rules: no I/O, no clock, no environment. */
export * from './money.ts';
export * from './rounding.ts';
export * from './vat.ts';
export * from './allocate.ts';
export * from './instant.ts';
export * from './discount.ts';
export * from './order.ts';
export * from './coupons.ts';
export * from './referrals.ts';
export * from './payment-plan.ts';
export * from './credits.ts';
export * from './refunds.ts';
export * from './settlement.ts';
export * from './order-lines.ts';
export * from './order-view.ts';
export * from './invoice-snapshot.ts';
export * from './postal-address.ts';
