/**
 * Reminders and nudges: planned as jobs on `notifications.nudge` in the transaction that makes
 * them due (a booking confirmed, a session moved or scheduled, a session delivered), and
 * written to the mail outbox by the job when it runs. The job re-reads what it is about and
 * mails only when it still holds: a cancelled session gets no reminder, a moved session's old
 * job finds another start and does nothing (the move planned new ones), a paid installment no
 * notice. Every mail has a dedupe key naming what it is about, so a job run twice, or by two
 * workers, mails once. Times are planned outside the quiet hours in the customer's zone
 * (domain/nudges.ts).
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { bookingById, customerBookingDetail, type BookingRow } from '../bookings/index.ts';
import { openReviewRequest } from '../reviews/index.ts';
import { customerZone, loadBookingContext, scheduledSessions, type BookingContext } from '../billing/index.ts';
import { BOOK_NEXT_BEFORE_EXPIRY_MS, INSTALLMENT_NOTICE_MS, MILESTONE_NOTICE_MS, REVIEW_DELAY_MS, normalReminderHours, outsideQuietHours, sessionReminderAt, type NudgeSettings } from './domain/nudges.ts';
import { bookNextMail, installmentDueMail, milestoneDueMail, reviewRequestMail, sessionReminderMail } from './domain/nudge-mails.ts';
import { bookingMailBase, manageUrlFor, placeOf } from './mail-data.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { nudgeSettingsOf } from './nudges.queries.ts';

import { sendAbandonedReservationMail, type AbandonedJob } from './abandoned.mutations.ts';
import { NUDGE_QUEUE, type NudgeEnv } from './nudge-queue.ts';

export type NudgeJob =
  | { kind: 'session_reminder'; orgId: string; bookingId: string; sessionId: string; hours: number; startsAt: string }
  | { kind: 'book_next'; orgId: string; bookingId: string; reason: string }
  | { kind: 'installment_due'; orgId: string; bookingId: string; installmentId: string; dueAt: string }
  | { kind: 'milestone_due'; orgId: string; bookingId: string; milestoneId: string; dueAt: string }
  | { kind: 'review_request'; orgId: string; bookingId: string }
  | AbandonedJob;

const live = (b: BookingRow | undefined): b is BookingRow => b !== undefined && (b.status === 'confirmed' || b.status === 'in_progress');

async function contextOf(tx: Tx, orgId: string, bookingId: string): Promise<BookingContext | null> {
  const booking = await bookingById(tx, orgId, bookingId);
  return live(booking) ? loadBookingContext(tx, orgId, booking) : null;
}

function plan(tx: Tx, job: NudgeJob, at: number, singletonKey?: string): Promise<void> {
  return enqueue(tx, NUDGE_QUEUE, job as unknown as Record<string, unknown>, { startAfter: new Date(at), ...(singletonKey ? { singletonKey } : {}) });
}

/**
 * The reminders of a booking's milestones with a due date and not completed (a day ahead, outside the
 * quiet hours). Due dates follow the first session: planned again whenever sessions move, the jobs of a
 * former due date find another one when they run and send nothing.
 */
async function planMilestoneReminders(tx: Tx, env: NudgeEnv, ctx: BookingContext, zone: string): Promise<void> {
  const detail = await customerBookingDetail(tx, ctx.booking.orgId, ctx.booking.id);
  if (!detail) return;
  for (const m of detail.milestones) {
    if (!m.dueAt || m.completedAt) continue;
    const at = outsideQuietHours(m.dueAt.getTime() - MILESTONE_NOTICE_MS, zone);
    const dueAt = m.dueAt.toISOString();
    if (at > env.now.getTime()) {
      await plan(tx, { kind: 'milestone_due', orgId: ctx.booking.orgId, bookingId: ctx.booking.id, milestoneId: m.id, dueAt }, at, `milestone:${ctx.booking.id}:${m.id}:${dueAt}`);
    }
  }
}

const validUntilOf = (ctx: BookingContext): number | null => {
  const days = ctx.program.policies.valid_days;
  const first = scheduledSessions(ctx)[0]?.startsAt;
  return days && first ? first.getTime() + days * 24 * 3_600_000 : null;
};

const toSchedule = (ctx: BookingContext) => ctx.sessions.filter((s) => !s.startsAt && s.status === 'scheduled').length;

/**
 * Plans what a live booking's customer is to hear ahead (in the caller's transaction): the
 * session reminders of its scheduled sessions (or only `sessionIds`), the notice of each
 * installment still to charge, and "book your next session" a week before the pack lapses.
 * Nothing that would be due before `now` (a reminder 48 h ahead of a session booked for tomorrow).
 */
