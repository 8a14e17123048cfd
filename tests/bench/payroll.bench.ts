/**
 * Computing a payroll period for a large studio, against a real PostgreSQL server. Prints; never
 * asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/payroll.bench.ts [instructors=50] [sessions=20000]
 *
 * A fresh database (dropped afterwards) with the demo data, then `instructors` instructors with a
 * rule each (percent, per session with bounds, flat: one in three each) and `sessions` sessions
 * delivered in December 2026, four per booking (EVOLVE 4-packs, CHF 580 each with 8.1 % VAT),
 * one in ten a no-show; one booking in twenty has a refund with the credit note documenting it. Stages:
 *   compute     every booking's earnings job, one after the other (one transaction each, as the
 *               job runs it): writes the originals and opens the period
 *   recompute   the same again: the facts unchanged, nothing is written (the idempotent path)
 *   list        GET /v1/admin/payroll/periods (totals per instructor; the current period, January, is there too)
 *   detail      GET /v1/admin/payroll/periods/:id of December (every line, per instructor)
 *   csv         GET …/export.csv
 *   pdf         one instructor's statement PDF
 * For each: wall time, this process's CPU time, its resident memory (peak sampled every 20 ms),
 * the heap after, and the machine's 1-minute load average (the machine is shared: wall time follows it).
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { demoApp } from '../support/app.ts';
import { FLOW } from '../../demo/seed/index.ts';
import { computeEarningsNow } from '../../server/modules/payroll/index.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';

const INSTRUCTORS = Number(process.argv[2] ?? 50);
const SESSIONS = Number(process.argv[3] ?? 20_000);
const PER_BOOKING = 4;
const BOOKINGS = Math.ceil(SESSIONS / PER_BOOKING);
const NOW = new Date('2027-01-02T09:00:00Z');

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  global.gc?.();
  peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`${name.padEnd(10)} ${ms.toFixed(0).padStart(7)} ms   node cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms   peak rss ${mb(peak).padStart(7)}   heap after ${mb(process.memoryUsage().heapUsed).padStart(6)}   load ${os.loadavg()[0]!.toFixed(1)}`);
  return out;
}

const db = await freshDatabase();
try {
  const app = await demoApp(db.db, { now: () => NOW });
  const [variant] = rowsOf(await db.db.execute(sql`select id from program_variants where program_id = ${FLOW.evolve} order by sort_order limit 1`));
  const variantId = String(variant!.id);
  const t0 = performance.now();
  // Bulk data with the owner handle (no policies): instructors, their rules, customers, bookings, orders, sessions, refunds.
  await db.db.execute(sql`
    insert into staff (id, org_id, role, name, email, timezone)
    select ('0f1a0000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${FLOW.org}, 'instructor', 'Bench instructor ' || i, 'bench' || i || '@studioflow.example', 'Europe/Zurich'
    from generate_series(1, ${INSTRUCTORS}) i`);
  await db.db.execute(sql`insert into payroll_settings (org_id, period_kind, no_show_share_bp, late_cancel_share_bp, currency) values (${FLOW.org}, 'monthly', 5000, 0, 'CHF')`);
  await db.db.execute(sql`
    insert into payroll_rules (org_id, staff_id, kind, value, currency, min_amount, max_amount, valid_from)
    select ${FLOW.org}, ('0f1a0000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
      (array['percent', 'per_session', 'flat'])[i % 3 + 1], (array[4000, 6000, 25000])[i % 3 + 1], 'CHF',
      case when i % 3 = 1 then 5000 end, case when i % 3 = 1 then 9000 end, '2026-01-01'
    from generate_series(1, ${INSTRUCTORS}) i`);
  await db.db.execute(sql`
    insert into customers (id, org_id, name, email)
    select ('0f1a0000-0000-4000-9000-' || lpad(to_hex(b), 12, '0'))::uuid, ${FLOW.org}, 'Bench customer ' || b, 'c' || b || '@bench.example'
    from generate_series(1, ${BOOKINGS}) b`);
  await db.db.execute(sql`
    insert into program_bookings (id, org_id, program_id, variant_id, customer_id, instructor_id, status, currency, total_price, sessions_count, client_token_hash)
    select ('0f1a0000-0000-4000-a000-' || lpad(to_hex(b), 12, '0'))::uuid, ${FLOW.org}, ${FLOW.evolve}, ${variantId},
      ('0f1a0000-0000-4000-9000-' || lpad(to_hex(b), 12, '0'))::uuid, ('0f1a0000-0000-4000-8000-' || lpad(to_hex(b % ${INSTRUCTORS} + 1), 12, '0'))::uuid,
      'completed', 'CHF', 58000, ${PER_BOOKING}, 'bench-' || b
    from generate_series(1, ${BOOKINGS}) b`);
  await db.db.execute(sql`
    insert into orders (id, org_id, customer_id, booking_id, status, currency, subtotal, vat_total, total, amount_paid)
    select ('0f1a0000-0000-4000-b000-' || lpad(to_hex(b), 12, '0'))::uuid, ${FLOW.org}, ('0f1a0000-0000-4000-9000-' || lpad(to_hex(b), 12, '0'))::uuid,
      ('0f1a0000-0000-4000-a000-' || lpad(to_hex(b), 12, '0'))::uuid, 'paid', 'CHF', 58000, 4346, 58000, 58000
    from generate_series(1, ${BOOKINGS}) b`);
  await db.db.execute(sql`update program_bookings set order_id = ('0f1a0000-0000-4000-b000-' || right(id::text, 12))::uuid where org_id = ${FLOW.org} and client_token_hash like 'bench-%'`);
  await db.db.execute(sql`
    insert into order_items (org_id, order_id, description, unit_price, amount, vat_rate_bp, vat_amount, currency, program_id, variant_id)
    select ${FLOW.org}, ('0f1a0000-0000-4000-b000-' || lpad(to_hex(b), 12, '0'))::uuid, 'EVOLVE 4-session pack', 58000, 58000, 810, 4346, 'CHF', ${FLOW.evolve}, ${variantId}
    from generate_series(1, ${BOOKINGS}) b`);
  await db.db.execute(sql`
    insert into program_sessions (org_id, booking_id, seq, starts_at, ends_at, timezone, status)
    select ${FLOW.org}, ('0f1a0000-0000-4000-a000-' || lpad(to_hex(b), 12, '0'))::uuid, s,
      timestamptz '2026-12-01 07:00:00+00' + ((b * 7 + s * 6) % 30) * interval '1 day' + (b % 8) * interval '1 hour',
      timestamptz '2026-12-01 08:00:00+00' + ((b * 7 + s * 6) % 30) * interval '1 day' + (b % 8) * interval '1 hour',
      'Europe/Zurich', case when (b + s) % 10 = 0 then 'no_show'::session_status else 'completed'::session_status end
    from generate_series(1, ${BOOKINGS}) b, generate_series(1, ${PER_BOOKING}) s`);
  await db.db.execute(sql`
    insert into refunds (org_id, order_id, booking_id, amount, currency, reason, status, kind)
    select ${FLOW.org}, ('0f1a0000-0000-4000-b000-' || lpad(to_hex(b), 12, '0'))::uuid, ('0f1a0000-0000-4000-a000-' || lpad(to_hex(b), 12, '0'))::uuid,
      7250, 'CHF', 'goodwill', 'succeeded', 'provider'
    from generate_series(20, ${BOOKINGS}, 20) b`);
  // Each refund's credit note, as a settlement issues it (payroll reads the order's notes for what they wrote off: here nothing).
  await db.db.execute(sql`
    insert into credit_notes (org_id, order_id, number, currency, total, vat_total, reason, snapshot)
    select ${FLOW.org}, ('0f1a0000-0000-4000-b000-' || lpad(to_hex(b), 12, '0'))::uuid, 100000 + b, 'CHF', 7250, 543, 'refund after staff cancellation', jsonb_build_object('refund', 7250)
    from generate_series(20, ${BOOKINGS}, 20) b`);
  await db.db.execute(sql`analyze`);
  console.log(`${INSTRUCTORS} instructors, ${BOOKINGS} bookings, ${BOOKINGS * PER_BOOKING} sessions (data in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);

  const ids = rowsOf(await db.db.execute(sql`select id from program_bookings where client_token_hash like 'bench-%' order by id`)).map((r) => String(r.id));
  const written = await stage('compute', async () => {
    let n = 0;
    for (const bookingId of ids) n += (await computeEarningsNow(db.db, { orgId: FLOW.org, bookingId, cause: 'bench' }, NOW)).originals;
    return n;
  });
  const again = await stage('recompute', async () => {
    let n = 0;
    for (const bookingId of ids) { const w = await computeEarningsNow(db.db, { orgId: FLOW.org, bookingId, cause: 'bench' }, NOW); n += w.originals + w.adjustments; }
    return n;
  });
  const sk = { Authorization: 'Bearer sk_test_flow' };
  const periods = await stage('list', async () => (await (await app.request('/v1/admin/payroll/periods', { headers: sk })).json()) as { periods: { id: string; starts_on: string; totals: unknown[] }[] });
  // The list always has the current period (January, open and empty) first: December is the one computed.
  const period = periods.periods.find((p) => p.starts_on === '2026-12-01')!;
  const detail = await stage('detail', async () => (await (await app.request(`/v1/admin/payroll/periods/${period.id}`, { headers: sk })).json()) as { instructors: { staff_id: string; sessions: unknown[] }[] });
  const csv = await stage('csv', async () => (await app.request(`/v1/admin/payroll/periods/${period.id}/export.csv`, { headers: sk })).text());
  const pdf = await stage('pdf', async () => (await app.request(`/v1/admin/payroll/periods/${period.id}/statements/${detail.instructors[0]!.staff_id}.pdf`, { headers: sk })).arrayBuffer());
  console.log(`\nearnings written ${written}, on recompute ${again}; ${periods.periods.length} periods, December with ${period.totals.length} instructor totals; `
    + `${detail.instructors.reduce((a, i) => a + i.sessions.length, 0)} session lines; CSV ${csv.split('\r\n').length - 2} lines, ${(csv.length / 1024).toFixed(0)} KB; PDF ${(pdf.byteLength / 1024).toFixed(0)} KB`);
} finally {
  clearInterval(sampler);
  await db.close();
}
