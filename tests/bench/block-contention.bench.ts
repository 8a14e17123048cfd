/**
 * Whether a studio's bookings queue on a shared row: concurrent block inserts in one org, each
 * its own transaction, as a booking's last statement is (the schedule triggers fire as they do for
 * a booking). pgbench runs them on a database migrated by the tree measured; pg_stat_activity is
 * sampled meanwhile for what the clients wait on. Prints; never asserts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/block-contention.bench.ts [seconds=10] [clients=20]
 *
 * BENCH_TREE=/path/to/another/checkout migrates with that checkout's migrations instead (before /
 * after pairs). pgbench and psql must be on PATH.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { repoRoot, load } from './support/api-server.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.argv[3] ?? 20);
const ORG = '0c0c0000-0000-4000-8000-000000000001';
const instructor = (i: number) => `0c0c0000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`;

const script = `\\set i random(1, 1000000000)
\\set s random(0, 19)
begin;
insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
  values ('${ORG}', 'time_off', 'active', ('0c0c0000-0000-4000-8000-0000000001' || lpad(:s::text, 2, '0'))::uuid,
          tstzrange('2030-01-01'::timestamptz + (:i || ' minutes')::interval, '2030-01-01'::timestamptz + (:i || ' minutes')::interval + interval '1 minute'), 'UTC')
  on conflict do nothing;
commit;
`;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${command} exited ${code}:\n${out}`))));
  });
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server');
  const tree = resolve(process.env.BENCH_TREE ?? repoRoot);
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = `block_contention_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const file = join(tmpdir(), `${name}.sql`);
  try {
    // The measured tree's own migrations.
    const { openDatabase } = await import(join(tree, 'server/platform/db/open.ts')) as typeof import('../../server/platform/db/open.ts');
    const opened = await openDatabase({ url: url.toString(), max: 1 });
    await opened.close();
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await db`insert into orgs (id, slug, name, timezone, currency) values (${ORG}, 'contention', 'contention', 'UTC', 'CHF')`;
    for (let i = 0; i < 20; i++) await db`insert into staff (id, org_id, role, name, email, timezone) values (${instructor(i)}, ${ORG}, 'instructor', ${`I${i}`}, ${`i${i}@example.com`}, 'UTC')`;
    writeFileSync(file, script);

    const waits = new Map<string, number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const rows = await db`select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') as w from pg_stat_activity
          where datname = ${name} and application_name = 'pgbench' and state <> 'idle'`;
        for (const r of rows) waits.set(String(r.w), (waits.get(String(r.w)) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const loadBefore = load();
    const out = await run('pgbench', ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'), '-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', file, name]);
    sampling = false;
    await sampler;
    const tps = /tps = ([\d.]+)/.exec(out)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1];
    const [blocks] = await db`select count(*)::int as n from schedule_blocks`;
    await db.end();
    const cpus = os.cpus();
    console.log(`Block inserts in one org — ${CLIENTS} clients × ${SECONDS} s; tree ${tree}; ${cpus.length} × ${cpus[0]?.model ?? '?'}`);
    console.log('');
    console.log('| tps | latency average | blocks written | load average before / after |');
    console.log('|---|---|---|---|');
    console.log(`| ${Number(tps).toFixed(0)} | ${latency} ms | ${blocks!.n} | ${loadBefore} / ${load()} |`);
    console.log('');
    console.log('Wait events of the clients\' backends, sampled every 100 ms: ' + [...waits].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${n}`).join(', '));
  } finally {
    rmSync(file, { force: true });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
