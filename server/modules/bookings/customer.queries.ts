/**
 * A customer's own bookings, read under the customer's policies (role `customer`,
 * `app.customer_id`): another customer's booking is simply not there.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { ProgramPolicies } from '../../../schema/db/programs.ts';
import { DAY_MS, wallOf, wallToInstant } from '../../../shared/zone.ts';
import { bookingView, type BookingRow, type BookingView } from './bookings.queries.ts';

/** One line of the customer's list of bookings. */
export interface CustomerBookingSummary {
  id: string;
  status: BookingRow['status'];
  program: { slug: string; title: string };
  variant: { name: string };
  instructor: { id: string; name: string | null };
  nextSession: { id: string; seq: number; startsAt: Date; endsAt: Date; timezone: string } | null;
  sessionsToSchedule: number;
  sessionsCount: number;
  createdAt: Date;
}

/** The customer's bookings in this org, newest first; with `only`, that booking alone (a manage link opens one). */
export async function customerBookings(tx: Tx, orgId: string, now: Date, only: string | null): Promise<CustomerBookingSummary[]> {
  const heads = await tx.select({
    booking: t.programBookings, slug: t.programs.slug, title: t.programs.title, variantName: t.programVariants.name, instructorName: t.staff.name,
  }).from(t.programBookings)
    .innerJoin(t.programs, and(eq(t.programs.orgId, t.programBookings.orgId), eq(t.programs.id, t.programBookings.programId)))
    .innerJoin(t.programVariants, and(eq(t.programVariants.orgId, t.programBookings.orgId), eq(t.programVariants.id, t.programBookings.variantId)))
    .leftJoin(t.staff, and(eq(t.staff.orgId, t.programBookings.orgId), eq(t.staff.id, t.programBookings.instructorId)))
    .where(and(eq(t.programBookings.orgId, orgId), ...(only ? [eq(t.programBookings.id, only)] : [])))
    .orderBy(desc(t.programBookings.createdAt), asc(t.programBookings.id));
  if (!heads.length) return [];
  const sessions = await tx.select().from(t.programSessions)
    .where(and(eq(t.programSessions.orgId, orgId), inArray(t.programSessions.bookingId, heads.map((h) => h.booking.id))))
    .orderBy(asc(t.programSessions.startsAt), asc(t.programSessions.seq));
  return heads.map(({ booking: b, slug, title, variantName, instructorName }) => {
    const own = sessions.filter((s) => s.bookingId === b.id);
    const next = own.find((s) => s.status === 'scheduled' && s.startsAt && s.endsAt && s.endsAt.getTime() > now.getTime());
    return {
      id: b.id, status: b.status, program: { slug, title }, variant: { name: variantName }, instructor: { id: b.instructorId, name: instructorName },
      nextSession: next ? { id: next.id, seq: next.seq, startsAt: next.startsAt!, endsAt: next.endsAt!, timezone: next.timezone } : null,
      sessionsToSchedule: own.filter((s) => s.startsAt === null && s.status === 'scheduled').length,
      sessionsCount: b.sessionsCount,
      createdAt: b.createdAt,
    };
  });
}

/** A milestone of the booking's program with the booking's progress on it and its due date. */
export interface MilestoneProgress {
  id: string;
  orderIdx: number;
  name: string;
  descriptionMd: string;
  /** First session + due_day_offset days; null without an offset or before the first session is scheduled. */
  dueAt: Date | null;
  completedAt: Date | null;
  /** The instructor's notes shared with the customer. */
  notesMd: string | null;
}

/** Everything the customer's own view of one booking is drawn from. */
export interface CustomerBookingDetail {
  view: BookingView;
  booking: BookingRow;
  policies: ProgramPolicies;
  milestones: MilestoneProgress[];
}

