/**
 * Tokens that name nothing readable: derived from a row's random id with an HMAC under the
 * server's secret (the same row always gives the same token), stored only as their SHA-256.
 * Identity sessions, manage and invoice links, and booking client tokens use these.
 */
import { createHash, createHmac } from 'node:crypto';

/** The token of a row: 256 bits, base64url, derived from the row's id and what it is for. */
export function derivedToken(secret: string, purpose: string, rowId: string): string {
  return createHmac('sha256', secret).update(`tandem:${purpose}\n${rowId}`).digest('base64url');
}

/** What the database stores of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
