/**
 * Creating bookings, scheduling their later sessions, moving and cancelling sessions.
 *
 * Each function runs inside one transaction the caller opened with the caller's identity
 * (the embed's anonymous role, a customer's token, a staff member). What the caller may see
 * is read first under its own policies; the rest (rules, blocks, customers, the booking rows)
 * after `asSystem`. Application checks give precise answers (which start, why, what
 * instead); the exclusion constraints on schedule_blocks stay the last word under races
 * (see transaction.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem, asSystemStatement } from '../../platform/db/escalation.ts';
import * as t from '../../../schema/db/index.ts';
import type { SchedulingSettings } from '../../../schema/db/programs.ts';
import type { CreateBookingBody } from '../../../schema/api/embed-bookings.ts';
import { canonicalZone } from '../../../schema/api/embed-slots.ts';
import { AppError, CommitThenFail } from '../../platform/errors.ts';
import { cadenceOrWeekly, cadenceStarts, type SlotSettings } from '../availability/index.ts';
import { loadBookableProgram, type BookableProgram } from '../availability/index.ts';
import { allSettledInTransaction, commitAhead, rows } from '../../platform/db/prepared.ts';
import { closureIntervals, loadCalendars, loadClosures, skipsClosures, slotSettingsOf, uuidArray, type Calendars } from '../availability/index.ts';
import { checkIntake } from './intake.ts';
import { mayReschedule, type RescheduleCheck } from './domain/reschedule-notice.ts';
import { refuseReschedule } from './reschedule-policy.ts';
import { DAY_MS, wallOf, wallToInstant } from '../../../shared/zone.ts';
import { isSeries } from '../../../shared/cadence.ts';
import { ALTERNATIVES_WINDOW_MS, bufferedWindow, choose, describeConflicts, overlaps, type Candidate, type Choice } from './domain/plan.ts';
import { HOLD_MS, holdExpired, holdReleaseStatement, releaseExpiredHolds } from './holds.mutations.ts';
import { bookingById, bookingByToken, bookingView, type BookingRow, type BookingView } from './bookings.queries.ts';
import { hashClientToken, newClientToken } from './tokens.ts';
import { enforceHoldCaps, type HoldCaps } from './hold-caps.ts';
import { afterEventsInserted, eventInsert, eventInterestSql, recordEvent, type RecordedEvent } from '../../platform/events/record.ts';
import { scheduleLifecycle } from './lifecycle.mutations.ts';
import type { AppConfig } from '../../deps.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const invalid = (field: string, message: string) => new AppError('validation_failed', undefined, { errors: [{ field, message }] });

type ProgramRow = typeof t.programs.$inferSelect;

/** What the engine and the planner need of a program. */
export interface Scheduling {
  program: Pick<ProgramRow, 'id' | 'sessionLengthMin' | 'scheduling' | 'resourceId' | 'locationId' | 'meetingUrl' | 'deliveryMode'>;
  settings: SlotSettings;
}

export function schedulingOf(program: Scheduling['program']): Scheduling {
  return { program, settings: slotSettingsOf(program) };
}

export function cadenceOf(scheduling: SchedulingSettings) {
  return cadenceOrWeekly(scheduling.cadence);
}

/** Instants of ISO strings; explicit starts must not overlap each other (with buffers). */
function parseStarts(starts: string[], settings: SlotSettings, field: string): number[] {
  const ms = starts.map((s) => Date.parse(s));
  const windows = ms.map((s) => bufferedWindow(s, settings)).sort((a, b) => a.start - b.start);
  for (let i = 1; i < windows.length; i++) {
    if (overlaps(windows[i - 1]!, windows[i]!)) throw invalid(field, 'contains starts that overlap each other');
  }
  return ms;
}

/** The busy-time window to read around some starts: their buffered sessions, or ± the alternatives window. */
export function spanOf(starts: number[], settings: SlotSettings, wide: boolean): { from: number; to: number } {
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const pad = wide ? ALTERNATIVES_WINDOW_MS + 86_400_000 : 0;
  return { from: bufferedWindow(first, settings).start - pad, to: bufferedWindow(last, settings).end + pad };
}

/**
 * A 409 describing what cannot be held: calendars are read again over a wider window so the
 * alternatives around each wanted start are real.
 */
export async function conflictError(tx: Tx, orgId: string, s: Scheduling, candidates: Candidate[], choice: Choice, now: number, zone: string, anyInstructor: boolean, ignoreBlockIds?: string[]): Promise<AppError> {
  const wanted = choice.starts.filter((_, i) => choice.statuses[i] !== 'free');
  const span = spanOf(wanted, s.settings, true);
  const cals = await loadCalendars(tx, { orgId, instructors: anyInstructor ? candidates : [choice.candidate], resourceId: s.program.resourceId, locationId: s.program.locationId, ...span, now, ignoreBlockIds });
  const conflicts = describeConflicts(choice, {
    settings: s.settings, now, roomBusy: cals.roomBusy, zone, calendars: cals.calendars, anyInstructor,
    names: new Map(candidates.map((c) => [c.id, c.name])),
  });
  const taken = choice.statuses.includes('taken');
  const detail = wanted.length === 1
    ? (taken ? 'That time has just been taken.' : 'That time is not offered.')
    : `${wanted.length} of the ${choice.starts.length} times cannot be held.`;
  return new AppError(taken ? 'slot_taken' : 'slot_unavailable', detail, { conflicts });
}

