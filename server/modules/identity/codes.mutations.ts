/**
 * E-mail one-time codes: asking for one (mailed through the outbox) and trading one for an
 * identity session. Asking answers the same for every address and does the same work for
 * every address (no customer row is read or written), so neither the answer nor its timing
 * tells whether an address is a customer's.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { afterEventsInserted, eventInsert } from '../../platform/events/record.ts';
import { rows } from '../../platform/db/prepared.ts';
import * as t from '../../../schema/db/index.ts';
import { queueLoginCodeMail } from '../notifications/index.ts';
import { CODE_TTL_MS, SESSION_TTL_MS, judgeAttempt, lockedAt, normalizeCode, type CodeState } from './domain/index.ts';
import { codeHash, identityToken, newCode, sameDigest, tokenHash } from './secrets.ts';

export interface IdentityEnv { now: Date; secret: string }

type CodeRow = typeof t.customerLoginCodes.$inferSelect;

function stateOf(row: CodeRow | undefined): CodeState | null {
  return row ? {
    hasCode: row.codeHash !== null,
    codeExpiresAt: row.codeExpiresAt?.getTime() ?? null,
    failedAttempts: row.failedAttempts,
    lockedUntil: row.lockedUntil?.getTime() ?? null,
  } : null;
}

async function codeRow(tx: Tx, orgId: string, email: string): Promise<CodeRow | undefined> {
  const [row] = await tx.select().from(t.customerLoginCodes)
    .where(and(eq(t.customerLoginCodes.orgId, orgId), eq(t.customerLoginCodes.email, email))).for('update');
  return row;
}

/**
 * Mails a new code to `email` (replacing an earlier one; wrong attempts still count). While
 * the address is locked nothing is sent. The caller answers 202 whatever happened.
 */
export async function requestCode(tx: Tx, env: IdentityEnv, orgId: string, email: string, locale: string | undefined): Promise<void> {
  await asSystem(tx, 'identity code: anyone may have a code mailed to an address; nothing about the address is answered');
  const now = env.now;
  // The row is created for any address: its existence says nothing about a customer.
  await rows(tx, sql`insert into customer_login_codes (org_id, email) values (${orgId}::uuid, ${email}) on conflict (org_id, email) do nothing`);
  const [row, [org]] = await Promise.all([codeRow(tx, orgId, email), tx.select({ name: t.orgs.name }).from(t.orgs).where(eq(t.orgs.id, orgId))]);
  const state = stateOf(row);
  if (lockedAt(state, now.getTime())) return;
  const code = newCode();
  const lockRanOut = state?.lockedUntil != null;
  await tx.update(t.customerLoginCodes).set({
    codeHash: codeHash(env.secret, orgId, email, code),
    codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
    ...(lockRanOut ? { failedAttempts: 0, lockedUntil: null } : {}),
    updatedAt: now,
  }).where(and(eq(t.customerLoginCodes.orgId, orgId), eq(t.customerLoginCodes.email, email)));
  await queueLoginCodeMail(tx, { orgId, to: email, locale, studio: org?.name ?? '', code, dedupeKey: `identity-code:${randomUUID()}` });
}

/** What a verified code gives: the session's id (its token is derived from it) and when it ends. */
export interface VerifiedSession { session_id: string; expires_at: string }

/** A verification's outcome: the session, or the refusal to answer (its writes, the counted attempt, must commit). */
export type Verification = { ok: true; session: VerifiedSession } | { ok: false; error: AppError };

const lockedError = (seconds: number) => new AppError('identity_code_locked', 'Too many wrong codes: this address is locked for a while. Ask for a new code later.', { retry_after: seconds });

/**
 * Trades a code for an identity session bound to the org and the address's customer (created
 * now when the address has none: the code proved the address). A wrong code counts, and the
 * fifth locks the address. A refusal is a value, not an exception: the caller commits the
 * counted attempt with it, so a failed guess is never rolled back. A used code is gone.
 */
