/**
 * PUT /v1/admin/bookings/:id/progress/:milestoneId: staff log a milestone of a booking. Reiki (CHF
 * 140) gets two milestones for the test; EVOLVE's milestones are another program's.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { problemOf, query } from '../../support/booking.ts';
import { cardPaid, conductingInstructorKey, qrBill, skFlow, skNord, staffCancel } from '../../support/admin-money.ts';
import { adminBookingStudio } from '../../support/admin-booking-studio.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { ProgressOut } from '../../../schema/api/admin-progress.ts';

describe('admin: PUT /v1/admin/bookings/:id/progress/:milestoneId (log a milestone)', () => {
  const studio = adminBookingStudio();
  let first = '';
  let second = '';
  let evolveMilestone = '';

  before(async () => {
    const rows = await query(studio.db, sql`insert into program_milestones (org_id, program_id, order_idx, name, description_md, due_day_offset)
      values (${FLOW.org}, ${FLOW.reiki}, 1, 'Breathing practice', 'Daily, ten minutes.', 7), (${FLOW.org}, ${FLOW.reiki}, 2, 'Reflection', 'A page on how it went.', null) returning id`);
    [first, second] = rows.map((r) => String(r.id)) as [string, string];
    evolveMilestone = String((await query(studio.db, sql`select id from program_milestones where program_id = ${FLOW.evolve} limit 1`))[0]!.id);
  });

  const log = (bookingId: string, milestoneId: string, body: unknown, headers: Record<string, string> = {}) => studio.send('PUT', `/v1/admin/bookings/${bookingId}/progress/${milestoneId}`, body, headers);

  test('done with notes and an artifact link; the first time kept; opened again; notes kept when left out; in the detail and the history; once per key', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-02T09:00:00.000Z');
    studio.clock.set('2026-11-26T10:00:00Z');
    const key = randomUUID();
    const res = await log(booking.id, first, { completed: true, notes_md: 'Goes well, *10 min* a day.', artifact_url: 'https://files.example/breath.pdf' }, { 'Idempotency-Key': key });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as ProgressOut;
    assert.deepEqual(out.progress.map((p) => [p.name, p.completed_at, p.notes_md, p.artifact_url]), [
      ['Breathing practice', '2026-11-26T10:00:00.000Z', 'Goes well, *10 min* a day.', 'https://files.example/breath.pdf'],
      ['Reflection', null, null, null],
    ]);
    // The same key again: the same answer, one event.
    const replay = await log(booking.id, first, { completed: true, notes_md: 'Goes well, *10 min* a day.', artifact_url: 'https://files.example/breath.pdf' }, { 'Idempotency-Key': key });
    assert.deepEqual(await replay.json(), out);

    // Marked done again later: the first time stays; the notes change, the link is kept as it was left out.
    studio.clock.set('2026-11-28T10:00:00Z');
    const again = await (await log(booking.id, first, { completed: true, notes_md: 'Still going.' })).json() as ProgressOut;
    assert.deepEqual([again.progress[0]!.completed_at, again.progress[0]!.notes_md, again.progress[0]!.artifact_url], ['2026-11-26T10:00:00.000Z', 'Still going.', 'https://files.example/breath.pdf']);
    // Opened again, the link cleared.
    const open = await (await log(booking.id, first, { completed: false, artifact_url: null })).json() as ProgressOut;
    assert.deepEqual([open.progress[0]!.completed_at, open.progress[0]!.notes_md, open.progress[0]!.artifact_url], [null, 'Still going.', null]);

    // The booking's instructor logs the second one; the detail shows both.
    const asInstructor = await log(booking.id, second, { completed: true }, await conductingInstructorKey(studio.db, booking.id));
    assert.equal(asInstructor.status, 200);
    const detail = await (await studio.app.request(`/v1/admin/bookings/${booking.id}`, { headers: skFlow })).json() as { progress: ProgressOut['progress']; events: { type: string }[] };
    assert.deepEqual(detail.progress.map((p) => [p.name, p.completed_at]), [['Breathing practice', null], ['Reflection', '2026-11-28T10:00:00.000Z']]);
    assert.equal(detail.events.filter((e) => e.type === 'progress.logged').length, 4);
    const rows = await query(studio.db, sql`select count(*)::int as n from program_progress where booking_id = ${booking.id}`);
    assert.equal(rows[0]!.n, 2);
  });

  test('refused: bad input (400 with fields), no key, another program\'s milestone and another studio (404), a reserved or cancelled booking (409)', async () => {
    const { booking } = await cardPaid(studio.app, studio.reiki, '2026-12-09T09:00:00.000Z');
    const bad = await log(booking.id, first, { completed: 'yes', artifact_url: 'javascript:alert(1)' });
    assert.equal(bad.status, 400);
    const problem = await problemOf(bad) as unknown as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'validation_failed');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['artifact_url', 'completed']);
    const http = await log(booking.id, first, { completed: true, artifact_url: 'http://files.example/x.pdf' });
    assert.equal(http.status, 400);

    const noKey = await studio.app.request(`/v1/admin/bookings/${booking.id}/progress/${first}`, { method: 'PUT', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"completed":true}' });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');

    const other = await log(booking.id, evolveMilestone, { completed: true });
    assert.equal(other.status, 404);
    assert.equal((await problemOf(other)).code, 'not_found');
    assert.equal((await log(booking.id, first, { completed: true }, skNord)).status, 404);

    const reserved = await qrBill(studio.app, studio.reiki, '2026-12-04T09:00:00.000Z', 0, studio.db);
    assert.equal((await problemOf(await log(reserved.booking.id, first, { completed: true }))).code, 'invalid_state');
    await staffCancel(studio.app, booking.id);
    const cancelled = await log(booking.id, first, { completed: true });
    assert.equal(cancelled.status, 409);
    assert.equal((await problemOf(cancelled)).code, 'invalid_state');
    const rows = await query(studio.db, sql`select count(*)::int as n from program_progress where booking_id in (${booking.id}, ${reserved.booking.id})`);
    assert.equal(rows[0]!.n, 0);
  });
});
