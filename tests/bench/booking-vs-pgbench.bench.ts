/**
 * Bookings through the HTTP API against PostgreSQL's own rate for the same five-statement
 * transaction (pgbench running shared/bench/booking.sql), interleaved in one run. Prints; never
 * asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/booking-vs-pgbench.bench.ts [seconds=15] [rounds=3] [clients=20]
 *
 * BENCH_SQL_DIR: where booking.sql and schema.sql are (default: ../shared/bench beside the
 * repository, else /work/shared/bench). pgbench and psql must be on PATH.
 *
 * The API runs as its own process (tests/bench/support/api-server.ts) over the demo data plus a
 * program whose 20 instructors are open around the clock; `clients` connections each POST
 * /v1/embed/bookings one after the other (autocannon), every request a new visitor (its own
 * X-Forwarded-For), a new customer, its own Idempotency-Key and a slot nobody else asks for.
 * Rounds alternate pgbench (`-c clients -j 2 -T seconds`) and the API on the same server; each
 * round prints the API's bookings/s ÷ pgbench's tps of the round before it, with the load
 * average. Afterwards: overlapping live blocks (must be 0), and 200 concurrent bookings of one
 * slot (exactly one 201, 199 × 409 slot_taken).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { openDatabase } from '../../server/platform/db/open.ts';
import { startApi, serverKind, flowKey, load, repoRoot, type RunningApi } from './support/api-server.ts';
import { runLoad } from './support/load.ts';
import { addBenchProgram, BENCH_INSTRUCTORS, instructorId, overlaps, SLOT_MS } from './support/bench-program.ts';

const SECONDS = Number(process.argv[2] ?? 15);
const ROUNDS = Number(process.argv[3] ?? 3);
const CLIENTS = Number(process.argv[4] ?? 20);
const DAY_MS = 86_400_000;

const sqlDir = [process.env.BENCH_SQL_DIR, resolve(repoRoot, '../shared/bench'), '/work/shared/bench'].find((d) => d && existsSync(resolve(d, 'booking.sql')));

function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

interface Round { round: number; pgbenchTps: number; pgbenchLoad: string; api: number; apiP50: number; apiP99: number; apiNotOk: number; apiLoad: string; apiCpuMs: number }

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test');
  if (!sqlDir) throw new Error('booking.sql not found: set BENCH_SQL_DIR to the folder of booking.sql and schema.sql');
  const server = new URL(process.env.DATABASE_URL);
  const pgArgs = ['-h', server.hostname, '-p', server.port || '5432', '-U', decodeURIComponent(server.username || 'postgres')];
  const pgbenchDb = `pgbench_booking_${process.pid}_${randomBytes(3).toString('hex')}`;
  await run('psql', [...pgArgs, '-d', server.pathname.slice(1) || 'postgres', '-qc', `create database ${pgbenchDb}`]);
  let api: RunningApi | undefined;
  try {
    await run('psql', [...pgArgs, '-d', pgbenchDb, '-q', '-f', resolve(sqlDir, 'schema.sql')]);
    console.error('Starting the API…');
    api = await startApi({ postgres: true });
    const opened = await openDatabase({ url: api.databaseUrl, max: 2 });
    const variant = await addBenchProgram(opened.db);

    // Slots no one else asks for: booking n goes to instructor n mod 20, the (n div 20)-th half hour from BASE.
    const BASE = Math.ceil(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
    let n = 0;
    const nextBooking = () => {
      const i = n++;
      const start = BASE + Math.floor(i / BENCH_INSTRUCTORS) * SLOT_MS;
      return {
        headers: { ...flowKey, 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({
          program: 'bench', variant, instructor: instructorId(i % BENCH_INSTRUCTORS),
          customer: { name: 'Bench Customer', email: `b${i}-${process.pid}@bench.example`, locale: 'en' },
          sessions: { mode: 'explicit', starts: [new Date(start).toISOString()] },
        }),
      };
    };
    const bookings = [{ method: 'POST', path: '/v1/embed/bookings', setupRequest: (req: { path: string }) => ({ ...req, method: 'POST', ...nextBooking() }) }];
    const pgbench = async () => {
      const out = await run('pgbench', [...pgArgs, '-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', resolve(sqlDir, 'booking.sql'), pgbenchDb]);
      const tps = /tps = ([0-9.]+)/.exec(out);
      if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
      return Number(tps[1]);
    };

    // warm-up of both (connections, prepared statements, JIT), not counted
    await runLoad({ url: api.url, requests: bookings, seconds: 3, connections: CLIENTS });
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const pgbenchTps = await pgbench();
      const pgbenchLoad = load();
      const cpu0 = api.cpuMs();
      const r = await runLoad({ url: api.url, requests: bookings, seconds: SECONDS, connections: CLIENTS });
      const row: Round = { round, pgbenchTps, pgbenchLoad, api: r.ok / r.seconds, apiP50: r.p50, apiP99: r.p99, apiNotOk: r.notOk + r.errors, apiLoad: load(), apiCpuMs: (api.cpuMs() - cpu0) / Math.max(1, r.requests) };
      rounds.push(row);
      console.error(`  round ${round}: pgbench ${pgbenchTps.toFixed(0)} tps (load ${pgbenchLoad}), API ${row.api.toFixed(0)} bookings/s (load ${row.apiLoad}), ${row.apiNotOk} not 201 ${JSON.stringify(r.statuses)}`);
    }

    // 200 concurrent attempts at one slot, from 200 visitors.
    const contested = new Date(BASE - DAY_MS / 2).toISOString();
    const attempts = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(`${api!.url}/v1/embed/bookings`, {
      method: 'POST',
      headers: { ...flowKey, 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': `192.0.2.${i % 250}`  },
      body: JSON.stringify({ program: 'bench', variant, instructor: instructorId(0), customer: { name: 'Race', email: `race${i}-${process.pid}@bench.example`, locale: 'en' }, sessions: { mode: 'explicit', starts: [contested] } }),
    }).then(async (res) => ({ status: res.status, code: res.status === 201 ? 'created' : ((await res.json()) as { code?: string }).code }))));
    const count = (status: number, code?: string) => attempts.filter((a) => a.status === status && (!code || a.code === code)).length;
    const overlapping = await overlaps(opened.db);
    await opened.close();

    const cpus = os.cpus();
    const ratios = rounds.map((r) => r.api / r.pgbenchTps).sort((a, b) => a - b);
    console.log(`Bookings through HTTP vs pgbench (${sqlDir}/booking.sql) — ${CLIENTS} clients, ${ROUNDS} rounds × ${SECONDS} s each, interleaved`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}; tree ${api.tree} (${serverKind(api.tree)}); load average at the end ${load()}`);
    console.log('');
    console.log('| round | pgbench tps | load average | API bookings/s | load average | API ÷ pgbench | API p50 | API p99 | API CPU / booking | not 201 |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rounds) {
      console.log(`| ${r.round} | ${r.pgbenchTps.toFixed(0)} | ${r.pgbenchLoad} | ${r.api.toFixed(0)} | ${r.apiLoad} | ${(r.api / r.pgbenchTps).toFixed(3)} | ${r.apiP50} ms | ${r.apiP99} ms | ${r.apiCpuMs.toFixed(2)} ms | ${r.apiNotOk} |`);
    }
    console.log('');
    console.log(`API ÷ pgbench: median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}, best ${ratios.at(-1)!.toFixed(3)}.`);
    console.log(`Overlapping live blocks afterwards: ${overlapping} (must be 0).`);
    console.log(`200 concurrent bookings of one slot: ${count(201)} × 201, ${count(409, 'slot_taken')} × 409 slot_taken, ${200 - count(201) - count(409, 'slot_taken')} other (must be 1, 199, 0).`);
  } finally {
    await api?.stop();
    await run('psql', [...pgArgs, '-d', server.pathname.slice(1) || 'postgres', '-qc', `drop database if exists ${pgbenchDb} with (force)`]).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