/** One booking of the customer with its program's policy and milestones; undefined when not theirs. */
export async function customerBookingDetail(tx: Tx, orgId: string, bookingId: string): Promise<CustomerBookingDetail | undefined> {
  const [[row], view] = await Promise.all([
    tx.select({ booking: t.programBookings, policies: t.programs.policies }).from(t.programBookings)
      .innerJoin(t.programs, and(eq(t.programs.orgId, t.programBookings.orgId), eq(t.programs.id, t.programBookings.programId)))
      .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId))),
    bookingView(tx, orgId, bookingId),
  ]);
  if (!row || !view) return undefined;
  const [milestones, progress] = await Promise.all([
    tx.select().from(t.programMilestones)
      .where(and(eq(t.programMilestones.orgId, orgId), eq(t.programMilestones.programId, row.booking.programId)))
      .orderBy(asc(t.programMilestones.orderIdx)),
    tx.select().from(t.programProgress).where(and(eq(t.programProgress.orgId, orgId), eq(t.programProgress.bookingId, bookingId))),
  ]);
  const first = view.sessions.filter((s) => s.startsAt).sort((a, b) => a.startsAt!.getTime() - b.startsAt!.getTime())[0];
  // Calendar days in the session's zone: the due time keeps its local hour across DST.
  const due = (offset: number) => new Date(wallToInstant(wallOf(first!.startsAt!.getTime(), first!.timezone) + offset * DAY_MS, first!.timezone));
  return {
    view,
    booking: row.booking,
    policies: row.policies,
    milestones: milestones.map((m) => {
      const p = progress.find((x) => x.milestoneId === m.id);
      return {
        id: m.id, orderIdx: m.orderIdx, name: m.name, descriptionMd: m.descriptionMd,
        dueAt: m.dueDayOffset !== null && first !== undefined ? due(m.dueDayOffset) : null,
        completedAt: p?.completedAt ?? null,
        notesMd: p?.notesMd ?? null,
      };
    }),
  };
}

/** A session in the customer's calendar feed. */
export interface CalendarSession { id: string; seq: number; total: number; startsAt: Date; endsAt: Date; program: string; instructor: string | null; place: string | null; meetingUrl: string | null }

/** Every scheduled session of the customer's live bookings in this org (their own policies decide which bookings). */
export async function customerCalendar(tx: Tx, orgId: string, only?: { bookingId: string; sessionId: string }): Promise<CalendarSession[]> {
  const rows = await tx.select({
    s: t.programSessions, total: t.programBookings.sessionsCount, status: t.programBookings.status, program: t.programs.title, instructor: t.staff.name,
    place: t.locations.name, address: t.locations.address,
  }).from(t.programSessions)
    .innerJoin(t.programBookings, and(eq(t.programBookings.orgId, t.programSessions.orgId), eq(t.programBookings.id, t.programSessions.bookingId)))
    .innerJoin(t.programs, and(eq(t.programs.orgId, t.programBookings.orgId), eq(t.programs.id, t.programBookings.programId)))
    .leftJoin(t.staff, and(eq(t.staff.orgId, t.programBookings.orgId), eq(t.staff.id, t.programBookings.instructorId)))
    .leftJoin(t.locations, and(eq(t.locations.orgId, t.programSessions.orgId), eq(t.locations.id, t.programSessions.locationId)))
    .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.status, 'scheduled'), inArray(t.programBookings.status, ['confirmed', 'in_progress']),
      only ? and(eq(t.programSessions.bookingId, only.bookingId), eq(t.programSessions.id, only.sessionId)) : undefined))
    .orderBy(asc(t.programSessions.startsAt));
  return rows.filter((r) => r.s.startsAt && r.s.endsAt).map((r) => ({
    id: r.s.id, seq: r.s.seq, total: r.total, startsAt: r.s.startsAt!, endsAt: r.s.endsAt!, program: r.program, instructor: r.instructor,
    place: r.place ? `${r.place}, ${r.address}` : null, meetingUrl: r.s.meetingUrl,
  }));
}
