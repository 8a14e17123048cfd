/**
 * An abandoned reservation: the customer chose times, the hold lapsed without payment. One mail,
 * an hour after the lapse (outside the quiet hours), with the times and a link back to the
 * program's page with the same choices made (the widget's `tandem-*` parameters), and only while every one of them is still free.
 *
 * The check is a job folded into the reservation's own statement (abandonedReservationCheck), due
 * just after the hold; checkout may extend the hold (a card payment under way, a QR-bill), so a
 * check that finds the booking still held plans itself again for the new end. A booking confirmed
 * or released by the customer hears nothing.
 */
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue, enqueueStatement } from '../../platform/jobs/queue.ts';
import { bookingById } from '../bookings/index.ts';
import { isSlotFree, loadCalendars, slotSettingsOf } from '../availability/index.ts';
import { customerZone, loadBookingContext } from '../billing/index.ts';
import { abandonedReservationMail } from './domain/nudge-mails.ts';
import { outsideQuietHours } from './domain/nudges.ts';
import { wallOf } from '../../../shared/zone.ts';
import { bookingMailBase } from './mail-data.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { nudgeSettingsOf } from './nudges.queries.ts';
import { NUDGE_QUEUE, type NudgeEnv } from './nudge-queue.ts';

/** How long after the hold lapsed the mail goes (not while the customer may still be at it). */
export const ABANDONED_AFTER_MS = 60 * 60_000;

export interface AbandonedJob { kind: 'abandoned_reservation'; orgId: string; bookingId: string }

/** The check as a statement for the reservation's own insert (no round trip of its own). */
export function abandonedReservationCheck(orgId: string, bookingId: string, holdExpiresAt: Date): SQL {
  const job: AbandonedJob = { kind: 'abandoned_reservation', orgId, bookingId };
  return enqueueStatement(NUDGE_QUEUE, job as unknown as Record<string, unknown>, { startAfter: new Date(holdExpiresAt.getTime() + ABANDONED_AFTER_MS) });
}

/**
 * The program's hosted page with the reservation's choices made again, in the widget's `tandem-*`
 * parameters: the variant, the instructor, the first time (wall clock in the customer's zone, which
 * the widget reads in the visitor's), name and e-mail; the token of a by-link program.
 */
export function backToTimesUrl(publicOrigin: string, studio: string, choice: {
  program: { slug: string; privateLinkToken: string | null }; variantId: string; instructorId: string; firstStart: Date; zone: string; name: string; email: string;
}): string {
  const q = new URLSearchParams({
    'tandem-program': choice.program.slug,
    'tandem-variant': choice.variantId,
    'tandem-instructor': choice.instructorId,
    'tandem-start': new Date(wallOf(choice.firstStart.getTime(), choice.zone)).toISOString().slice(0, 16),
    'tandem-name': choice.name,
    'tandem-email': choice.email,
  });
  if (choice.program.privateLinkToken) q.set('link', choice.program.privateLinkToken);
  return `${publicOrigin}/p/${encodeURIComponent(studio)}/${encodeURIComponent(choice.program.slug)}?${q.toString()}`;
}

/** The job's work. Returns whether the mail was queued. */
export async function sendAbandonedReservationMail(tx: Tx, env: NudgeEnv, job: AbandonedJob): Promise<boolean> {
  const booking = await bookingById(tx, job.orgId, job.bookingId);
  if (!booking) return false;
  const now = env.now.getTime();
  if (booking.status === 'reserved' && booking.holdExpiresAt && booking.holdExpiresAt.getTime() > now) {
    // Still held (checkout extended it): look again an hour after the new end.
    await enqueue(tx, NUDGE_QUEUE, job as unknown as Record<string, unknown>, { startAfter: new Date(booking.holdExpiresAt.getTime() + ABANDONED_AFTER_MS) });
    return false;
  }
  const lapsed = booking.status === 'reserved' || (booking.status === 'cancelled' && booking.cancellationReason === 'hold_expired');
  if (!lapsed) return false;
  const ctx = await loadBookingContext(tx, job.orgId, booking);
  if (!(await nudgeSettingsOf(tx, job.orgId, ctx.program.id)).abandonedReservation) return false;
  const sessions = ctx.sessions.filter((s) => s.startsAt && s.endsAt).map((s) => ({ seq: s.seq, startsAt: s.startsAt!, endsAt: s.endsAt! }));
  if (sessions.length === 0) return false;
  // Every time still offered by the instructor's calendar (others may have taken them meanwhile).
  const settings = slotSettingsOf(ctx.program);
  const starts = sessions.map((s) => s.startsAt.getTime());
  const cals = await loadCalendars(tx, {
    orgId: job.orgId, instructors: [{ id: ctx.instructor.id, timezone: ctx.instructor.timezone }], resourceId: ctx.program.resourceId,
    from: Math.min(...starts) - 24 * 3_600_000, to: Math.max(...starts) + 24 * 3_600_000, now,
  });
  if (!starts.every((start) => isSlotFree(cals.calendars[0]!, settings, start, now, cals.roomBusy))) return false;
  // Outside the quiet hours: when it is night for the customer, the check runs again in the morning.
  const sendAt = outsideQuietHours(now, customerZone(ctx));
  if (sendAt > now) {
    await enqueue(tx, NUDGE_QUEUE, job as unknown as Record<string, unknown>, { startAfter: new Date(sendAt) });
    return false;
  }
  const url = backToTimesUrl(env.config.publicOrigin, ctx.org.slug, {
    program: ctx.program, variantId: ctx.variant.id, instructorId: ctx.instructor.id, firstStart: sessions[0]!.startsAt, zone: customerZone(ctx),
    name: ctx.customer.name, email: ctx.customer.email,
  });
  const mail = abandonedReservationMail({ ...bookingMailBase(ctx, url), sessions });
  return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `booking:${booking.id}:abandoned`, to: ctx.customer.email, ...mail });
}
