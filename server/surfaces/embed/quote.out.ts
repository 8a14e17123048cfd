/** The embed's checkout quote: what a checkout with the customer's choices would charge, shaped from billing's terms. */
import type { QuoteResponse } from '../../../schema/api/checkout.ts';
import { ROUNDING_LABEL, type CheckoutQuote } from '../../modules/billing/index.ts';

export function quoteOut(q: CheckoutQuote, method: QuoteResponse['method']): QuoteResponse {
  const { priced, plan, amountNow } = q.terms;
  const lines: QuoteResponse['lines'] = priced.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unit_price: l.unitPrice.amount,
    discount: l.discount.amount,
    amount: l.amount.amount,
    vat_rate: l.vatRateBp / 100,
    vat_rate_bp: l.vatRateBp,
    vat_amount: l.vatAmount.amount,
    kind: 'item',
  }));
  const rounding = priced.roundingAdjustment.amount;
  if (rounding !== 0) {
    lines.push({ description: ROUNDING_LABEL[q.lang], quantity: 1, unit_price: rounding, discount: 0, amount: rounding, vat_rate: 0, vat_rate_bp: 0, vat_amount: 0, kind: 'rounding' });
  }
  return {
    method,
    plan: plan ? 'deposit' : 'full',
    currency: priced.currency,
    subtotal: priced.subtotal.amount,
    discount_total: priced.discountTotal.amount,
    discount: q.discountCode,
    vat_total: priced.vatTotal.amount,
    rounding_adjustment: rounding,
    total: priced.total.amount,
    due_now: amountNow,
    lines,
    installments: plan ? plan.built.installments.map((i) => ({ seq: i.seq, due_at: new Date(i.dueAt).toISOString(), amount: i.amount.amount })) : [],
    credits: q.credits,
  };
}
