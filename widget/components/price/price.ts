import { html } from 'lit';
import type { Localizer } from '../../core/i18n/localizer.ts';
import type { Variant } from '../../../schema/api/embed-programs.ts';
import { variantTerms } from '../../../shared/words/variant-terms.ts';

/** A variant's name, price, sessions and terms (inside a `part="variant"` box). */
export function variantPrice(v: Variant, i18n: Localizer) {
  return html`<span class="name">${v.name}</span>
    <span class="price" part="price">${i18n.money(v.price, v.currency)}</span>
    · ${i18n.plural('sessions', v.sessions_count)}
    <span class="terms">${variantTerms(v, i18n)}</span>`;
}
