import type { Variant } from '../../../../../schema/api/embed-programs.ts';
import type { PaymentMethod } from '../../../../core/context/types.ts';

/**
 * The ways to pay a variant, as the program answer lists them (`payment_methods`, decided by the
 * server from the currency, the studio's account and the credit price: shared/payment-methods.ts).
 * Nothing is added here: a Swiss QR-bill is listed only for studios with a Swiss or Liechtenstein
 * account, an EPC QR bank transfer only for euro studios with another SEPA account.
 */
export function methodsFor(v: Variant | null): PaymentMethod[] {
  if (!v) return [];
  return [...(v.payment_methods ?? ['card'])];
}
