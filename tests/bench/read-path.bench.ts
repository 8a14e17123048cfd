/**
 * The embed API's read path under load, over real sockets. Prints; never asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/read-path.bench.ts [seconds=10] [rounds=2] [open-seconds=30] [rate=300]
 *   (without DATABASE_URL: PGlite)
 *
 * The API runs as its own process (tests/bench/support/api-server.ts) over the demo data;
 * autocannon runs in this one, on loopback. Stages, interleaved over `rounds`:
 *   health     GET /health: one `select 1` through the same server and pool (the baseline: what
 *              any request that asks the database once costs at least)
 *   program    GET /v1/embed/programs/reiki
 *   program 304  the same with If-None-Match: the ETag of the last answer
 *   slots      GET …/reiki/slots for a month (31 days from tomorrow, Europe/Zurich)
 * each closed loop (20 connections, each sending its next request when the last answered): the
 * most the machine serves. Then program and slots paced at `rate` requests a second for
 * `open-seconds`, open loop (support/open-loop.ts: request i due at start + i/rate, over up to 100
 * keep-alive connections, its latency counted from that intended time): the latency a page sees at
 * that rate. (autocannon's overallRate was used before: it gives each connection rate/connections
 * requests per second, sent back to back when its one-second tick comes, so the server saw bursts;
 * tests/bench/pacing.bench.ts shows the difference.)
 * Every request sends `Accept-Encoding: br, gzip` as browsers do. Printed per stage: requests a
 * second, latency, the API process's CPU per request, the ratio to `health` of the same round,
 * and the load average of the machine.
 */
import os from 'node:os';
import { startApi, serverKind, flowKey, load, dateOf, type RunningApi } from './support/api-server.ts';
import { probe, runLoad, type LoadRequest, type LoadResult } from './support/load.ts';
import { runOpenLoop, type OpenLoopResult } from './support/open-loop.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 2);
const OPEN_SECONDS = Number(process.argv[4] ?? 30);
const RATE = Number(process.argv[5] ?? 300);
const CONNECTIONS = 20;

interface Row { stage: string; round: number; result: LoadResult; cpuPerRequest: number; load: string }

async function measure(api: RunningApi, stage: string, round: number, requests: LoadRequest[], o: { seconds: number; connections: number; overallRate?: number; okStatuses?: number[] }): Promise<Row> {
  const cpu0 = api.cpuMs();
  const result = await runLoad({ url: api.url, requests, ...o });
  const cpuPerRequest = (api.cpuMs() - cpu0) / Math.max(1, result.requests);
  const row = { stage, round, result, cpuPerRequest, load: load() };
  console.error(`  ${stage} (round ${round}): ${result.perSecond.toFixed(0)}/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.notOk} not ok, ${result.errors} errors, load ${row.load}`);
  return row;
}