/** Held blocks whose hold has expired and that stand where the new blocks go: released first. */
async function releaseHoldsInTheWay(tx: Tx, orgId: string, cals: Calendars, instructorId: string, resourceId: string | null, windows: { start: number; end: number }[], now: number): Promise<void> {
  const inTheWay = cals.expired.filter((b) => (b.instructorId === instructorId || (resourceId !== null && b.resourceId === resourceId))
    && windows.some((w) => overlaps(w, b)));
  if (inTheWay.length) await releaseExpiredHolds(tx, orgId, now, { blockIds: inTheWay.map((b) => b.id) });
}

/** The customer with this email in the org, created when new. Existing details are kept. */
async function findOrCreateCustomer(tx: Tx, orgId: string, c: CreateBookingBody['customer']): Promise<{ id: string; created: boolean }> {
  const zone = c.timezone ? canonicalZone(c.timezone) ?? null : null;
  const inserted = await rows(tx, sql`
    insert into customers (org_id, name, email, phone, locale, timezone)
    values (${orgId}::uuid, ${c.name}, ${c.email}, ${c.phone ?? null}, ${c.locale}, ${zone})
    on conflict (org_id, email) do nothing returning id`);
  if (inserted[0]) return { id: String(inserted[0].id), created: true };
  const [found] = await tx.select({ id: t.customers.id }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.email, c.email)));
  if (!found) throw new Error('customer vanished between insert and select');
  return { id: found.id, created: false };
}

interface NewBlock { sessionId: string; start: number }

/** Inserts the blocks of some sessions (buffered windows), in time order so concurrent inserts meet in the same order. */
function blocksJson(blocks: NewBlock[], settings: SlotSettings): string {
  return JSON.stringify([...blocks].sort((a, b) => a.start - b.start).map((b) => {
    const w = bufferedWindow(b.start, settings);
    return { session_id: b.sessionId, bs: iso(w.start), be: iso(w.end) };
  }));
}

// ———————————————————————————————————————— create

export interface CreateBookingInput {
  orgId: string;
  body: CreateBookingBody;
  now: Date;
  /** The program as the caller sees it (loadBookableProgram), when already read. */
  program?: BookableProgram | undefined;
  /** Records the answer in the same statement as the booking's rows (see AnswerRecorder): the surface shapes it from the new booking. */
  recordAnswer?: (created: NewBooking) => SQL;
  /** A job to fold into the reservation's statement (what follows a reservation elsewhere, e.g. the abandoned-reservation mail). */
  followUp?: (created: NewBooking) => SQL;
  /** The anonymous embed's caps on live holds (hold-caps.ts); absent for bookings made by staff. */
  holdCaps?: HoldCaps | undefined;
  /**
   * The caller sends nothing more in this transaction once the booking is made (its answer is
   * recorded in the booking's statement): COMMIT may then leave with that statement, in its round
   * trip, when no every-event subscriber (webhooks, automations) has work for the booking's events.
   */
  lastInTransaction?: boolean;
}

/** The program a booking request names, read as the caller: 404 when the caller may not see it. */
/** A series' skip test: the studio's closures from its first start on (a series at the cadence moves past them). */
export async function closuresSkip(tx: Tx, orgId: string, first: number, sessionLengthMin: number): Promise<((start: number) => boolean) | undefined> {
  const closures = await loadClosures(tx, orgId, first, first + 3660 * 86_400_000);
  return skipsClosures(closureIntervals(closures), sessionLengthMin * 60_000);
}

export async function programForBooking(tx: Tx, orgId: string, body: CreateBookingBody): Promise<BookableProgram> {
  const program = await loadBookableProgram(tx, orgId, body.program, body.variant);
  if (!program) throw new AppError('not_found', 'No such program.');
  return program;
}

/** A booking just reserved, and the client token that opens it (only its hash is stored). */
export interface NewBooking { booking: BookingView; clientToken: string }

