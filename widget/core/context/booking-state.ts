/** The booking state's starting point and what the steps read from it (pure). */
import { offeredDeposit } from '../../../shared/deposit.ts';
import type { Variant } from '../../../schema/api/embed-programs.ts';
import type { BookingState } from './types.ts';

export function initialState(timezone: string): BookingState {
  return {
    step: 'program',
    program: null,
    variantId: null,
    timezone,
    instructorId: '',
    firstSlot: null,
    mode: 'cadence',
    starts: [],
    conflicts: [],
    timeNotice: '',
    intake: {},
    customer: { name: '', email: '', phone: '' },
    fieldErrors: {},
    booking: null,
    checkout: null,
    method: null,
  };
}

/** The chosen price option of a program (the first when none was chosen). */
export function variantOf(variants: readonly Variant[], id: string | null): Variant | null {
  return variants.find((v) => v.id === id) ?? variants[0] ?? null;
}

export function selectedVariant(s: BookingState): Variant | null {
  return variantOf(s.program?.variants ?? [], s.variantId);
}

/**
 * The deposit a variant offers, as the widget shows it: its fixed amount, or its plan's rule
 * applied to `price` (minor units); null without a deposit. The server's checkout has the last word.
 */
export function depositAmount(v: Variant, price: number): number | null {
  return offeredDeposit(v, price);
}

export function sessionsCount(s: BookingState): number {
  return Math.max(1, selectedVariant(s)?.sessions_count ?? s.program?.sessions_count ?? 1);
}

/** Two ISO instants name the same moment. */
export const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);
