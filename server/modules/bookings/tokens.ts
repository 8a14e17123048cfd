import { randomBytes } from 'node:crypto';
import { tokenHash } from '../../platform/derived-tokens.ts';

/**
 * The booking client token: what the widget holds to read the booking, schedule its later
 * sessions and check out. 192 random bits, shown once; only its SHA-256 is stored
 * (a token this long needs no slow hash: nothing to brute-force).
 */
export function newClientToken(): string {
  return `bt_${randomBytes(24).toString('base64url')}`;
}

export function hashClientToken(token: string): string {
  return tokenHash(token);
}

/** A token as the header carries it, or undefined when it cannot be one. */
export function clientTokenOf(header: string | undefined): string | undefined {
  return header && /^bt_[A-Za-z0-9_-]{20,64}$/.test(header) ? header : undefined;
}
