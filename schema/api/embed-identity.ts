import * as v from 'valibot';
import { Locale } from './common.ts';

/** The same rules as the booking API's customer e-mail (trimmed, lower-cased). */
export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address'), v.maxLength(320));

export const IdentityCodeBody = v.object({
  email: Email,
  /** The language of the mail (default: English). */
  locale: v.optional(Locale),
});
export type IdentityCodeBody = v.InferOutput<typeof IdentityCodeBody>;

/** The same answer for every address. */
export const IdentityCodeAccepted = v.object({
  status: v.literal('sent_if_possible'),
  /** Minutes the code stays valid. */
  expires_in_minutes: v.number(),
});
export type IdentityCodeAccepted = v.InferOutput<typeof IdentityCodeAccepted>;

export const IdentityVerifyBody = v.object({
  email: Email,
  code: v.pipe(v.string(), v.trim(), v.maxLength(16)),
  locale: v.optional(Locale),
});
export type IdentityVerifyBody = v.InferOutput<typeof IdentityVerifyBody>;

export const IdentitySession = v.object({
  /** Send as `Tandem-Identity` where stored value or personal data is used (credits, per-customer codes). */
  identity_token: v.string(),
  expires_at: v.string(),
});
export type IdentitySession = v.InferOutput<typeof IdentitySession>;
