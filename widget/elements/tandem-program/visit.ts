import type { BookingState, StepName } from '../../core/context/types.ts';
import type { ApiClient } from '../../core/api/client.ts';
import { getBooking } from '../../core/api/bookings.ts';

/** What a reload brings back: the step reached and what was chosen, typed and held (the booking's id and client token). */
export type Visit = Pick<
  BookingState,
  'step' | 'variantId' | 'timezone' | 'instructorId' | 'firstSlot' | 'mode' | 'starts' | 'conflicts' | 'intake' | 'customer' | 'booking'
>;

interface Stored extends Visit {
  v: 1;
  /** The program's id: a visit of another program (a changed slug) is not resumed. */
  program: string;
  /** Written at; a visit older than a day is not resumed. */
  at: number;
}

const DAY = 86_400_000;

/**
 * The visit in the host page's sessionStorage (this tab only, gone when it closes; never a
 * cookie). Storage may be blocked or full: then a reload simply starts again.
 */
export function saveVisit(key: string, s: BookingState): void {
  if (!s.program || s.step === 'confirmation') return;
  const stored: Stored = {
    v: 1,
    program: s.program.id,
    at: Date.now(),
    step: s.step,
    variantId: s.variantId,
    timezone: s.timezone,
    instructorId: s.instructorId,
    firstSlot: s.firstSlot,
    mode: s.mode,
    starts: s.starts,
    conflicts: s.conflicts,
    intake: s.intake,
    customer: s.customer,
    booking: s.booking,
  };
  try {
    sessionStorage.setItem(key, JSON.stringify(stored));
  } catch {
    /* storage blocked or full */
  }
}

export function readVisit(key: string, programId: string): (Visit & { step: StepName }) | null {
  try {
    const raw = sessionStorage.getItem(key);
    const x = raw ? (JSON.parse(raw) as Partial<Stored>) : null;
    if (!x || x.v !== 1 || x.program !== programId || typeof x.at !== 'number' || Date.now() - x.at > DAY) return null;
    const { v: _v, program: _p, at: _at, ...visit } = x as Stored;
    return visit;
  } catch {
    return null;
  }
}

export function clearVisit(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* storage blocked */
  }
}

export interface ResumeHost {
  state(): BookingState;
  change(patch: Partial<BookingState>): void;
  go(step: StepName): Promise<void>;
  client: ApiClient;
  /** The "reservation expired" sentence, in the page's language. */
  expired(): Promise<string>;
}

/**
 * Back at the step reached: a held booking is asked for first (its hold may have run out: then
 * back to the times, saying so); a step whose choices are missing falls back to the times.
 */
export async function resume(step: StepName, host: ResumeHost): Promise<void> {
  const s = host.state();
  let to: StepName = s.firstSlot ? step : step === 'program' ? 'program' : 'time';
  if (s.booking) {
    let live = false;
    try {
      const b = await getBooking(host.client, s.booking);
      live = b.status === 'reserved' && !!b.hold_expires_at && Date.parse(b.hold_expires_at) > Date.now();
      if (live) host.change({ booking: { ...s.booking, ...b, client_token: s.booking.client_token } });
    } catch {
      live = false;
    }
    if (live) to = 'checkout';
    else {
      host.change({ booking: null, checkout: null, firstSlot: null, mode: 'cadence', starts: [], conflicts: [], timeNotice: await host.expired() });
      to = 'time';
    }
  }
  if (to !== 'program' && to !== 'confirmation') await host.go(to);
}
