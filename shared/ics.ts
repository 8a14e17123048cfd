/**
 * The one iCalendar writer (RFC 5545, no Buffer, so server and widget share it): escaping, UTC
 * stamps, content-line folding by UTF-8 octets, and VCALENDARs of events: METHOD:PUBLISH for
 * "add to calendar" links and the portal's feed, METHOD:REQUEST/CANCEL (iTIP, RFC 5546) with
 * ORGANIZER, ATTENDEE, SEQUENCE and STATUS for the booking mails.
 */

/** UTF-8 length of one code point. */
function octets(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * §3.1: a content line longer than 75 octets is split into lines of at most 75 octets, each
 * continuation starting with one space (so 74 octets of content), never inside a character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = octets(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** Unfolds a whole calendar text and folds every line again by octets. */
export function refold(text: string): string {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n');
}

/**
 * §3.2 a parameter value (e.g. CN): RFC 5545 has no escaping inside parameters, so what could end
 * or quote one — `"`, `;`, `:`, `,` — and control characters are removed, not escaped. A name like
 * `Eve";ROLE=CHAIR` stays one CN and adds no parameter.
 */
export function paramValue(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f";:,]/g, '').replace(/\s+/g, ' ').trim();
}

/** §3.3.11 TEXT: backslash, newline, comma and semicolon escaped. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/([,;])/g, '\\$1');
}

/** An instant as a UTC DATE-TIME (`20261201T170000Z`). */
export function utcStamp(instant: string | number | Date): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A person in ORGANIZER / ATTENDEE: the name becomes CN, the address a mailto: URI. */
export interface IcsContact {
  name: string;
  email: string;
}

export interface IcsEvent {
  uid: string;
  start: string | number | Date;
  end: string | number | Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  /** iTIP: the event's revision; a later message for the same UID must carry a higher one. */
  sequence?: number | undefined;
  status?: 'CONFIRMED' | 'CANCELLED' | undefined;
  organizer?: IcsContact | undefined;
  /** One participant, already accepted (the customer booked it), no reply asked for. */
  attendee?: IcsContact | undefined;
}

/** PUBLISH: a copy to keep; REQUEST / CANCEL: iTIP messages that create, update or remove by UID. */
export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/** A mail address as a mailto: URI; white space and control characters could only break the line. */
function mailto(email: string): string {
  return `mailto:${email.replace(/[\u0000-\u0020\u007f]/g, '')}`;
}

function eventLines(e: IcsEvent, now: string | number | Date): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(now)}`, `DTSTART:${utcStamp(e.start)}`, `DTEND:${utcStamp(e.end)}`, `SUMMARY:${escapeText(e.summary)}`];
  if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  if (e.organizer) lines.push(`ORGANIZER;CN="${paramValue(e.organizer.name)}":${mailto(e.organizer.email)}`);
  if (e.attendee) lines.push(`ATTENDEE;CN="${paramValue(e.attendee.name)}";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(e.attendee.email)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A calendar of events with one METHOD, CRLF line ends, folded by octets. */
export function icsCalendar(events: IcsEvent[], now: string | number | Date = Date.now(), prodId = '-//Tandem//Widget//EN', method: IcsMethod = 'PUBLISH'): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodId}`, 'CALSCALE:GREGORIAN', `METHOD:${method}`];
  for (const e of events) lines.push(...eventLines(e, now));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
