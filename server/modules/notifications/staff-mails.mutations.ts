/** The staff sign-in code mail, queued in the caller's transaction (the staff module asks for it). */
import type { Tx } from '../../platform/db/database.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { staffCodeLang, staffCodeMail, staffInviteMail } from './domain/staff-mails.ts';

export async function queueStaffCodeMail(tx: Tx, m: { orgId: string; to: string; locale: string | null | undefined; studios: string[]; code: string; dedupeKey: string }): Promise<void> {
  const mail = staffCodeMail({ lang: staffCodeLang(m.locale), studios: m.studios, code: m.code });
  await enqueueMail(tx, { orgId: m.orgId, dedupeKey: m.dedupeKey, to: m.to, subject: mail.subject, text: mail.text, html: mail.html });
}

/** The invitation of a new staff member, queued in the transaction that adds them. */
export async function queueStaffInviteMail(tx: Tx, m: { orgId: string; to: string; locale: string; studio: string; inviter: string; role: 'manager' | 'instructor'; url: string; staffId: string }): Promise<void> {
  const mail = staffInviteMail({ lang: staffCodeLang(m.locale), studio: m.studio, inviter: m.inviter, role: m.role, url: m.url });
  await enqueueMail(tx, { orgId: m.orgId, dedupeKey: `staff-invite:${m.staffId}`, to: m.to, subject: mail.subject, text: mail.text, html: mail.html });
}
