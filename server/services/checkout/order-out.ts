import type { OrderOut } from '../../../schema/api/checkout.ts';
import type { Lang } from '../format.ts';
import type { OrderDetail } from './context.queries.ts';

const roundingLabel: Record<Lang, string> = {
  en: 'Rounding (5 centimes)',
  de: 'Rundung (5 Rappen)',
  fr: 'Arrondi (5 centimes)',
  it: 'Arrotondamento (5 centesimi)',
};

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
    lines.push({ description: roundingLabel[lang], quantity: 1, unit_price: order.roundingAdjustment, discount: 0, amount: order.roundingAdjustment, vat_rate: 0, vat_rate_bp: 0, vat_amount: 0, kind: 'rounding' });
  }
  const byRate = new Map<number, { gross: number; vat: number }>();
  for (const i of items) {
    const g = byRate.get(i.vatRateBp) ?? { gross: 0, vat: 0 };
    g.gross += i.amount;
    g.vat += i.vatAmount;
    byRate.set(i.vatRateBp, g);
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
    vat_by_rate: [...byRate.entries()].sort(([a], [b]) => b - a).map(([rate, g]) => ({ vat_rate_bp: rate, gross: g.gross, net: g.gross - g.vat, vat: g.vat })),
    plan: d.plan
      ? { deposit: d.plan.deposit, installments: d.installments.map((i) => ({ seq: i.seq, due_at: i.dueAt.toISOString(), amount: i.amount, status: i.status })) }
      : null,
    credits: d.credits,
  };
}