export async function createBooking(tx: Tx, input: CreateBookingInput): Promise<NewBooking> {
  const { orgId, body, now: nowDate } = input;
  const now = nowDate.getTime();
  // As the caller (anonymous embed): the program must be visible to it, by_link with its token.
  const program = input.program ?? await programForBooking(tx, orgId, body);
  const { variant, instructors, form } = program;
  if (!variant) throw invalid('variant', 'is not a variant of this program');
  const candidates: Candidate[] = (body.instructor ? instructors.filter((i) => i.id === body.instructor) : instructors).map((i) => ({ id: i.id, name: i.name, timezone: i.timezone }));
  if (candidates.length === 0) throw body.instructor ? invalid('instructor', 'does not teach this program') : new AppError('slot_unavailable', 'Nobody teaches this program at the moment.', { conflicts: [] });
  const intake = checkIntake(form ?? undefined, body.intake);

  const s = schedulingOf(program);
  const count = program.isMultiSession ? variant.sessionsCount : 1;
  const sessions = body.sessions;
  let startsFor: (zone: string) => number[];
  if (sessions.mode === 'explicit') {
    if (sessions.starts.length > count) throw invalid('sessions.starts', `this variant has ${count} session${count === 1 ? '' : 's'}`);
    const starts = parseStarts(sessions.starts, s.settings, 'sessions.starts').sort((x, y) => x - y); // seq follows time
    startsFor = () => starts;
  } else if (sessions.mode === 'cadence') {
    const first = Date.parse(sessions.first_start);
    const cadence = cadenceOf(program.scheduling);
    const skip = count > 1 ? await closuresSkip(tx, orgId, first, program.sessionLengthMin) : undefined;
    startsFor = (zone) => cadenceStarts(first, count, cadence, zone, skip);
  } else {
    const first = Date.parse(sessions.first_start);
    startsFor = () => [first];
  }

  // Busy time over every candidate's starts (cadence starts depend on the instructor's zone).
  const allStarts = candidates.flatMap((c) => startsFor(c.timezone));
  const span = spanOf(allStarts, s.settings, false);
  // Sent together, in this order (rows() starts each statement at the call): the escalation
  // (as asSystem), then the calendar reads and the customer.
  // The caps on live holds (their locks, then their count) go in the same round trip.
  // With them, when the booking's statement may be the transaction's last: whether anything subscribed to every
  // event has work for its events (asked for both types it may record, so a yes may be too cautious, never wrong).
  // Every part finishes before a refusal (the caps) is thrown: the customer's second statement must not outlive the transaction.
  const [, interest, , cals, customer] = await allSettledInTransaction([
    rows(tx, asSystemStatement('booking: the program was visible to the caller; read calendars, write the booking')),
    input.lastInTransaction ? rows(tx, sql`select ${eventInterestSql(orgId, ['customer.created', 'booking.reserved'])} as subscribed`) : undefined,
    input.holdCaps ? enforceHoldCaps(tx, orgId, body.customer.email, input.holdCaps, now) : undefined,
    loadCalendars(tx, { orgId, instructors: candidates, resourceId: program.resourceId, locationId: program.locationId, ...span, now }),
    findOrCreateCustomer(tx, orgId, body.customer),
  ]);
  const customerId = customer.id;
  const { ok, choice } = choose(candidates, cals.calendars, startsFor, s.settings, now, cals.roomBusy);
  const customerZone = (body.customer.timezone && canonicalZone(body.customer.timezone)) || choice.calendar.timezone;
  if (!ok) throw await conflictError(tx, orgId, s, candidates, choice, now, customerZone, !body.instructor && count === 1);

  const instructor = choice.candidate;
  const zone = choice.calendar.timezone;
  await releaseHoldsInTheWay(tx, orgId, cals, instructor.id, program.resourceId, choice.starts.map((x) => bufferedWindow(x, s.settings)), now);

  const bookingId = randomUUID();
  const token = newClientToken();
  const holdExpiresAt = now + HOLD_MS;
  const lengthMs = program.sessionLengthMin * 60_000;
  const sessionRows = Array.from({ length: count }, (_, i) => {
    const start = choice.starts[i];
    return { id: randomUUID(), seq: i + 1, starts_at: start === undefined ? null : iso(start), ends_at: start === undefined ? null : iso(start + lengthMs) };
  });
  const blocks = sessionRows.filter((r) => r.starts_at !== null).map((r) => ({ sessionId: r.id, start: Date.parse(r.starts_at!) }));
  const meetingUrl = program.deliveryMode === 'in_person' ? null : program.meetingUrl;
  const created: NewBooking = {
    booking: {
      id: bookingId,
      status: 'reserved',
      program: { slug: program.slug, title: program.title },
      variant: { id: variant.id, name: variant.name },
      instructor: { id: instructor.id, name: instructor.name },
      holdExpiresAt: new Date(holdExpiresAt),
      totalPrice: variant.price,
      currency: variant.currency,
      sessions: sessionRows.map((r) => ({
        id: r.id, seq: r.seq, startsAt: r.starts_at === null ? null : new Date(r.starts_at), endsAt: r.ends_at === null ? null : new Date(r.ends_at),
        timezone: zone, status: 'scheduled', revision: 0, reschedules: 0, meetingUrl,
      })),
    },
    clientToken: token,
  };
  const record = input.recordAnswer ? sql`, recorded as (${input.recordAnswer(created)} returning 1)` : sql``;
  const followUp = input.followUp ? sql`, followed as (${input.followUp(created)})` : sql``;
  // Recorded in this statement; their every-event subscribers (webhooks) run after it only when the statement says they have work.
  const events: RecordedEvent[] = [
    ...(customer.created ? [{ id: randomUUID(), orgId, type: 'customer.created', subjectId: null, payload: { customer_id: customerId, name: body.customer.name, email: body.customer.email, locale: body.customer.locale, via: 'booking' } }] : []),
    { id: randomUUID(), orgId, type: 'booking.reserved', subjectId: bookingId, payload: { program: program.slug, variant_id: variant.id, instructor_id: instructor.id, sessions: blocks.length, source: body.source ?? {}, hold_expires_at: iso(holdExpiresAt) } },
  ];
  const eventCtes = sql.join(events.map((e, i) => sql`, e${sql.raw(String(i))} as (${eventInsert(e, e.id)} returning 1)`), sql``);
  const statement = rows(tx, sql`
    with b as (
      insert into program_bookings (id, org_id, program_id, variant_id, customer_id, instructor_id, status, currency, total_price,
                                    sessions_count, customer_name, customer_phone, customer_locale, customer_timezone, source, funnel_visit, intake_answers, private_link_token, client_token_hash, hold_expires_at, hold_client)
      values (${bookingId}::uuid, ${orgId}::uuid, ${program.id}::uuid, ${variant.id}::uuid, ${customerId}::uuid, ${instructor.id}::uuid, 'reserved',
              ${variant.currency}, ${variant.price}, ${count},
              ${body.customer.name}, ${body.customer.phone ?? null}, ${body.customer.locale}, ${(body.customer.timezone && canonicalZone(body.customer.timezone)) || null}, ${JSON.stringify(body.source ?? {})}::jsonb, ${body.visit ?? null}, ${JSON.stringify(intake)}::jsonb,
              ${program.visibility === 'by_link' ? body.link ?? null : null}, ${hashClientToken(token)}, ${iso(holdExpiresAt)}::timestamptz, ${input.holdCaps?.client ?? null})
      returning id
    ), s as (
      insert into program_sessions (id, org_id, booking_id, seq, starts_at, ends_at, timezone, location_id, meeting_url)
      select x.id, ${orgId}::uuid, (select id from b), x.seq, x.starts_at, x.ends_at, ${zone}, ${program.locationId}::uuid, ${meetingUrl}
        from jsonb_to_recordset(${JSON.stringify(sessionRows)}::jsonb) as x(id uuid, seq int, starts_at timestamptz, ends_at timestamptz)
      returning id
    ), j as (${holdReleaseStatement(orgId, new Date(holdExpiresAt))}
    )${eventCtes}${record}${followUp}, held as (
    insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone, hold_expires_at, session_id)
    select ${orgId}::uuid, 'session', 'held', ${instructor.id}::uuid, ${program.resourceId}::uuid, tstzrange(x.bs, x.be, '[)'), ${zone},
           ${iso(holdExpiresAt)}::timestamptz, x.session_id
      from jsonb_to_recordset(${blocksJson(blocks, s.settings)}::jsonb) as x(session_id uuid, bs timestamptz, be timestamptz)
    returning 1)
    select ${eventInterestSql(orgId, events.map((e) => e.type))} as subscribed`);
  // Nothing will follow: COMMIT goes out right behind the statement, in its round trip (one round trip fewer).
  // The interest read in the previous round trip decides then, as the statement's own answer does otherwise.
  if (interest?.[0]?.subscribed === false) {
    commitAhead(tx);
    await statement;
    return created;
  }
  const [answer] = await statement;
  if (answer?.subscribed === true) await afterEventsInserted(tx, events, { now: nowDate });

  return created;
}

