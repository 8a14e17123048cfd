/**
 * Staff sign-in with an e-mail one-time code, on the customer code's rules (identity module:
 * six digits, keyed hash, 10 minutes, five wrong codes lock the address for 15 minutes).
 * Signing in comes before any studio is known: the code row is the address's across studios
 * (`staff_sign_in_codes`, by the address's HMAC, reached only through SECURITY DEFINER
 * functions), one code signs in to any studio the address works for, and a person on several
 * studios picks one with the same code. Unknown addresses get a row, counted attempts and the
 * same answers too, so nothing tells whether an address is anyone's staff.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/errors.ts';
import { STAFF_SESSION_TTL_MS, staffSessionToken } from '../../platform/staff-session-tokens.ts';
import { tokenHash } from '../../platform/derived-tokens.ts';
import * as t from '../../../schema/db/index.ts';
import { CODE_TTL_MS, codeHash, judgeAttempt, lockedAt, newCode, normalizeCode, sameDigest, type CodeState } from '../identity/index.ts';
import { queueStaffCodeMail } from '../notifications/index.ts';

export interface StaffSignInEnv { now: Date; secret: string }

/** A studio an address works for, as an active staff member. */
export interface Membership { orgId: string; orgName: string; staffId: string; staffName: string; role: 'owner' | 'manager' | 'instructor' }

export type StaffVerification =
  | { ok: true; kind: 'signed_in'; membership: Membership; sessionId: string; token: string; expiresAt: Date }
  /** The code is right and the address works for several studios: ask again with `org_id` (the code stays valid until then). */
  | { ok: true; kind: 'choose_studio'; studios: Membership[] }
  | { ok: false; error: AppError };

const CODE_DOMAIN = 'staff';

function emailHash(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`tandem:staff-email\n${email}`).digest('hex');
}

async function memberships(db: Database, email: string): Promise<Membership[]> {
  const found = await withCrossTenant(db, 'staff sign-in: which studios an address works for, before any is chosen', (tx) =>
    tx.execute(sql`select org_id, org_name, staff_id, staff_name, role from staff_memberships(${email})`));
  return rowsOf(found).map((r) => ({ orgId: String(r.org_id), orgName: String(r.org_name), staffId: String(r.staff_id), staffName: String(r.staff_name), role: r.role as Membership['role'] }));
}

/** The studio's transaction when the address works for one (mail and sessions are studio rows), else one of no studio. */
function inTransaction<T>(db: Database, orgId: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return orgId
    ? withSystem(db, orgId, 'staff sign-in: the code is the proof, compared by keyed hash', work)
    : withCrossTenant(db, 'staff sign-in: an address no studio knows is answered alike', work);
}

interface CodeRow { codeHash: string | null; state: CodeState }

async function lockedCodeRow(tx: Tx, hash: string): Promise<CodeRow> {
  const [r] = rowsOf(await tx.execute(sql`select code_hash, code_expires_at, failed_attempts, locked_until from staff_sign_in_code(${hash})`));
  const time = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());
  return {
    codeHash: (r?.code_hash as string | null) ?? null,
    state: { hasCode: r?.code_hash != null, codeExpiresAt: time(r?.code_expires_at), failedAttempts: Number(r?.failed_attempts ?? 0), lockedUntil: time(r?.locked_until) },
  };
}

async function saveCodeRow(tx: Tx, hash: string, now: Date, row: { codeHash: string | null; expiresAt: number | null; failedAttempts: number; lockedUntil: number | null }): Promise<void> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  await tx.execute(sql`select staff_sign_in_code_save(${hash}, ${row.codeHash}, ${iso(row.expiresAt)}::timestamptz, ${row.failedAttempts}, ${iso(row.lockedUntil)}::timestamptz, ${now.toISOString()}::timestamptz)`);
}

/**
 * Mails a new code when the address works for a studio (one mail, naming every studio), while
 * it is not locked. The caller answers 202 whatever happened.
 */
