/** Staff's booking lists and the booking detail, shaped from the pipeline module's rows. */
import type { BookingDetailOut, PipelineBookingOut } from '../../../schema/api/admin-pipeline.ts';
import type { BookingDetail, PipelineRow } from '../../modules/pipeline/index.ts';
import { adminOrderOut } from './orders.out.ts';
import { staffSessionOut } from './bookings.out.ts';

export function pipelineBookingOut(r: PipelineRow): PipelineBookingOut {
  return {
    id: r.id, status: r.status, booking_status: r.bookingStatus,
    program: r.program, customer: r.customer, instructor: r.instructor,
    next_session: r.nextSession ? { id: r.nextSession.id, starts_at: r.nextSession.startsAt.toISOString(), ends_at: r.nextSession.endsAt.toISOString(), timezone: r.nextSession.timezone } : null,
    sessions_count: r.sessionsCount,
    total_price: { amount: r.totalPrice, currency: r.currency },
    source: r.source,
    created_at: r.createdAt.toISOString(),
  };
}

/** The CSV export's columns, one row per booking (amounts in minor units, instants in UTC). */
export const PIPELINE_CSV_HEADER = ['id', 'status', 'booking_status', 'program', 'customer_name', 'customer_email', 'instructor', 'next_session_starts_at', 'next_session_timezone', 'sessions', 'total_minor', 'currency', 'utm_source', 'created_at'];

export function pipelineCsvRow(r: PipelineRow): (string | number | null)[] {
  return [r.id, r.status, r.bookingStatus, r.program.slug, r.customer.name, r.customer.email, r.instructor.name,
    r.nextSession?.startsAt.toISOString() ?? null, r.nextSession?.timezone ?? null, r.sessionsCount, r.totalPrice, r.currency,
    r.source.utm_source ?? null, r.createdAt.toISOString()];
}

export function bookingDetailOut(d: BookingDetail, publicOrigin: string): BookingDetailOut {
  return {
    ...pipelineBookingOut(d.head),
    variant: d.variant,
    delivery_mode: d.deliveryMode,
    customer: d.customer,
    hold_expires_at: d.holdExpiresAt?.toISOString() ?? null,
    cancelled_at: d.cancelledAt?.toISOString() ?? null,
    cancellation_reason: d.cancellationReason,
    notes_private_md: d.notesPrivateMd,
    intake: { answers: d.intake.answers, health_withheld: d.intake.healthWithheld },
    sessions: d.sessions.filter((s) => s.session.startsAt !== null).map(staffSessionOut),
    sessions_to_schedule: d.sessions.filter((s) => s.session.startsAt === null && s.session.status === 'scheduled').length,
    order: d.order ? adminOrderOut(d.order, publicOrigin) : null,
    progress: d.progress.map((p) => ({
      milestone_id: p.milestoneId, name: p.name, due_day_offset: p.dueDayOffset, completed_at: p.completedAt?.toISOString() ?? null,
      artifact_url: p.artifactUrl, notes_md: p.notesMd,
    })),
    events: d.events.map((e) => ({ type: e.type, at: e.at.toISOString(), actor_role: e.actorRole, payload: e.payload })),
  };
}
