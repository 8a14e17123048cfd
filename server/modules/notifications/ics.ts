import { createEvents, type EventAttributes } from 'ics';
// Line folding by UTF-8 octets: one implementation for the server and the widget.
import { paramValue, refold } from '../../../shared/ics.ts';

export { refold };

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

export function sessionUid(sessionId: string): string {
  return `${sessionId}@tandem`;
}

export function sessionsIcs(input: IcsInput): string {
  const total = input.total ?? input.sessions.length;
  const events: EventAttributes[] = input.sessions.map((s, i) => {
    const event: EventAttributes & { timestamp: number } = {
      uid: sessionUid(s.id),
      sequence: input.method === 'CANCEL' ? s.revision + 1 : s.revision,
      start: s.startsAt.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: s.endsAt.getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      timestamp: input.now.getTime(),
      title: input.title.replaceAll('{n}', String(s.seq ?? i + 1)).replaceAll('{total}', String(total)),
      status: input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      busyStatus: 'BUSY',
      organizer: { name: paramValue(input.organizer.name), email: input.organizer.email },
      attendees: [{ name: paramValue(input.attendee.name), email: input.attendee.email, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
      productId: 'tandem/bookings',
    };
    if (input.description) event.description = input.description;
    if (input.location) event.location = input.location;
    if (input.url) event.url = input.url;
    return event;
  });
  const { error, value } = createEvents(events, { productId: 'tandem/bookings', method: input.method });
  if (error || !value) throw error ?? new Error('ics: no output');
  return refold(value);
}
