/**
 * One booking as staff see it: customer, intake answers (health answers only for its instructor
 * and managers), sessions with attendance, order with its money, milestones, the event log.
 * Read as the staff member: an instructor reaches only bookings they conduct and sees no money
 * and no event log (their policies show none).
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { DEFAULT_ATTENDANCE_GRACE_HOURS } from '../../../schema/db/index.ts';
import { answersForDisplay } from '../../../shared/intake-form.ts';
import { bookingById, staffSessionStatus, type SessionRow } from '../bookings/index.ts';
import { orderForStaffView, type StaffOrderView } from '../billing/index.ts';
import { healthFieldsOf, mayReadHealth } from './domain/index.ts';
import { pipelinePage, type PipelineRow } from './pipeline.queries.ts';

export interface Viewer { role: 'owner' | 'manager' | 'instructor'; staffId: string }

export interface BookingDetail {
  head: PipelineRow;
  variant: { id: string; name: string };
  /** How the program is delivered: online and hybrid sessions have meeting addresses. */
  deliveryMode: 'in_person' | 'online' | 'hybrid';
  customer: { id: string; name: string; email: string; phone: string | null; language: string; timezone: string | null };
  holdExpiresAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  /** Staff's private note on the booking. */
  notesPrivateMd: string | null;
  intake: { answers: { name: string; label: string; value: string; health: boolean }[]; healthWithheld: boolean };
  sessions: { session: SessionRow; staffStatus: ReturnType<typeof staffSessionStatus> }[];
  order: StaffOrderView | null;
  progress: { milestoneId: string; name: string; dueDayOffset: number | null; completedAt: Date | null; artifactUrl: string | null; notesMd: string | null }[];
  events: { type: string; at: Date; actorRole: string; payload: Record<string, unknown> }[];
}

export async function bookingDetail(tx: Tx, orgId: string, id: string, viewer: Viewer, now: Date): Promise<BookingDetail | undefined> {
  const booking = await bookingById(tx, orgId, id);
  if (!booking) return undefined;
  const [page, [program], [variant], [customer], [org], [form], sessions, milestones] = await Promise.all([
    pipelinePage(tx, orgId, { q: booking.id }, { limit: 1 }, now),
    tx.select({ policies: t.programs.policies, deliveryMode: t.programs.deliveryMode }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, booking.programId))),
    tx.select({ id: t.programVariants.id, name: t.programVariants.name }).from(t.programVariants).where(and(eq(t.programVariants.orgId, orgId), eq(t.programVariants.id, booking.variantId))),
    tx.select().from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, booking.customerId))),
    tx.select({ locale: t.orgs.defaultLocale }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    tx.select({ schema: t.programIntakeForms.formSchemaJson }).from(t.programIntakeForms).where(and(eq(t.programIntakeForms.orgId, orgId), eq(t.programIntakeForms.programId, booking.programId))),
    tx.select().from(t.programSessions).where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, booking.id))).orderBy(asc(t.programSessions.seq)),
    tx.select({ id: t.programMilestones.id, name: t.programMilestones.name, due: t.programMilestones.dueDayOffset, progress: t.programProgress })
      .from(t.programMilestones)
      .leftJoin(t.programProgress, and(eq(t.programProgress.orgId, t.programMilestones.orgId), eq(t.programProgress.milestoneId, t.programMilestones.id), eq(t.programProgress.bookingId, booking.id)))
      .where(and(eq(t.programMilestones.orgId, orgId), eq(t.programMilestones.programId, booking.programId))).orderBy(asc(t.programMilestones.orderIdx)),
  ]);
  const head = page.rows[0];
  if (!head || !variant || !customer) return undefined;
  const subjects = [booking.id, ...sessions.map((s) => s.id), ...(booking.orderId ? [booking.orderId] : [])];
  const [order, events] = await Promise.all([
    booking.orderId ? orderForStaffView(tx, orgId, booking.orderId) : Promise.resolve(undefined),
    tx.select().from(t.domainEvents).where(and(eq(t.domainEvents.orgId, orgId), or(inArray(t.domainEvents.subjectId, subjects))))
      .orderBy(asc(t.domainEvents.occurredAt), asc(t.domainEvents.seq)),
  ]);

  const graceHours = program?.policies.attendance_grace_hours ?? DEFAULT_ATTENDANCE_GRACE_HOURS;
  const schema = form?.schema ?? {};
  const health = healthFieldsOf(schema);
  const mayHealth = mayReadHealth(viewer, booking.instructorId);
  const all = answersForDisplay(schema, booking.intakeAnswers, org?.locale ?? 'en').map((a) => ({ ...a, health: health.has(a.name) }));
  const answers = mayHealth ? all : all.filter((a) => !a.health);

  return {
    head,
    variant,
    deliveryMode: program?.deliveryMode ?? 'in_person',
    customer: {
      id: customer.id, name: booking.customerName ?? customer.name, email: customer.email, phone: booking.customerPhone ?? customer.phone,
      language: booking.customerLocale ?? customer.locale, timezone: booking.customerTimezone ?? customer.timezone,
    },
    holdExpiresAt: booking.status === 'reserved' ? booking.holdExpiresAt : null,
    cancelledAt: booking.cancelledAt,
    cancellationReason: booking.cancellationReason,
    notesPrivateMd: booking.notesPrivateMd,
    intake: { answers, healthWithheld: answers.length < all.length },
    sessions: sessions.map((s) => ({
      session: s,
      staffStatus: staffSessionStatus({ id: s.id, startsAt: s.startsAt?.getTime() ?? null, endsAt: s.endsAt?.getTime() ?? null, status: s.status }, graceHours * 3_600_000, now.getTime()),
    })),
    order: order ?? null,
    progress: milestones.map((m) => ({
      milestoneId: m.id, name: m.name, dueDayOffset: m.due, completedAt: m.progress?.completedAt ?? null,
      artifactUrl: m.progress?.artifactUrl ?? null, notesMd: m.progress?.notesMd ?? null,
    })),
    events: events.map((e) => ({ type: e.type, at: e.occurredAt, actorRole: e.actorRole, payload: e.payload })),
  };
}
