import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { escapeText, foldLine, icsCalendar, refold, utcStamp } from '../../../shared/ics.ts';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

test('lines of at most 75 octets stay whole', () => {
  const line = 'X'.repeat(75);
  assert.equal(foldLine(line), line);
});

test('folds by UTF-8 octets, not characters: "Zürich" lines', () => {
  const line = `LOCATION:${'Zürich '.repeat(20)}`;
  const folded = foldLine(line);
  const parts = folded.split('\r\n');
  assert.ok(parts.length > 1);
  for (const p of parts) assert.ok(utf8(p) <= 75, `${utf8(p)} octets: ${p}`);
  for (const p of parts.slice(1)) assert.equal(p[0], ' ');
  // a line of 70 characters but 80 octets must fold (a character count would not)
  const umlauts = `SUMMARY:${'ü'.repeat(36)}`; // 8 + 72 octets, 44 characters
  assert.ok(umlauts.length < 75 && utf8(umlauts) > 75);
  assert.notEqual(foldLine(umlauts), umlauts);
  // unfolding gives the line back; no character is split
  assert.equal(folded.replace(/\r\n /g, ''), line);
  assert.equal(foldLine(umlauts).replace(/\r\n /g, ''), umlauts);
});

test('never splits a 4-octet character', () => {
  const line = `SUMMARY:${'🧘'.repeat(30)}`;
  for (const p of foldLine(line).split('\r\n')) {
    assert.ok(utf8(p) <= 75);
    assert.doesNotMatch(p, /[\uD800-\uDBFF]$/);
  }
});

test('refold unfolds then folds again by octets', () => {
  const text = `BEGIN:VEVENT\r\nLOCATION:Studio Flow\\, Bahnhofstrasse 1\\, 8001 Z\r\n ürich ${'ä'.repeat(40)}\r\nEND:VEVENT`;
  const out = refold(text);
  for (const p of out.split('\r\n')) assert.ok(utf8(p) <= 75);
  assert.equal(out.replace(/\r\n /g, ''), text.replace(/\r\n /g, ''));
});

test('escaping and stamps', () => {
  assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  assert.equal(utcStamp('2026-12-01T17:00:00.000Z'), '20261201T170000Z');
});

test('a calendar of events: CRLF, folded, escaped', () => {
  const text = icsCalendar(
    [{ uid: 's1@tandem', start: '2026-12-01T17:00:00Z', end: '2026-12-01T18:00:00Z', summary: 'EVOLVE (1/8) · Mara', location: `Studio, Zürich ${'ö'.repeat(40)}` }],
    '2026-11-01T00:00:00Z',
  );
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.match(text, /\r\nDTSTART:20261201T170000Z\r\n/);
  assert.match(text, /\r\nLOCATION:Studio\\, Zürich/);
  for (const p of text.split('\r\n')) assert.ok(utf8(p) <= 75);
});

describe('iTIP calendars (the booking mails): METHOD, ORGANIZER, ATTENDEE, SEQUENCE, STATUS', () => {
  const session = { uid: '11111111-1111-4111-8111-111111111111@tandem', start: '2026-12-01T17:00:00Z', end: '2026-12-01T18:00:00Z', summary: 'EVOLVE (1/8) · Mara', location: 'Studio Flow, Langstrasse 120, 8004 Zürich' };
  const people = { organizer: { name: 'Studio Flow Zürich', email: 'hallo@studioflow.example' }, attendee: { name: 'Müller, Ana', email: 'ana@example.ch' } };
  const request = icsCalendar([{ ...session, ...people, sequence: 2, status: 'CONFIRMED' }], '2026-11-01T00:00:00Z', 'tandem/bookings', 'REQUEST');
  const cancel = icsCalendar([{ ...session, ...people, sequence: 3, status: 'CANCELLED' }], '2026-11-02T00:00:00Z', 'tandem/bookings', 'CANCEL');
  const parsed = (text: string) => {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    return { cal, event: cal.getFirstSubcomponent('vevent')! };
  };

  test('a strict parser (ical.js) reads the request: method, UID, times, people', () => {
    const { cal, event } = parsed(request);
    assert.equal(cal.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(cal.getFirstPropertyValue('prodid'), 'tandem/bookings');
    assert.equal(event.getFirstPropertyValue('uid'), session.uid);
    assert.equal((event.getFirstPropertyValue('dtstart') as ICAL.Time).toICALString(), '20261201T170000Z');
    assert.equal(event.getFirstPropertyValue('sequence'), 2);
    assert.equal(event.getFirstPropertyValue('status'), 'CONFIRMED');
    assert.equal(event.getFirstPropertyValue('location'), 'Studio Flow, Langstrasse 120, 8004 Zürich');
    const organizer = event.getFirstProperty('organizer')!;
    assert.equal(organizer.getFirstValue(), 'mailto:hallo@studioflow.example');
    assert.equal(organizer.getParameter('cn'), 'Studio Flow Zürich');
    const attendees = event.getAllProperties('attendee');
    assert.equal(attendees.length, 1);
    assert.equal(attendees[0]!.getFirstValue(), 'mailto:ana@example.ch');
    assert.equal(attendees[0]!.getParameter('cn'), 'Müller Ana', 'a comma cannot end the parameter');
    assert.equal(attendees[0]!.getParameter('partstat'), 'ACCEPTED');
  });

  test('a cancellation: METHOD:CANCEL, STATUS:CANCELLED, the same UID with a higher SEQUENCE', () => {
    const before = parsed(request).event;
    const { cal, event } = parsed(cancel);
    assert.equal(cal.getFirstPropertyValue('method'), 'CANCEL');
    assert.equal(event.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(event.getFirstPropertyValue('uid'), before.getFirstPropertyValue('uid'));
    assert.ok(Number(event.getFirstPropertyValue('sequence')) > Number(before.getFirstPropertyValue('sequence')));
  });

  test('"Zürich" lines folded by octets, CRLF everywhere, and they unfold to the same text', () => {
    const long = icsCalendar([{ ...session, ...people, location: `Zürich ${'Zürich '.repeat(15)}`, sequence: 0, status: 'CONFIRMED' }], '2026-11-01T00:00:00Z', 'tandem/bookings', 'REQUEST');
    assert.ok(long.endsWith('\r\n'));
    assert.doesNotMatch(long.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    const lines = long.split('\r\n');
    for (const p of lines) assert.ok(utf8(p) <= 75, `${utf8(p)} octets: ${p}`);
    assert.ok(lines.some((p) => p.startsWith(' ')), 'the long location folds');
    assert.equal(parsed(long).event.getFirstPropertyValue('location'), `Zürich ${'Zürich '.repeat(15)}`);
  });

  test('PUBLISH (the widget, the portal feed) carries none of the iTIP properties', () => {
    const text = icsCalendar([session], '2026-11-01T00:00:00Z');
    assert.match(text, /\r\nMETHOD:PUBLISH\r\n/);
    assert.doesNotMatch(text, /ORGANIZER|ATTENDEE|SEQUENCE|STATUS/);
  });
});
