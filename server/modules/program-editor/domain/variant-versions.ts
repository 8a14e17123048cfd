/**
 * What a booking bought never changes: a variant somebody booked is never edited in what it
 * sells (price, currency, VAT, billing, sessions, deposit, credits, plan); such a change makes a
 * new version (a new row) and the old one is retired, kept for its bookings. A name alone may change.
 */
export interface VariantTerms {
  currency: string; price: number; vatRateBp: number; billing: string; sessionsCount: number;
  depositAmount: number | null; creditPrice: number | null; payPlanJson: unknown;
}

const canonical = (x: unknown): string => JSON.stringify(x ?? null, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

export function termsChanged(before: VariantTerms, after: VariantTerms): boolean {
  return before.currency !== after.currency || before.price !== after.price || before.vatRateBp !== after.vatRateBp
    || before.billing !== after.billing || before.sessionsCount !== after.sessionsCount || before.depositAmount !== after.depositAmount
    || before.creditPrice !== after.creditPrice || canonical(before.payPlanJson) !== canonical(after.payPlanJson);
}

export type VariantDecision = 'insert' | 'update_in_place' | 'new_version' | 'rename_only';

export function variantDecision(existing: { booked: boolean; terms: VariantTerms } | undefined, after: VariantTerms): VariantDecision {
  if (!existing) return 'insert';
  if (!termsChanged(existing.terms, after)) return 'rename_only';
  return existing.booked ? 'new_version' : 'update_in_place';
}
