import { offeredDeposit, type DepositRule } from '../deposit.ts';
import type { Localizer } from './localizer.ts';

/** The fields of a program variant its price terms speak of (schema/api's Variant has them). */
export interface VariantTermsOf {
  readonly price: number;
  readonly currency: string;
  readonly vat_rate: number;
  readonly deposit_amount: number | null;
  readonly pay_plan: { readonly deposit: DepositRule; readonly installments: number } | null;
  readonly credit_price: number | null;
}

/** Price terms of a variant, in words: VAT, deposit and plan, credit price (the widget's price box and the hosted page). */
export function variantTerms(v: VariantTermsOf, i18n: Localizer): string {
  const parts = [v.vat_rate > 0 ? i18n.t('vatIncluded', { rate: i18n.percent(v.vat_rate) }) : i18n.t('vatNone')];
  const deposit = offeredDeposit(v, v.price);
  if (deposit != null) {
    let d = i18n.t('depositOffered', { amount: i18n.money(deposit, v.currency) });
    if (v.pay_plan && v.pay_plan.installments > 0) d += ' ' + i18n.plural('planOffered', v.pay_plan.installments);
    parts.push(d);
  }
  if (v.credit_price != null) parts.push(i18n.plural('creditPrice', v.credit_price));
  return parts.join(' · ');
}
