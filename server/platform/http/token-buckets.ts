/**
 * Token buckets in Postgres (`rate_limit_buckets`): taking tokens in a transaction, and the
 * buckets one request takes (RouteLimits). No HTTP here: the middleware that decides which
 * buckets a request takes is rate-limit.ts; routes and the app's env type use RouteLimits.
 */
import { sql } from 'drizzle-orm';
import type { Bucket } from '../limits.ts';
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
