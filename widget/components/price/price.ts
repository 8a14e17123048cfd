import { html } from 'lit';
import type { Localizer } from '../../core/i18n/localizer.ts';
import type { Variant } from '../../../schema/api/embed-programs.ts';
import { depositAmount } from '../../core/context/booking-state.ts';

/** Price terms of a variant, in words: VAT, deposit and plan, credit price. */
export function variantTerms(v: Variant, i18n: Localizer): string {
  const parts = [v.vat_rate > 0 ? i18n.t('vatIncluded', { rate: i18n.percent(v.vat_rate) }) : i18n.t('vatNone')];
  const deposit = depositAmount(v, v.price);
  if (deposit != null) {
    let d = i18n.t('depositOffered', { amount: i18n.money(deposit, v.currency) });
    if (v.pay_plan && v.pay_plan.installments > 0) d += ' ' + i18n.plural('planOffered', v.pay_plan.installments);
    parts.push(d);
  }
  if (v.credit_price != null) parts.push(i18n.plural('creditPrice', v.credit_price));
  return parts.join(' · ');
}

/** A variant's name, price, sessions and terms (inside a `part="variant"` box). */
export function variantPrice(v: Variant, i18n: Localizer) {
  return html`<span class="name">${v.name}</span>
    <span class="price" part="price">${i18n.money(v.price, v.currency)}</span>
    · ${i18n.plural('sessions', v.sessions_count)}
    <span class="terms">${variantTerms(v, i18n)}</span>`;
}
