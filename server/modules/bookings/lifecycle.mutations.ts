/**
 * A booking's life after confirmation: the transitions of domain/lifecycle.ts applied to the
 * rows, each recorded in `domain_events` (payload `{ before, after, session_id? }`), and the
 * jobs that apply them when they are due, plus the staff's check-in and no-show.
 *
 *   booking.in_progress   confirmed → in_progress, when its first session starts
 *   session.completed     scheduled → completed, at the session's end + attendance grace
 *   session.no_show       scheduled → no_show, by staff, from the start until the grace is over
 *   session.checked_in    check_in_at set, by staff
 *   booking.expired       unscheduled sessions lapse (→ cancelled) once the validity ran out
 *   booking.completed     → completed, when no session remains scheduled or to schedule
 *
 * The validity (`valid_days`) counts from the booking's first session. An expired booking ends
 * `completed` like any other (recorded as `booking.expired`, then
 * `booking.completed` once nothing remains scheduled); what it means for money is the
 * settlement engine's business.
 *
 * Jobs (`bookings.lifecycle`, `{ orgId, bookingId }`) are added in the transaction that
 * confirms a booking or schedules or moves a session, due at each session's start and end +
 * grace (and at the validity's end). Every job locks the booking, re-reads it and applies only
 * what is due at its `now`: a job run twice, or a moved session's old job, changes nothing.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueueMany } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import { AppError } from '../../platform/errors.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';
import { DEFAULT_ATTENDANCE_GRACE_HOURS } from '../../../schema/db/programs.ts';
import { dueTransitions, isLive, lifecyclePolicy, staffSessionStatus, wakeUps, type LifecyclePolicy, type LifecycleSession } from './domain/lifecycle.ts';
import type { BookingRow, SessionRow } from './bookings.queries.ts';
import { uuidArray } from '../availability/index.ts';
import { checkInOpen, noShowOpen } from '../../../shared/attendance.ts';

/** The queue whose job applies one booking's due transitions. */
export const LIFECYCLE_QUEUE = 'bookings.lifecycle';

export interface StaffActor { role: 'owner' | 'manager' | 'instructor'; staffId: string }

const asLifecycle = (s: SessionRow): LifecycleSession => ({ id: s.id, startsAt: s.startsAt?.getTime() ?? null, endsAt: s.endsAt?.getTime() ?? null, status: s.status });

async function policyOf(tx: Tx, orgId: string, booking: BookingRow, sessions: SessionRow[]): Promise<LifecyclePolicy> {
  const [program] = await tx.select({ policies: t.programs.policies }).from(t.programs)
    .where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, booking.programId)));
  return lifecyclePolicy(program?.policies ?? {}, sessions.map(asLifecycle), DEFAULT_ATTENDANCE_GRACE_HOURS);
}

function sessionsOf(tx: Tx, orgId: string, bookingId: string): Promise<SessionRow[]> {
  return tx.select().from(t.programSessions)
    .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, bookingId)))
    .orderBy(asc(t.programSessions.seq));
}

/**
 * Adds the booking's lifecycle jobs (in the caller's transaction): for every scheduled session
 * (or only `sessionIds`), at its start and at its end + grace; also at the validity's end while
 * sessions are unscheduled. Nothing for a booking that is not confirmed or
 * in progress (a reserved one gets its jobs when it is confirmed). Runs as system or as staff
 * that can see the booking.
 */
export async function scheduleLifecycle(tx: Tx, orgId: string, bookingId: string, only?: { sessionIds: string[] }): Promise<void> {
  const [booking] = await tx.select().from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId)));
  if (!booking || !isLive(booking.status)) return;
  const sessions = await sessionsOf(tx, orgId, bookingId);
  const policy = await policyOf(tx, orgId, booking, sessions);
  const chosen = only ? sessions.filter((s) => only.sessionIds.includes(s.id) || s.startsAt === null) : sessions;
  // A second after each instant, so that the job's clock is past it; all in one statement.
  await enqueueMany(tx, LIFECYCLE_QUEUE, wakeUps(chosen.map(asLifecycle), policy).map((at) => ({ data: { orgId, bookingId }, options: { startAfter: new Date(at + 1_000) } })));
}

export interface Transition { type: string; sessionId?: string }

/**
 * Applies every transition due at `now` to one booking, each recorded as an event. Locks the
 * booking first, so concurrent jobs and staff actions on it take turns; the `where`s only
 * change rows still in the expected state. Returns what it did (nothing when nothing is due).
 */
