/**
 * The staff console's session cookie and its CSRF token. The cookie's token is derived from the
 * session row's random id (stored only as its SHA-256); the CSRF token from the same id under
 * another purpose, so a page that can read its own session (GET /v1/admin/session) can send it,
 * and another site, which can neither read the answer nor set the header cross-site, cannot.
 */
import { timingSafeEqual } from 'node:crypto';
import { derivedToken } from './derived-tokens.ts';

export const STAFF_COOKIE = 'tandem_staff';
export const CSRF_HEADER = 'Tandem-CSRF';
/** A staff session lasts this long after its last use (sliding). */
export const STAFF_SESSION_TTL_MS = 12 * 3_600_000;

export function staffSessionToken(secret: string, sessionId: string): string {
  return `st_${derivedToken(secret, 'staff-session', sessionId)}`;
}

/** The cookie's value as a token, or undefined when it cannot be one. */
export function staffSessionTokenOf(value: string | undefined): string | undefined {
  return value && /^st_[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function csrfToken(secret: string, sessionId: string): string {
  return derivedToken(secret, 'staff-csrf', sessionId);
}

export function csrfMatches(secret: string, sessionId: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(csrfToken(secret, sessionId));
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
