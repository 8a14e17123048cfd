/**
 * Rate limits: token buckets in Postgres (`rate_limit_buckets`), so that every API process
 * draws from the same buckets. A bucket holds at most `burst` tokens and refills at `perMinute`
 * tokens a minute; a request takes one. One statement (an upsert) refills, decides and takes,
 * atomically: two processes taking from the same bucket at once queue on its row.
 *
 * Buckets belong to an org (the publishable key names it) and are written under the org's
 * row-level security as the request's own caller. Their names carry an HMAC of whose they are
 * (the key and the client's address, or an e-mail address), never the address itself.
 *
 * Refused: 429 `rate_limited` (application/problem+json) with `Retry-After` (seconds until a
 * token is back) and `retry_after` in the body.
 */
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppConfig, AppDeps, AppEnv, PortalEnv } from '../../deps.ts';
import { rateLimitsOf } from '../limits.ts';
import { limitOrThrow, RouteLimits, type Take } from './token-buckets.ts';

// ———————————————————————————————————————— whose bucket

/** An HMAC of some identifying text with the app's secret: bucket and hold-client names never carry the text itself. */
export function pseudonym(config: AppConfig, ...parts: string[]): string {
  return createHmac('sha256', config.secret).update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/**
 * The client's address: the socket's peer, or with TRUST_PROXY = n the n-th address from the
 * right of `X-Forwarded-For` (what the outermost trusted proxy saw). IPv6 addresses count per
 * /64 (one subscriber's network), IPv4-mapped IPv6 as IPv4. `unknown` without a socket
 * (`app.request()` in tests).
 */
export function clientAddress(c: Context, trustProxy: number): string {
  let address: string | undefined;
  if (trustProxy > 0) {
    const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    address = hops[hops.length - trustProxy];
  }
  if (!address) {
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      address = undefined; // no Node socket: app.request() in tests
    }
  }
  return normalizeAddress(address);
}

export function normalizeAddress(raw: string | undefined): string {
  if (!raw) return 'unknown';
  let a = raw.trim().toLowerCase();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (isIP(a) === 4) return a;
  if (isIP(a.split('%')[0]!) === 6) return `${expandIPv6(a.split('%')[0]!).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

function expandIPv6(a: string): string[] {
  const [head, tail] = a.includes('::') ? a.split('::') as [string, string] : [a, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail counts as two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1]!.includes('.')) {
    const [x, y, z, w] = last.pop()!.split('.').map(Number) as [number, number, number, number];
    last.push(((x << 8) | y).toString(16), ((z << 8) | w).toString(16));
  }
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...fill, ...right].map((g) => parseInt(g || '0', 16).toString(16));
}

/** Kept per request: the rate limit and a booking's hold caps both ask (one HMAC, not two). */
const clients = new WeakMap<Context, string>();

/** Whose requests these are within the org: the publishable key and the client's address, as an HMAC. */
export function embedClientOf(c: Context<AppEnv>, config: AppConfig): string {
  let client = clients.get(c);
  if (client === undefined) {
    const { keyId } = c.get('embed');
    client = pseudonym(config, 'client', keyId, clientAddress(c, rateLimitsOf(config).trustProxy));
    clients.set(c, client);
  }
  return client;
}

/** The bucket name of an e-mail address (lower-cased and trimmed first). */
export function emailBucket(config: AppConfig, kind: string, email: string): string {
  return `${kind}:email:${pseudonym(config, 'email', email.trim().toLowerCase())}`;
}

// ———————————————————————————————————————— the embed API's limits

/**
 * The embed routes that take their client's bucket inside their own transaction (see
 * RouteLimits): the program, its slots and a new booking, the requests a page makes most.
 */
const TAKEN_BY_THE_ROUTE: readonly { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/v1\/embed\/programs\/[^/]+\/?$/ },
  { method: 'GET', path: /^\/v1\/embed\/programs\/[^/]+\/slots\/?$/ },
  { method: 'POST', path: /^\/v1\/embed\/bookings\/?$/ },
];

/**
 * After embedAuth: every embed request takes a token from its client's bucket for its kind:
 * reads (GET), holds (POST /bookings), other writes (other POSTs). Preflights never get here.
 * Most routes take it here, in a transaction before them; the routes in TAKEN_BY_THE_ROUTE
 * find it on the context (`limits`) and take it in their own transaction.
 */
export function embedRateLimit(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limits = rateLimitsOf(deps.config);
    const { orgId } = c.get('embed');
    const method = c.req.method;
    const kind = method === 'GET' || method === 'HEAD' ? 'reads'
      : method === 'POST' && /\/v1\/embed\/bookings\/?$/.test(c.req.path) ? 'holds'
      : 'writes';
    const what = kind === 'reads' ? 'requests' : kind === 'holds' ? 'reservations' : 'changes';
    const take: Take = { bucket: `${kind}:client:${embedClientOf(c, deps.config)}`, limit: limits[kind], what };
    const byRoute = TAKEN_BY_THE_ROUTE.some((r) => (r.method === method || (r.method === 'GET' && method === 'HEAD')) && r.path.test(c.req.path));
    if (!byRoute) {
      await limitOrThrow(deps.db, { orgId, role: 'anonymous' }, take.bucket, take.limit, deps.now(), what);
      await next();
      return;
    }
    const pending = new RouteLimits(orgId, deps.now(), [take], kind === 'reads');
    c.set('limits', pending);
    await next();
    await pending.spend(deps.db);
  };
}

/** The request's RouteLimits (set by embedRateLimit for the routes that take their bucket themselves). */
export function routeLimits(c: Context<AppEnv>): RouteLimits {
  const limits = c.get('limits');
  if (!limits) throw new Error(`${c.req.method} ${c.req.path} takes its rate limit in its transaction but is not listed in TAKEN_BY_THE_ROUTE`);
  return limits;
}

// ———————————————————————————————————————— the portal API's limits

/**
 * After portalAuth: every portal request takes a token from its customer's bucket for its kind,
 * reads (GET) or changes (POST), in the customer's org (an identity token and a manage link of the
 * same customer draw from the same bucket). 429 `rate_limited` with Retry-After when empty.
 */
export function portalRateLimit(deps: AppDeps): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const limits = rateLimitsOf(deps.config);
    const { orgId, customerId } = c.get('portal');
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    const kind = read ? 'portal-reads' : 'portal-writes';
    const bucket = `${kind}:customer:${pseudonym(deps.config, 'customer', orgId, customerId)}`;
    await limitOrThrow(deps.db, { orgId, role: 'customer' }, bucket, read ? limits.portalReads : limits.portalWrites, deps.now(), read ? 'requests' : 'changes');
    await next();
  };
}
