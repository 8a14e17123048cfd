/**
 * POST /v1/admin/bookings/:id/confirmation: staff send the confirmation mail again. A new outbox
 * row each time (not the first mail's dedupe key), with the calendar file and the invoice; once per
 * Idempotency-Key; a booking that was never confirmed or is cancelled is 409 invalid_state;
 * another studio's booking is 404. Reiki: CHF 140.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { problemOf, query } from '../../support/booking.ts';
import { cardPaid, conductingInstructorKey, qrBill, skFlow, skNord, staffCancel } from '../../support/admin-money.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';

describe('admin: POST /v1/admin/bookings/:id/confirmation (send the confirmation again)', () => {
  const studio = adminBookingStudio();

  const resend = (bookingId: string, headers: Record<string, string> = {}) => studio.send('POST', `/v1/admin/bookings/${bookingId}/confirmation`, undefined, headers);
  const confirmations = async (bookingId: string) => query(studio.db, sql`select dedupe_key, to_address, subject, attachments from mail_outbox
    where dedupe_key like ${`booking:${bookingId}:confirmation%`} order by created_at, dedupe_key`);

  test('a confirmed booking: a second confirmation with the calendar file and the invoice; a replay sends nothing more; the event is in the history', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-02T09:00:00.000Z');
    const first = await confirmations(booking.id);
    assert.equal(first.length, 1);
    const key = randomUUID();
    const res = await resend(booking.id, { 'Idempotency-Key': key });
    assert.equal(res.status, 202, await res.clone().text());
    const out = await res.json() as { booking_id: string; invoice_number: string; queued_at: string };
    assert.equal(out.booking_id, booking.id);
    assert.ok(out.invoice_number.length > 0);
    const after = await confirmations(booking.id);
    assert.equal(after.length, 2);
    const again = after.find((m) => m.dedupe_key !== first[0]!.dedupe_key)!;
    assert.match(String(again.dedupe_key), new RegExp(`^booking:${booking.id}:confirmation:resend:`));
    assert.equal(again.to_address, first[0]!.to_address);
    assert.equal(again.subject, first[0]!.subject);
    const files = (again.attachments as { filename: string }[]).map((a) => a.filename);
    assert.ok(files.some((f) => f.endsWith('.ics')), files.join());
    assert.ok(files.includes(`invoice-${out.invoice_number}.pdf`), files.join());

    // The same key again: the same answer, no third mail.
    const replay = await resend(booking.id, { 'Idempotency-Key': key });
    assert.equal(replay.status, 202);
    assert.deepEqual(await replay.json(), out);
    assert.equal((await confirmations(booking.id)).length, 2);
    // A new key: a third.
    assert.equal((await resend(booking.id)).status, 202);
    assert.equal((await confirmations(booking.id)).length, 3);

    const events = await query(studio.db, sql`select count(*)::int as n from domain_events where type = 'booking.confirmation_resent' and subject_id = ${booking.id}`);
    assert.equal(events[0]!.n, 2);
    // The booking's instructor may send it too.
    assert.equal((await resend(booking.id, await conductingInstructorKey(studio.db, booking.id))).status, 202);
  });

  test('refused: no Idempotency-Key (400), a reserved booking and a cancelled one (409 invalid_state, nothing queued), another studio (404)', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-09T09:00:00.000Z');
    const noKey = await studio.app.request(`/v1/admin/bookings/${booking.id}/confirmation`, { method: 'POST', headers: skFlow });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');

    const nord = await resend(booking.id, skNord);
    assert.equal(nord.status, 404);
    assert.equal(nord.headers.get('content-type'), 'application/problem+json');

    const reserved = await qrBill(studio.app, studio.reiki, '2026-12-04T09:00:00.000Z', 0, studio.db);
    const r = await resend(reserved.booking.id);
    assert.equal(r.status, 409);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.equal((await problemOf(r)).code, 'invalid_state');
    assert.equal((await confirmations(reserved.booking.id)).length, 0);

    await staffCancel(studio.app, booking.id);
    const before = (await confirmations(booking.id)).length;
    const c = await resend(booking.id);
    assert.equal(c.status, 409);
    assert.equal((await problemOf(c)).code, 'invalid_state');
    assert.equal((await confirmations(booking.id)).length, before);
  });
});
