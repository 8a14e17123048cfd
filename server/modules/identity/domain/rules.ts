/**
 * The rules of e-mail one-time codes and identity sessions, as pure decisions over a code's
 * state (the I/O, hashing and the clock are the caller's).
 */

/** A code is valid this long after it was mailed. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes allowed in a row before the address is locked. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long an address stays locked after the last allowed wrong code. */
export const LOCK_MS = 15 * 60_000;
/** An identity session (`Tandem-Identity`) lasts this long. */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** A code row as the decision needs it (instants in epoch milliseconds). */
export interface CodeState {
  hasCode: boolean;
  codeExpiresAt: number | null;
  failedAttempts: number;
  lockedUntil: number | null;
}

export type Attempt =
  | { ok: true }
  | { ok: false; reason: 'locked'; retryAfterMs: number }
  | { ok: false; reason: 'expired' }
  /** A wrong code (or none to compare with): `failedAttempts` as it becomes; `lockUntil` when this one locks the address. */
  | { ok: false; reason: 'invalid'; failedAttempts: number; attemptsLeft: number; lockUntil: number | null };

export function lockedAt(state: CodeState | null, now: number): boolean {
  return state?.lockedUntil != null && state.lockedUntil > now;
}

/** What one attempt at a code means, given whether the presented code matched the stored hash. */
export function judgeAttempt(state: CodeState | null, matches: boolean, now: number): Attempt {
  if (state && lockedAt(state, now)) return { ok: false, reason: 'locked', retryAfterMs: state.lockedUntil! - now };
  // A lock that has run out starts the count afresh.
  const before = state && state.lockedUntil != null ? 0 : (state?.failedAttempts ?? 0);
  if (state?.hasCode && matches) {
    if (state.codeExpiresAt === null || state.codeExpiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true };
  }
  const failedAttempts = before + 1;
  const lock = failedAttempts >= MAX_FAILED_ATTEMPTS;
  return { ok: false, reason: 'invalid', failedAttempts: lock ? 0 : failedAttempts, attemptsLeft: lock ? 0 : MAX_FAILED_ATTEMPTS - failedAttempts, lockUntil: lock ? now + LOCK_MS : null };
}

/** The shape of a code as typed: six digits (spaces and dashes people add are dropped before). */
export function normalizeCode(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
