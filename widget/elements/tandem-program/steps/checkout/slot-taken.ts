import { conflictsPatch } from '../../../../core/context/schedule.ts';
import type { ApiError } from '../../../../core/api/client.ts';
import type { BookingState } from '../../../../core/context/types.ts';

/** A 409 `slot_taken` / `slot_unavailable`, as a change of the booking state (see conflictsPatch). */
export function slotTakenPatch(e: ApiError, s: BookingState, notice: string): Partial<BookingState> {
  return conflictsPatch(e.problem?.conflicts ?? [], s, notice);
}
