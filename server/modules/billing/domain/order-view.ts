import { vatByRate, type VatRateTotal } from './vat.ts';
import type { Lang } from '../../../../shared/format.ts';

/** The order's rounding line (cash rounding to 5 centimes), in the customer's language. */
export const ROUNDING_LABEL: Record<Lang, string> = {
  en: 'Rounding (5 centimes)',
  de: 'Rundung (5 Rappen)',
  fr: 'Arrondi (5 centimes)',
  it: 'Arrotondamento (5 centesimi)',
};

/** The VAT per rate of an order's items (sums of the lines' figures), highest rate first: for the API and the invoice. */
export function itemsVatByRate(items: readonly { amount: number; vatRateBp: number; vatAmount: number }[], currency: string): VatRateTotal[] {
  return vatByRate(items.map((i) => ({ amount: { amount: i.amount, currency }, vatRateBp: i.vatRateBp, vatAmount: { amount: i.vatAmount, currency } })), currency);
}
