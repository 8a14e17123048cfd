/**
 * How the paced load reaches a server: autocannon's `overallRate` against the open-loop generator
 * (support/open-loop.ts), at the same rate, against the same stand-in server. Prints; never asserts.
 *
 *   npx tsx tests/bench/pacing.bench.ts [rate=300] [seconds=10] [service-ms=1]
 *
 * The stand-in (a child process) answers one request at a time after `service-ms` of busy CPU,
 * like a server with one core's worth of work per request, and records when each request
 * arrived. At 300/s × 1 ms it is 30 % busy: requests spread evenly wait for nothing, and any
 * latency beyond the service time is queueing made by how the requests were sent.
 * Printed per generator: the latency it reports; the arrivals the server saw in the busiest
 * 10 ms and 100 ms of each second (evenly spaced: rate/100 and rate/10); the server's own view of
 * queueing (from arrival to answer); the gaps between arrivals.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runLoad } from './support/load.ts';
import { percentile, runOpenLoop } from './support/open-loop.ts';

const RATE = Number(process.argv[2] ?? 300);
const SECONDS = Number(process.argv[3] ?? 10);
const SERVICE_MS = Number(process.argv[4] ?? 1);

interface Seen { arrivals: number[]; waits: number[] }

/** The stand-in server: serial, `SERVICE_MS` of busy CPU per request; reports what it saw over IPC. */
function serve() {
  const serviceMs = Number(process.env.PACING_SERVICE_MS ?? 1);
  let seen: Seen = { arrivals: [], waits: [] };
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const until = performance.now() + serviceMs;
    while (performance.now() < until) { /* one request's work */ }
    res.end('ok');
    seen.arrivals.push(arrived);
    seen.waits.push(performance.now() - arrived);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
  process.on('message', (m: string) => {
    if (m === 'report') { process.send!({ seen }); seen = { arrivals: [], waits: [] }; }
    if (m === 'stop') server.close(() => process.exit(0));
  });
}

function describeArrivals(seen: Seen) {
  const t0 = seen.arrivals[0] ?? 0;
  const perWindow = (ms: number) => {
    // The busiest window of `ms` (aligned), in each whole second of the run, averaged over the seconds.
    const counts = new Map<number, number>();
    for (const a of seen.arrivals) { const w = Math.floor((a - t0) / ms); counts.set(w, (counts.get(w) ?? 0) + 1); }
    const perSecond = new Map<number, number>();
    for (const [w, n] of counts) { const s = Math.floor((w * ms) / 1000); perSecond.set(s, Math.max(perSecond.get(s) ?? 0, n)); }
    const maxima = [...perSecond.values()];
    return maxima.reduce((a, b) => a + b, 0) / Math.max(1, maxima.length);
  };
  const sorted = [...seen.arrivals].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((a, i) => a - sorted[i]!).sort((a, b) => a - b);
  const waits = [...seen.waits].sort((a, b) => a - b);
  return {
    busiest10ms: perWindow(10), busiest100ms: perWindow(100),
    gapP50: percentile(gaps, 50), gapP99: percentile(gaps, 99),
    serverP50: percentile(waits, 50), serverP99: percentile(waits, 99),
  };
}

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'], env: { ...process.env, PACING_SERVICE_MS: String(SERVICE_MS) } });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const report = () => new Promise<Seen>((resolve) => { child.once('message', (m: { seen: Seen }) => resolve(m.seen)); child.send('report'); });
  const url = `http://127.0.0.1:${port}`;
  const requests = [{ path: '/' }];
  try {
    // warm-up
    await runOpenLoop({ url, requests, rate: RATE, seconds: 2, connections: 20 });
    await report();
    const rows: string[] = [];
    const f = (n: number) => n.toFixed(1);
    const row = (name: string, r: { p50: number; p90: number; p99: number; max: number; perSecond: number }, seen: Seen) => {
      const a = describeArrivals(seen);
      rows.push(`| ${name} | ${r.perSecond.toFixed(0)} | ${r.p50} / ${r.p90} / ${r.p99} / ${r.max} ms | ${f(a.busiest10ms)} | ${f(a.busiest100ms)} | ${f(a.serverP50)} / ${f(a.serverP99)} ms | ${f(a.gapP50)} / ${f(a.gapP99)} ms | ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} |`);
      console.error(rows.at(-1));
    };
    // The generator's own CPU per request (this process): what it needs to keep its schedule.
    const cpuOf = async <T extends { requests: number }>(run: () => Promise<T>) => {
      const c0 = process.cpuUsage();
      const r = await run();
      const c = process.cpuUsage(c0);
      return { r, ms: (c.user + c.system) / 1000 / Math.max(1, r.requests) };
    };
    const ac = await cpuOf(() => runLoad({ url, requests, seconds: SECONDS, connections: 100, overallRate: RATE }));
    row(`autocannon overallRate, 100 connections (its CPU ${ac.ms.toFixed(3)} ms/req)`, ac.r, await report());
    const ol = await cpuOf(() => runOpenLoop({ url, requests, rate: RATE, seconds: SECONDS, connections: 100 }));
    row(`open loop, 100 connections (its CPU ${ol.ms.toFixed(3)} ms/req; send lag p50 ${ol.r.sendLagP50} / p99 ${ol.r.sendLagP99} ms)`, ol.r, await report());
    console.log(`Pacing: ${RATE}/s × ${SECONDS} s against a serial stand-in server with ${SERVICE_MS} ms of CPU per request (${(RATE * SERVICE_MS / 10).toFixed(0)} % busy); Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
    console.log('');
    console.log(`| generator | answered/s | reported p50 / p90 / p99 / max | arrivals in the busiest 10 ms of a second (even: ${f(RATE / 100)}) | … 100 ms (even: ${f(RATE / 10)}) | server: arrival → answer p50 / p99 | gap between arrivals p50 / p99 (even: ${f(1000 / RATE)} ms) | load average |`);
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    child.send('stop');
  }
}

if (process.argv.includes('--serve')) serve();
else await main();