// ———————————————————————————————————————— shared by the changes of an existing booking

/** A booking that can still change: not cancelled or completed, and its hold not expired (which is then released). */
async function ensureLive(tx: Tx, orgId: string, booking: BookingRow, now: number): Promise<void> {
  if (booking.status === 'cancelled' || booking.status === 'completed') throw new AppError('invalid_state', `The booking is ${booking.status}.`);
  if (holdExpired(booking, now)) {
    await releaseExpiredHolds(tx, orgId, now, { bookingIds: [booking.id] });
    throw new CommitThenFail('hold_expired', 'The reservation expired before checkout; its times have been released.');
  }
}

async function schedulingFor(tx: Tx, orgId: string, booking: BookingRow): Promise<{ s: Scheduling; instructor: Candidate; policies: ProgramRow['policies'] }> {
  const [[program], [instructor]] = await Promise.all([
    tx.select().from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, booking.programId))),
    tx.select({ id: t.staff.id, name: t.staff.name, timezone: t.staff.timezone }).from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, booking.instructorId))),
  ]);
  if (!program || !instructor) throw new Error(`booking ${booking.id} lost its program or instructor`);
  return { s: schedulingOf(program), instructor, policies: program.policies };
}

/** The status new blocks of this booking take: held until checkout while reserved. */
function blockStatusOf(booking: BookingRow): { status: 'held' | 'active'; holdExpiresAt: string | null } {
  return booking.status === 'reserved' && booking.holdExpiresAt
    ? { status: 'held', holdExpiresAt: booking.holdExpiresAt.toISOString() }
    : { status: 'active', holdExpiresAt: null };
}