export async function verifyCode(tx: Tx, env: IdentityEnv, orgId: string, email: string, rawCode: string, locale: string | undefined): Promise<Verification> {
  await asSystem(tx, 'identity code: the code is the proof, compared by keyed hash below');
  const now = env.now.getTime();
  const row = await codeRow(tx, orgId, email);
  const code = normalizeCode(rawCode);
  // Compared in constant time, and always (also without a stored code), so timing says nothing.
  const presented = codeHash(env.secret, orgId, email, code ?? 'none');
  const stored = row?.codeHash ?? null;
  const equal = sameDigest(stored ?? presented, presented);
  const matches = stored !== null && code !== null && equal;
  const attempt = judgeAttempt(stateOf(row), matches, now);
  const where = and(eq(t.customerLoginCodes.orgId, orgId), eq(t.customerLoginCodes.email, email));
  if (!attempt.ok) {
    if (attempt.reason === 'locked') {
      return { ok: false, error: lockedError(Math.ceil(attempt.retryAfterMs / 1000)) };
    }
    if (attempt.reason === 'expired') {
      await tx.update(t.customerLoginCodes).set({ codeHash: null, codeExpiresAt: null, updatedAt: env.now }).where(where);
      return { ok: false, error: new AppError('identity_code_expired', 'This code has expired: ask for a new one.') };
    }
    if (row) {
      await tx.update(t.customerLoginCodes).set({
        failedAttempts: attempt.failedAttempts,
        lockedUntil: attempt.lockUntil === null ? null : new Date(attempt.lockUntil),
        // A lock also ends the code: after it, only a new code works.
        ...(attempt.lockUntil !== null ? { codeHash: null, codeExpiresAt: null } : {}),
        updatedAt: env.now,
      }).where(where);
    }
    if (attempt.lockUntil !== null) {
      return { ok: false, error: lockedError(Math.ceil((attempt.lockUntil - now) / 1000)) };
    }
    return { ok: false, error: new AppError('identity_code_invalid', 'This code is not right.', { attempts_left: attempt.attemptsLeft, errors: [{ field: 'code', message: 'is not the code we sent' }] }) };
  }
  await tx.update(t.customerLoginCodes).set({ codeHash: null, codeExpiresAt: null, failedAttempts: 0, lockedUntil: null, updatedAt: env.now }).where(where);
  const customerId = await customerFor(tx, orgId, email, locale, env.now);
  const sessionId = randomUUID();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await tx.insert(t.customerSessions).values({ id: sessionId, orgId, customerId, tokenHash: tokenHash(identityToken(env.secret, sessionId)), expiresAt, createdAt: env.now });
  return { ok: true, session: { session_id: sessionId, expires_at: expiresAt.toISOString() } };
}

/** The address's customer, created (with no name yet) when there is none. Existing details are kept. */
async function customerFor(tx: Tx, orgId: string, email: string, locale: string | undefined, now: Date): Promise<string> {
  const inserted = await rows(tx, sql`
    insert into customers (org_id, name, email, locale) values (${orgId}::uuid, '', ${email}, ${locale ?? 'en'})
    on conflict (org_id, email) do nothing returning id`);
  if (inserted[0]) {
    const id = String(inserted[0].id);
    const event = { id: randomUUID(), orgId, type: 'customer.created', subjectId: null, payload: { customer_id: id, name: '', email, locale: locale ?? 'en', via: 'sign_in' } };
    await tx.execute(eventInsert(event, event.id));
    await afterEventsInserted(tx, [event], { now });
    return id;
  }
  const [found] = await tx.select({ id: t.customers.id }).from(t.customers).where(and(eq(t.customers.orgId, orgId), eq(t.customers.email, email)));
  if (!found) throw new AppError('conflict', 'The customer changed meanwhile; try again.');
  return found.id;
}
