// The one iCalendar writer, shared with the widget and the portal's feed.
import { icsCalendar, type IcsEvent } from '../../../shared/ics.ts';

/**
 * Calendar files (RFC 5545, with iTIP methods from RFC 5546) for a booking's sessions.
 *
 * One VEVENT per session with a stable `UID` (`<session id>@tandem`), so that a later
 * file for the same session updates the event instead of adding a second one:
 *   REQUEST  the session as it is now; `SEQUENCE` = the session's `revision`, which the
 *            booking engine raises on every reschedule.
 *   CANCEL   the session is off; `SEQUENCE` = revision + 1 (a cancellation is itself a
 *            change, and calendars ignore a CANCEL that is not newer than what they hold).
 * Times are written in UTC (`…Z`): correct in every zone, no VTIMEZONE needed.
 */
export interface IcsSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  revision: number;
  /** Position in the booking (for "n/total"); default the position in `sessions`. */
  seq?: number | undefined;
}

export interface IcsInput {
  method: 'REQUEST' | 'CANCEL';
  /** Event title, e.g. "EVOLVE — holistic coaching (2/8) · Mara Keller". `{n}` and `{total}` are replaced per session. */
  title: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  sessions: IcsSession[];
  /** Sessions in the whole booking (for "n/total"); default sessions.length. */
  total?: number | undefined;
  now: Date;
}

const PRODID = 'tandem/bookings';

export function sessionUid(sessionId: string): string {
  return `${sessionId}@tandem`;
}

export function sessionsIcs(input: IcsInput): string {
  const total = input.total ?? input.sessions.length;
  const cancel = input.method === 'CANCEL';
  const events: IcsEvent[] = input.sessions.map((s, i) => ({
    uid: sessionUid(s.id),
    start: s.startsAt,
    end: s.endsAt,
    summary: input.title.replaceAll('{n}', String(s.seq ?? i + 1)).replaceAll('{total}', String(total)),
    description: input.description,
    location: input.location,
    url: input.url,
    sequence: cancel ? s.revision + 1 : s.revision,
    status: cancel ? 'CANCELLED' : 'CONFIRMED',
    organizer: input.organizer,
    attendee: input.attendee,
  }));
  return icsCalendar(events, input.now, PRODID, input.method);
}
