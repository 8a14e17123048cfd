/** The answer that says who is signed in. */
import type { StaffSessionOut } from '../../../schema/api/admin-session.ts';
import type { StaffMember, StaffStudio } from '../../modules/staff/index.ts';

export function staffSessionOut(m: { member: StaffMember; studio: StaffStudio }, session: { csrfToken: string; expiresAt: Date } | null): StaffSessionOut {
  return {
    status: 'signed_in',
    staff: { id: m.member.id, name: m.member.name, email: m.member.email, role: m.member.role, timezone: m.member.timezone },
    studio: { id: m.studio.id, name: m.studio.name, timezone: m.studio.timezone, currency: m.studio.currency, default_locale: m.studio.defaultLocale },
    csrf_token: session?.csrfToken ?? null,
    expires_at: session?.expiresAt.toISOString() ?? null,
  };
}
