/**
 * Telling the customer that their booking changed: a session moved, or the booking was
 * cancelled. The mail is queued in the transaction that makes the change (the outbox), so it
 * exists exactly when the change commits, and its dedupe key makes a repeat a no-op.
 *
 * Who hears what:
 * - A confirmed booking has sent a calendar file with the confirmation, so every change
 *   comes with one: the moved session as METHOD:REQUEST with its raised SEQUENCE, or the
 *   cancelled sessions as METHOD:CANCEL.
 * - A reserved booking whose customer reached checkout (it has an order: a QR-bill to pay,
 *   a card payment under way) hears of a cancellation, without a calendar file.
 * - A reservation that never reached checkout hears nothing; a move while reserved is the
 *   customer's own action in the widget, and the confirmation lists the final times.
 */
import type { Tx } from '../../platform/db/database.ts';
import type { AppConfig } from '../../deps.ts';
import { bookingCancelledMail, seriesMovedMail, sessionMovedMail, type MailSession } from './domain/booking-mails.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { loadBookingContext, orderRow, type BookingRow } from '../billing/index.ts';
import { bookingIcs, bookingMailBase, cancelledSessionsIcs, manageUrlFor } from './mail-data.ts';

export interface ChangeMailEnv { config: AppConfig; now: Date }

/** Whether the customer holds the booking's sessions in their calendar (a confirmation went out). */
export function sentCalendar(booking: Pick<BookingRow, 'status'>): boolean {
  return booking.status === 'confirmed' || booking.status === 'in_progress';
}

/**
 * After `sessionId` moved from `previousStart` (its row already updated, revision raised):
 * the mail with the session's new time and its calendar update. Runs as `system`.
 */
export async function queueSessionMovedMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, sessionId: string, previousStart: Date): Promise<void> {
  if (!sentCalendar(booking)) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const session = ctx.sessions.find((s) => s.id === sessionId);
  if (!session?.startsAt || !session.endsAt) throw new Error(`session ${sessionId} is not scheduled after its move`);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = sessionMovedMail({ ...bookingMailBase(ctx, manage), session: { seq: session.seq, startsAt: session.startsAt, endsAt: session.endsAt }, previousStart });
  const ics = bookingIcs(ctx, manage, env.now, [sessionId]);
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:reschedule:${sessionId}:${session.revision}`,
    to: ctx.customer.email,
    ...mail,
    attachments: ics,
  });
}

/**
 * After several sessions moved together (their rows already updated, revisions raised): one mail
 * with their new times and one calendar update per session. Runs as `system`.
 */
export async function queueSeriesMovedMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, sessionIds: string[]): Promise<void> {
  if (!sentCalendar(booking)) return;
  const ctx = await loadBookingContext(tx, orgId, booking);
  const moved = ctx.sessions.filter((s) => sessionIds.includes(s.id) && s.startsAt && s.endsAt);
  if (!moved.length) return;
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const mail = seriesMovedMail({ ...bookingMailBase(ctx, manage), sessions: moved.map((s) => ({ seq: s.seq, startsAt: s.startsAt!, endsAt: s.endsAt! })) });
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:series:${moved.map((s) => `${s.id.slice(0, 8)}.${s.revision}`).join(',')}`,
    to: ctx.customer.email,
    ...mail,
    attachments: bookingIcs(ctx, manage, env.now, moved.map((s) => s.id)),
  });
}

/**
 * After the booking was cancelled: the mail listing the sessions that were still ahead
 * (`cancelled`, as they were before the cancellation) and the calendar file removing them.
 * Runs as `system`.
 */
export async function queueCancellationMail(tx: Tx, env: ChangeMailEnv, orgId: string, booking: BookingRow, cancelled: (MailSession & { id: string; revision: number })[]): Promise<void> {
  const calendar = sentCalendar(booking);
  if (!calendar && !booking.orderId) return;
  const [ctx, order] = await Promise.all([
    loadBookingContext(tx, orgId, booking),
    booking.orderId ? orderRow(tx, orgId, booking.orderId) : Promise.resolve(undefined),
  ]);
  const ics = calendar ? cancelledSessionsIcs(ctx, cancelled, env.now) : [];
  const mail = bookingCancelledMail({
    ...bookingMailBase(ctx, await manageUrlFor(tx, ctx, env.config, env.now)),
    sessions: cancelled,
    calendarAttached: ics.length > 0,
    paid: order ? { amount: order.amountPaid, currency: order.currency } : null,
  });
  await enqueueMail(tx, {
    orgId,
    dedupeKey: `booking:${booking.id}:cancel`,
    to: ctx.customer.email,
    ...mail,
    attachments: ics,
  });
}
