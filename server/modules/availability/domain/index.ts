/**
 * The availability engine: pure functions, no I/O, no clock. Callers pass `now` and zones.
 */
export type {
  Cadence,
  DateOverride,
  EpochMs,
  InstructorCalendar,
  Interval,
  Slot,
  SlotQuery,
  SlotSettings,
  WeeklyRule,
} from './types.ts';
export { AvailabilityInputError } from './types.ts';
export { intersectIntervals, mergeIntervals, overlapsAny, subtractIntervals } from './intervals.ts';
export { expandRules } from './expand-rules.ts';
export { MAX_HORIZON_DAYS, computeSlots, computeSlotsForInstructors, isSlotFree } from './slots.ts';
export { cadenceOrWeekly, cadenceStarts } from './cadence.ts';
export { nearestFreeAlternatives } from './alternatives.ts';
export { localClock, dayStartUtc, type LocalParts } from './local-time.ts';
export { closureIntervals, inClosure, insideOpen, newlyOutside, openTime, skipsClosures, type Closure, type HeldSession } from './closures.ts';
