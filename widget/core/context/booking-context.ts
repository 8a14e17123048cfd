import { createContext } from '@lit/context';
import type { ApiClient } from '../controllers/api-client.ts';
import type { Localizer } from '../i18n/localizer.ts';
import { cadenceStarts } from '../shared/time.ts';
import type { BookingState, StepName } from './types.ts';
import type { Variant } from '../../schema/api/embed-programs.ts';
import type { ApiError } from '../controllers/api-client.ts';

/** What the root element lets its steps do. */
export interface BookingActions {
  readonly api: ApiClient;
  /** The by_link token given to the element, or ''. */
  readonly link: string;
  /** Replaces parts of the state (a new state object; consumers re-render). */
  update(patch: Partial<BookingState>): void;
  /** Moves to a step (loading its code first), emits `tandem:step`, focuses its heading. */
  go(step: StepName): void;
  /** Reports a failure: emits `tandem:error` and returns it as an ApiError. */
  fail(err: unknown, step: StepName): ApiError;
  /** Starts loading a step's code ahead of time (on hover/focus of the button leading there). */
  prefetch(step: StepName): void;
}

/** The booking state shared by `<tandem-program>` with its steps through @lit/context. */
export interface BookingContext {
  state: BookingState;
  i18n: Localizer;
  actions: BookingActions;
}

export const bookingContext = createContext<BookingContext>(Symbol('tandem-booking'));

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

export function selectedVariant(s: BookingState) {
  const variants = s.program?.variants ?? [];
  return variants.find((v) => v.id === s.variantId) ?? variants[0] ?? null;
}

/**
 * The deposit a variant offers, as the widget shows it: its fixed amount, or its plan's share
 * of `price` (minor units); null without a deposit. The server's checkout has the last word.
 */
export function depositAmount(v: Variant, price: number): number | null {
  const rule = v.pay_plan?.deposit;
  if (v.deposit_amount != null) return v.deposit_amount;
  if (rule?.kind === 'fixed') return rule.amount;
  if (rule?.kind === 'percent') return Math.round((price * rule.bp) / 10000);
  return null;
}

export function sessionsCount(s: BookingState): number {
  return Math.max(1, selectedVariant(s)?.sessions_count ?? s.program?.sessions_count ?? 1);
}

/** The starts the customer will book, as the widget shows them (the server has the last word). */
export function plannedStarts(s: BookingState): string[] {
  const first = s.firstSlot;
  if (!first) return [];
  const count = sessionsCount(s);
  if (s.mode === 'explicit' && s.starts.length) return s.starts;
  if (count === 1 || s.mode === 'later') return [first.start];
  const cadence = s.program?.cadence ?? { every: 1, unit: 'week' as const };
  return cadenceStarts(first.start, cadence, count, s.timezone);
}

/** The `sessions` member of `POST /v1/embed/bookings`. */
export function sessionsInput(s: BookingState) {
  const first = s.firstSlot?.start ?? '';
  if (s.mode === 'explicit' && s.starts.length) return { mode: 'explicit' as const, starts: s.starts };
  if (sessionsCount(s) === 1) return { mode: 'explicit' as const, starts: [first] };
  if (s.mode === 'later') return { mode: 'later' as const, first_start: first };
  return { mode: 'cadence' as const, first_start: first };
}
