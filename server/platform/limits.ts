import { positiveIntegerFrom } from './env-values.ts';

/**
 * The rate limits and caps the app enforces (server/platform/http/rate-limit.ts for the token
 * buckets, the bookings and billing modules for the caps on holds). Part of AppConfig, read from
 * the environment by readEnv (server/config.ts); documented in docs/security.md, "Rate limits".
 */

/** A token bucket: at most `burst` requests at once, then `perMinute` a minute. */
export interface Bucket { burst: number; perMinute: number }

export interface RateLimits {
  /** GET on the embed API (programs, slots, a booking), per publishable key and client address. */
  reads: Bucket;
  /** Other embed POSTs (checkout, sessions, reschedule, release), per key and client address. */
  writes: Bucket;
  /** POST /v1/embed/bookings (a new hold), per key and client address. */
  holds: Bucket;
  /** POST /v1/embed/bookings, per e-mail address given for the booking (and later identity codes). */
  holdsPerEmail: Bucket;
  /** GET on the portal API, per customer (whoever's bearer it is: identity token or manage link). */
  portalReads: Bucket;
  /** POSTs on the portal API (scheduling, moving, cancelling, messages, card, balance), per customer. */
  portalWrites: Bucket;
  /** Live holds (reserved bookings whose hold has not run out) at once, per key and client address. */
  liveHoldsPerClient: number;
  /** Live holds at once per customer (e-mail address). */
  liveHoldsPerEmail: number;
  /** Unpaid QR-bill orders whose booking still holds its times, per customer (e-mail address). */
  openQrBillsPerCustomer: number;
  /**
   * How many proxies in front of the API append to `X-Forwarded-For` (TRUST_PROXY). 0: the
   * client is the socket's peer and the header is ignored; n: the n-th address from the right.
   */
  trustProxy: number;
}

/** Production defaults (docs/security.md, "Rate limits"). */
export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  reads: { burst: 300, perMinute: 120 },
  writes: { burst: 30, perMinute: 10 },
  holds: { burst: 5, perMinute: 10 / 60 },
  holdsPerEmail: { burst: 5, perMinute: 10 / 60 },
  portalReads: { burst: 120, perMinute: 60 },
  portalWrites: { burst: 20, perMinute: 6 },
  liveHoldsPerClient: 3,
  liveHoldsPerEmail: 3,
  openQrBillsPerCustomer: 2,
  trustProxy: 0,
});

export function rateLimitsOf(config: { limits?: RateLimits | undefined }): RateLimits {
  return config.limits ?? DEFAULT_RATE_LIMITS;
}


const UNITS: Record<string, number> = { s: 60, m: 1, min: 1, h: 1 / 60 };

/** `<burst>,<n>/<s|m|h>`, e.g. `5,10/h`: at most 5 at once, then 10 an hour. */
function bucketFrom(env: NodeJS.ProcessEnv, name: string, fallback: Bucket): Bucket {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const m = /^(\d+)\s*,\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m|min|h)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`${name} must look like "5,10/h" (burst, then a positive rate per s, m or h), got "${raw}"`);
  return { burst: Number(m[1]), perMinute: Number(m[2]) * UNITS[m[3]!]! };
}

/** TRUST_PROXY: how many proxies append to X-Forwarded-For. 0/false/no (default): trust none; 1/true/yes: one. */
function trustProxyFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw)) return 0;
  if (['true', 'yes', 'on'].includes(raw)) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10) throw new Error(`TRUST_PROXY must be 0, 1 (or true) or the number of proxies in front (at most 10), got "${env.TRUST_PROXY}"`);
  return n;
}

/** The limits from the environment; anything unset keeps its default. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): RateLimits {
  const d = DEFAULT_RATE_LIMITS;
  return {
    reads: bucketFrom(env, 'TANDEM_RATE_READS', d.reads),
    writes: bucketFrom(env, 'TANDEM_RATE_WRITES', d.writes),
    holds: bucketFrom(env, 'TANDEM_RATE_HOLDS', d.holds),
    holdsPerEmail: bucketFrom(env, 'TANDEM_RATE_HOLDS_PER_EMAIL', d.holdsPerEmail),
    portalReads: bucketFrom(env, 'TANDEM_RATE_PORTAL_READS', d.portalReads),
    portalWrites: bucketFrom(env, 'TANDEM_RATE_PORTAL_WRITES', d.portalWrites),
    liveHoldsPerClient: positiveIntegerFrom(env, 'TANDEM_MAX_LIVE_HOLDS_PER_CLIENT', d.liveHoldsPerClient),
    liveHoldsPerEmail: positiveIntegerFrom(env, 'TANDEM_MAX_LIVE_HOLDS_PER_EMAIL', d.liveHoldsPerEmail),
    openQrBillsPerCustomer: positiveIntegerFrom(env, 'TANDEM_MAX_OPEN_QR_BILLS', d.openQrBillsPerCustomer),
    trustProxy: trustProxyFrom(env),
  };
}
