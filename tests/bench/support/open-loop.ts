/**
 * An open-loop load generator: request i is due at start + i / rate, whatever happened to the
 * requests before it, and its latency is counted from that intended time, not from when it left
 * (a request that waited for a free connection, or for a late timer, waited as a visitor would:
 * no coordinated omission). Requests go over a pool of keep-alive connections (node:http Agent);
 * when all are busy a request queues for the next one, and that wait is in its latency.
 *
 * Printed beside the latency: how late the generator itself sent (the gap between a request's
 * intended time and its write), so a loaded machine's timer lag is seen and not taken for the server.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LoadRequest } from './load.ts';

export interface OpenLoopResult {
  /** Requests due in the run (rate × seconds), all sent. */
  requests: number;
  /** Answered requests per second of the run, the tail included. */
  perSecond: number;
  seconds: number;
  /** Latency from the intended send time to the answer's last byte, ms. */
  p50: number; p90: number; p99: number; max: number;
  /** How late the generator wrote requests after their intended time, ms. */
  sendLagP50: number; sendLagP99: number;
  ok: number; notOk: number; errors: number;
  statuses: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function runOpenLoop(o: {
  url: string; requests: LoadRequest[]; rate: number; seconds: number; connections: number;
  /** Answers that count as fine besides 2xx (e.g. 304). */
  okStatuses?: number[];
  /** Called with each request's intended time (ms, performance.now clock) as it is written. */
  onSend?: (intended: number, sent: number) => void;
}): Promise<OpenLoopResult> {
  const base = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections });
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const latencies: number[] = [];
  const lags: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let settled = 0;
  let next = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => { finish = resolve; });
  const start = performance.now() + 20;

  const send = (i: number) => {
    const intended = start + i * interval;
    const spec = o.requests[i % o.requests.length]!;
    const r = spec.setupRequest ? spec.setupRequest({ ...spec }) : spec;
    const req = request({
      host: base.hostname, port: base.port, path: r.path, method: r.method ?? 'GET', agent,
      headers: { ...(r.headers ?? {}), ...(r.body ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}) },
    }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        latencies.push(performance.now() - intended);
        const code = String(res.statusCode ?? 0);
        statuses[code] = (statuses[code] ?? 0) + 1;
        if (++settled === total) finish();
      });
    });
    // The write happens once a connection is free: that moment, against the intended one.
    req.on('socket', () => {
      const sent = performance.now();
      lags.push(sent - intended);
      o.onSend?.(intended, sent);
    });
    req.on('error', () => {
      errors++;
      latencies.push(performance.now() - intended);
      if (++settled === total) finish();
    });
    req.end(r.body);
  };

  // Wakes at the next intended time (timers are ms-grained and may be late: every request already
  // due is sent at once, its lateness counted in its latency).
  const tick = () => {
    const now = performance.now();
    while (next < total && start + next * interval <= now) send(next++);
    if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
  if (total === 0) finish();
  await allDone;
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const extraOk = (o.okStatuses ?? []).reduce((n, code) => n + (statuses[String(code)] ?? 0), 0);
  const twoHundreds = Object.entries(statuses).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0);
  return {
    requests: total, perSecond: (total - errors) / seconds, seconds,
    p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? 0),
    sendLagP50: round(percentile(lags, 50)), sendLagP99: round(percentile(lags, 99)),
    ok: twoHundreds + extraOk, notOk: total - errors - twoHundreds - extraOk, errors, statuses,
  };
}
