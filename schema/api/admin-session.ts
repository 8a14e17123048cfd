import * as v from 'valibot';
import { Id, Locale } from './common.ts';
import { Email } from './embed-identity.ts';

/** POST /v1/admin/sign-in/code */
export const StaffCodeBody = v.object({
  email: Email,
  /** The language of the mail (default: English). */
  locale: v.optional(Locale),
});
export type StaffCodeBody = v.InferOutput<typeof StaffCodeBody>;

/** POST /v1/admin/sign-in/verify: `org_id` picks the studio when the address works for several. */
export const StaffVerifyBody = v.object({
  email: Email,
  code: v.pipe(v.string(), v.trim(), v.maxLength(16)),
  org_id: v.optional(Id),
});
export type StaffVerifyBody = v.InferOutput<typeof StaffVerifyBody>;

const Role = v.picklist(['owner', 'manager', 'instructor']);

/** The studios a right code signs in to, to choose from. */
export const ChooseStudioOut = v.object({
  status: v.literal('choose_studio'),
  studios: v.array(v.object({ id: v.string(), name: v.string(), role: Role })),
});
export type ChooseStudioOut = v.InferOutput<typeof ChooseStudioOut>;

/** Who is signed in (GET /v1/admin/session, and the answer of a successful sign-in). */
export const StaffSessionOut = v.object({
  status: v.literal('signed_in'),
  staff: v.object({ id: v.string(), name: v.string(), email: v.string(), role: Role, timezone: v.string() }),
  studio: v.object({ id: v.string(), name: v.string(), timezone: v.string(), currency: v.string(), default_locale: v.string() }),
  /** Send as `Tandem-CSRF` with every request that changes something; null for a secret key (which needs none). */
  csrf_token: v.nullable(v.string()),
  /** When the session ends unless used before (12 hours, extended by every request); null for a secret key. */
  expires_at: v.nullable(v.string()),
});
export type StaffSessionOut = v.InferOutput<typeof StaffSessionOut>;
