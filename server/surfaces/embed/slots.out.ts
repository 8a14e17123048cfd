/** The embed's answers about free times (the slots of some dates, a series check), shaped from the modules' views. */
import type { SeriesResponse, SlotsResponse } from '../../../schema/api/embed-slots.ts';
import type { SlotsView } from '../../modules/availability/index.ts';
import type { SeriesView } from '../../modules/bookings/index.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function slotsOut(v: SlotsView): SlotsResponse {
  return {
    timezone: v.timezone, from: v.from, to: v.to, session_length_min: v.sessionLengthMin,
    last_date: v.lastDate,
    days: v.days.map((d) => ({
      date: d.date,
      slots: d.slots.map((s) => ({ start: iso(s.start), end: iso(s.end), local_start: s.localStart, local_end: s.localEnd, instructor: s.instructor })),
    })),
  };
}

export function seriesOut(v: SeriesView): SeriesResponse {
  return {
    ok: v.ok,
    instructor: v.instructor,
    sessions: v.sessions.map((s) => ({ start: iso(s.start), end: iso(s.end), status: s.status, alternatives: s.alternatives })),
  };
}
