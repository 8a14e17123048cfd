import type { ProgramDetail } from '../../../schema/api/embed-programs.ts';
import type { SlotOut } from '../../../schema/api/embed-slots.ts';
import type { BookingOut, CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { CheckoutResponse as ApiCheckoutResponse, QuoteResponse } from '../../../schema/api/checkout.ts';

export type { ProgramDetail, SlotOut, BookingOut, CreatedBooking, QuoteResponse };

/** The five steps of a booking, in order. */
export const STEPS = ['program', 'time', 'intake', 'checkout', 'confirmation'] as const;
export type StepName = (typeof STEPS)[number];

/** Booking states in which the customer's times are theirs (paid, or nothing left to pay now). */
export const CONFIRMED: ReadonlySet<string> = new Set(['confirmed', 'in_progress', 'completed']);

export type PaymentMethod = 'card' | 'twint' | 'qr_bill' | 'bank_transfer' | 'credits';
export type PaymentPlan = 'full' | 'deposit';

/** How the sessions of a multi-session program are scheduled. */
export type ScheduleMode = 'cadence' | 'later' | 'explicit';

/** An alternative start offered by a 409 `slot_taken`. */
export interface Alternative {
  start: string;
  end: string;
  instructor?: { id: string; name: string };
}

export interface Conflict {
  start: string;
  alternatives: Alternative[];
}

/** `POST /v1/embed/bookings/:id/checkout` answer (schema/api/checkout.ts, issue 6). */
export type CheckoutResponse = ApiCheckoutResponse;

export interface CustomerDetails {
  name: string;
  email: string;
  phone: string;
}

/** Everything the steps share. Replaced (never mutated) on every change. */
export interface BookingState {
  step: StepName;
  program: ProgramDetail | null;
  variantId: string | null;
  timezone: string;
  /** '' = any instructor. */
  instructorId: string;
  firstSlot: SlotOut | null;
  mode: ScheduleMode;
  /** The explicit list of starts (mode 'explicit', after a collision). */
  starts: string[];
  conflicts: Conflict[];
  /** A message shown on the time step (e.g. after a 409). */
  timeNotice: string;
  intake: Record<string, unknown>;
  customer: CustomerDetails;
  /** The server's per-field errors, keyed by its field path (`intake.goals`, `customer.email`). */
  fieldErrors: Record<string, string>;
  booking: (CreatedBooking & { manage_url?: string }) | null;
  checkout: CheckoutResponse | null;
  method: PaymentMethod | null;
  /** A date the time step opens on (a deep link's `start`), when no time is chosen yet. */
  openDate?: string;
  /** A coupon code the payment starts with (a deep link's `coupon`). */
  coupon?: string;
  /**
   * The funnel's id of this visit (random, in memory only, never saved), sent with the booking so
   * that a payment the studio records later counts as this visit's `paid` step.
   */
  funnelVisit?: string;
}