// ———————————————————————————————————————— later sessions

export interface AddSessionsInput {
  orgId: string;
  booking: BookingRow;
  starts: string[];
  now: Date;
  /** For what the recorded `session.scheduled` sets off (reminders, webhooks). */
  config: AppConfig;
}

/** Schedules the next unscheduled sessions of a booking (by seq) at these starts, recorded as `session.scheduled`. */
export async function addSessions(tx: Tx, { orgId, booking, starts, now: nowDate, config }: AddSessionsInput): Promise<BookingView> {
  const now = nowDate.getTime();
  await ensureLive(tx, orgId, booking, now);
  const [pending, { s, instructor }] = await Promise.all([
    tx.select({ id: t.programSessions.id, seq: t.programSessions.seq }).from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id), isNull(t.programSessions.startsAt), eq(t.programSessions.status, 'scheduled')))
      .orderBy(asc(t.programSessions.seq)),
    schedulingFor(tx, orgId, booking),
  ]);
  if (pending.length === 0) throw new AppError('invalid_state', 'Every session of this booking is scheduled already.');
  if (starts.length > pending.length) throw invalid('starts', `only ${pending.length} session${pending.length === 1 ? ' is' : 's are'} left to schedule`);
  const wanted = parseStarts(starts, s.settings, 'starts').sort((a, b) => a - b);
  const cals = await loadCalendars(tx, { orgId, instructors: [instructor], resourceId: s.program.resourceId, locationId: s.program.locationId, ...spanOf(wanted, s.settings, false), now });
  const { ok, choice } = choose([instructor], cals.calendars, () => wanted, s.settings, now, cals.roomBusy);
  if (!ok) throw await conflictError(tx, orgId, s, [instructor], choice, now, instructor.timezone, false);
  await releaseHoldsInTheWay(tx, orgId, cals, instructor.id, s.program.resourceId, wanted.map((x) => bufferedWindow(x, s.settings)), now);

  const lengthMs = s.program.sessionLengthMin * 60_000;
  const placed = wanted.map((start, i) => ({ id: pending[i]!.id, starts_at: iso(start), ends_at: iso(start + lengthMs) }));
  const hold = blockStatusOf(booking);
  const zone = cals.calendars[0]!.timezone;
  await tx.execute(sql`
    with u as (
      update program_sessions p set starts_at = x.starts_at, ends_at = x.ends_at, timezone = ${zone}
        from jsonb_to_recordset(${JSON.stringify(placed)}::jsonb) as x(id uuid, starts_at timestamptz, ends_at timestamptz)
       where p.org_id = ${orgId}::uuid and p.id = x.id and p.starts_at is null
      returning p.id
    )
    insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone, hold_expires_at, session_id)
    select ${orgId}::uuid, 'session', ${hold.status}::block_status, ${instructor.id}::uuid, ${s.program.resourceId}::uuid, tstzrange(x.bs, x.be, '[)'), ${zone},
           ${hold.holdExpiresAt}::timestamptz, x.session_id
      from jsonb_to_recordset(${blocksJson(placed.map((p) => ({ sessionId: p.id, start: Date.parse(p.starts_at) })), s.settings)}::jsonb)
           as x(session_id uuid, bs timestamptz, be timestamptz)`);
  await scheduleLifecycle(tx, orgId, booking.id, { sessionIds: placed.map((p) => p.id) });
  await recordEvent(tx, {
    orgId, type: 'session.scheduled', subjectId: booking.id,
    payload: { sessions: placed.map((p) => ({ session_id: p.id, starts_at: p.starts_at, ends_at: p.ends_at })) },
  }, { now: nowDate, config });
  return (await bookingView(tx, orgId, booking.id))!;
}

// ———————————————————————————————————————— reschedule

export type Mover =
  | { kind: 'customer' }
  /** Staff may place a session outside the hours, notice and horizon (`override`); never on busy time. */
  | { kind: 'staff'; override?: boolean };

export interface RescheduleInput {
  orgId: string;
  booking: BookingRow;
  sessionId: string;
  startsAt: string;
  now: Date;
  by: Mover;
  /** For the mail telling the customer (links in it). */
  config: AppConfig;
}

/**
 * Moves one session: its block's range is updated in place (the constraints check the new
 * range against every other block), the session's times follow and its revision rises, all
 * in the caller's transaction. The old time is free when it commits. A confirmed booking's
 * customer is mailed the new time with a calendar update (change-mails.ts).
 */
