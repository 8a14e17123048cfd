import type { Variant } from '../../../../../schema/api/embed-programs.ts';
import type { PaymentMethod } from '../../../../core/context/types.ts';

/** The ways to pay a variant: card always; TWINT in CHF; QR-bill in CHF/EUR; credits when it has a credit price. */
export function methodsFor(v: Variant | null): PaymentMethod[] {
  if (!v) return [];
  const out: PaymentMethod[] = ['card'];
  if (v.currency === 'CHF') out.push('twint');
  if (v.currency === 'CHF' || v.currency === 'EUR') out.push('qr_bill');
  if (v.credit_price != null) out.push('credits');
  return out;
}
