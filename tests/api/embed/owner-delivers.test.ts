import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, postJson, query } from '../../support/booking.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * A solo studio: the owner delivers the program. Here Studio Flow's owner takes over Reiki and
 * Noemi's hours (Europe/Zurich Mon/Wed/Fri 10–17, Sat 9–13), changed with the owner handle before
 * the first request. Customers must see the owner's free times and be able to book them, although
 * the owner's role is not `instructor`.
 */
describe('a program delivered by the studio owner', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let variant = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    await db.db.execute(sql`update program_instructors set staff_id = ${FLOW.owner} where program_id = ${FLOW.reiki}`);
    await db.db.execute(sql`update availability_rules set instructor_id = ${FLOW.owner} where instructor_id = ${FLOW.noemi}`);
    const p = await (await app.request('/v1/embed/programs/reiki', { headers: flowKey })).json() as { variants: { id: string }[] };
    variant = p.variants[0]!.id;
  });
  after(async () => db.close());

  test('the owner is a staff member with the owner role, and the only one who delivers Reiki', async () => {
    const rows = await query(db.db, sql`select s.role from program_instructors pi join staff s on s.id = pi.staff_id where pi.program_id = ${FLOW.reiki}`);
    assert.deepEqual(rows, [{ role: 'owner' }]);
  });

  test("the slots show the owner's free times, named as the owner", async () => {
    const res = await app.request('/v1/embed/programs/reiki/slots?from=2026-12-02&to=2026-12-02&tz=Europe/Zurich', { headers: flowKey });
    assert.equal(res.status, 200, await res.clone().text());
    const slots = (await res.json() as SlotsResponse).days[0]!.slots;
    assert.equal(slots.length, 24, 'Wednesday 10:00 … 15:45 every 15 minutes');
    assert.equal(slots[0]!.local_start, '10:00');
    assert.ok(slots.every((s) => s.instructor.id === FLOW.owner), 'every slot is the owner\'s');
  });

  test('a customer books the owner: the booking and its session are the owner\'s', async () => {
    const res = await postJson(app, '/v1/embed/bookings', {
      program: 'reiki', variant,
      customer: { name: 'Ana Muster', email: `${randomUUID().slice(0, 8)}@example.ch`, phone: '+41 79 123 45 67', locale: 'de', timezone: 'Europe/Zurich' },
      sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const booking = await res.json() as CreatedBooking;
    const rows = await query(db.db, sql`select b.instructor_id, k.instructor_id as block_instructor from program_bookings b
      join program_sessions s on s.booking_id = b.id join schedule_blocks k on k.session_id = s.id where b.id = ${booking.id}`);
    assert.deepEqual(rows, [{ instructor_id: FLOW.owner, block_instructor: FLOW.owner }]);
    // The booked start is gone from the owner's free times.
    const after = await (await app.request('/v1/embed/programs/reiki/slots?from=2026-12-02&to=2026-12-02&tz=Europe/Zurich', { headers: flowKey })).json() as SlotsResponse;
    assert.ok(!after.days[0]!.slots.some((s) => s.start === '2026-12-02T09:00:00.000Z'));
  });
});
