/**
 * Booking throughput against a real PostgreSQL server. Prints; never asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/booking.bench.ts [seconds=5] [clients=20] [rounds=3]
 *
 * A fresh database on that server (dropped afterwards), the demo data, and a bench program
 * taught by 20 instructors who are open around the clock (30-minute sessions, no buffers,
 * no notice). Each of `clients` concurrent clients books its own instructor's next free
 * slot, one booking after the other: distinct slots, no conflicts, a new customer each time.
 *
 * Stages, each run for `seconds` at the same concurrency, to show where the time goes:
 *   full      POST /v1/embed/bookings through the Hono app (app.request: no socket), as the
 *             widget does: key lookup, validation, idempotency, availability check, writes
 *   service   the booking transaction alone (createBooking in bookingTransaction): no HTTP,
 *             no key lookup, no idempotency row
 *   key       only the publishable-key lookup every embed request starts with
 *   floor     one transaction with the same writes and nothing else (BEGIN, role and
 *             settings, one prepared insert statement, COMMIT): what any booking costs at least
 * For each: bookings/s, latency p50/p95, and CPU per booking in this Node process and in
 * the PostgreSQL server's processes (read from /proc; the server runs on this machine).
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { demoApp, flowKey } from '../support/app.ts';
import { FLOW } from '../../demo/seed/index.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { rows } from '../../server/platform/db/prepared.ts';
import { resolveKey } from '../../server/platform/http/api-keys.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import { bookingTransaction } from '../../server/modules/bookings/transaction.ts';
import { createBooking } from '../../server/modules/bookings/bookings.mutations.ts';
import type { CreateBookingBody } from '../../schema/api/embed-bookings.ts';
import { addBenchProgram, BENCH_INSTRUCTORS, BENCH_PROGRAM, instructorId, overlaps, SLOT_MS } from './support/bench-program.ts';

const SECONDS = Number(process.argv[2] ?? 5);
const CLIENTS = Number(process.argv[3] ?? 20);
const ROUNDS = Number(process.argv[4] ?? 3);
const INSTRUCTORS = BENCH_INSTRUCTORS;
const PROGRAM = BENCH_PROGRAM;
const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-25T08:00:00Z');
const BASE = Date.parse('2026-12-01T00:00:00Z');

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}

const setup = addBenchProgram;

/**
 * CPU time (ms) of the server processes serving this database (its backends, found in
 * pg_stat_activity), from /proc: other databases on the same server (other test runs) do
 * not count. The WAL writer and checkpointer are left out.
 */
let backendPids: string[] = [];
async function findBackends(db: Database): Promise<void> {
  backendPids = rowsOf(await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)).map((r) => String(r.pid));
}
function postgresCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of backendPids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch { /* gone */ }
  }
  return total;
}

interface StageResult { name: string; ops: number; seconds: number; p50: number; p95: number; nodeCpu: number; pgCpu: number }

/** Runs `op(client, n)` in CLIENTS concurrent loops for SECONDS; `counters` carry on across rounds. */
async function stage(name: string, counters: number[], op: (client: number, n: number) => Promise<void>, db: Database): Promise<StageResult> {
  const latencies: number[] = [];
  // warm up (connections, prepared statements, JIT), not counted
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => { for (let i = 0; i < 10; i++) await op(c, counters[c]!++); }));
  await findBackends(db);
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    while (performance.now() < until) {
      const t = performance.now();
      await op(c, counters[c]!++);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pgCpu = postgresCpuMs() - pg0;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { name, ops: latencies.length, seconds, p50: q(0.5), p95: q(0.95), nodeCpu: (cpu.user + cpu.system) / 1000 / latencies.length, pgCpu: pgCpu / latencies.length };
}