export async function rescheduleSession(tx: Tx, { orgId, booking, sessionId, startsAt, now: nowDate, by, config }: RescheduleInput): Promise<BookingView> {
  const now = nowDate.getTime();
  await ensureLive(tx, orgId, booking, now);
  const [[session], { s, instructor, policies }] = await Promise.all([
    tx.select().from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.id, sessionId), eq(t.programSessions.bookingId, booking.id))).for('update'),
    schedulingFor(tx, orgId, booking),
  ]);
  if (!session) throw new AppError('not_found', 'No such session in this booking.');
  if (session.status !== 'scheduled' || !session.startsAt) throw new AppError('invalid_state', session.startsAt ? `The session is ${session.status}.` : 'The session is not scheduled yet: schedule it instead.');
  const current = session.startsAt.getTime();
  const wanted = Date.parse(startsAt);
  if (wanted === current) return (await bookingView(tx, orgId, booking.id))!;
  // The program's notice and limit hold on every path; staff may override them (`override`), customers never.
  // A customer hears it first; staff hear first whether the time itself works.
  const check = mayReschedule(current, session.reschedules, policies, now);
  if (!check.ok && by.kind === 'customer') {
    if (check.reason === 'started') throw new AppError('invalid_state', 'The session has already begun.');
    refuseReschedule(check);
  }

  const blockRows = await tx.select({ id: t.scheduleBlocks.id }).from(t.scheduleBlocks)
    .where(and(eq(t.scheduleBlocks.orgId, orgId), eq(t.scheduleBlocks.sessionId, sessionId), sql`${t.scheduleBlocks.status} <> 'cancelled'`));
  const ownBlocks = blockRows.map((b) => b.id);
  const cals = await loadCalendars(tx, { orgId, instructors: [instructor], resourceId: s.program.resourceId, locationId: s.program.locationId, ...spanOf([wanted], s.settings, false), now, ignoreBlockIds: ownBlocks });
  const override = by.kind === 'staff' && by.override === true;
  const { ok, choice } = choose([instructor], cals.calendars, () => [wanted], s.settings, now, cals.roomBusy, override);
  if (!ok) throw await conflictError(tx, orgId, s, [instructor], choice, now, instructor.timezone, false, ownBlocks);
  if (!check.ok && !override) refuseReschedule(check);
  const window = bufferedWindow(wanted, s.settings);
  await releaseHoldsInTheWay(tx, orgId, cals, instructor.id, s.program.resourceId, [window], now);

  const lengthMs = s.program.sessionLengthMin * 60_000;
  const range = sql`tstzrange(${iso(window.start)}::timestamptz, ${iso(window.end)}::timestamptz, '[)')`;
  const hold = blockStatusOf(booking);
  await tx.execute(ownBlocks.length
    ? sql`with u as (
        update program_sessions set starts_at = ${iso(wanted)}::timestamptz, ends_at = ${iso(wanted + lengthMs)}::timestamptz, revision = revision + 1, reschedules = reschedules + 1
         where org_id = ${orgId}::uuid and id = ${sessionId}::uuid returning id)
      update schedule_blocks set during = ${range} where org_id = ${orgId}::uuid and id = ${ownBlocks[0]!}::uuid`
    : sql`with u as (
        update program_sessions set starts_at = ${iso(wanted)}::timestamptz, ends_at = ${iso(wanted + lengthMs)}::timestamptz, revision = revision + 1, reschedules = reschedules + 1
         where org_id = ${orgId}::uuid and id = ${sessionId}::uuid returning id)
      insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone, hold_expires_at, session_id)
      values (${orgId}::uuid, 'session', ${hold.status}::block_status, ${instructor.id}::uuid, ${s.program.resourceId}::uuid, ${range}, ${session.timezone},
              ${hold.holdExpiresAt}::timestamptz, ${sessionId}::uuid)`);
  if (ownBlocks.length > 1) {
    await tx.execute(sql`update schedule_blocks set status = 'cancelled' where org_id = ${orgId}::uuid and id = any(${uuidArray(ownBlocks.slice(1))}::uuid[])`);
  }
  await recordEvent(tx, { orgId, type: 'session.rescheduled', subjectId: booking.id, payload: { session_id: sessionId, previous_start: session.startsAt.toISOString(), starts_at: startsAt, by } }, { now: nowDate, config });
  return (await bookingView(tx, orgId, booking.id))!;
}

// ———————————————————————————————————————— moving the series

export interface RescheduleSeriesInput {
  orgId: string;
  booking: BookingRow;
  /** Every remaining session this many weeks later (negative: earlier), at the same local time. */
  shiftWeeks?: number | undefined;
  /** Or: the first remaining session here, the others keeping their local distance to it (the cadence). */
  startsAt?: string | undefined;
  now: Date;
  config: AppConfig;
  /** Who moves it (default: the customer); staff with `override` move every session ahead, notice and limit lifted, outside the hours too (never onto busy time). */
  by?: Mover;
}

