import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inQuietHours, outsideQuietHours, sessionReminderAt } from '../../../../server/modules/notifications/domain/nudges.ts';
import { sessionReminderMail } from '../../../../server/modules/notifications/domain/nudge-mails.ts';

const Z = 'Europe/Zurich';
const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

test('a reminder outside the quiet hours goes exactly so many hours before the session', () => {
  // 09:00 Zurich (CET) on 1 December: 48 h and 2 h before.
  assert.equal(iso(sessionReminderAt(at('2026-12-01T08:00:00Z'), 48, Z)), '2026-11-29T08:00:00.000Z');
  assert.equal(iso(sessionReminderAt(at('2026-12-01T08:00:00Z'), 2, Z)), '2026-12-01T06:00:00.000Z');
});

test('48 hours before a session across the spring DST change is 48 real hours (not the wall clock)', () => {
  // Monday 30 March 2026, 10:00 CEST (08:00Z); 48 h earlier is Saturday 28 March 09:00 CET (08:00Z).
  assert.equal(iso(sessionReminderAt(at('2026-03-30T08:00:00Z'), 48, Z)), '2026-03-28T08:00:00.000Z');
});

test('a reminder that falls into the night moves to 07:00 local, in summer and winter time', () => {
  // Session Tuesday 27 October 2026 00:30 CET (26 Oct 23:30Z); 48 h before is Sunday 25 October 00:30 CEST
  // (the night the clocks go back): it waits for 07:00 CET that morning, 06:00Z.
  assert.equal(inQuietHours(at('2026-10-24T22:30:00Z'), Z), true);
  assert.equal(iso(sessionReminderAt(at('2026-10-26T23:30:00Z'), 48, Z)), '2026-10-25T06:00:00.000Z');
  // Session 1 April 2026 01:00 CEST (31 Mar 23:00Z): 48 h before is 30 March 01:00 CEST → 07:00 CEST = 05:00Z.
  assert.equal(iso(sessionReminderAt(at('2026-03-31T23:00:00Z'), 48, Z)), '2026-03-30T05:00:00.000Z');
  // The night the clocks go forward (29 March, 02:00 → 03:00): 07:00 CEST is 05:00Z.
  assert.equal(iso(outsideQuietHours(at('2026-03-29T00:30:00Z'), Z)), '2026-03-29T05:00:00.000Z');
});

test('under 3 hours before the session the quiet hours do not hold back its reminder', () => {
  // Session at 08:00 Zurich (07:00Z): the 2-hour reminder goes at 06:00 local.
  assert.equal(iso(sessionReminderAt(at('2026-12-01T07:00:00Z'), 2, Z)), '2026-12-01T05:00:00.000Z');
});

test('when 07:00 would be too late, the reminder goes the evening before, just before the quiet hours', () => {
  // Session at 05:00 Zurich (04:00Z), 5 h ahead is 00:00: 07:00 is after the session, so 21:59 the evening before.
  assert.equal(iso(sessionReminderAt(at('2026-12-02T04:00:00Z'), 5, Z)), '2026-12-01T20:59:00.000Z');
});

test('quiet hours are the customer\'s: 23:00 in Zurich is 17:00 in New York', () => {
  assert.equal(inQuietHours(at('2026-12-01T22:00:00Z'), Z), true);
  assert.equal(inQuietHours(at('2026-12-01T22:00:00Z'), 'America/New_York'), false);
});

test('the reminder says when in the customer\'s zone and language, with the meeting link and the manage link', () => {
  const mail = sessionReminderMail({
    lang: 'de', zone: Z, customer: { name: 'Ana', email: 'a@example.ch' }, studio: { name: 'Studio Flow' }, program: { title: 'EVOLVE' },
    variant: { name: '4er' }, instructor: { name: 'Mara' }, place: null, meetingUrl: 'https://meet.example/evolve', manageUrl: 'https://api.example/manage/x',
    session: { seq: 2, startsAt: new Date('2026-12-08T08:00:00Z'), endsAt: new Date('2026-12-08T09:00:00Z') },
  });
  assert.match(mail.subject, /^Erinnerung: EVOLVE, Dienstag, 8\. Dezember 2026/);
  assert.match(mail.text, /Termin 2 von EVOLVE bei Mara: Dienstag, 8\. Dezember 2026.* 09:00–10:00/);
  assert.match(mail.text, /Online:\nhttps:\/\/meet\.example\/evolve\n/);
  assert.match(mail.html, /<a href="https:\/\/api\.example\/manage\/x">/);
  assert.match(mail.html, /<a href="https:\/\/meet\.example\/evolve">/);
});
