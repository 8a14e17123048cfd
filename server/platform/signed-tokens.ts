import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small signed, expiring tokens: `base64url(JSON payload) . base64url(HMAC-SHA256)`. The
 * payload is readable: never put personal ids in it (the manage and invoice links are opaque
 * rows in link_tokens instead, bookings/links.mutations.ts). `purpose` is signed too, so a
 * token made for one use never passes as another.
 */
export interface SignedPayload {
  /** What the token is for, e.g. 'manage' or 'invoice'. */
  p: string;
  /** Expiry, epoch seconds. */
  exp: number;
  [field: string]: string | number;
}

function mac(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function signToken(payload: SignedPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, secret).toString('base64url')}`;
}

/** The payload when the signature matches, the purpose is the expected one and it has not expired; otherwise null. */
export function verifyToken(token: string, secret: string, purpose: string, now: Date): SignedPayload | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as SignedPayload;
  if (p.p !== purpose || typeof p.exp !== 'number' || p.exp * 1000 <= now.getTime()) return null;
  return p;
}
