/** The order answer of the API (schema/api/checkout.ts OrderOut): one mapping for the embed's checkout and staff's order views. */
import type { OrderOut } from '../../../schema/api/checkout.ts';
import type { Lang } from '../../../shared/format.ts';
import { itemsVatByRate, ROUNDING_LABEL, type OrderDetail } from '../../modules/billing/index.ts';

/** An order as the API answers it: lines that add up to the total (a rounding line when there is one). */
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