async function main() {
  const opened = await freshDatabase({ max: CLIENTS });
  const db = opened.db;
  try {
    const app = await demoApp(db, { now: () => NOW });
    const variant = await setup(db);
    // Each stage books its own days, so stages never meet: stage s uses days [s*400, s*400+400).
    const startOf = (stageIndex: number, n: number) => BASE + (stageIndex * 400 + Math.floor(n / 48)) * DAY_MS + (n % 48) * SLOT_MS;
    const body = (stageIndex: number, client: number, n: number): CreateBookingBody => ({
      program: 'bench', variant, instructor: instructorId(client % INSTRUCTORS),
      customer: { name: 'Bench Customer', email: `s${stageIndex}-c${client}-${n}@bench.example`, locale: 'en' },
      sessions: { mode: 'explicit', starts: [new Date(startOf(stageIndex, n)).toISOString()] },
      intake: {},
    });

    const ops: [string, (c: number, n: number) => Promise<void>][] = [];
    ops.push(['full', async (c, n) => {
      const res = await app.request('/v1/embed/bookings', {
        method: 'POST', headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body(0, c, n)),
      }, { incoming: { socket: { remoteAddress: `198.51.100.${c + 1}`, remotePort: 40000, remoteFamily: 'IPv4' } } }); // each client its own address, as 20 visitors
      if (res.status !== 201) throw new Error(`full: ${res.status} ${await res.text()}`);
    }]);
    ops.push(['service', async (c, n) => {
      const b = body(1, c, n);
      await bookingTransaction(db, { orgId: FLOW.org, role: 'anonymous' }, (tx) => createBooking(tx, { orgId: FLOW.org, body: b, now: NOW }));
    }]);
    ops.push(['key', async () => {
      if (!(await resolveKey(db, 'pk_test_flow'))) throw new Error('key');
    }]);
    const [customer] = rowsOf(await db.execute(sql`select id from customers where org_id = ${FLOW.org} limit 1`));
    ops.push(['floor', async (c, n) => {
      const start = startOf(3, n);
      const session = randomUUID();
      await withSystem(db, FLOW.org, 'test setup', (tx) => rows(tx, sql`
        with b as (
          insert into program_bookings (org_id, program_id, variant_id, customer_id, instructor_id, currency, total_price, sessions_count, client_token_hash, hold_expires_at)
          values (${FLOW.org}::uuid, ${PROGRAM}::uuid, ${variant}::uuid, ${customer!.id}::uuid, ${instructorId(c % INSTRUCTORS)}::uuid, 'CHF', 5000, 1, 'x', ${new Date(NOW.getTime() + 900_000).toISOString()}::timestamptz)
          returning id
        ), s as (
          insert into program_sessions (id, org_id, booking_id, seq, starts_at, ends_at, timezone)
          select ${session}::uuid, ${FLOW.org}::uuid, id, 1, ${new Date(start).toISOString()}::timestamptz, ${new Date(start + SLOT_MS).toISOString()}::timestamptz, 'Europe/Zurich' from b
        )
        insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone, hold_expires_at, session_id)
        values (${FLOW.org}::uuid, 'session', 'held', ${instructorId(c % INSTRUCTORS)}::uuid,
                tstzrange(${new Date(start).toISOString()}::timestamptz, ${new Date(start + SLOT_MS).toISOString()}::timestamptz, '[)'), 'Europe/Zurich',
                ${new Date(NOW.getTime() + 900_000).toISOString()}::timestamptz, ${session}::uuid)`));
    }]);

    // ROUNDS rounds of every stage, interleaved: the machine may be shared, so each stage's
    // best round is the figure least disturbed by others; the median is printed beside it.
    const counters = ops.map(() => Array.from({ length: CLIENTS }, () => 0));
    const rounds: StageResult[][] = ops.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [name, op]] of ops.entries()) rounds[i]!.push(await stage(name, counters[i]!, op, db));
    }

    const overlapping = await overlaps(db);

    const cpus = os.cpus();
    const [version] = rowsOf(await db.execute(sql`select current_setting('server_version') as v`));
    console.log(`Booking throughput — ${CLIENTS} concurrent clients, ${ROUNDS} rounds × ${SECONDS} s per stage, pool ${CLIENTS} connections`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}, PostgreSQL ${String(version!.v)} on the same machine; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('');
    console.log('| stage | per second (best round) | per second (median) | p50 | p95 | Node CPU / op | PostgreSQL CPU / op |');
    console.log('|---|---|---|---|---|---|---|');
    for (const results of rounds) {
      const rate = (r: StageResult) => r.ops / r.seconds;
      const sorted = [...results].sort((a, b) => rate(b) - rate(a));
      const best = sorted[0]!;
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.log(`| ${best.name} | ${Math.round(rate(best))} | ${Math.round(rate(median))} | ${best.p50.toFixed(1)} ms | ${best.p95.toFixed(1)} ms | ${best.nodeCpu.toFixed(2)} ms | ${best.pgCpu.toFixed(2)} ms |`);
    }
    console.log('');
    console.log(`Overlapping live blocks afterwards: ${overlapping} (must be 0).`);
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
