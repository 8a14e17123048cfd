/** Owners add staff: the person can sign in with the address at once; an invitation mail says so. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { InviteStaffBody } from '../../../schema/api/admin-staff.ts';
import { queueStaffInviteMail } from '../notifications/index.ts';

export async function inviteStaff(tx: Tx, orgId: string, inviterId: string, body: InviteStaffBody, ctx: EventContext): Promise<typeof t.staff.$inferSelect> {
  const [org] = await tx.select({ name: t.orgs.name, timezone: t.orgs.timezone, locale: t.orgs.defaultLocale }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const [inviter] = await tx.select({ name: t.staff.name }).from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, inviterId)));
  const id = randomUUID();
  const [row] = await tx.insert(t.staff).values({ id, orgId, role: body.role, name: body.name, email: body.email, timezone: body.timezone ?? org?.timezone ?? 'UTC' })
    .onConflictDoNothing({ target: [t.staff.orgId, t.staff.email] }).returning();
  if (!row) throw new AppError('conflict', 'Someone of this studio already has this address.', { errors: [{ field: 'email', message: 'is already on this studio\'s staff' }] });
  await recordEvent(tx, { orgId, type: 'staff.invited', subjectId: id, payload: { role: body.role } }, ctx);
  await queueStaffInviteMail(tx, {
    orgId, to: body.email, locale: body.locale ?? org?.locale ?? 'en', studio: org?.name ?? '', inviter: inviter?.name ?? '', role: body.role,
    url: `${ctx.config.publicOrigin}/admin`, staffId: id,
  });
  return row;
}

export async function staffOfStudio(tx: Tx, orgId: string) {
  return tx.select({ id: t.staff.id, name: t.staff.name, email: t.staff.email, role: t.staff.role, isActive: t.staff.isActive })
    .from(t.staff).where(eq(t.staff.orgId, orgId)).orderBy(t.staff.name);
}
