/**
 * The series a first start leads to, checked before anything is reserved: the same program
 * read, cadence, calendars, `choose` and `describeConflicts` as `createBooking`, so the time
 * step shows the clashes (with alternatives) that the booking would otherwise answer with a 409.
 */
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { cadenceStarts, loadBookableProgram, loadCalendars } from '../availability/index.ts';
import { cadenceOf, closuresSkip, conflictError, schedulingOf, spanOf } from './bookings.mutations.ts';
import { choose, type Candidate, type SlotConflict, type StartStatus } from './domain/plan.ts';

const invalid = (field: string, message: string) => new AppError('validation_failed', undefined, { errors: [{ field, message }] });

export interface SeriesRequest {
  orgId: string;
  slug: string;
  firstStart: string;
  /** The customer's own starts (an alternative chosen for a clash), checked instead of the cadence's. */
  starts?: string[] | undefined;
  /** The customer's zone (canonical), for the alternatives' local fields. */
  zone: string;
  variant: string;
  instructor?: string | undefined;
  /** Fewer sessions than the variant's (a booking's remaining ones); never more. */
  count?: number | undefined;
  now: number;
}

/** The series a first start leads to: whether every session can be held, the instructor it would get, each start (UTC instants) with the free times near a clash. */
export interface SeriesView {
  ok: boolean;
  instructor: { id: string; name: string };
  sessions: { start: number; end: number; status: StartStatus; alternatives: SlotConflict['alternatives'] }[];
}

export async function checkSeries(tx: Tx, req: SeriesRequest): Promise<SeriesView> {
  const program = await loadBookableProgram(tx, req.orgId, req.slug, req.variant);
  if (!program) throw new AppError('not_found', 'No such program.');
  const { variant, instructors } = program;
  if (!variant) throw invalid('variant', 'is not a variant of this program');
  const candidates: Candidate[] = (req.instructor ? instructors.filter((i) => i.id === req.instructor) : instructors).map((i) => ({ id: i.id, name: i.name, timezone: i.timezone }));
  if (candidates.length === 0) {
    if (req.instructor) throw invalid('instructor', 'does not teach this program');
    throw new AppError('slot_unavailable', 'Nobody teaches this program at the moment.', { conflicts: [] });
  }
  const s = schedulingOf(program);
  const all = program.isMultiSession ? variant.sessionsCount : 1;
  if (req.count !== undefined && req.count > all) throw invalid('count', `this variant has ${all} session${all === 1 ? '' : 's'}`);
  const count = req.count ?? all;
  const first = Date.parse(req.firstStart);
  const cadence = cadenceOf(program.scheduling);
  const own = req.starts?.map((x) => Date.parse(x));
  if (own) {
    if (own.length > count) throw invalid('starts', `this variant has ${count} session${count === 1 ? '' : 's'}`);
    if (own[0] !== first) throw invalid('starts', 'must begin with first_start');
    if (own.some((x, i) => i > 0 && x <= own[i - 1]!)) throw invalid('starts', 'must be in ascending order');
  }
  const skip = !own && count > 1 ? await closuresSkip(tx, req.orgId, first, program.sessionLengthMin) : undefined;
  const startsFor = (zone: string) => own ?? cadenceStarts(first, count, cadence, zone, skip);

  await asSystem(tx, 'series check: the program was visible to the caller; rules and busy time are staff data, only free or not is answered');
  const span = spanOf(candidates.flatMap((c) => startsFor(c.timezone)), s.settings, false);
  const cals = await loadCalendars(tx, { orgId: req.orgId, instructors: candidates, resourceId: program.resourceId, locationId: program.locationId, ...span, now: req.now });
  const { ok, choice } = choose(candidates, cals.calendars, startsFor, s.settings, req.now, cals.roomBusy);
  const lengthMs = program.sessionLengthMin * 60_000;
  const alternatives = new Map<number, SlotConflict['alternatives']>();
  if (!ok) {
    const err = await conflictError(tx, req.orgId, s, candidates, choice, req.now, req.zone, !req.instructor && count === 1);
    for (const c of (err.extra.conflicts ?? []) as SlotConflict[]) {
      alternatives.set(Date.parse(c.start), c.alternatives);
    }
  }
  return {
    ok,
    instructor: { id: choice.candidate.id, name: choice.candidate.name },
    sessions: choice.starts.map((start, i) => ({
      start,
      end: start + lengthMs,
      status: choice.statuses[i]!,
      alternatives: alternatives.get(start) ?? [],
    })),
  };
}
