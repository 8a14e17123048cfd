import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionsIcs } from '../../../server/modules/notifications/ics.ts';
import { parseIcs, prop } from '../../support/mime.ts';

const base = {
  title: 'EVOLVE ({n}/{total}) · Mara Keller',
  description: 'Eight-session pack\nhttps://meet.example/evolve',
  location: 'Studio Flow, Langstrasse 120, 8004 Zürich',
  url: 'https://api.example/manage/abc',
  organizer: { name: 'Studio Flow', email: 'hallo@studioflow.example' },
  attendee: { name: 'Müller, Ana', email: 'ana@example.ch' },
  now: new Date('2026-11-25T08:00:00Z'),
};
// Across the DST change (Zurich: 29 March 2026): local 10:00 both times, 09:00Z then 08:00Z.
const sessions = [
  { id: '11111111-1111-4111-8111-111111111111', seq: 1, startsAt: new Date('2026-03-24T09:00:00Z'), endsAt: new Date('2026-03-24T10:00:00Z'), revision: 0 },
  { id: '22222222-2222-4222-8222-222222222222', seq: 2, startsAt: new Date('2026-03-31T08:00:00Z'), endsAt: new Date('2026-03-31T09:00:00Z'), revision: 2 },
];

describe('.ics for sessions', () => {
  test('REQUEST: one VEVENT per session, stable UID, SEQUENCE = revision, UTC times', () => {
    const cal = parseIcs(sessionsIcs({ ...base, method: 'REQUEST', sessions, total: 8 })).children[0]!;
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(prop(cal, 'VERSION'), '2.0');
    assert.equal(prop(cal, 'METHOD'), 'REQUEST');
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    assert.deepEqual(events.map((e) => [prop(e, 'UID'), prop(e, 'SEQUENCE'), prop(e, 'DTSTART'), prop(e, 'DTEND'), prop(e, 'STATUS')]), [
      ['11111111-1111-4111-8111-111111111111@tandem', '0', '20260324T090000Z', '20260324T100000Z', 'CONFIRMED'],
      ['22222222-2222-4222-8222-222222222222@tandem', '2', '20260331T080000Z', '20260331T090000Z', 'CONFIRMED'],
    ]);
    assert.equal(prop(events[1]!, 'SUMMARY'), 'EVOLVE (2/8) · Mara Keller');
    assert.equal(prop(events[0]!, 'DTSTAMP'), '20261125T080000Z', 'from the injected clock');
    assert.equal(prop(events[0]!, 'LOCATION'), 'Studio Flow\\, Langstrasse 120\\, 8004 Zürich', 'commas escaped');
    assert.equal(prop(events[0]!, 'DESCRIPTION'), 'Eight-session pack\\nhttps://meet.example/evolve', 'newlines escaped');
    assert.match(events[0]!.props.find((p) => p.name === 'ORGANIZER')!.value, /^mailto:hallo@studioflow\.example$/i);
    assert.match(events[0]!.props.find((p) => p.name === 'ATTENDEE')!.value, /^mailto:ana@example\.ch$/i);
  });

  test('the same session later: the same UID with a higher SEQUENCE updates the event', () => {
    const first = parseIcs(sessionsIcs({ ...base, method: 'REQUEST', sessions: [sessions[0]!] })).children[0]!.children[0]!;
    const moved = parseIcs(sessionsIcs({ ...base, method: 'REQUEST', sessions: [{ ...sessions[0]!, startsAt: new Date('2026-03-25T09:00:00Z'), endsAt: new Date('2026-03-25T10:00:00Z'), revision: 1 }] })).children[0]!.children[0]!;
    assert.equal(prop(moved, 'UID'), prop(first, 'UID'));
    assert.ok(Number(prop(moved, 'SEQUENCE')) > Number(prop(first, 'SEQUENCE')));
  });

  test('CANCEL: METHOD:CANCEL, STATUS:CANCELLED, a SEQUENCE above the last REQUEST', () => {
    const cal = parseIcs(sessionsIcs({ ...base, method: 'CANCEL', sessions })).children[0]!;
    assert.equal(prop(cal, 'METHOD'), 'CANCEL');
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    assert.deepEqual(events.map((e) => [prop(e, 'STATUS'), prop(e, 'SEQUENCE')]), [['CANCELLED', '1'], ['CANCELLED', '3']]);
  });

  test('lines are folded at 75 octets with CRLF', () => {
    const text = sessionsIcs({ ...base, method: 'REQUEST', sessions, description: 'x'.repeat(300) });
    assert.ok(text.includes('\r\n'));
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  });
});