export async function requestStaffCode(db: Database, env: StaffSignInEnv, email: string, locale: string | undefined): Promise<void> {
  const studios = await memberships(db, email);
  const hash = emailHash(env.secret, email);
  const now = env.now.getTime();
  await inTransaction(db, studios[0]?.orgId, async (tx) => {
    const row = await lockedCodeRow(tx, hash);
    if (lockedAt(row.state, now)) return;
    const code = newCode();
    const lockRanOut = row.state.lockedUntil !== null;
    await saveCodeRow(tx, hash, env.now, {
      codeHash: codeHash(env.secret, CODE_DOMAIN, email, code), expiresAt: now + CODE_TTL_MS,
      failedAttempts: lockRanOut ? 0 : row.state.failedAttempts, lockedUntil: null,
    });
    const first = studios[0];
    if (first) {
      await queueStaffCodeMail(tx, { orgId: first.orgId, to: email, locale, studios: studios.map((s) => s.orgName), code, dedupeKey: `staff-sign-in-code:${randomUUID()}` });
    }
  });
}

const lockedError = (seconds: number) => new AppError('identity_code_locked', 'Too many wrong codes: this address is locked for a while. Ask for a new code later.', { retry_after: seconds });

/**
 * Trades a code for a session in one studio: the address's only one, or `orgId` among its
 * studios. With several and no `orgId`, a right code answers the studios to choose from and
 * stays valid. A wrong code (or a studio the address does not work for) counts; the fifth locks.
 * A refusal is a value: its counted attempt commits.
 */
export async function verifyStaffCode(db: Database, env: StaffSignInEnv, input: { email: string; code: string; orgId?: string | undefined }): Promise<StaffVerification> {
  const studios = await memberships(db, input.email);
  const chosen = input.orgId === undefined ? (studios.length === 1 ? studios[0] : undefined) : studios.find((s) => s.orgId === input.orgId);
  const hash = emailHash(env.secret, input.email);
  const now = env.now.getTime();
  return inTransaction(db, (chosen ?? studios[0])?.orgId, async (tx) => {
    const row = await lockedCodeRow(tx, hash);
    const code = normalizeCode(input.code);
    const presented = codeHash(env.secret, CODE_DOMAIN, input.email, code ?? 'none');
    const equal = sameDigest(row.codeHash ?? presented, presented);
    const studioKnown = input.orgId === undefined || chosen !== undefined;
    const matches = row.codeHash !== null && code !== null && equal && studios.length > 0 && studioKnown;
    const attempt = judgeAttempt(row.state, matches, now);
    if (!attempt.ok) {
      if (attempt.reason === 'locked') return { ok: false, error: lockedError(Math.ceil(attempt.retryAfterMs / 1000)) };
      if (attempt.reason === 'expired') {
        await saveCodeRow(tx, hash, env.now, { codeHash: null, expiresAt: null, failedAttempts: row.state.failedAttempts, lockedUntil: row.state.lockedUntil });
        return { ok: false, error: new AppError('identity_code_expired', 'This code has expired: ask for a new one.') };
      }
      const locks = attempt.lockUntil !== null;
      await saveCodeRow(tx, hash, env.now, {
        codeHash: locks ? null : row.codeHash, expiresAt: locks ? null : row.state.codeExpiresAt,
        failedAttempts: attempt.failedAttempts, lockedUntil: attempt.lockUntil,
      });
      if (locks) return { ok: false, error: lockedError(Math.ceil((attempt.lockUntil! - now) / 1000)) };
      return { ok: false, error: new AppError('identity_code_invalid', 'This code is not right.', { attempts_left: attempt.attemptsLeft, errors: [{ field: 'code', message: 'is not the code we sent' }] }) };
    }
    if (!chosen) return { ok: true, kind: 'choose_studio', studios };
    await saveCodeRow(tx, hash, env.now, { codeHash: null, expiresAt: null, failedAttempts: 0, lockedUntil: null });
    const sessionId = randomUUID();
    const token = staffSessionToken(env.secret, sessionId);
    const expiresAt = new Date(now + STAFF_SESSION_TTL_MS);
    await tx.insert(t.staffSessions).values({ id: sessionId, orgId: chosen.orgId, staffId: chosen.staffId, tokenHash: tokenHash(token), expiresAt, lastSeenAt: env.now, createdAt: env.now });
    return { ok: true, kind: 'signed_in', membership: chosen, sessionId, token, expiresAt };
  });
}
