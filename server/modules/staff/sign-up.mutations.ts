/**
 * A new studio signs up: the studio and its owner are created at once (the owner inactive, so
 * nothing signs in) and a one-time code is mailed to the owner's address; the right code makes
 * the owner active and signs them in. The code follows the staff code's rules (keyed hash,
 * 10 minutes, five wrong codes lock for 15 minutes).
 *
 * Abuse: every request answers alike whatever the address (an address already on some studio's
 * staff signs up like any other: a person may own several studios). At most three sign-ups per
 * address an hour (beyond, the same answer and no mail: nobody's inbox is flooded through us)
 * and ten per client network (beyond, 429: that says nothing about any address).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/errors.ts';
import { STAFF_SESSION_TTL_MS, staffSessionToken } from '../../platform/staff-session-tokens.ts';
import { tokenHash } from '../../platform/derived-tokens.ts';
import { and, eq } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import type { SignUpBody } from '../../../schema/api/admin-sign-up.ts';
import { CODE_TTL_MS, codeHash, judgeAttempt, newCode, normalizeCode, sameDigest } from '../identity/index.ts';
import { queueStaffCodeMail } from '../notifications/index.ts';
import type { Membership } from './sign-in.mutations.ts';

export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 3;
export const SIGN_UPS_PER_CLIENT_PER_HOUR = 10;
const CODE_DOMAIN = 'sign-up';

export interface SignUpEnv { now: Date; secret: string }

const hmac = (secret: string, what: string, value: string) => createHmac('sha256', secret).update(`tandem:${what}\n${value}`).digest('hex');

/** A readable, unique slug: the name's letters and a random tail (the owner can choose another later). */
export function studioSlug(name: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'studio';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/** Starts a sign-up; answers nothing (the caller answers 202 alike). Throws 429 `rate_limited` when the client network is over its limit. */
export async function requestSignUp(db: Database, env: SignUpEnv, body: SignUpBody, client: string): Promise<void> {
  const emailHash = hmac(env.secret, 'sign-up-email', body.email);
  const clientHash = hmac(env.secret, 'sign-up-client', client);
  const since = new Date(env.now.getTime() - 3_600_000).toISOString();
  const [recent] = rowsOf(await withCrossTenant(db, 'sign-up: how many sign-ups this address and network made, before any studio exists', (tx) =>
    tx.execute(sql`select by_email, by_client from sign_up_recent(${emailHash}, ${clientHash}, ${since}::timestamptz)`)));
  if (Number(recent?.by_client ?? 0) >= SIGN_UPS_PER_CLIENT_PER_HOUR) throw new AppError('rate_limited', 'Too many sign-ups from this network; try again in an hour.', { retry_after: 3600 });
  if (Number(recent?.by_email ?? 0) >= SIGN_UPS_PER_ADDRESS_PER_HOUR) return;
  const orgId = randomUUID();
  const ownerId = randomUUID();
  const code = newCode();
  await withSystem(db, orgId, 'sign-up: a new studio and its inactive owner, waiting for the mailed code', async (tx) => {
    await tx.execute(sql`select sign_up_create_studio(${orgId}::uuid, ${ownerId}::uuid, ${studioSlug(body.studio_name)}, ${body.studio_name}, ${body.timezone},
      ${body.currency}, ${body.language}, ${body.country}, ${body.owner_name}, ${body.email})`);
    await tx.insert(t.studioSignUps).values({
      orgId, ownerId, emailHash, clientHash, codeHash: codeHash(env.secret, CODE_DOMAIN, body.email, code),
      codeExpiresAt: new Date(env.now.getTime() + CODE_TTL_MS), createdAt: env.now,
    });
    await queueStaffCodeMail(tx, { orgId, to: body.email, locale: body.language, studios: [body.studio_name], code, dedupeKey: `sign-up-code:${orgId}` });
  });
}

export type SignUpVerification =
  | { ok: true; membership: Membership; sessionId: string; token: string; expiresAt: Date }
  | { ok: false; error: AppError };

const wrong = (attemptsLeft?: number) => new AppError('identity_code_invalid', 'This code is not right.', {
  ...(attemptsLeft === undefined ? {} : { attempts_left: attemptsLeft }), errors: [{ field: 'code', message: 'is not the code we sent' }],
});

/**
 * The code of the address's newest waiting sign-up: right, and the owner is active and signed in
 * (a session as for staff sign-in). An address with no waiting sign-up is answered as a wrong code.
 */
export async function verifySignUp(db: Database, env: SignUpEnv, input: { email: string; code: string }): Promise<SignUpVerification> {
  const emailHash = hmac(env.secret, 'sign-up-email', input.email);
  const [pending] = rowsOf(await withCrossTenant(db, 'sign-up: which studio an address is signing up, before any is chosen', (tx) =>
    tx.execute(sql`select sign_up_pending(${emailHash}) as org_id`)));
  const orgId = pending?.org_id ? String(pending.org_id) : null;
  if (!orgId) return { ok: false, error: wrong() };
  const now = env.now.getTime();
  return withSystem(db, orgId, 'sign-up: the mailed code is the proof, compared by keyed hash', async (tx: Tx): Promise<SignUpVerification> => {
    const [row] = await tx.select().from(t.studioSignUps).where(eq(t.studioSignUps.orgId, orgId)).for('update');
    if (!row || row.verifiedAt) return { ok: false, error: wrong() };
    const code = normalizeCode(input.code);
    const presented = codeHash(env.secret, CODE_DOMAIN, input.email, code ?? 'none');
    const matches = row.codeHash !== null && code !== null && sameDigest(row.codeHash, presented);
    const attempt = judgeAttempt({ hasCode: row.codeHash !== null, codeExpiresAt: row.codeExpiresAt?.getTime() ?? null, failedAttempts: row.failedAttempts, lockedUntil: row.lockedUntil?.getTime() ?? null }, matches, now);
    if (!attempt.ok) {
      if (attempt.reason === 'locked') return { ok: false, error: new AppError('identity_code_locked', 'Too many wrong codes: sign up again later.', { retry_after: Math.ceil(attempt.retryAfterMs / 1000) }) };
      if (attempt.reason === 'expired') return { ok: false, error: new AppError('identity_code_expired', 'This code has expired: sign up again for a new one.') };
      const locks = attempt.lockUntil !== null;
      await tx.update(t.studioSignUps).set({ failedAttempts: attempt.failedAttempts, lockedUntil: locks ? new Date(attempt.lockUntil!) : null, ...(locks ? { codeHash: null } : {}) })
        .where(eq(t.studioSignUps.orgId, orgId));
      if (locks) return { ok: false, error: new AppError('identity_code_locked', 'Too many wrong codes: sign up again later.', { retry_after: Math.ceil((attempt.lockUntil! - now) / 1000) }) };
      return { ok: false, error: wrong(attempt.attemptsLeft) };
    }
    await tx.update(t.studioSignUps).set({ codeHash: null, codeExpiresAt: null, failedAttempts: 0, verifiedAt: env.now }).where(eq(t.studioSignUps.orgId, orgId));
    await tx.execute(sql`select sign_up_activate_owner(${orgId}::uuid)`);
    const [owner] = await tx.select({ name: t.staff.name }).from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, row.ownerId)));
    const [org] = await tx.select({ name: t.orgs.name }).from(t.orgs).where(eq(t.orgs.id, orgId));
    const sessionId = randomUUID();
    const token = staffSessionToken(env.secret, sessionId);
    const expiresAt = new Date(now + STAFF_SESSION_TTL_MS);
    await tx.insert(t.staffSessions).values({ id: sessionId, orgId, staffId: row.ownerId, tokenHash: tokenHash(token), expiresAt, lastSeenAt: env.now, createdAt: env.now });
    return { ok: true, membership: { orgId, orgName: org?.name ?? '', staffId: row.ownerId, staffName: owner?.name ?? '', role: 'owner' }, sessionId, token, expiresAt };
  });
}