export async function planNudges(tx: Tx, env: NudgeEnv, orgId: string, bookingId: string, only?: { sessionIds: string[] }): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  if (!ctx) return;
  const settings = await nudgeSettingsOf(tx, orgId, ctx.program.id);
  const zone = customerZone(ctx);
  const now = env.now.getTime();
  for (const s of scheduledSessions(ctx)) {
    if (only && !only.sessionIds.includes(s.id)) continue;
    if (s.status !== 'scheduled') continue;
    for (const hours of settings.sessionReminderHours) {
      const at = sessionReminderAt(s.startsAt.getTime(), hours, zone);
      if (at > now) await plan(tx, { kind: 'session_reminder', orgId, bookingId, sessionId: s.id, hours, startsAt: s.startsAt.toISOString() }, at);
    }
  }
  if (settings.milestoneDue) await planMilestoneReminders(tx, env, ctx, zone);
  if (only) return;
  if (settings.installmentDue && ctx.booking.orderId) {
    const pending = await tx.select().from(t.installments)
      .where(and(eq(t.installments.orgId, orgId), eq(t.installments.orderId, ctx.booking.orderId), eq(t.installments.status, 'scheduled')));
    for (const i of pending) {
      const at = outsideQuietHours(i.dueAt.getTime() - INSTALLMENT_NOTICE_MS, zone);
      if (at > now) await plan(tx, { kind: 'installment_due', orgId, bookingId, installmentId: i.id, dueAt: i.dueAt.toISOString() }, at);
    }
  }
  const validUntil = validUntilOf(ctx);
  if (settings.bookNext && validUntil !== null && toSchedule(ctx) > 0) {
    const at = outsideQuietHours(validUntil - BOOK_NEXT_BEFORE_EXPIRY_MS, zone);
    if (at > now) await plan(tx, { kind: 'book_next', orgId, bookingId, reason: `expiry:${new Date(validUntil).toISOString()}` }, at);
  }
}

/** After a delivered session: "book your next session" when the pack has sessions to schedule (soon, outside the quiet hours). */
export async function planBookNextAfterSession(tx: Tx, env: NudgeEnv, orgId: string, bookingId: string, sessionId: string): Promise<void> {
  const ctx = await contextOf(tx, orgId, bookingId);
  if (!ctx || toSchedule(ctx) === 0) return;
  if (!(await nudgeSettingsOf(tx, orgId, ctx.program.id)).bookNext) return;
  await plan(tx, { kind: 'book_next', orgId, bookingId, reason: `after:${sessionId}` }, outsideQuietHours(env.now.getTime(), customerZone(ctx)));
}

/** After a program completes: the review request, a day later (outside the quiet hours). */
export async function planReviewRequest(tx: Tx, env: NudgeEnv, orgId: string, bookingId: string): Promise<void> {
  const booking = await bookingById(tx, orgId, bookingId);
  if (!booking || booking.status !== 'completed') return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  if (!(await nudgeSettingsOf(tx, orgId, ctx.program.id)).reviewRequest) return;
  await plan(tx, { kind: 'review_request', orgId, bookingId }, outsideQuietHours(env.now.getTime() + REVIEW_DELAY_MS, customerZone(ctx)), `review:${bookingId}`);
}

/** The review request's mail, with the link to answer it (the review's row written with it), once per booking. */
async function sendReviewRequest(tx: Tx, env: NudgeEnv, job: Extract<NudgeJob, { kind: 'review_request' }>): Promise<boolean> {
  const booking = await bookingById(tx, job.orgId, job.bookingId);
  if (!booking || booking.status !== 'completed') return false;
  const ctx = await loadBookingContext(tx, job.orgId, booking);
  if (!(await nudgeSettingsOf(tx, job.orgId, ctx.program.id)).reviewRequest) return false;
  const link = await openReviewRequest(tx, { orgId: job.orgId, bookingId: booking.id, programId: ctx.program.id, customerId: ctx.customer.id, locale: ctx.customer.locale, now: env.now, secret: env.config.secret });
  if (!link) return false;
  const reviewUrl = `${env.config.publicOrigin}/reviews/${job.orgId}/${link.token}`;
  const mail = reviewRequestMail({ ...bookingMailBase(ctx, await manageUrlFor(tx, ctx, env.config, env.now)), reviewUrl });
  return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `booking:${booking.id}:review_request`, to: ctx.customer.email, ...mail });
}

/**
 * The job's work: the nudge's mail in the outbox if what it is about still holds, else nothing.
 * Returns whether a mail was queued (false also for a repeat: the dedupe key).
 */
