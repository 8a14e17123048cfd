/**
 * PUT /v1/admin/bookings/:id/note: staff's private note on the whole booking. Shown to staff in
 * the booking detail, never to the customer (the widget's and the portal's answers); the event log
 * says it changed, not what it says; once per Idempotency-Key; another instructor and another
 * studio 404.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { flowKey } from '../../support/app.ts';
import { problemOf } from '../../support/booking.ts';
import { customer } from '../../support/checkout.ts';
import { cardPaid, conductingInstructorKey, skFlow, skNord, staffKey } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import { FLOW } from '../../../demo/seed/index.ts';

describe('admin: PUT /v1/admin/bookings/:id/note (the booking\'s private note)', () => {
  const studio = adminBookingStudio();

  const note = (bookingId: string, body: unknown, headers: Record<string, string> = {}) => studio.send('PUT', `/v1/admin/bookings/${bookingId}/note`, body, headers);

  test('written by the instructor, read by staff, never by the customer; a replay writes once; cleared by null', async () => {
    const who = customer();
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-02T09:00:00.000Z', who);
    const key = randomUUID();
    const res = await note(booking.id, { notes_md: 'Pays the rest in cash; **prefers mornings**.' }, { ...await conductingInstructorKey(studio.db, booking.id), 'Idempotency-Key': key });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { booking_id: booking.id, notes_private_md: 'Pays the rest in cash; **prefers mornings**.' });
    const detail = await (await studio.app.request(`/v1/admin/bookings/${booking.id}`, { headers: skFlow })).json() as { notes_private_md: string | null; events: { type: string }[] };
    assert.equal(detail.notes_private_md, 'Pays the rest in cash; **prefers mornings**.');
    const changed = detail.events.filter((e) => e.type === 'booking.note_changed');
    assert.equal(changed.length, 1);
    assert.ok(!JSON.stringify(detail.events).includes('cash'), 'the event log does not carry the text');

    // The customer's answers: the widget's booking and the portal's.
    const own = await studio.app.request(`/v1/embed/bookings/${booking.id}`, { headers: { ...flowKey, 'Tandem-Booking-Token': booking.client_token } });
    const ownText = await own.text();
    assert.equal(own.status, 200, ownText);
    assert.ok(ownText.includes(booking.id) && !ownText.includes('cash') && !ownText.includes('notes_private'));
    const proof = await proveIdentity(studio.app, studio.db, String(who.email));
    const portal = await studio.app.request(`/v1/portal/bookings/${booking.id}`, { headers: { Authorization: `Bearer ${proof['Tandem-Identity']}` } });
    const portalText = await portal.text();
    assert.equal(portal.status, 200, portalText);
    assert.ok(!portalText.includes('cash') && !portalText.includes('notes_private'));

    const cleared = await (await note(booking.id, { notes_md: null })).json() as { notes_private_md: string | null };
    assert.equal(cleared.notes_private_md, null);
    const again = await (await studio.app.request(`/v1/admin/bookings/${booking.id}`, { headers: skFlow })).json() as { notes_private_md: string | null };
    assert.equal(again.notes_private_md, null);
  });

  test('refused: too long (400), no key (400), another instructor and another studio (404)', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-09T09:00:00.000Z');
    assert.equal((await problemOf(await note(booking.id, { notes_md: 'x'.repeat(5001) }))).code, 'validation_failed');
    const noKey = await studio.app.request(`/v1/admin/bookings/${booking.id}/note`, { method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"notes_md":"x"}' });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    assert.equal((await note(booking.id, { notes_md: 'x' }, await staffKey(studio.db, FLOW.mara))).status, 404);
    assert.equal((await note(booking.id, { notes_md: 'x' }, skNord)).status, 404);
  });
});
