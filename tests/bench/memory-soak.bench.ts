/**
 * The API's memory under minutes of mixed load. Prints; never asserts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/memory-soak.bench.ts [seconds=300] [connections=20]
 *   npx tsx tests/bench/memory-soak.bench.ts [seconds] [connections]      (PGlite: without DATABASE_URL)
 *
 * The API runs as its own process (tests/bench/support/api-server.ts); `connections` clients
 * each repeat a page's requests in turn for `seconds`: the program (fresh, and revalidated with
 * If-None-Match), a month of slots in Zurich and in New York, a week of another program's
 * slots, and a booking of the bench program (a new visitor and customer each time). The
 * server's resident memory (VmRSS) is sampled every 5 s; printed: at start, peak, at the end,
 * and the baseline of the same process idle after start-up, with the load average.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../server/platform/db/open.ts';
import { startApi, serverKind, flowKey, load, dateOf } from './support/api-server.ts';
import { probe, runLoad, type LoadRequest } from './support/load.ts';
import { addBenchProgram, BENCH_INSTRUCTORS, instructorId, SLOT_MS } from './support/bench-program.ts';

const SECONDS = Number(process.argv[2] ?? 300);
const CONNECTIONS = Number(process.argv[3] ?? 20);
const DAY_MS = 86_400_000;

async function main() {
  const api = await startApi();
  try {
    const opened = await openDatabase({ url: api.databaseUrl, dataDir: undefined, max: 1 }).catch(() => undefined);
    // PGlite is one process's: the bench program is added only on PostgreSQL; on PGlite the bookings go to Reiki's demo hours.
    const variant = api.kind === 'postgres' && opened ? await addBenchProgram(opened.db) : undefined;
    await opened?.close();
    const idle = api.rssMb();
    const encoding = { 'accept-encoding': 'br, gzip' };
    const headers = { ...flowKey, ...encoding };
    const from = dateOf(Date.now() + DAY_MS);
    const month = dateOf(Date.now() + 31 * DAY_MS);
    const week = dateOf(Date.now() + 7 * DAY_MS);
    const etag = String((await probe(`${api.url}/v1/embed/programs/reiki`, headers)).headers.etag ?? '"none"');
    const BASE = Math.ceil(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
    let n = 0;
    const booking = (): Partial<LoadRequest> => {
      const i = n++;
      return {
        method: 'POST',
        headers: { ...flowKey, 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({
          program: 'bench', variant, instructor: instructorId(i % BENCH_INSTRUCTORS),
          customer: { name: 'Soak', email: `soak${i}-${process.pid}@bench.example`, locale: 'en' },
          sessions: { mode: 'explicit', starts: [new Date(BASE + Math.floor(i / BENCH_INSTRUCTORS) * SLOT_MS).toISOString()] },
        }),
      };
    };
    const requests: LoadRequest[] = [
      { path: '/v1/embed/programs/reiki', headers },
      { path: '/v1/embed/programs/reiki', headers: { ...headers, 'if-none-match': etag } },
      { path: `/v1/embed/programs/reiki/slots?from=${from}&to=${month}&tz=Europe/Zurich`, headers },
      { path: `/v1/embed/programs/reiki/slots?from=${from}&to=${month}&tz=America/New_York`, headers },
      { path: `/v1/embed/programs/evolve/slots?from=${from}&to=${week}&tz=Europe/Zurich`, headers },
      { path: '/v1/embed/programs', headers },
      ...(variant ? [{ method: 'POST', path: '/v1/embed/bookings', setupRequest: (req: LoadRequest) => ({ ...req, ...booking() }) } as LoadRequest] : []),
    ];
    const samples: { at: number; rss: number; load: string }[] = [{ at: 0, rss: api.rssMb(), load: load() }];
    const started = Date.now();
    const timer = setInterval(() => samples.push({ at: (Date.now() - started) / 1000, rss: api.rssMb(), load: load() }), 5_000);
    const result = await runLoad({ url: api.url, requests, seconds: SECONDS, connections: CONNECTIONS, okStatuses: [304] });
    clearInterval(timer);
    samples.push({ at: (Date.now() - started) / 1000, rss: api.rssMb(), load: load() });
    const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
    const cpus = os.cpus();
    console.log(`Memory soak — ${api.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}; ${CONNECTIONS} connections × ${SECONDS} s of mixed requests (${requests.length} kinds in turn)`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}; tree ${api.tree} (${serverKind(api.tree)}); load average at the end ${load()}`);
    console.log('');
    console.log(`Requests: ${result.requests} (${result.perSecond.toFixed(0)}/s), not ok ${result.notOk + result.errors} ${JSON.stringify(result.statuses)}; p50 ${result.p50} ms, p99 ${result.p99} ms`);
    console.log(`API RSS: idle after start ${idle.toFixed(0)} MB; peak ${peak.rss.toFixed(0)} MB at ${peak.at.toFixed(0)} s (load ${peak.load}); at the end ${samples.at(-1)!.rss.toFixed(0)} MB (load ${samples.at(-1)!.load})`);
    console.log('RSS every minute (MB): ' + samples.filter((s, i) => i === 0 || Math.floor(s.at / 60) !== Math.floor(samples[i - 1]!.at / 60)).map((s) => `${s.at.toFixed(0)} s ${s.rss.toFixed(0)}`).join(', '));
  } finally {
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
