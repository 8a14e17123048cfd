/**
 * autocannon (closed loop: N connections, each sends its next request when the last answered;
 * or paced: `overallRate` requests a second over all connections), typed for what the benches use.
 */
import { createRequire } from 'node:module';
import { request } from 'node:http';

const require = createRequire(import.meta.url);

export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before each request is sent: returns the request to send (bodies and headers that must differ each time). */
  setupRequest?: (req: { method?: string; path: string; headers?: Record<string, string>; body?: string }) => { method?: string; path: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  notOk: number;
  errors: number;
  timeouts: number;
  /** [status, count] of the answers. */
  statuses: Record<string, number>;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = require('autocannon') as Autocannon;

export async function runLoad(o: {
  url: string; requests: LoadRequest[]; seconds: number; connections: number;
  /** Paced (open loop as far as the connections allow): this many requests a second over all connections. */
  overallRate?: number | undefined;
  /** Answers that count as fine besides 2xx (e.g. 304). */
  okStatuses?: number[];
}): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url, connections: o.connections, duration: o.seconds, pipelining: 1, timeout: 30,
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    requests: o.requests,
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = s.count;
  const extraOk = (o.okStatuses ?? []).reduce((n, code) => n + (statuses[String(code)] ?? 0), 0);
  const total = r.requests.total;
  return {
    requests: total, perSecond: total / r.duration, seconds: r.duration,
    p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    ok: r['2xx'] + extraOk, notOk: r.non2xx - extraOk, errors: r.errors, timeouts: r.timeouts, statuses,
  };
}

/** One GET as a browser sends it: the answer's status, headers and its size on the wire and unpacked. */
export function probe(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; wireBytes: number }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      let wireBytes = 0;
      res.on('data', (chunk: Buffer) => { wireBytes += chunk.length; });
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, wireBytes }));
    });
    req.on('error', fail);
    req.end();
  });
}
