/**
 * Owners change who does what: a person's role, or their access (a deactivated person's sessions
 * end at once and their secret keys stop working; they no longer sign in). A studio always keeps
 * an active owner, and nobody locks themselves out.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';

export type StaffRow = typeof t.staff.$inferSelect;

export async function staffMember(tx: Tx, orgId: string, id: string): Promise<StaffRow | undefined> {
  const [row] = await tx.select().from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, id)));
  return row;
}

async function otherActiveOwners(tx: Tx, orgId: string, id: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(t.staff)
    .where(and(eq(t.staff.orgId, orgId), eq(t.staff.role, 'owner'), eq(t.staff.isActive, true), ne(t.staff.id, id)));
  return Number(row?.n ?? 0);
}

export interface StaffChange { role?: 'owner' | 'manager' | 'instructor' | undefined; isActive?: boolean | undefined }

export async function changeStaffMember(tx: Tx, orgId: string, byId: string, member: StaffRow, change: StaffChange, ctx: EventContext): Promise<StaffRow> {
  const role = change.role ?? member.role;
  const isActive = change.isActive ?? member.isActive;
  if (member.id === byId && (!isActive || role !== 'owner')) {
    throw new AppError('conflict', 'You cannot take your own owner\'s access away: another owner can.', { errors: [{ field: change.isActive === false ? 'is_active' : 'role', message: 'cannot be changed for yourself' }] });
  }
  if (member.role === 'owner' && member.isActive && (role !== 'owner' || !isActive) && await otherActiveOwners(tx, orgId, member.id) === 0) {
    throw new AppError('conflict', 'The studio needs an active owner: make someone else owner first.', { errors: [{ field: change.isActive === false ? 'is_active' : 'role', message: 'would leave the studio without an owner' }] });
  }
  if (role === member.role && isActive === member.isActive) return member;
  const [row] = await tx.update(t.staff).set({ role, isActive }).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, member.id))).returning();
  if (!isActive && member.isActive) {
    // Sign-in already refuses an inactive person; ending the sessions also makes the refusal immediate everywhere.
    await tx.update(t.staffSessions).set({ revokedAt: ctx.now })
      .where(and(eq(t.staffSessions.orgId, orgId), eq(t.staffSessions.staffId, member.id), isNull(t.staffSessions.revokedAt)));
  }
  await recordEvent(tx, { orgId, type: 'staff.changed', subjectId: member.id, payload: { by: byId, role: { from: member.role, to: role }, is_active: { from: member.isActive, to: isActive } } }, ctx);
  return row!;
}
