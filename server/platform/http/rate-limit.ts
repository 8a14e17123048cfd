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
import { sql } from 'drizzle-orm';
import type { AppConfig, AppDeps, AppEnv, PortalEnv } from '../../deps.ts';
import { rateLimitsOf, type Bucket } from '../limits.ts';
import type { Database, Tx } from '../db/database.ts';
import { withCaller, type CallerRole } from '../db/identity.ts';
import { rows } from '../db/prepared.ts';
import { AppError } from '../errors.ts';

export interface Taken { granted: boolean; retryAfterSeconds: number; /** The bucket that refused, when one did. */ refusedBy?: string | undefined }

/** One bucket to take a token from, and what its 429 calls the requests it counts. */
export interface Take { bucket: string; limit: Bucket; what: string }

/**
 * Takes one token from each bucket, in order, in one statement (`take_tokens()`, migration
 * 0020): a bucket is created full; the first that refuses stops the rest (they keep their
 * tokens). Runs in the given transaction as its caller (who must belong to `orgId`); the rows
 * stay locked until that transaction ends. Sent at the call (a prepared statement), so it can
 * share a round trip with the statements sent after it.
 */
export function takeTokens(tx: Tx, orgId: string, takes: readonly Take[], now: Date, o: { commitAsync?: boolean } = {}): Promise<Taken> {
  const perSecond = takes.map((t) => t.limit.perMinute / 60);
  // commitAsync: the transaction's only writes are these buckets (a read), so its commit need not wait for the WAL flush.
  const commit = o.commitAsync ? sql`set_config('synchronous_commit', 'off', true), ` : sql``;
  return rows(tx, sql`select ${commit}refused, tokens from take_tokens(${orgId}::uuid, ${textArray(takes.map((t) => t.bucket))}::text[],
      ${floatArray(takes.map((t) => t.limit.burst))}::float8[], ${floatArray(perSecond)}::float8[], ${now.toISOString()}::timestamptz)`)
    .then(([row]) => {
      const refused = Number(row?.refused ?? 0);
      if (refused === 0) return { granted: true, retryAfterSeconds: 0 };
      const rate = perSecond[refused - 1]!;
      const tokens = Number(row?.tokens ?? 0);
      return { granted: false, retryAfterSeconds: rate > 0 ? Math.max(1, Math.ceil((1 - tokens) / rate - 1e-6)) : 3_600, refusedBy: takes[refused - 1]!.what };
    });
}

/** Postgres array literals, element by element, so that no value can break out of the literal. */
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
const floatArray = (values: number[]) => `{${values.map((v) => String(Number(v))).join(',')}}`;

/** Takes a token from one bucket in a transaction of its own, as `role` of the org; throws 429 `rate_limited` when refused. */
export async function limitOrThrow(db: Database, who: { orgId: string; role: CallerRole }, bucket: string, limit: Bucket, now: Date, what: string): Promise<void> {
  const taken = await withCaller(db, who, (tx) => takeTokens(tx, who.orgId, [{ bucket, limit, what }], now, { commitAsync: true }));
  if (!taken.granted) throw rateLimited(what, taken.retryAfterSeconds);
}

export function rateLimited(what: string, retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `Too many ${what}; try again in ${retryAfterSeconds} s.`, { retry_after: retryAfterSeconds });
}

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

/** Whose requests these are within the org: the publishable key and the client's address, as an HMAC. */
export function embedClientOf(c: Context<AppEnv>, config: AppConfig): string {
  const { keyId } = c.get('embed');
  return pseudonym(config, 'client', keyId, clientAddress(c, rateLimitsOf(config).trustProxy));
}

/** The bucket name of an e-mail address (lower-cased and trimmed first). */
export function emailBucket(config: AppConfig, kind: string, email: string): string {
  return `${kind}:email:${pseudonym(config, 'email', email.trim().toLowerCase())}`;
}

// ———————————————————————————————————————— the embed API's limits

/**
 * The buckets a request takes, decided by embedRateLimit. Routes that open a transaction of
 * their own take them there (`take(tx)`, in the same round trip as their first statement)
 * instead of in a transaction before them, and may add buckets of their own (the e-mail
 * address of a booking). Whatever happens, each request spends its tokens once: taken in the
 * route's committed transaction, or (when the route failed before or inside it, so the take was
 * rolled back) spent by embedRateLimit after the answer. A refusal answers 429 and spends nothing.
 */
export class RouteLimits {
  readonly takes: Take[];
  /** granted in a transaction that then committed, or refused: nothing left to spend */
  settled = false;
  private granted = false;
  /**
   * `reads`: the route writes nothing but these buckets, so its transaction commits without
   * waiting for the WAL to reach the disk (synchronous_commit off, for that transaction only). A
   * crash may forget the last few milliseconds of bucket levels, never anything else.
   */
  constructor(private readonly orgId: string, private readonly now: Date, takes: Take[], private readonly reads = false) {
    this.takes = takes;
  }

  add(take: Take): void {
    this.takes.push(take);
  }

  /**
   * Sends the take at once (it goes before whatever the caller sends next); rejects with 429
   * rate_limited when a bucket refuses. Call `committed()` once the transaction has committed.
   */
  take(tx: Tx): Promise<void> {
    return takeTokens(tx, this.orgId, this.takes, this.now, { commitAsync: this.reads }).then((taken) => {
      if (taken.granted) { this.granted = true; return; }
      this.settled = true;
      throw rateLimited(taken.refusedBy ?? 'requests', taken.retryAfterSeconds);
    });
  }

  committed(): void {
    if (this.granted) this.settled = true;
  }

  /** After the answer, when the route's transaction did not keep the tokens: spent in a transaction of their own. */
  async spend(db: Database): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await withCaller(db, { orgId: this.orgId, role: 'anonymous' }, (tx) => takeTokens(tx, this.orgId, this.takes, this.now, { commitAsync: true }));
  }
}

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
