/**
 * Changes to a booking and the mails that tell the customer: a session moved (by the
 * customer in the widget or by staff through the admin API) comes with a calendar update
 * whose SEQUENCE is raised; a cancelled booking with METHOD:CANCEL for the sessions ahead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, DAY, postJson, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, outboxOf, reserve, testPay } from '../../support/checkout.ts';
import { parseIcs, prop, type IcsComponent } from '../../support/mime.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { BookingOut, CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import { proofFor } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
type OutboxRow = Awaited<ReturnType<typeof outboxOf>>[number];

const START = '2026-11-25T08:00:00Z';
const skFlow = { Authorization: 'Bearer sk_test_flow' };

/** The VEVENTs of an outbox row's calendar attachments (one file per session, named `<prefix>-<n>.ics`), with their METHOD. */
function calendarOf(row: OutboxRow, prefix: string): { method: string | undefined; contentType: string; events: IcsComponent[] } {
  const attachments = row.attachments as { filename: string; content_type: string; content_base64: string }[];
  const files = attachments.filter((a) => new RegExp(`^${prefix}-\\d+\\.ics$`).test(a.filename));
  assert.ok(files.length, `${prefix}-<n>.ics attached (has ${attachments.map((a) => a.filename).join(', ') || 'none'})`);
  const cals = files.map((file) => parseIcs(Buffer.from(file.content_base64, 'base64').toString('utf8')).children[0]!);
  for (const cal of cals) assert.equal(cal.name, 'VCALENDAR');
  return { method: prop(cals[0]!, 'METHOD'), contentType: files[0]!.content_type, events: cals.flatMap((cal) => cal.children.filter((c) => c.name === 'VEVENT')) };
}

