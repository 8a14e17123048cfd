/**
 * `Idempotency-Key` for mutating POSTs.
 *
 * The key's row in idempotency_keys is claimed first thing in the request's own transaction
 * (the policies show a transaction only the row of the key it presents), and the answer is
 * stored in that same transaction, so a committed mutation always has its answer and a
 * rolled-back one leaves no trace:
 *   same key, same request (scope + body hash) → the first answer again, `Idempotency-Replayed: true`;
 *   same key, another request                  → 422 idempotency_key_reused;
 *   the same key twice at once                 → the second waits on the first's row, then replays it.
 * A request that ran and failed with an expected error (409 slot_taken, 400 intake, …) is
 * rolled back, and its answer recorded afterwards, so a retry gets that first answer too.
 * Keys live 24 hours (from the injected clock); an expired key may be used afresh.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.ts';
import type { Caller } from '../db/identity.ts';
import { withCaller } from '../db/identity.ts';
import { rows } from '../db/prepared.ts';
import { withCallerRetried } from '../db/retry.ts';
import { AppError, CommitThenFail, problemBody } from '../errors.ts';
import { answeredWith } from './compress.ts';
export { CommitThenFail };

const KEY_TTL_MS = 24 * 3_600_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or the 400 that says it is missing or malformed. */
export function idempotencyKeyOf(c: Context): string {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined || key.trim() === '') throw new AppError('idempotency_key_required', 'Send an Idempotency-Key header (a UUID per attempt) with every POST.');
  if (!KEY_SHAPE.test(key)) throw new AppError('validation_failed', undefined, { errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }] });
  return key;
}

/**
 * JSON with sorted keys: two bodies that differ only in key order are the same request.
 * Iterative (an explicit stack of pending parts), so no nesting can overflow the call stack.
 */
export function canonical(value: unknown): string {
  const out: string[] = [];
  // Either a value still to write, or literal text (brackets, commas, keys) to emit as is.
  const stack: ({ value: unknown } | string)[] = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') { out.push(item); continue; }
    const v = item.value;
    if (Array.isArray(v)) {
      const parts: ({ value: unknown } | string)[] = ['['];
      v.forEach((x, i) => { if (i) parts.push(','); parts.push({ value: x }); });
      parts.push(']');
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    } else if (v && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record).sort().filter((k) => record[k] !== undefined);
      const parts: ({ value: unknown } | string)[] = ['{'];
      keys.forEach((k, i) => { parts.push(`${i ? ',' : ''}${JSON.stringify(k)}:`); parts.push({ value: record[k] }); });
      parts.push('}');
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  }
  return out.join('');
}

function requestHash(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(canonical(body)).digest('hex');
}

export interface Answer { status: number; body: unknown }

export interface IdempotentAnswer extends Answer { replayed: boolean }

interface Options {
  key: string;
  /** Method and concrete path, e.g. `POST /v1/embed/bookings/…/sessions`. */
  scope: string;
  /** The validated body. */
  body: unknown;
  now: Date;
  /** What the request answers when every attempt of its transaction lost a race (see platform/db/retry.ts). */
  raceLost: () => Error;
}

/** When a key claimed at `o.now` may be used afresh. */
function expiresAt(o: Pick<Options, 'now'>): string {
  return new Date(o.now.getTime() + KEY_TTL_MS).toISOString();
}

/** Claims the key, or returns the earlier request's row. */
async function claim(tx: Tx, orgId: string, o: Options, hash: string): Promise<{ request_hash: string; response_status: number | null; response_body: unknown } | undefined> {
  const now = o.now.toISOString();
  const expires = expiresAt(o);
  const claimed = await rows(tx, sql`
    insert into idempotency_keys (org_id, key, scope, request_hash, expires_at)
    values (${orgId}::uuid, ${o.key}, ${o.scope}, ${hash}, ${expires}::timestamptz)
    on conflict (org_id, scope, key) do update
      set request_hash = excluded.request_hash, response_status = null, response_body = null, created_at = ${now}::timestamptz, expires_at = excluded.expires_at
      where idempotency_keys.expires_at <= ${now}::timestamptz
    returning id`);
  if (claimed.length) return undefined;
  const [row] = await rows(tx, sql`
    select request_hash, response_status, response_body::text as response_body from idempotency_keys
     where org_id = ${orgId}::uuid and scope = ${o.scope} and key = ${o.key}`);
  if (!row) throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  return { request_hash: String(row.request_hash), response_status: row.response_status === null ? null : Number(row.response_status), response_body: typeof row.response_body === 'string' ? JSON.parse(row.response_body) : row.response_body };
}

