/** Per-staff mail preferences: what each person is told by mail (a topic not set is on). */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { MailPreferencesBody } from '../../../schema/api/admin-settings.ts';
import { MAIL_TOPICS, type MailPreferences } from '../../../shared/mail-topics.ts';
import type { StaffRow } from './roles.mutations.ts';

export function mailPreferencesOf(stored: Partial<MailPreferences> | null | undefined): MailPreferences {
  return Object.fromEntries(MAIL_TOPICS.map((topic) => [topic, stored?.[topic] ?? true])) as MailPreferences;
}

export async function setMailPreferences(tx: Tx, member: StaffRow, change: MailPreferencesBody): Promise<MailPreferences> {
  const next = { ...mailPreferencesOf(member.mailPreferences), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as MailPreferences;
  await tx.update(t.staff).set({ mailPreferences: next }).where(and(eq(t.staff.orgId, member.orgId), eq(t.staff.id, member.id)));
  return next;
}