/**
 * Moves the customer's remaining sessions together (a series only: a booking of one session moves
 * by rescheduleSession): those still ahead whose change deadline has not passed (sessions already
 * inside the free-cancellation window stay where they are). Each keeps its local wall-clock time
 * in its zone across DST. Checked like a new booking against the instructor's calendar, with the
 * booking's own moving sessions left out and its staying ones counted as busy; a refusal names
 * each session that cannot move, with the nearest free times. The moved sessions' revisions rise
 * and the customer gets one calendar update per session.
 */
export async function rescheduleSeries(tx: Tx, input: RescheduleSeriesInput): Promise<BookingView> {
  const { orgId, booking, now: nowDate, config } = input;
  const now = nowDate.getTime();
  await ensureLive(tx, orgId, booking, now);
  if (!isSeries(booking.sessionsCount)) throw new AppError('invalid_state', 'The booking has one session, no series: move the session itself.');
  const [sessions, { s, instructor, policies }] = await Promise.all([
    tx.select().from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.status, 'scheduled'), sql`${t.programSessions.startsAt} > ${iso(now)}::timestamptz`))
      .orderBy(asc(t.programSessions.startsAt)).for('update'),
    schedulingFor(tx, orgId, booking),
  ]);
  if (sessions.length === 0) throw new AppError('invalid_state', 'No session of this booking is ahead to move.');
  const by: Mover = input.by ?? { kind: 'customer' };
  const override = by.kind === 'staff' && by.override === true;
  const checks = sessions.map((x) => mayReschedule(x.startsAt!.getTime(), x.reschedules, policies, now));
  const movable = sessions.filter((_, i) => override || checks[i]!.ok);
  if (movable.length === 0) {
    // Say why the first one cannot move: its limit, or the notice.
    refuseReschedule(checks[0] as Exclude<RescheduleCheck, { ok: true }>);
  }
  const first = movable[0]!;
  const shift = input.startsAt !== undefined
    ? wallOf(Date.parse(input.startsAt), first.timezone) - wallOf(first.startsAt!.getTime(), first.timezone)
    : (input.shiftWeeks ?? 0) * 7 * DAY_MS;
  const wanted = movable.map((x) => wallToInstant(wallOf(x.startsAt!.getTime(), x.timezone) + shift, x.timezone));
  if (shift === 0) return (await bookingView(tx, orgId, booking.id))!;

  const blockRows = await tx.select({ id: t.scheduleBlocks.id }).from(t.scheduleBlocks)
    .where(and(eq(t.scheduleBlocks.orgId, orgId), sql`${t.scheduleBlocks.sessionId} = any(${uuidArray(movable.map((x) => x.id))}::uuid[])`, sql`${t.scheduleBlocks.status} <> 'cancelled'`));
  const ownBlocks = blockRows.map((b) => b.id);
  const cals = await loadCalendars(tx, { orgId, instructors: [instructor], resourceId: s.program.resourceId, locationId: s.program.locationId, ...spanOf(wanted, s.settings, false), now, ignoreBlockIds: ownBlocks });
  const { ok, choice } = choose([instructor], cals.calendars, () => wanted, s.settings, now, cals.roomBusy, override);
  if (!ok) {
    const error = await conflictError(tx, orgId, s, [instructor], choice, now, booking.customerTimezone ?? instructor.timezone, false, ownBlocks);
    // Each conflict names the session it is about.
    const conflicts = (error.extra.conflicts as { start: string }[]).map((c) => ({ ...c, session_id: movable[wanted.findIndex((w) => iso(w) === c.start)]?.id ?? null }));
    throw new AppError(error.code, error.detail, { ...error.extra, conflicts });
  }
  await releaseHoldsInTheWay(tx, orgId, cals, instructor.id, s.program.resourceId, wanted.map((x) => bufferedWindow(x, s.settings)), now);

  const lengthMs = s.program.sessionLengthMin * 60_000;
  const placed = movable.map((x, i) => ({ id: x.id, starts_at: iso(wanted[i]!), ends_at: iso(wanted[i]! + lengthMs) }));
  const hold = blockStatusOf(booking);
  // Old blocks out first, in their own statement: the new ranges may overlap the old ones of other sessions of the series.
  await tx.execute(sql`
    with u as (
      update program_sessions p set starts_at = x.starts_at, ends_at = x.ends_at, revision = p.revision + 1, reschedules = p.reschedules + 1
        from jsonb_to_recordset(${JSON.stringify(placed)}::jsonb) as x(id uuid, starts_at timestamptz, ends_at timestamptz)
       where p.org_id = ${orgId}::uuid and p.id = x.id
      returning p.id
    )
    update schedule_blocks set status = 'cancelled' where org_id = ${orgId}::uuid and id = any(${uuidArray(ownBlocks)}::uuid[])`);
  await tx.execute(sql`
    insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone, hold_expires_at, session_id)
    select ${orgId}::uuid, 'session', ${hold.status}::block_status, ${instructor.id}::uuid, ${s.program.resourceId}::uuid, tstzrange(x.bs, x.be, '[)'), p.timezone,
           ${hold.holdExpiresAt}::timestamptz, x.session_id
      from jsonb_to_recordset(${blocksJson(placed.map((p) => ({ sessionId: p.id, start: Date.parse(p.starts_at) })), s.settings)}::jsonb)
           as x(session_id uuid, bs timestamptz, be timestamptz)
      join program_sessions p on p.org_id = ${orgId}::uuid and p.id = x.session_id`);
  await recordEvent(tx, {
    orgId, type: 'series.rescheduled', subjectId: booking.id,
    payload: { sessions: movable.map((x, i) => ({ session_id: x.id, previous_start: x.startsAt!.toISOString(), starts_at: placed[i]!.starts_at })), by },
  }, { now: nowDate, config });
  return (await bookingView(tx, orgId, booking.id))!;
}

