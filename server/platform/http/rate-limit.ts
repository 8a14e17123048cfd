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
import type { AppConfig, AppDeps, AppEnv } from '../../deps.ts';
import { rateLimitsOf, type Bucket } from '../limits.ts';
import type { Database, Tx } from '../db/database.ts';
import { withCaller, type CallerRole } from '../db/identity.ts';
import { rowsOf } from '../db/rows.ts';
import { AppError } from '../errors.ts';

export interface Taken { granted: boolean; retryAfterSeconds: number }

/**
 * Takes one token from an org's bucket, creating it full. Runs in the given transaction (its
 * caller must belong to `orgId`); the bucket's row stays locked until that transaction ends.
 */
export async function takeToken(tx: Tx, orgId: string, bucket: string, limit: Bucket, now: Date): Promise<Taken> {
  const perSecond = limit.perMinute / 60;
  const cost = 1;
  const at = now.toISOString();
  const firstGranted = limit.burst >= cost;
  // The refilled level, from the row as it was (SET expressions see the old row); 1e-9 absorbs float rounding.
  const refilled = sql`least(${limit.burst}::float8, b.tokens + ${perSecond}::float8 * greatest(0, extract(epoch from (${at}::timestamptz - b.updated_at))))`;
  const [row] = rowsOf(await tx.execute(sql`
    insert into rate_limit_buckets as b (org_id, bucket, tokens, granted, updated_at)
    values (${orgId}::uuid, ${bucket}, ${firstGranted ? limit.burst - cost : limit.burst}::float8, ${firstGranted}, ${at}::timestamptz)
    on conflict (org_id, bucket) do update set
      tokens = case when ${refilled} + 1e-9 >= ${cost} then greatest(0, ${refilled} - ${cost}) else ${refilled} end,
      granted = ${refilled} + 1e-9 >= ${cost},
      updated_at = greatest(b.updated_at, excluded.updated_at)
    returning tokens, granted`));
  const granted = Boolean(row?.granted);
  const tokens = Number(row?.tokens ?? 0);
  const retryAfterSeconds = granted ? 0 : perSecond > 0 ? Math.max(1, Math.ceil((cost - tokens) / perSecond - 1e-6)) : 3_600;
  return { granted, retryAfterSeconds };
}

/** Takes a token in a transaction of its own, as `role` of the org; throws 429 `rate_limited` when refused. */
export async function limitOrThrow(db: Database, who: { orgId: string; role: CallerRole }, bucket: string, limit: Bucket, now: Date, what: string): Promise<void> {
  const taken = await withCaller(db, who, (tx) => takeToken(tx, who.orgId, bucket, limit, now));
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
 * After embedAuth: every embed request takes a token from its client's bucket for its kind:
 * reads (GET), holds (POST /bookings), other writes (other POSTs). Preflights never get here.
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
    await limitOrThrow(deps.db, { orgId, role: 'anonymous' }, `${kind}:client:${embedClientOf(c, deps.config)}`, limits[kind], deps.now(), what);
    await next();
  };
}
