import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small signed, expiring tokens: `base64url(JSON payload) . base64url(HMAC-SHA256)`.
 * Used for the manage link in confirmation mails and for invoice download links (an
 * `<a href>` cannot send headers). `purpose` is signed too, so a token made for one use
 * never passes as another.
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

const DAY_S = 86_400;

/**
 * The customer's manage link for a booking: valid until 30 days after `validUntil` (the
 * last session, or now when nothing is scheduled yet), at least 90 days from now.
 */
export function manageUrl(args: { publicOrigin: string; secret: string; orgId: string; bookingId: string; customerId: string; now: Date; validUntil?: Date | null }): string {
  const nowS = Math.floor(args.now.getTime() / 1000);
  const lastS = args.validUntil ? Math.floor(args.validUntil.getTime() / 1000) : nowS;
  const exp = Math.max(nowS + 90 * DAY_S, lastS + 30 * DAY_S);
  const token = signToken({ p: 'manage', exp, o: args.orgId, b: args.bookingId, c: args.customerId }, args.secret);
  return `${args.publicOrigin}/manage/${token}`;
}

/** The manage token's booking, or null. For the portal. */
export function verifyManageToken(token: string, secret: string, now: Date): { orgId: string; bookingId: string; customerId: string } | null {
  const p = verifyToken(token, secret, 'manage', now);
  if (!p || typeof p.o !== 'string' || typeof p.b !== 'string' || typeof p.c !== 'string') return null;
  return { orgId: p.o, bookingId: p.b, customerId: p.c };
}

/** A download link for a booking's invoice PDF, valid 30 days. */
export function invoicePdfUrl(args: { publicOrigin: string; secret: string; orgId: string; bookingId: string; now: Date }): string {
  const exp = Math.floor(args.now.getTime() / 1000) + 30 * DAY_S;
  const token = signToken({ p: 'invoice', exp, o: args.orgId, b: args.bookingId }, args.secret);
  return `${args.publicOrigin}/v1/embed/bookings/${args.bookingId}/invoice.pdf?t=${token}`;
}

/** The org of the booking the link was signed for, or null. */
export function verifyInvoiceToken(token: string, secret: string, bookingId: string, now: Date): { orgId: string } | null {
  const p = verifyToken(token, secret, 'invoice', now);
  return p !== null && p.b === bookingId && typeof p.o === 'string' ? { orgId: p.o } : null;
}
