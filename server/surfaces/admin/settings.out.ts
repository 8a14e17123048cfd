/** Answer shapes of the studio's settings: keys (never a secret's hash), origins, staff and their mail preferences. */
import type { KeyOut } from '../../../schema/api/admin-settings.ts';

export function keyOut(k: { id: string; kind: 'publishable' | 'secret'; prefix: string; label: string; revokedAt: Date | null; createdAt: Date }): KeyOut {
  return { id: k.id, kind: k.kind, prefix: k.prefix, label: k.label, revoked_at: k.revokedAt?.toISOString() ?? null, created_at: k.createdAt.toISOString() };
}

export function originOut(o: { id: string; origin: string; createdAt: Date }) {
  return { id: o.id, origin: o.origin, created_at: o.createdAt.toISOString() };
}

export function staffMemberOut(s: { id: string; name: string; email: string; role: string; isActive: boolean }) {
  return { id: s.id, name: s.name, email: s.email, role: s.role, is_active: s.isActive };
}
