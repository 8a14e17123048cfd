/**
 * The bench program of the booking benches: 20 instructors of Studio Flow open around the clock
 * (30-minute sessions, no buffers, no notice, a ten-year horizon), so that every client can book
 * its own instructor's next slot, one after the other, without conflicts.
 */
import { sql } from 'drizzle-orm';
import { FLOW } from '../../../demo/seed/index.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { rowsOf } from '../../../server/platform/db/rows.ts';

export const BENCH_INSTRUCTORS = 20;
export const BENCH_PROGRAM = '0f1a0000-0000-4000-8000-00000000be01';
export const SLOT_MS = 30 * 60_000;

export const instructorId = (i: number) => `0f1a0000-0000-4000-8000-0000000b${String(i).padStart(4, '0')}`;

/** Adds the bench program; returns its variant's id. */
export async function addBenchProgram(db: Database): Promise<string> {
  await withCaller(db, { orgId: FLOW.org, role: 'owner' }, async (tx) => {
    const ids = Array.from({ length: BENCH_INSTRUCTORS }, (_, i) => instructorId(i));
    for (const [i, id] of ids.entries()) {
      await tx.execute(sql`insert into staff (id, org_id, role, name, email, timezone) values (${id}, ${FLOW.org}, 'instructor', ${`Bench ${i}`}, ${`bench${i}@studioflow.example`}, 'Europe/Zurich')`);
      for (let weekday = 1; weekday <= 7; weekday++) {
        await tx.execute(sql`insert into availability_rules (org_id, instructor_id, kind, weekday, start_time, end_time, timezone) values (${FLOW.org}, ${id}, 'weekly', ${weekday}, '00:00', '00:00', 'Europe/Zurich')`);
      }
    }
    await tx.execute(sql`insert into programs (id, org_id, slug, title, category, delivery_mode, session_length_min, scheduling)
      values (${BENCH_PROGRAM}, ${FLOW.org}, 'bench', 'Bench', 'coaching', 'online', 30,
        ${JSON.stringify({ buffer_before_min: 0, buffer_after_min: 0, min_notice_min: 0, horizon_days: 3650, slot_step_min: 30 })}::jsonb)`);
    for (const id of ids) await tx.execute(sql`insert into program_instructors (org_id, program_id, staff_id) values (${FLOW.org}, ${BENCH_PROGRAM}, ${id})`);
    await tx.execute(sql`insert into program_variants (org_id, program_id, name, currency, price, vat_rate_bp) values (${FLOW.org}, ${BENCH_PROGRAM}, 'One', 'CHF', 5000, 810)`);
  });
  const [v] = rowsOf(await db.execute(sql`select id from program_variants where program_id = ${BENCH_PROGRAM}`));
  return String(v!.id);
}

/** Live blocks of one instructor that overlap another: must be 0. */
export async function overlaps(db: Database): Promise<number> {
  const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from schedule_blocks a join schedule_blocks b
    on a.id < b.id and a.during && b.during and a.instructor_id = b.instructor_id where a.status <> 'cancelled' and b.status <> 'cancelled'`));
  return Number(row!.n);
}
