/** Who is signed in: the staff member and their studio, read as themselves. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export interface StaffMember { id: string; name: string; email: string; role: 'owner' | 'manager' | 'instructor'; timezone: string }
export interface StaffStudio { id: string; name: string; timezone: string; currency: string; defaultLocale: string }

export async function signedInMember(tx: Tx, orgId: string, staffId: string): Promise<{ member: StaffMember; studio: StaffStudio } | undefined> {
  const [member] = await tx.select({ id: t.staff.id, name: t.staff.name, email: t.staff.email, role: t.staff.role, timezone: t.staff.timezone })
    .from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, staffId)));
  const [studio] = await tx.select({ id: t.orgs.id, name: t.orgs.name, timezone: t.orgs.timezone, currency: t.orgs.currency, defaultLocale: t.orgs.defaultLocale })
    .from(t.orgs).where(eq(t.orgs.id, orgId));
  return member && studio ? { member, studio } : undefined;
}
