import type { OrderOut } from '../../../schema/api/checkout.ts';
import { vatByRate, type VatRateTotal } from './domain/index.ts';
import type { Lang } from '../../../shared/format.ts';
import type { OrderDetail, OrderItemRow } from './context.queries.ts';

/** The order's rounding line (cash rounding to 5 centimes), in the customer's language. */
export const ROUNDING_LABEL: Record<Lang, string> = {
  en: 'Rounding (5 centimes)',
  de: 'Rundung (5 Rappen)',
  fr: 'Arrondi (5 centimes)',
  it: 'Arrotondamento (5 centesimi)',
};

/** The VAT per rate of an order's items (sums of the lines' figures), highest rate first: for the API and the invoice. */
export function itemsVatByRate(items: readonly OrderItemRow[], currency: string): VatRateTotal[] {
  return vatByRate(items.map((i) => ({ amount: { amount: i.amount, currency }, vatRateBp: i.vatRateBp, vatAmount: { amount: i.vatAmount, currency } })), currency);
}

/** An order as the API shows it: lines that add up to the total (a rounding line when there is one). */
export function orderOut(d: OrderDetail, lang: Lang): OrderOut {
  const { order, items } = d;
  const lines: OrderOut['lines'] = items.map((i) => ({
    description: i.description,
    quantity: i.quantity,
    unit_price: i.unitPrice,
    discount: i.discount,
    amount: i.amount,
    vat_rate: i.vatRateBp / 100,
    vat_rate_bp: i.vatRateBp,
    vat_amount: i.vatAmount,
    kind: 'item',
  }));
  if (order.roundingAdjustment !== 0) {
    lines.push({ description: ROUNDING_LABEL[lang], quantity: 1, unit_price: order.roundingAdjustment, discount: 0, amount: order.roundingAdjustment, vat_rate: 0, vat_rate_bp: 0, vat_amount: 0, kind: 'rounding' });
  }
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal,
    discount_total: order.discountTotal,
    discount: d.coupon,
    vat_total: order.vatTotal,
    rounding_adjustment: order.roundingAdjustment,
    total: order.total,
    amount_paid: order.amountPaid,
    amount_due: Math.max(0, order.total - order.amountPaid),
    lines,
    vat_by_rate: itemsVatByRate(items, order.currency).map((r) => ({ vat_rate_bp: r.rateBp, gross: r.gross.amount, net: r.net.amount, vat: r.vat.amount })),
    plan: d.plan
      ? { deposit: d.plan.deposit, installments: d.installments.map((i) => ({ seq: i.seq, due_at: i.dueAt.toISOString(), amount: i.amount, status: i.status })) }
      : null,
    credits: d.credits,
  };
}