function storeStatement(orgId: string, o: Options, answer: Answer): SQL {
  return sql`update idempotency_keys set response_status = ${answer.status}, response_body = ${JSON.stringify(answer.body)}::jsonb
     where org_id = ${orgId}::uuid and scope = ${o.scope} and key = ${o.key}`;
}

/**
 * Lets the work record its answer inside its own last write (as a CTE), saving the round
 * trip of a separate update: call `statement(answer)` with the very body it then answers.
 */
export interface AnswerRecorder {
  statement(answer: Answer): SQL;
}

/**
 * Runs `work` once per key: in one transaction (retried on constraint races) as
 * `ctx` with the key presented. `authorize` runs on every attempt, replays included, so a
 * replay is only ever shown to whoever may make the request (e.g. holds the booking token);
 * its statements are sent together with the key's claim (one round trip), and its result is
 * handed to `work`.
 */
export async function runIdempotent<A>(
  db: Database,
  ctx: Omit<Caller, 'idempotencyKey'>,
  o: Options,
  authorize: (tx: Tx) => Promise<A>,
  work: (tx: Tx, authorized: A, recorder: AnswerRecorder) => Promise<Answer>,
): Promise<IdempotentAnswer> {
  const hash = requestHash(o.scope, o.body);
  let ran = false;
  try {
    return await withCallerRetried(db, { ...ctx, idempotencyKey: o.key }, async (tx) => {
      const [authorized, prior] = await Promise.all([authorize(tx), claim(tx, ctx.orgId, o, hash)]);
      if (prior) {
        if (prior.request_hash !== hash) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request.');
        if (prior.response_status === null) throw new AppError('idempotency_in_progress');
        return { status: prior.response_status, body: prior.response_body, replayed: true };
      }
      ran = true;
      let recorded: Answer | undefined;
      const recorder: AnswerRecorder = { statement: (answer) => { recorded = answer; return storeStatement(ctx.orgId, o, answer); } };
      let answer: Answer;
      try {
        answer = await work(tx, authorized, recorder);
      } catch (error) {
        if (!(error instanceof CommitThenFail)) throw error;
        const body = problemBody(error.code, error.detail, error.extra);
        answer = { status: body.status, body };
      }
      if (!recorded || recorded.body !== answer.body || recorded.status !== answer.status) await rows(tx, storeStatement(ctx.orgId, o, answer));
      return { ...answer, replayed: false };
    }, o.raceLost);
  } catch (error) {
    // A 429 (rate_limited, too_many_holds) says "not now", not what the request did: a retry with the key runs afresh.
    if (ran && error instanceof AppError && !error.code.startsWith('idempotency_') && error.code !== 'internal_error' && problemBody(error.code).status !== 429) {
      await recordFailure(db, ctx, o, hash, error).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Whether this key already has an answer for this scope (a replay): steps that must run
 * before the request's transaction, and only for a fresh request, ask this first.
 */
export async function answeredBefore(db: Database, ctx: Omit<Caller, 'idempotencyKey'>, o: { key: string; scope: string }): Promise<boolean> {
  const found = await withCaller(db, { ...ctx, idempotencyKey: o.key }, (tx) => rows(tx, sql`
    select 1 from idempotency_keys where org_id = ${ctx.orgId}::uuid and scope = ${o.scope} and key = ${o.key} and response_status is not null`));
  return found.length > 0;
}

/** The first answer of a request that failed and rolled back; a key claimed meanwhile by a retry wins. */
async function recordFailure(db: Database, ctx: Omit<Caller, 'idempotencyKey'>, o: Pick<Options, 'key' | 'scope' | 'now'>, hash: string, error: AppError): Promise<void> {
  const body = problemBody(error.code, error.detail, error.extra);
  await withCaller(db, { ...ctx, idempotencyKey: o.key }, (tx) => tx.execute(sql`
    insert into idempotency_keys (org_id, key, scope, request_hash, response_status, response_body, expires_at)
    values (${ctx.orgId}::uuid, ${o.key}, ${o.scope}, ${hash}, ${body.status}, ${JSON.stringify(body)}::jsonb, ${expiresAt(o)}::timestamptz)
    on conflict (org_id, scope, key) do nothing`));
}

/** Put before body validation: a POST without a key is refused before anything else is looked at. */
export function idempotencyKeyRequired(): MiddlewareHandler {
  return async (c, next) => {
    idempotencyKeyOf(c);
    await next();
  };
}

/** The HTTP answer: a replay carries `Idempotency-Replayed: true`; a replayed error stays problem+json. */
export function sendAnswer(c: Context, answer: IdempotentAnswer): Response {
  const headers: Record<string, string> = {
    'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
  };
  if (answer.replayed) headers['Idempotency-Replayed'] = 'true';
  const text = JSON.stringify(answer.body);
  return answeredWith(c.body(text, answer.status as 200, headers), text);
}
