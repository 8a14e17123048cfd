import { test } from 'node:test';
import assert from 'node:assert/strict';
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
