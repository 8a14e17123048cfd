// The calendar files the booking mails carry, read by a strict parser (ical.js) and checked
// against iTIP (RFC 5546): each file one METHOD and one event, so that Gmail and Outlook,
// which process one event per iTIP message, add every session of a pack.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, outboxOf, reserve, testPay } from '../../support/checkout.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
interface CalendarFile { filename: string; contentType: string; text: string; cal: ICAL.Component }

const START = '2026-11-25T08:00:00Z';
const skFlow = { Authorization: 'Bearer sk_test_flow' };

/** Every calendar attachment of a mail, parsed strictly (ical.js throws on malformed content lines). */
function calendarsOf(row: Record<string, unknown>): CalendarFile[] {
  const attachments = row.attachments as { filename: string; content_type: string; content_base64: string }[];
  return attachments.filter((a) => a.content_type.startsWith('text/calendar')).map((a) => {
    const text = Buffer.from(a.content_base64, 'base64').toString('utf8');
    return { filename: a.filename, contentType: a.content_type, text, cal: new ICAL.Component(ICAL.parse(text) as unknown[]) };
  });
}

const mailto = /^mailto:[^@\s]+@[^@\s]+$/i;

/** RFC 5545 syntax and the iTIP restrictions of RFC 5546 (3.2.2 REQUEST, 3.2.5 CANCEL) for one file. */
function assertItip(file: CalendarFile): { method: string; uid: string; sequence: number; start: string; status: string } {
  const where = file.filename;
  for (const line of file.text.split('\r\n').slice(0, -1)) assert.ok(Buffer.byteLength(line) <= 75, `${where}: folded at 75 octets`);
  assert.ok(file.text.endsWith('\r\n'), `${where}: CRLF line ends`);
  const cal = file.cal;
  assert.equal(cal.name, 'vcalendar', where);
  assert.equal(cal.getFirstPropertyValue('version'), '2.0', where);
  assert.ok(cal.getFirstPropertyValue('prodid'), `${where}: PRODID`);
  const method = String(cal.getFirstPropertyValue('method') ?? '');
  assert.ok(method === 'REQUEST' || method === 'CANCEL', `${where}: METHOD present (${method})`);
  assert.match(file.contentType, new RegExp(`method=${method}(;|$)`), `${where}: the MIME method matches METHOD`);
  const components = cal.getAllSubcomponents();
  assert.deepEqual(components.map((c) => c.name), ['vevent'], `${where}: one VEVENT per iTIP message`);
  const event = components[0]!;
  for (const name of ['uid', 'dtstamp', 'dtstart', 'sequence', 'organizer']) {
    assert.equal(event.getAllProperties(name).length, 1, `${where}: exactly one ${name.toUpperCase()}`);
  }
  const uid = String(event.getFirstPropertyValue('uid'));
  assert.match(uid, /^[0-9a-f-]{36}@tandem$/, where);
  const stamp = event.getFirstPropertyValue('dtstamp') as ICAL.Time;
  assert.ok(stamp instanceof ICAL.Time && stamp.zone === ICAL.Timezone.utcTimezone, `${where}: DTSTAMP in UTC`);
  const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
  assert.ok(start instanceof ICAL.Time && !start.isDate, `${where}: DTSTART a date-time`);
  const sequence: unknown = event.getFirstPropertyValue('sequence');
  assert.ok(Number.isInteger(sequence) && (sequence as number) >= 0, `${where}: SEQUENCE an integer`);
  assert.match(String(event.getFirstPropertyValue('organizer')), mailto, `${where}: ORGANIZER a mailto`);
  const attendees = event.getAllProperties('attendee');
  assert.ok(attendees.length >= 1, `${where}: an ATTENDEE`);
  for (const a of attendees) assert.match(String(a.getFirstValue()), mailto, where);
  const status = String(event.getFirstPropertyValue('status') ?? '');
  if (method === 'REQUEST') {
    assert.equal(event.getAllProperties('dtend').length, 1, `${where}: DTEND`);
    const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
    assert.ok(end.compare(start) > 0, `${where}: DTEND after DTSTART`);
    assert.ok(event.getFirstPropertyValue('summary'), `${where}: SUMMARY`);
    assert.notEqual(status, 'CANCELLED', where);
  } else {
    assert.equal(status, 'CANCELLED', `${where}: STATUS:CANCELLED`);
  }
  return { method, uid, sequence: Number(sequence), start: start.toICALString(), status };
}

describe('calendar files in the booking mails: one iTIP message per session (ical.js)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  const adminPost = (path: string, body: unknown) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body),
  });

  test('an 8-session pack: the confirmation, a move and the cancellation carry one REQUEST or CANCEL per session', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ locale: 'en' }), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const uidOf = (seq: number) => `${b.sessions.find((s) => s.seq === seq)!.id}@tandem`;
    const mails = async (kind: string) => (await outboxOf(db.db, b.id)).filter((r) => String(r.dedupe_key).includes(`:${kind}`));

    const [confirmation] = await mails('confirmation');
    const files = calendarsOf(confirmation!);
    assert.deepEqual(files.map((f) => f.filename), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `session-${n}.ics`));
    const requests = files.map(assertItip);
    assert.deepEqual(requests.map((r) => [r.method, r.uid, r.sequence]), [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ['REQUEST', uidOf(n), 0]));
    assert.equal(new Set(requests.map((r) => r.start)).size, 8, 'eight different times');

    const third = b.sessions.find((s) => s.seq === 3)!;
    const moved = await adminPost(`/bookings/${b.id}/sessions/${third.id}/reschedule`, { starts_at: '2026-12-16T13:00:00.000Z', override: true });
    assert.equal(moved.status, 200, await moved.clone().text());
    const [move] = await mails('reschedule');
    const moveFiles = calendarsOf(move!);
    assert.deepEqual(moveFiles.map((f) => f.filename), ['session-3.ics'], 'the same name as the confirmation gave the session');
    assert.deepEqual(moveFiles.map(assertItip).map((r) => [r.method, r.uid, r.sequence, r.start]), [['REQUEST', uidOf(3), 1, '20261216T130000Z']]);

    clock.set('2026-12-10T12:00:00Z'); // sessions 1 and 2 are behind
    assert.equal((await adminPost(`/bookings/${b.id}/cancel`, {})).status, 200);
    const [cancel] = await mails('cancel');
    const cancelFiles = calendarsOf(cancel!);
    assert.deepEqual(cancelFiles.map((f) => f.filename), [3, 4, 5, 6, 7, 8].map((n) => `cancel-${n}.ics`));
    assert.deepEqual(cancelFiles.map(assertItip).map((r) => [r.method, r.uid, r.sequence, r.status]),
      [3, 4, 5, 6, 7, 8].map((n) => ['CANCEL', uidOf(n), n === 3 ? 2 : 1, 'CANCELLED']), 'SEQUENCE above the last REQUEST of each session');
  });
});
