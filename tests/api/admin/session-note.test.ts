/**
 * PUT /v1/admin/bookings/:id/sessions/:sessionId/note: staff's private note on a session. Shown to
 * staff in the booking detail, never to the customer; the event log says it changed, not what it says.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, problemOf } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { cardPaid, conductingInstructorKey, skFlow, skNord } from '../../support/admin-money.ts';

describe('admin: PUT /v1/admin/bookings/:id/sessions/:sessionId/note (a private note)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let reiki = '';
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const note = (bookingId: string, sessionId: string, body: unknown, headers: Record<string, string> = {}) => app.request(`/v1/admin/bookings/${bookingId}/sessions/${sessionId}/note`, {
    method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }, body: JSON.stringify(body),
  });

  test('written by the instructor, shown to staff in the detail, never to the customer; cleared by null; the event says it changed, not what it says', async () => {
    const { booking } = await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z');
    const sessionId = booking.sessions[0]!.id;
    const res = await note(booking.id, sessionId, { notes_md: 'Left shoulder tense; go gently.' }, await conductingInstructorKey(db.db, booking.id));
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json() as { session: { notes_private_md: string } }).session.notes_private_md, 'Left shoulder tense; go gently.');
    const detail = await (await app.request(`/v1/admin/bookings/${booking.id}`, { headers: skFlow })).json() as { sessions: { id: string; notes_private_md: string | null }[]; events: { type: string; payload: Record<string, unknown> }[] };
    assert.equal(detail.sessions.find((s) => s.id === sessionId)!.notes_private_md, 'Left shoulder tense; go gently.');
    const changed = detail.events.filter((e) => e.type === 'session.note_changed');
    assert.equal(changed.length, 1);
    assert.ok(!JSON.stringify(changed).includes('shoulder'));
    // The customer's own view of the booking has no such text.
    const own = await app.request(`/v1/embed/bookings/${booking.id}`, { headers: { ...flowKey, 'Tandem-Booking-Token': booking.client_token } });
    const ownText = await own.text();
    assert.equal(own.status, 200, ownText);
    assert.ok(ownText.includes(sessionId) && !ownText.includes('shoulder'));

    const cleared = await (await note(booking.id, sessionId, { notes_md: null })).json() as { session: { notes_private_md: string | null } };
    assert.equal(cleared.session.notes_private_md, null);
  });

  test('refused: too long (400), no key, another booking\'s session and another studio (404)', async () => {
    const { booking } = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    const sessionId = booking.sessions[0]!.id;
    const long = await note(booking.id, sessionId, { notes_md: 'x'.repeat(5001) });
    assert.equal((await problemOf(long)).code, 'validation_failed');
    const noKey = await app.request(`/v1/admin/bookings/${booking.id}/sessions/${sessionId}/note`, { method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"notes_md":"x"}' });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    assert.equal((await problemOf(await note(booking.id, randomUUID(), { notes_md: 'x' }))).code, 'not_found');
    assert.equal((await note(booking.id, sessionId, { notes_md: 'x' }, skNord)).status, 404);
  });
});
