/**
 * PUT /v1/admin/bookings/:id/sessions/:sessionId/note: staff's private note on a session. Shown to
 * staff in the booking detail, never to the customer; the event log says it changed, not what it says.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { flowKey } from '../../support/app.ts';
import { problemOf } from '../../support/booking.ts';
import { cardPaid, conductingInstructorKey, skFlow, skNord } from '../../support/admin-money.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';

describe('admin: PUT /v1/admin/bookings/:id/sessions/:sessionId/note (a private note)', () => {
  const studio = adminBookingStudio();

  const note = (bookingId: string, sessionId: string, body: unknown, headers: Record<string, string> = {}) => studio.send('PUT', `/v1/admin/bookings/${bookingId}/sessions/${sessionId}/note`, body, headers);

  test('written by the instructor, shown to staff in the detail, never to the customer; cleared by null; the event says it changed, not what it says', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-02T09:00:00.000Z');
    const sessionId = booking.sessions[0]!.id;
    const res = await note(booking.id, sessionId, { notes_md: 'Left shoulder tense; go gently.' }, await conductingInstructorKey(studio.db, booking.id));
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json() as { session: { notes_private_md: string } }).session.notes_private_md, 'Left shoulder tense; go gently.');
    const detail = await (await studio.app.request(`/v1/admin/bookings/${booking.id}`, { headers: skFlow })).json() as { sessions: { id: string; notes_private_md: string | null }[]; events: { type: string; payload: Record<string, unknown> }[] };
    assert.equal(detail.sessions.find((s) => s.id === sessionId)!.notes_private_md, 'Left shoulder tense; go gently.');
    const changed = detail.events.filter((e) => e.type === 'session.note_changed');
    assert.equal(changed.length, 1);
    assert.ok(!JSON.stringify(changed).includes('shoulder'));
    // The customer's own view of the booking has no such text.
    const own = await studio.app.request(`/v1/embed/bookings/${booking.id}`, { headers: { ...flowKey, 'Tandem-Booking-Token': booking.client_token } });
    const ownText = await own.text();
    assert.equal(own.status, 200, ownText);
    assert.ok(ownText.includes(sessionId) && !ownText.includes('shoulder'));

    const cleared = await (await note(booking.id, sessionId, { notes_md: null })).json() as { session: { notes_private_md: string | null } };
    assert.equal(cleared.session.notes_private_md, null);
  });

  test('refused: too long (400), no key, another booking\'s session and another studio (404)', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-09T09:00:00.000Z');
    const sessionId = booking.sessions[0]!.id;
    const long = await note(booking.id, sessionId, { notes_md: 'x'.repeat(5001) });
    assert.equal((await problemOf(long)).code, 'validation_failed');
    const noKey = await studio.app.request(`/v1/admin/bookings/${booking.id}/sessions/${sessionId}/note`, { method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"notes_md":"x"}' });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    assert.equal((await problemOf(await note(booking.id, randomUUID(), { notes_md: 'x' }))).code, 'not_found');
    assert.equal((await note(booking.id, sessionId, { notes_md: 'x' }, skNord)).status, 404);
  });
});
