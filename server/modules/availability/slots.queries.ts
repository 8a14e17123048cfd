/**
 * `GET /v1/embed/programs/:slug/slots`: a program's free starts over some of the customer's
 * local dates, grouped by those dates, with the instructor of each.
 *
 * The program (and its by_link token) is read as the caller, so its visibility is the
 * policies' decision; rules and blocks are staff data, read after `asSystem`.
 */
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { rows, sentAtCall } from '../../platform/db/prepared.ts';
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import { computeSlotsForInstructors } from './domain/index.ts';
import { loadBookableProgram } from './program.queries.ts';
import { loadCalendars, slotSettingsOf } from './calendars.queries.ts';
import { dayStartUtc, localClock } from './domain/local-time.ts';
import { cadenceOrWeekly, cadenceStarts } from './domain/cadence.ts';

const DAY_MS = 86_400_000;

export interface SlotsRequest {
  orgId: string;
  slug: string;
  from: string;
  to: string;
  /** Canonical IANA name. */
  zone: string;
  instructor?: string | undefined;
  variant?: string | undefined;
  now: number;
  /**
   * Resolves when the request may go on (a rate limit taken in this transaction): awaited with
   * the program's read, so both share a round trip and a refusal stops the work there.
   */
  admitted?: Promise<void> | undefined;
}

/** A free start (UTC instants) with its local times in the customer's zone and its instructor. */
export interface FreeStart { start: number; end: number; localStart: string; localEnd: string; instructor: { id: string; name: string } }

/** A program's free starts over the customer's dates (every date of the range, in order; a day without free times has none). */
export interface SlotsView {
  /** The customer's zone the local fields and days are in. */
  timezone: string;
  from: string;
  to: string;
  sessionLengthMin: number;
  /** The last date (customer's zone) that can hold a first start of the whole series. */
  lastDate: string;
  days: { date: string; slots: FreeStart[] }[];
  /**
   * Until when this answer holds without any write (ms): the first hold it counts as busy lapses,
   * or its first start comes within the program's notice. Later, time only adds starts (at the
   * horizon's end), never makes one offered here unbookable. Infinity: nothing read lapses.
   */
  validUntil: number;
}

/**
 * The org's catalog and schedule versions as one key: every write that can change a slots answer
 * (the program, its instructors; blocks, rules, closures) raises one of them in its own transaction
 * (migrations 0025, 0046: the schedule version is the sum of the org's stripes). Prepared and sent
 * at the call, to share a round trip.
 */
export function slotsVersion(tx: Tx, orgId: string): Promise<string> {
  return rows(tx, sql`select catalog_version, (select coalesce(sum(version), 0) from schedule_version_stripes where org_id = ${orgId}::uuid) as schedule_version
    from orgs where id = ${orgId}::uuid`)
    .then(([row]) => (row ? `${String(row.catalog_version)}.${String(row.schedule_version)}` : ''));
}

export async function listSlots(tx: Tx, req: SlotsRequest): Promise<SlotsView> {
  const read = loadBookableProgram(tx, req.orgId, req.slug, req.variant);
  read.catch(() => undefined); // a refusal answers first
  await req.admitted;
  const program = await read;
  if (!program) throw new AppError('not_found', 'No such program.');
  const instructors = program.instructors;
  if (req.variant && !program.variant) throw new AppError('validation_failed', undefined, { errors: [{ field: 'variant', message: 'is not a variant of this program' }] });
  const chosen = req.instructor ? instructors.filter((i) => i.id === req.instructor) : instructors;
  if (req.instructor && chosen.length === 0) throw new AppError('validation_failed', undefined, { errors: [{ field: 'instructor', message: 'does not teach this program' }] });

  const settings = slotSettingsOf(program);
  const clock = localClock(req.zone);
  const days: SlotsView['days'] = [];
  const dayIndex = new Map<string, FreeStart[]>();
  for (let d = dayStartUtc(req.from); d <= dayStartUtc(req.to); d += DAY_MS) {
    const date = new Date(d).toISOString().slice(0, 10);
    const slots: FreeStart[] = [];
    days.push({ date, slots });
    dayIndex.set(date, slots);
  }
  // A series at the program's cadence must fit before the horizon: later first starts are not offered.
  const count = program.isMultiSession && program.variant ? program.variant.sessionsCount : 1;
  const cadence = count > 1 ? cadenceOrWeekly(program.scheduling.cadence) : undefined;
  const seriesMs = cadence ? (count - 1) * cadence.every * (cadence.unit === 'week' ? 7 : 1) * DAY_MS : 0;
  const horizonEnd = req.now + settings.horizonDays * DAY_MS;
  const fits = (start: number, zone: string): boolean => {
    if (!cadence) return true;
    if (start + seriesMs + 2 * 3_600_000 < horizonEnd) return true;
    if (start + seriesMs - 2 * 3_600_000 >= horizonEnd) return false;
    return cadenceStarts(start, count, cadence, zone).at(-1)! < horizonEnd;
  };
  const answer: SlotsView = {
    timezone: req.zone, from: req.from, to: req.to, sessionLengthMin: program.sessionLengthMin,
    lastDate: clock(horizonEnd - seriesMs - 1).date, days, validUntil: Infinity,
  };

  // Busy time is read for the customer's dates widened by the largest UTC offsets, the
  // session and its buffers, and clipped to what notice and horizon allow at all.
  const padding = 2 * DAY_MS + (settings.sessionLengthMin + settings.bufferBeforeMin + settings.bufferAfterMin) * 60_000;
  const from = Math.max(dayStartUtc(req.from) - padding, req.now - padding);
  const to = Math.min(dayStartUtc(req.to) + DAY_MS + padding, req.now + settings.horizonDays * DAY_MS + padding);
  if (chosen.length === 0 || from >= to) return answer;

  const escalated = asSystem(tx, 'slots: the program was visible to the caller; rules and busy time are staff data, only free times are answered');
  // postgres.js: the escalation is on the connection ahead of the reads, which share its round trip.
  if (!sentAtCall(tx)) await escalated;
  const [{ calendars, roomBusy, nextLapse }] = await Promise.all([loadCalendars(tx, {
    orgId: req.orgId, instructors: chosen.map((i) => ({ id: i.id, timezone: i.timezone })), resourceId: program.resourceId, locationId: program.locationId, from, to, now: req.now,
  }), escalated]);
  const slots = computeSlotsForInstructors(calendars, settings, { from: req.from, to: req.to, customerZone: req.zone, now: req.now }, roomBusy);
  const names = new Map(chosen.map((i) => [i.id, { id: i.id, name: i.name }]));
  const zones = new Map(calendars.map((c) => [c.instructorId, c.timezone]));
  if (nextLapse !== null) answer.validUntil = nextLapse;
  for (const s of slots) {
    if (!fits(s.start, zones.get(s.instructorId) ?? req.zone)) continue;
    answer.validUntil = Math.min(answer.validUntil, s.start - settings.minNoticeMin * 60_000);
    const start = clock(s.start);
    const end = clock(s.end);
    dayIndex.get(start.date)?.push({
      start: s.start, end: s.end,
      localStart: start.time, localEnd: end.time, instructor: names.get(s.instructorId)!,
    });
  }
  return answer;
}
