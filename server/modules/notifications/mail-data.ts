import type { AppConfig } from '../../deps.ts';
import { sessionsIcs } from './ics.ts';
import { langOf } from '../../../shared/format.ts';
import type { BookingMailBase, BookingMailData } from './domain/booking-mails.ts';
import type { Tx } from '../../platform/db/database.ts';
import { manageLink } from '../bookings/index.ts';
import { customerZone, scheduledSessions, type BookingContext, type OrderDetail } from '../billing/index.ts';

/** The zone a customer reads times in: theirs, else the instructor's, else the studio's. */

/** Where the sessions happen: the studio's address in person, the meeting URL online, both for hybrid. */
export function placeOf(ctx: BookingContext): { place: string | null; meetingUrl: string | null } {
  const mode = ctx.program.deliveryMode;
  const place = mode !== 'online' && ctx.location ? [ctx.location.name, ctx.location.address].filter(Boolean).join(', ') : null;
  const meetingUrl = mode !== 'in_person' ? (ctx.sessions.find((s) => s.meetingUrl)?.meetingUrl ?? ctx.program.meetingUrl ?? null) : null;
  return { place, meetingUrl };
}

/** The booking's opaque manage link (link_tokens), valid 30 days past its last scheduled session. Runs as the server. */
export function manageUrlFor(tx: Tx, ctx: BookingContext, config: AppConfig, now: Date): Promise<string> {
  const last = scheduledSessions(ctx).at(-1)?.endsAt ?? null;
  return manageLink(tx, { now, config }, ctx.org.id, ctx.booking.id, last);
}

/** What every mail about this booking says: who, what, where, in the customer's language and zone. */
export function bookingMailBase(ctx: BookingContext, manage: string): BookingMailBase {
  return {
    lang: langOf(ctx.customer.locale),
    zone: customerZone(ctx),
    customer: { name: ctx.customer.name, email: ctx.customer.email },
    studio: { name: ctx.org.name },
    program: { title: ctx.program.title },
    variant: { name: ctx.variant.name },
    instructor: { name: ctx.instructor.name },
    ...placeOf(ctx),
    manageUrl: manage,
  };
}

export function bookingMailData(ctx: BookingContext, detail: OrderDetail, manage: string, invoice?: { number: number; url?: string }): BookingMailData {
  return {
    ...bookingMailBase(ctx, manage),
    sessions: scheduledSessions(ctx).map((s) => ({ seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt })),
    toSchedule: ctx.sessions.filter((s) => !s.startsAt && s.status === 'scheduled').length,
    money: {
      currency: detail.order.currency,
      total: detail.order.total,
      paid: detail.order.amountPaid,
      credits: detail.credits ?? undefined,
      installments: detail.installments.filter((i) => i.status !== 'paid' && i.status !== 'cancelled').map((i) => ({ dueAt: i.dueAt, amount: i.amount })),
    },
    ...(invoice ? { invoice } : {}),
  };
}

/**
 * The booking's sessions as one calendar file (METHOD:REQUEST), or null when none is
 * scheduled. `onlySessionIds`: just these (a moved session's update).
 */
export function bookingIcs(ctx: BookingContext, manage: string, now: Date, onlySessionIds?: string[]): string | null {
  const sessions = scheduledSessions(ctx).filter((s) => !onlySessionIds || onlySessionIds.includes(s.id));
  if (!sessions.length) return null;
  const { place, meetingUrl } = placeOf(ctx);
  return sessionsIcs({
    method: 'REQUEST',
    title: `${ctx.program.title} ({n}/{total}) · ${ctx.instructor.name}`,
    description: [ctx.variant.name, meetingUrl, manage].filter(Boolean).join('\n'),
    location: place ?? meetingUrl ?? undefined,
    url: manage,
    organizer: { name: ctx.org.name, email: ctx.org.billing?.email ?? ctx.instructor.email },
    attendee: { name: ctx.customer.name, email: ctx.customer.email },
    sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, revision: s.revision })),
    total: ctx.booking.sessionsCount,
    now,
  });
}

/**
 * The calendar file that removes sessions from the customer's calendar (METHOD:CANCEL,
 * same UIDs, a higher SEQUENCE): sent when a booking is cancelled.
 */
export function cancelledSessionsIcs(ctx: BookingContext, sessions: { id: string; seq: number; startsAt: Date; endsAt: Date; revision: number }[], now: Date): string {
  return sessionsIcs({
    method: 'CANCEL',
    title: `${ctx.program.title} ({n}/{total}) · ${ctx.instructor.name}`,
    organizer: { name: ctx.org.name, email: ctx.org.billing?.email ?? ctx.instructor.email },
    attendee: { name: ctx.customer.name, email: ctx.customer.email },
    sessions,
    total: ctx.booking.sessionsCount,
    now,
  });
}