describe('booking changes: reschedule and cancel, with the mails that say so', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values
        (${FLOW.org}, 'secret', 'sk_test_luca', ${hashKey('sk_test_luca_key')}, ${FLOW.luca})`));
  });
  after(async () => db.close());

  const mailsOf = async (bookingId: string, kind: string) => (await outboxOf(db.db, bookingId)).filter((r) => String(r.dedupe_key).includes(`:${kind}`));
  const customerMove = (b: CreatedBooking, sessionId: string, startsAt: string, headers: Record<string, string> = {}) =>
    postJson(app, `/v1/embed/bookings/${b.id}/sessions/${sessionId}/reschedule`, { starts_at: startsAt }, { 'Tandem-Booking-Token': b.client_token, ...headers });
  const adminPost = (path: string, body: unknown, headers: Record<string, string> = {}) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body),
  });

  async function confirmedReiki(start: string, extra: Record<string, unknown> = {}) {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(extra), sessions: { mode: 'explicit', starts: [start] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }

  test('the customer moves a confirmed session: one mail in their language, the session\'s calendar update with SEQUENCE raised', async () => {
    const b = await confirmedReiki('2026-12-02T09:00:00.000Z');
    const session = b.sessions[0]!;
    const key = randomUUID();
    const moved = await customerMove(b, session.id, '2026-12-02T12:00:00.000Z', { 'Idempotency-Key': key });
    assert.equal(moved.status, 200, await moved.clone().text());
    assert.equal((await customerMove(b, session.id, '2026-12-02T12:00:00.000Z', { 'Idempotency-Key': key })).headers.get('Idempotency-Replayed'), 'true');

    let mails = await mailsOf(b.id, 'reschedule');
    assert.equal(mails.length, 1, 'one mail, also when the request is replayed');
    const [mail] = mails;
    assert.equal(mail!.dedupe_key, `booking:${b.id}:reschedule:${session.id}:1`);
    assert.equal(mail!.status, 'pending', 'queued with the change, sent by the outbox worker');
    assert.equal(mail!.subject, 'Termin verschoben: Reiki 1:1, Mittwoch, 2. Dezember 2026 um 13:00');
    assert.match(String(mail!.text_body), /Termin 1 von Reiki 1:1 bei .+ wurde auf Mittwoch, 2\. Dezember 2026 um 13:00–14:15 verschoben \(bisher Mittwoch, 2\. Dezember 2026 um 10:00\)/);
    assert.match(String(mail!.text_body), /Zeiten in Europe\/Zurich/);
    assert.match(String(mail!.text_body), /\/manage\//, 'the manage link');
    const ics = calendarOf(mail!, 'session');
    assert.equal(ics.method, 'REQUEST');
    assert.match(ics.contentType, /method=REQUEST/);
    assert.equal(ics.events.length, 1);
    assert.equal(prop(ics.events[0]!, 'UID'), `${session.id}@tandem`, 'the same UID as the confirmation\'s event: the calendar updates it');
    assert.equal(prop(ics.events[0]!, 'SEQUENCE'), '1');
    assert.equal(prop(ics.events[0]!, 'DTSTART'), '20261202T120000Z');
    assert.equal(prop(ics.events[0]!, 'DTEND'), '20261202T131500Z');

    assert.equal((await customerMove(b, session.id, '2026-12-02T10:30:00.000Z')).status, 200);
    mails = await mailsOf(b.id, 'reschedule');
    assert.equal(mails.length, 2);
    assert.equal(prop(calendarOf(mails[1]!, 'session').events[0]!, 'SEQUENCE'), '2', 'every move raises it again');
  });

  test('a move while still reserved, before checkout: no mail (the confirmation will list the final time)', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    assert.equal((await customerMove(b, b.sessions[0]!.id, '2026-12-09T12:00:00.000Z')).status, 200);
    assert.deepEqual(await outboxOf(db.db, b.id), []);
  });

  test('staff move a session through the admin API: outside hours with override; the customer is mailed in English', async () => {
    const b = await confirmedReiki('2026-12-16T09:00:00.000Z', { locale: 'en', timezone: 'America/New_York' });
    const path = `/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`;
    const refused = await adminPost(path, { starts_at: '2026-12-15T19:00:00.000Z' });
    assert.equal(refused.status, 409);
    assert.equal((await problemOf(refused)).code, 'slot_unavailable', 'Tuesday evening is outside the hours');
    const res = await adminPost(path, { starts_at: '2026-12-15T19:00:00.000Z', override: true });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as BookingOut;
    assert.deepEqual([out.sessions[0]!.starts_at, out.sessions[0]!.revision], ['2026-12-15T19:00:00.000Z', 1]);
    const [mail] = await mailsOf(b.id, 'reschedule');
    assert.equal(mail!.subject, 'Session moved: Reiki 1:1, Tuesday, 15 December 2026 at 14:00', 'in the customer\'s zone (New York)');
    assert.equal(prop(calendarOf(mail!, 'session').events[0]!, 'DTSTART'), '20261215T190000Z');
    assert.equal((await query(db.db, sql`select count(*)::int as n from schedule_blocks k join program_sessions s on s.id = k.session_id
      where s.booking_id = ${b.id} and k.status = 'active' and lower(k.during) <= '2026-12-15T19:00:00Z' and upper(k.during) >= '2026-12-15T20:15:00Z'`))[0]!.n, 1);
  });

  test('staff moving a session onto a taken time get the nearest free times in ascending order, before and after', async () => {
    await confirmedReiki('2026-12-23T12:00:00.000Z');
    const b = await confirmedReiki('2026-12-23T09:00:00.000Z');
    const refused = await adminPost(`/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`, { starts_at: '2026-12-23T12:00:00.000Z' });
    assert.equal(refused.status, 409);
    const p = await problemOf(refused) as unknown as { code: string; conflicts: { alternatives: { start: string }[] }[] };
    assert.equal(p.code, 'slot_taken');
    const starts = p.conflicts[0]!.alternatives.map((a) => a.start);
    assert.ok(starts.some((s) => s < '2026-12-23T12:00:00.000Z') && starts.some((s) => s > '2026-12-23T12:00:00.000Z'), `times on both sides: ${starts.join(', ')}`);
    assert.deepEqual(starts, [...starts].sort(), 'earliest first, as a list of times is read');
  });

  test('the admin routes refuse: no key 401, no Idempotency-Key 400, bad body 400 per field, another instructor\'s key 404', async () => {
    const b = await confirmedReiki('2026-12-16T12:00:00.000Z');
    const path = `/bookings/${b.id}/sessions/${b.sessions[0]!.id}/reschedule`;
    const anonymous = await app.request(`/v1/admin${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    assert.equal(anonymous.status, 401);
    const noKey = await app.request(`/v1/admin${path}`, { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ starts_at: '2026-12-16T13:30:00.000Z' }) });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    const bad = await adminPost(path, { starts_at: 'tomorrow', override: 'yes' });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field).sort(), ['override', 'starts_at']);
    const luca = { Authorization: 'Bearer sk_test_luca_key' };
    const foreign = await adminPost(path, { starts_at: '2026-12-16T13:30:00.000Z' }, luca);
    assert.equal(foreign.status, 404, 'Luca does not conduct this Reiki booking');
    assert.equal((await adminPost(`/bookings/${b.id}/cancel`, {}, luca)).status, 404);
    assert.equal((await query(db.db, sql`select status::text from program_bookings where id = ${b.id}`))[0]!.status, 'confirmed');
    assert.deepEqual(await mailsOf(b.id, 'reschedule'), []);
  });

  test('staff cancel a confirmed 8-session pack midway: METHOD:CANCEL for the sessions ahead, the time is free, a repeat changes nothing', async () => {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer({ locale: 'fr' }), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    clock.set('2026-12-10T12:00:00Z'); // sessions 1 and 2 (1 and 8 December) are behind
    const key = randomUUID();
    const res = await adminPost(`/bookings/${b.id}/cancel`, {}, { 'Idempotency-Key': key });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json() as BookingOut).status, 'cancelled');
    assert.equal((await adminPost(`/bookings/${b.id}/cancel`, {}, { 'Idempotency-Key': key })).headers.get('Idempotency-Replayed'), 'true');
    assert.equal((await adminPost(`/bookings/${b.id}/cancel`, {})).status, 200, 'cancelling again answers the cancelled booking');

    const mails = await mailsOf(b.id, 'cancel');
    assert.deepEqual(mails.map((m) => m.dedupe_key).sort(), [`booking:${b.id}:cancel`, `booking:${b.id}:cancel:staff`], 'one mail to the customer, one to the studio');
    const mail = mails.find((m) => m.dedupe_key === `booking:${b.id}:cancel`);
    assert.equal(mail!.dedupe_key, `booking:${b.id}:cancel`);
    assert.match(String(mail!.subject), /^Réservation annulée\u202f: EVOLVE/);
    const text = String(mail!.text_body);
    assert.match(text, /Séances annulées\u202f:\n3\. /);
    assert.doesNotMatch(text, /\n[12]\. /, 'sessions already behind are not listed');
    // By policy, two weeks ahead: sessions 1 and 2 are behind (held), the six ahead go back in full.
    assert.match(text, /Remboursement\u202f: 810\.00\sCHF sur la carte ou le compte TWINT utilisé pour payer\. Il apparaît en général sur votre relevé sous 5 à 10 jours ouvrables\./, 'what comes back, how and when');
    assert.match(text, /La note de crédit FLOW-CN-2026-\d{4} ci-jointe corrige la facture\./);
    const ics = calendarOf(mail!, 'cancel');
    assert.equal(ics.method, 'CANCEL');
    assert.match(ics.contentType, /method=CANCEL/);
    const ahead = b.sessions.filter((s) => s.seq >= 3);
    assert.deepEqual(ics.events.map((e) => prop(e, 'UID')), ahead.map((s) => `${s.id}@tandem`));
    assert.ok(ics.events.every((e) => prop(e, 'STATUS') === 'CANCELLED' && prop(e, 'SEQUENCE') === '1'), 'a cancellation is newer than the confirmation\'s SEQUENCE 0');

    const [left] = await query(db.db, sql`select
      (select count(*) from schedule_blocks k join program_sessions s on s.id = k.session_id where s.booking_id = ${b.id} and k.status <> 'cancelled')::int as blocks,
      (select count(*) from program_sessions where booking_id = ${b.id} and status <> 'cancelled')::int as sessions`);
    assert.deepEqual({ ...left }, { blocks: 0, sessions: 0 });
    const slots = await app.request('/v1/embed/programs/evolve/slots?from=2026-12-15&to=2026-12-15&tz=UTC', { headers: { Authorization: 'Bearer pk_test_flow', Origin: 'http://localhost:8788' } });
    const body = await slots.json() as { days: { slots: { start: string }[] }[] };
    assert.ok(body.days.flatMap((d) => d.slots).some((s) => s.start === '2026-12-15T08:00:00.000Z'), 'the fourth session\'s time is free again');
  });

  test('cancelling a QR-bill reservation mails without a calendar file; one that never reached checkout mails nothing; a completed booking is 409', async () => {
    clock.set(START);
    const qr = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ locale: 'it' }), sessions: { mode: 'explicit', starts: ['2026-12-18T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, qr, { method: 'qr_bill' }, await proofFor(app, db.db, qr.id)));
    assert.equal((await adminPost(`/bookings/${qr.id}/cancel`, {})).status, 200);
    const mail = (await mailsOf(qr.id, 'cancel')).find((m) => m.dedupe_key === `booking:${qr.id}:cancel`);
    assert.equal(mail!.subject, 'Prenotazione annullata: Reiki 1:1');
    assert.deepEqual((mail!.attachments as { filename: string }[]).map((a) => a.filename.replace(/\d{4}-\d{4}/, 'YYYY-NNNN')), ['credit-note-FLOW-CN-YYYY-NNNN.pdf'], 'no calendar file was ever sent for it; the credit note voiding the invoice');
    assert.doesNotMatch(String(mail!.text_body), /cancel\.ics|Ha pagato/);

    const bare = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-18T12:00:00.000Z'] } });
    assert.equal((await adminPost(`/bookings/${bare.id}/cancel`, {})).status, 200);
    assert.deepEqual(await outboxOf(db.db, bare.id), []);

    const done = await confirmedReiki('2026-12-21T09:00:00.000Z');
    await withSystem(db.db, FLOW.org, 'test setup', (tx) => tx.execute(sql`update program_bookings set status = 'completed' where id = ${done.id}`));
    clock.set(new Date(Date.parse('2026-12-21T09:00:00Z') + 2 * DAY).toISOString());
    const refused = await adminPost(`/bookings/${done.id}/cancel`, {});
    assert.equal(refused.status, 409);
    assert.equal((await problemOf(refused)).code, 'invalid_state');
    assert.deepEqual(await mailsOf(done.id, 'cancel'), []);
  });
});
