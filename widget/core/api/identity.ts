/**
 * The embed API's e-mail one-time code calls, typed: a code is mailed to the address, and
 * traded for an identity token that checkout sends as `Tandem-Identity` where stored value
 * or personal data is used (class credits, per-customer coupons, referral codes).
 */
import type { ApiClient } from './client.ts';
import type { IdentityCodeAccepted, IdentitySession } from '../../../schema/api/embed-identity.ts';

export type { IdentitySession };

/** `POST /v1/embed/identity/code`: always 202, whatever the address. */
export function requestIdentityCode(api: ApiClient, email: string, locale: string, idempotencyKey: string): Promise<IdentityCodeAccepted> {
  return api.post<IdentityCodeAccepted>('/v1/embed/identity/code', { email, locale }, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** `POST /v1/embed/identity/verify`: the identity token for a right code. */
export function verifyIdentityCode(api: ApiClient, email: string, code: string, idempotencyKey: string): Promise<IdentitySession> {
  return api.post<IdentitySession>('/v1/embed/identity/verify', { email, code }, { headers: { 'Idempotency-Key': idempotencyKey } });
}