// ———————————————————————————————————————— cancel

/**
 * Cancels a booking and frees its time; the settlement engine (billing) calls it and settles the
 * money. Answers the sessions that were still ahead (the cancellation mail lists them and removes
 * them from the customer's calendar once the settlement is recorded: `booking.settled`).
 */
export interface CancelledSession { id: string; seq: number; starts_at: string; ends_at: string; revision: number }

export async function cancelBooking(tx: Tx, { orgId, booking, now, config, by }: { orgId: string; booking: BookingRow; now: Date; config: AppConfig; by: 'staff' | 'customer' }): Promise<CancelledSession[] | undefined> {
  if (booking.status === 'cancelled') return undefined;
  if (booking.status === 'completed') throw new AppError('invalid_state', 'The booking is completed.');
  const at = now.toISOString();
  // The sessions still ahead, as they are before the cancellation: the mail lists them.
  const ahead = await tx.select({ id: t.programSessions.id, seq: t.programSessions.seq, startsAt: t.programSessions.startsAt, endsAt: t.programSessions.endsAt, revision: t.programSessions.revision })
    .from(t.programSessions)
    .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.status, 'scheduled'), sql`${t.programSessions.endsAt} > ${at}::timestamptz`))
    .orderBy(asc(t.programSessions.seq));
  await tx.execute(sql`
    with b as (
      update program_bookings set status = 'cancelled', cancelled_at = ${at}::timestamptz, cancellation_reason = ${by}::cancellation_reason, updated_at = ${at}::timestamptz
       where org_id = ${orgId}::uuid and id = ${booking.id}::uuid returning id
    ), s as (
      update program_sessions set status = 'cancelled', cancelled_at = ${at}::timestamptz
       where org_id = ${orgId}::uuid and booking_id = ${booking.id}::uuid and status = 'scheduled' returning id
    )
    update schedule_blocks set status = 'cancelled'
     where org_id = ${orgId}::uuid and status <> 'cancelled'
       and session_id in (select id from program_sessions where org_id = ${orgId}::uuid and booking_id = ${booking.id}::uuid)`);
  const sessions = ahead.map((s) => ({ id: s.id, seq: s.seq, starts_at: s.startsAt!.toISOString(), ends_at: s.endsAt!.toISOString(), revision: s.revision }));
  await recordEvent(tx, { orgId, type: 'booking.cancelled', subjectId: booking.id, payload: { by, previous_status: booking.status, sessions } }, { now, config });
  return sessions;
}

// ———————————————————————————————————————— entry points that authorise first

/** The booking this client token opens, locked for a change; 404 for a wrong token. */
export async function bookingForToken(tx: Tx, orgId: string, bookingId: string, token: string | undefined): Promise<BookingRow> {
  await asSystem(tx, 'booking client token: the token is the proof, checked by hash below');
  const booking = token ? await bookingByToken(tx, orgId, bookingId, token, true) : undefined;
  if (!booking) throw new AppError('not_found', 'No such booking.');
  return booking;
}

/** The booking as a staff member's own policies show it (an instructor: only theirs), then locked as system. */
export async function bookingForStaff(tx: Tx, orgId: string, bookingId: string): Promise<BookingRow> {
  const visible = await bookingById(tx, orgId, bookingId);
  if (!visible) throw new AppError('not_found', 'No such booking.');
  await asSystem(tx, 'staff action: the booking is visible under the staff member\'s own policies');
  return (await bookingById(tx, orgId, bookingId, true))!;
}

/**
 * A booking as its client token shows it. Reading an expired hold releases it on the way
 * (the answer then says `cancelled`). Only the booking the token opens is read.
 */
export async function readBookingWithToken(tx: Tx, orgId: string, bookingId: string, token: string | undefined, now: Date): Promise<BookingView> {
  await asSystem(tx, 'booking client token: the token is the proof, checked by hash below');
  const booking = token ? await bookingByToken(tx, orgId, bookingId, token) : undefined;
  if (!booking) throw new AppError('not_found', 'No such booking.');
  if (holdExpired(booking, now.getTime())) {
    await releaseExpiredHolds(tx, orgId, now.getTime(), { bookingIds: [booking.id] });
  }
  const out = await bookingView(tx, orgId, booking.id);
  if (!out) throw new AppError('not_found', 'No such booking.');
  return out;
}