export async function advanceBooking(tx: Tx, orgId: string, bookingId: string, ctx: EventContext): Promise<Transition[]> {
  const [booking] = await tx.select().from(t.programBookings)
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId))).for('update');
  if (!booking || !isLive(booking.status)) return [];
  const sessions = await sessionsOf(tx, orgId, bookingId);
  const policy = await policyOf(tx, orgId, booking, sessions);
  const now = ctx.now.getTime();
  const due = dueTransitions(booking.status, sessions.map(asLifecycle), policy, now);
  const at = ctx.now.toISOString();
  const done: Transition[] = [];
  let status = booking.status;

  if (due.start) {
    const moved = await tx.execute(sql`update program_bookings set status = 'in_progress', updated_at = ${at}::timestamptz
      where org_id = ${orgId}::uuid and id = ${bookingId}::uuid and status = 'confirmed' returning id`);
    if (rowCount(moved) > 0) {
      await recordEvent(tx, { orgId, type: 'booking.in_progress', subjectId: bookingId, payload: { before: { status }, after: { status: 'in_progress' }, session_id: due.start } }, ctx);
      status = 'in_progress';
      done.push({ type: 'booking.in_progress', sessionId: due.start });
    }
  }
  for (const sessionId of due.completeSessions) {
    const changed = await tx.execute(sql`update program_sessions set status = 'completed'
      where org_id = ${orgId}::uuid and id = ${sessionId}::uuid and booking_id = ${bookingId}::uuid and status = 'scheduled' returning id`);
    if (rowCount(changed) === 0) continue;
    const session = sessions.find((s) => s.id === sessionId)!;
    await recordEvent(tx, {
      orgId, type: 'session.completed', subjectId: bookingId,
      payload: { before: { status: 'scheduled' }, after: { status: 'completed' }, session_id: sessionId, seq: session.seq, checked_in: session.checkInAt !== null },
    }, ctx);
    done.push({ type: 'session.completed', sessionId });
  }
  if (due.lapseSessions.length > 0) {
    // When they lapsed is recorded like any cancellation's (settlement, payroll and staff views read it).
    const lapsed = await tx.execute(sql`update program_sessions set status = 'cancelled', cancelled_at = ${at}::timestamptz
      where org_id = ${orgId}::uuid and booking_id = ${bookingId}::uuid and id = any(${uuidArray(due.lapseSessions)}::uuid[])
        and status = 'scheduled' and starts_at is null returning id`);
    const ids = rowsOf<{ id: string }>(lapsed).map((r) => String(r.id));
    if (ids.length > 0) {
      await recordEvent(tx, {
        orgId, type: 'booking.expired', subjectId: bookingId,
        payload: {
          before: { status, sessions_to_schedule: ids.length }, after: { status: due.completeBooking ? 'completed' : status, sessions_to_schedule: 0 },
          session_ids: ids, valid_until: new Date(policy.validUntil!).toISOString(),
        },
      }, ctx);
      done.push({ type: 'booking.expired' });
    }
  }
  if (due.completeBooking) {
    const completed = await tx.execute(sql`update program_bookings set status = 'completed', updated_at = ${at}::timestamptz
      where org_id = ${orgId}::uuid and id = ${bookingId}::uuid and status in ('confirmed', 'in_progress') returning id`);
    if (rowCount(completed) > 0) {
      await recordEvent(tx, { orgId, type: 'booking.completed', subjectId: bookingId, payload: { before: { status }, after: { status: 'completed' } } }, ctx);
      done.push({ type: 'booking.completed' });
    }
  }
  return done;
}

const rowCount = (result: unknown) => rowsOf(result).length;

// ———————————————————————————————————————— staff: attendance

export interface AttendanceInput {
  orgId: string;
  /** Found through the staff member's own policies and locked (bookingForStaff). */
  booking: BookingRow;
  sessionId: string;
  by: StaffActor;
  ctx: EventContext;
}

