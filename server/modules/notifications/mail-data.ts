import { placeLine } from '../../../shared/place.ts';
import type { AppConfig } from '../../deps.ts';
import { sessionsIcs } from './ics.ts';
import { formatLocale, langOf, type FormatLocale, type Lang } from '../../../shared/format.ts';
import type { BookingMailBase, BookingMailData, StaffWords } from './domain/booking-mails.ts';
import type { Tx } from '../../platform/db/database.ts';
import { manageLink } from '../bookings/index.ts';
import { customerZone, scheduledSessions, type BookingContext, type OrderDetail } from '../billing/index.ts';

/** The zone a customer reads times in: theirs, else the instructor's, else the studio's. */

/**
 * Where the sessions happen: the studio's address in person, the meeting URL online, both for hybrid.
 * A mail about one session (`session`) names that session's own URL, else the program's; a mail about
 * the booking names the first session's that has one.
 */
export function placeOf(ctx: BookingContext, session?: { meetingUrl: string | null }): { place: string | null; meetingUrl: string | null } {
  const mode = ctx.program.deliveryMode;
  const place = mode !== 'online' && ctx.location ? placeLine(ctx.location.name, ctx.location.address) : null;
  const own = session ? session.meetingUrl : ctx.sessions.find((s) => s.meetingUrl)?.meetingUrl;
  const meetingUrl = mode !== 'in_person' ? (own ?? ctx.program.meetingUrl ?? null) : null;
  return { place, meetingUrl };
}

/** The booking's opaque manage link (link_tokens), valid 30 days past its last scheduled session. Runs as the server. */
export function manageUrlFor(tx: Tx, ctx: BookingContext, config: AppConfig, now: Date): Promise<string> {
  const last = scheduledSessions(ctx).at(-1)?.endsAt ?? null;
  return manageLink(tx, { now, config }, ctx.org.id, ctx.booking.id, last);
}

/** The customer's language, and the formats of that language in the studio's country (`en-CH`: `CHF 1'080.00`; `de-DE`: `1.080,00 €`). */
export function customerWords(ctx: Pick<BookingContext, 'customer' | 'org'>): { lang: Lang; locale: FormatLocale } {
  const lang = langOf(ctx.customer.locale);
  return { lang, locale: formatLocale(lang, ctx.org.billing?.country) };
}

/** Mails to the studio's people: the studio's language with the formats of its country. */
export function staffWords(ctx: Pick<BookingContext, 'org'>): Required<StaffWords> {
  const staffLang = langOf(ctx.org.defaultLocale);
  return { staffLang, staffLocale: formatLocale(staffLang, ctx.org.billing?.country) };
}

/** What every mail about this booking says: who, what, where, in the customer's language and zone. */
export function bookingMailBase(ctx: BookingContext, manage: string): BookingMailBase {
  return {
    ...customerWords(ctx),
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

export function bookingMailData(ctx: BookingContext, detail: OrderDetail, manage: string, invoice?: { number: string; url?: string }): BookingMailData {
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

/** A calendar attachment as the outbox stores it. */
export interface CalendarAttachment { filename: string; contentType: string; content: Buffer }

/**
 * iTIP (RFC 5546) carries one event per message: a REQUEST or CANCEL with several UIDs is
 * read by Gmail and Outlook as its first event only. So every session travels in its own
 * file, `<prefix>-<n>.ics`, each one METHOD and one VEVENT (same UID and SEQUENCE as before).
 */
function perSessionFiles(prefix: string, method: 'REQUEST' | 'CANCEL', sessions: { id: string; seq: number }[], render: (sessionIds: string[]) => string): CalendarAttachment[] {
  return sessions.map((s) => ({
    filename: `${prefix}-${s.seq}.ics`,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: Buffer.from(render([s.id]), 'utf8'),
  }));
}

/**
 * The booking's scheduled sessions as calendar files (METHOD:REQUEST, one session each,
 * `session-<n>.ics`); none when nothing is scheduled. `onlySessionIds`: just these (a moved
 * session's update).
 */
export function bookingIcs(ctx: BookingContext, manage: string, now: Date, onlySessionIds?: string[]): CalendarAttachment[] {
  const sessions = scheduledSessions(ctx).filter((s) => !onlySessionIds || onlySessionIds.includes(s.id));
  const { place, meetingUrl } = placeOf(ctx);
  return perSessionFiles('session', 'REQUEST', sessions, (ids) => sessionsIcs({
    method: 'REQUEST',
    title: `${ctx.program.title} ({n}/{total}) · ${ctx.instructor.name}`,
    description: [ctx.variant.name, meetingUrl, manage].filter(Boolean).join('\n'),
    location: place ?? meetingUrl ?? undefined,
    url: manage,
    organizer: { name: ctx.org.name, email: ctx.org.billing?.email ?? ctx.instructor.email },
    attendee: { name: ctx.customer.name, email: ctx.customer.email },
    sessions: sessions.filter((s) => ids.includes(s.id)).map((s) => ({ id: s.id, seq: s.seq, startsAt: s.startsAt, endsAt: s.endsAt, revision: s.revision })),
    total: ctx.booking.sessionsCount,
    now,
  }));
}

/**
 * The calendar files that remove sessions from the customer's calendar (METHOD:CANCEL, one
 * session each, `cancel-<n>.ics`, same UIDs, a higher SEQUENCE): sent when a booking is cancelled.
 */
export function cancelledSessionsIcs(ctx: BookingContext, sessions: { id: string; seq: number; startsAt: Date; endsAt: Date; revision: number }[], now: Date): CalendarAttachment[] {
  return perSessionFiles('cancel', 'CANCEL', sessions, (ids) => sessionsIcs({
    method: 'CANCEL',
    title: `${ctx.program.title} ({n}/{total}) · ${ctx.instructor.name}`,
    organizer: { name: ctx.org.name, email: ctx.org.billing?.email ?? ctx.instructor.email },
    attendee: { name: ctx.customer.name, email: ctx.customer.email },
    sessions: sessions.filter((s) => ids.includes(s.id)),
    total: ctx.booking.sessionsCount,
    now,
  }));
}