export async function sendNudge(tx: Tx, env: NudgeEnv, job: NudgeJob): Promise<boolean> {
  // A lapsed reservation is no live booking: its own rules (abandoned.mutations.ts).
  if (job.kind === 'abandoned_reservation') return sendAbandonedReservationMail(tx, env, job);
  if (job.kind === 'review_request') return sendReviewRequest(tx, env, job);
  const ctx = await contextOf(tx, job.orgId, job.bookingId);
  if (!ctx) return false;
  const settings = await nudgeSettingsOf(tx, job.orgId, ctx.program.id);
  const base = async () => bookingMailBase(ctx, await manageUrlFor(tx, ctx, env.config, env.now));
  const to = ctx.customer.email;
  switch (job.kind) {
    case 'session_reminder': {
      const s = ctx.sessions.find((x) => x.id === job.sessionId);
      // Cancelled, moved (its new start has its own jobs), or already begun: nothing to remind of.
      if (!s?.startsAt || !s.endsAt || s.status !== 'scheduled' || s.startsAt.toISOString() !== job.startsAt) return false;
      if (s.startsAt.getTime() <= env.now.getTime() || !settings.sessionReminderHours.includes(job.hours)) return false;
      // This session's own meeting address (staff may give each its own), else the program's.
      const mail = sessionReminderMail({ ...await base(), ...placeOf(ctx, s), session: { seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt } });
      return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `session:${s.id}:reminder:${job.hours}h:${job.startsAt}`, to, ...mail });
    }
    case 'book_next': {
      const left = toSchedule(ctx);
      if (left === 0 || !settings.bookNext) return false;
      const validUntil = validUntilOf(ctx);
      if (job.reason.startsWith('expiry:') && (validUntil === null || new Date(validUntil).toISOString() !== job.reason.slice(7))) return false;
      const scheduled = scheduledSessions(ctx).filter((s) => s.status === 'scheduled' && s.startsAt.getTime() > env.now.getTime())
        .map((s) => ({ seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt }));
      const mail = bookNextMail({ ...await base(), toSchedule: left, scheduled, validUntil: validUntil === null ? null : new Date(validUntil) });
      return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `booking:${job.bookingId}:book_next:${job.reason}`, to, ...mail });
    }
    case 'milestone_due': {
      if (!settings.milestoneDue) return false;
      const detail = await customerBookingDetail(tx, job.orgId, job.bookingId);
      const m = detail?.milestones.find((x) => x.id === job.milestoneId);
      // Completed, dropped, or its due date moved with the sessions (the move planned its own job).
      if (!m || m.completedAt || !m.dueAt || m.dueAt.toISOString() !== job.dueAt || m.dueAt.getTime() <= env.now.getTime()) return false;
      const mail = milestoneDueMail({ ...await base(), milestone: m.name, dueAt: m.dueAt });
      return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `booking:${job.bookingId}:milestone:${m.id}:due:${job.dueAt}`, to, ...mail });
    }
    case 'installment_due': {
      if (!settings.installmentDue) return false;
      const [i] = await tx.select().from(t.installments)
        .where(and(eq(t.installments.orgId, job.orgId), eq(t.installments.id, job.installmentId), eq(t.installments.status, 'scheduled')));
      if (!i || i.dueAt.toISOString() !== job.dueAt || i.dueAt.getTime() <= env.now.getTime()) return false;
      const mail = installmentDueMail({ ...await base(), amount: i.amount, currency: i.currency, dueAt: i.dueAt });
      return enqueueMail(tx, { orgId: job.orgId, dedupeKey: `installment:${i.id}:due_notice:${job.dueAt}`, to, ...mail });
    }
  }
}

/**
 * The studio edits a program's reminders and nudges (owners and managers, by their policies):
 * what `patch` names changes, the rest stays. Jobs already planned read the settings again when
 * they run, so a reminder turned off is not sent; new hours apply to sessions planned from now on.
 */
export async function saveNudgeSettings(tx: Tx, orgId: string, programId: string, patch: Partial<NudgeSettings>, now: Date): Promise<NudgeSettings> {
  const current = await nudgeSettingsOf(tx, orgId, programId);
  const next: NudgeSettings = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
  next.sessionReminderHours = normalReminderHours(next.sessionReminderHours);
  await tx.insert(t.programNudges).values({ orgId, programId, ...next, updatedAt: now })
    .onConflictDoUpdate({ target: [t.programNudges.orgId, t.programNudges.programId], set: { ...next, updatedAt: now } });
  return next;
}