async function attendanceSession(tx: Tx, { orgId, booking, sessionId, ctx }: AttendanceInput): Promise<SessionRow> {
  if (booking.status === 'reserved') throw new AppError('invalid_state', 'The booking is not confirmed yet.');
  if (booking.status === 'cancelled') throw new AppError('invalid_state', 'The booking is cancelled.');
  // Bring the booking up to `now` first, so events keep their order (in_progress before a no-show).
  await advanceBooking(tx, orgId, booking.id, ctx);
  const [session] = await tx.select().from(t.programSessions)
    .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.id, sessionId), eq(t.programSessions.bookingId, booking.id)));
  if (!session) throw new AppError('not_found', 'No such session in this booking.');
  if (!session.startsAt || !session.endsAt) throw new AppError('invalid_state', 'The session is not scheduled yet.');
  return session;
}

/** A session as staff see it: `staffStatus` says `awaiting_attendance` between its end and the end of the grace period. */
export interface StaffSessionView { session: SessionRow; staffStatus: ReturnType<typeof staffSessionStatus> }

export async function staffSession(tx: Tx, orgId: string, booking: BookingRow, sessionId: string, now: Date): Promise<StaffSessionView> {
  const sessions = await sessionsOf(tx, orgId, booking.id);
  const policy = await policyOf(tx, orgId, booking, sessions);
  const session = sessions.find((s) => s.id === sessionId)!;
  return { session, staffStatus: staffSessionStatus(asLifecycle(session), policy.graceMs, now.getTime()) };
}

/**
 * The customer is here: `check_in_at` is set (from an hour before the start; also after the
 * session, to record attendance late). Checking in again answers the session unchanged; a
 * no-show or cancelled session cannot be checked in (409).
 */
export async function checkInSession(tx: Tx, input: AttendanceInput): Promise<StaffSessionView> {
  const { orgId, booking, sessionId, by, ctx } = input;
  const session = await attendanceSession(tx, input);
  if (session.checkInAt === null) {
    if (session.status === 'no_show' || session.status === 'cancelled') throw new AppError('invalid_state', `The session is ${session.status === 'no_show' ? 'marked as a no-show' : 'cancelled'}.`);
    if (!checkInOpen(session.startsAt!.getTime(), ctx.now.getTime())) throw new AppError('invalid_state', 'Check-in opens an hour before the session starts.');
    const at = ctx.now.toISOString();
    await tx.execute(sql`update program_sessions set check_in_at = ${at}::timestamptz
      where org_id = ${orgId}::uuid and id = ${sessionId}::uuid and check_in_at is null`);
    await recordEvent(tx, {
      orgId, type: 'session.checked_in', subjectId: booking.id,
      payload: { before: { check_in_at: null }, after: { check_in_at: at }, session_id: sessionId, seq: session.seq, by: { role: by.role, staff_id: by.staffId } },
    }, ctx);
    await advanceBooking(tx, orgId, booking.id, ctx);
  }
  return staffSession(tx, orgId, booking, sessionId, ctx.now);
}

/**
 * The customer did not come: the session becomes `no_show`, from its start until the
 * attendance grace period after its end is over (then it is `completed`, 409). Marking it again
 * answers it unchanged; a checked-in, completed or cancelled session cannot be (409). When it
 * was the last session, the booking is completed with it. Money for a no-show is not decided
 * here: `marked` says this call made it one, and the caller settles it (billing's settleNoShow).
 */
export async function markNoShow(tx: Tx, input: AttendanceInput): Promise<StaffSessionView & { marked: boolean }> {
  const { orgId, booking, sessionId, by, ctx } = input;
  const session = await attendanceSession(tx, input);
  const marked = session.status !== 'no_show';
  if (marked) {
    if (session.status !== 'scheduled') throw new AppError('invalid_state', session.status === 'completed' ? 'The session is completed: the attendance grace period is over.' : `The session is ${session.status}.`);
    if (session.checkInAt !== null) throw new AppError('invalid_state', 'The customer checked in to this session.');
    if (!noShowOpen(session.startsAt!.getTime(), ctx.now.getTime())) throw new AppError('invalid_state', 'The session has not begun.');
    await tx.execute(sql`update program_sessions set status = 'no_show'
      where org_id = ${orgId}::uuid and id = ${sessionId}::uuid and status = 'scheduled'`);
    await recordEvent(tx, {
      orgId, type: 'session.no_show', subjectId: booking.id,
      payload: { before: { status: 'scheduled' }, after: { status: 'no_show' }, session_id: sessionId, seq: session.seq, by: { role: by.role, staff_id: by.staffId } },
    }, ctx);
    await advanceBooking(tx, orgId, booking.id, ctx);
  }
  return { ...await staffSession(tx, orgId, booking, sessionId, ctx.now), marked };
}
