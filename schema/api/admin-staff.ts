import * as v from 'valibot';
import { Locale, singleLine } from './common.ts';
import { Email } from './embed-identity.ts';
import { canonicalZone } from './embed-slots.ts';

/** POST /v1/admin/staff: an owner adds a manager or an instructor (they sign in with this address). */
export const InviteStaffBody = v.object({
  name: v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(200)),
  email: Email,
  role: v.picklist(['manager', 'instructor'], 'must be manager or instructor'),
  timezone: v.optional(v.pipe(v.string(), v.check((z) => Boolean(canonicalZone(z)), 'must be an IANA time zone'))),
  /** The invitation's language (default: the studio's). */
  locale: v.optional(Locale),
});
export type InviteStaffBody = v.InferOutput<typeof InviteStaffBody>;

export const StaffMemberOut = v.object({ id: v.string(), name: v.string(), email: v.string(), role: v.string(), is_active: v.boolean() });
export const StaffListOut = v.object({ staff: v.array(StaffMemberOut) });
export type StaffListOut = v.InferOutput<typeof StaffListOut>;
