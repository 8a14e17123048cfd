/**
 * Health answers are kept only as long as the studio says: a completed booking gets a job due
 * `health_retention_months` after it completed (in the completing transaction), and the job, as
 * the server, deletes the answers the program's intake form marks `x-health` from the booking.
 * The setting is read again when the job runs: a longer one moves the job later, a shorter one
 * applies to bookings that complete from then on. The booking and its other answers stay.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import { healthFieldsOf } from '../pipeline/index.ts';
import { healthErasureDue, withoutHealthAnswers } from './domain/retention.ts';
import { healthRetentionOf } from './health-retention.queries.ts';

export const HEALTH_RETENTION_QUEUE = 'customers.health-retention';

/** `completedAt`: when the booking completed (ISO), as the completing transaction's clock said. */
export interface HealthRetentionJob { orgId: string; bookingId: string; completedAt: string; [k: string]: unknown }

/** Queues the booking's erasure at `due` (once per booking and date). */
function queueErasure(tx: Tx, job: HealthRetentionJob, due: Date): Promise<void> {
  return enqueue(tx, HEALTH_RETENTION_QUEUE, job, { startAfter: due, singletonKey: `health-retention:${job.bookingId}:${due.toISOString()}` });
}

/** In the transaction that completes a booking: its erasure job, due after the studio's retention. */
export async function scheduleHealthErasure(tx: Tx, orgId: string, bookingId: string, completedAt: Date): Promise<void> {
  await queueErasure(tx, { orgId, bookingId, completedAt: completedAt.toISOString() }, healthErasureDue(completedAt, await healthRetentionOf(tx, orgId)));
}

/** Runs as the server. Answers the fields deleted (none when not due yet, or nothing was there). */
export async function eraseHealthAnswers(tx: Tx, ctx: EventContext, job: HealthRetentionJob): Promise<string[]> {
  const [booking] = await tx.select({ id: t.programBookings.id, status: t.programBookings.status, programId: t.programBookings.programId, answers: t.programBookings.intakeAnswers })
    .from(t.programBookings).where(and(eq(t.programBookings.orgId, job.orgId), eq(t.programBookings.id, job.bookingId))).for('update');
  if (!booking || booking.status !== 'completed') return [];
  const due = healthErasureDue(new Date(job.completedAt), await healthRetentionOf(tx, job.orgId));
  if (due.getTime() > ctx.now.getTime()) {
    await queueErasure(tx, job, due);
    return [];
  }
  const [form] = await tx.select({ schema: t.programIntakeForms.formSchemaJson }).from(t.programIntakeForms)
    .where(and(eq(t.programIntakeForms.orgId, job.orgId), eq(t.programIntakeForms.programId, booking.programId)));
  const health = healthFieldsOf((form?.schema ?? {}) as Record<string, unknown>);
  const kept = withoutHealthAnswers(booking.answers, health);
  if (!kept) return [];
  const erased = Object.keys(booking.answers).filter((name) => health.has(name));
  await tx.update(t.programBookings).set({ intakeAnswers: kept }).where(and(eq(t.programBookings.orgId, job.orgId), eq(t.programBookings.id, booking.id)));
  await recordEvent(tx, { orgId: job.orgId, type: 'intake.health_erased', subjectId: booking.id, payload: { fields: erased } }, ctx);
  return erased;
}

/** The studio's setting (owners and managers, under their own policies). Answers it as stored. */
export async function setHealthRetention(tx: Tx, orgId: string, months: number): Promise<number> {
  const [row] = await tx.update(t.orgs).set({ healthRetentionMonths: months }).where(eq(t.orgs.id, orgId)).returning({ months: t.orgs.healthRetentionMonths });
  return row!.months;
}
