/**
 * The secrets of customer identity: one-time codes and the tokens of identity sessions.
 * Tokens are derived from a row's random id with an HMAC under the server's secret, so
 * the same row always gives the same token (a replayed answer, a second mail) while the
 * database stores only each token's SHA-256, and a token names nothing readable.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { derivedToken, tokenHash } from '../../platform/derived-tokens.ts';

/** Six random digits. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A code's stored form: keyed by the server's secret (six digits alone are quickly guessed from a plain hash). */
export function codeHash(secret: string, orgId: string, email: string, code: string): string {
  return createHmac('sha256', secret).update(`tandem:login-code\n${orgId}\n${email}\n${code}`).digest('hex');
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export { derivedToken, tokenHash };

export const IDENTITY_PREFIX = 'it_';

export function identityToken(secret: string, sessionId: string): string {
  return `${IDENTITY_PREFIX}${derivedToken(secret, 'identity', sessionId)}`;
}

/** The `Tandem-Identity` header as a token, or undefined when it cannot be one. */
export function identityTokenOf(header: string | undefined): string | undefined {
  return header && /^it_[A-Za-z0-9_-]{43}$/.test(header) ? header : undefined;
}