async function main() {
  console.error(`Starting the API (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})…`);
  const api = await startApi();
  try {
    const encoding = { 'accept-encoding': 'br, gzip' };
    const headers = { ...flowKey, ...encoding };
    const from = dateOf(Date.now() + 86_400_000);
    const to = dateOf(Date.now() + 31 * 86_400_000);
    const slotsPath = `/v1/embed/programs/reiki/slots?from=${from}&to=${to}&tz=Europe/Zurich`;

    // What one answer is on the wire, and whether the program answers with an ETag.
    const program = await probe(`${api.url}/v1/embed/programs/reiki`, headers);
    const programPlain = await probe(`${api.url}/v1/embed/programs/reiki`, flowKey);
    const slots = await probe(`${api.url}${slotsPath}`, headers);
    const slotsPlain = await probe(`${api.url}${slotsPath}`, flowKey);
    const etag = typeof program.headers.etag === 'string' ? program.headers.etag : undefined;
    const notModified = etag ? await probe(`${api.url}/v1/embed/programs/reiki`, { ...headers, 'if-none-match': etag }) : undefined;

    const stages: [string, LoadRequest[], number[]][] = [
      ['health', [{ path: '/health', headers: encoding }], []],
      ['program', [{ path: '/v1/embed/programs/reiki', headers }], []],
      ...(etag ? [['program 304', [{ path: '/v1/embed/programs/reiki', headers: { ...headers, 'if-none-match': etag } }], [304]] as [string, LoadRequest[], number[]]] : []),
      ['slots (month)', [{ path: slotsPath, headers }], []],
    ];
    // warm-up: connections, prepared statements, JIT
    for (const [, requests] of stages) await runLoad({ url: api.url, requests, seconds: 2, connections: CONNECTIONS });

    const rows: Row[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [stage, requests, okStatuses] of stages) rows.push(await measure(api, stage, round, requests, { seconds: SECONDS, connections: CONNECTIONS, okStatuses }));
    }
    const paced: { stage: string; result: OpenLoopResult; cpuPerRequest: number; load: string }[] = [];
    for (const [stage, requests] of stages.filter(([s]) => s === 'program' || s.startsWith('slots'))) {
      const cpu0 = api.cpuMs();
      const result = await runOpenLoop({ url: api.url, requests, rate: RATE, seconds: OPEN_SECONDS, connections: 100 });
      const row = { stage: `${stage} at ${RATE}/s`, result, cpuPerRequest: (api.cpuMs() - cpu0) / Math.max(1, result.requests), load: load() };
      console.error(`  ${row.stage}: p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, send lag p99 ${result.sendLagP99} ms, load ${row.load}`);
      paced.push(row);
    }

    const cpus = os.cpus();
    console.log(`Read path — ${api.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}; closed loop ${CONNECTIONS} connections × ${SECONDS} s × ${ROUNDS} rounds; paced ${RATE}/s × ${OPEN_SECONDS} s`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}; tree ${api.tree} (${serverKind(api.tree)}); load average at the end ${load()}`);
    console.log('');
    console.log(`One answer on the wire (br/gzip as a browser asks; plain in brackets): program ${program.wireBytes} B (${programPlain.wireBytes} B, ${program.headers['content-encoding'] ?? 'identity'}), `
      + `a month of slots ${slots.wireBytes} B (${slotsPlain.wireBytes} B, ${slots.headers['content-encoding'] ?? 'identity'}); `
      + `ETag: ${etag ?? 'none'}${notModified ? `, If-None-Match answers ${notModified.status}` : ''}; Cache-Control: ${String(program.headers['cache-control'] ?? 'none')}`);
    console.log('');
    console.log('| stage | round | req/s | ÷ health | p50 | p90 | p99 | API CPU / req | not ok | load average (1, 5, 15 min) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const health = rows.find((h) => h.stage === 'health' && h.round === r.round)!;
      console.log(`| ${r.stage} | ${r.round} | ${r.result.perSecond.toFixed(0)} | ${(r.result.perSecond / health.result.perSecond).toFixed(2)} | ${r.result.p50} ms | ${r.result.p90} ms | ${r.result.p99} ms | ${r.cpuPerRequest.toFixed(2)} ms | ${r.result.notOk + r.result.errors} | ${r.load} |`);
    }
    console.log('');
    console.log('Paced, open loop: latency from each request\'s intended send time to its answer\'s last byte; send lag: how late the generator itself wrote requests.');
    console.log('');
    console.log('| paced (open loop) | answered/s | p50 | p90 | p99 | max | send lag p50 / p99 | API CPU / req | not ok | load average |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of paced) console.log(`| ${r.stage} | ${r.result.perSecond.toFixed(0)} | ${r.result.p50} ms | ${r.result.p90} ms | ${r.result.p99} ms | ${r.result.max} ms | ${r.result.sendLagP50} / ${r.result.sendLagP99} ms | ${r.cpuPerRequest.toFixed(2)} ms | ${r.result.notOk + r.result.errors} | ${r.load} |`);
    console.log('');
    console.log('Best rounds: ' + [...new Set(rows.map((r) => r.stage))].map((s) => `${s} ${Math.max(...rows.filter((r) => r.stage === s).map((r) => r.result.perSecond)).toFixed(0)}/s`).join(', '));
  } finally {
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
