/** The staff sign-in code mail, queued in the caller's transaction (the staff module asks for it). */
import type { Tx } from '../../platform/db/database.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { staffCodeLang, staffCodeMail } from './domain/staff-mails.ts';

export async function queueStaffCodeMail(tx: Tx, m: { orgId: string; to: string; locale: string | null | undefined; studios: string[]; code: string; dedupeKey: string }): Promise<void> {
  const mail = staffCodeMail({ lang: staffCodeLang(m.locale), studios: m.studios, code: m.code });
  await enqueueMail(tx, { orgId: m.orgId, dedupeKey: m.dedupeKey, to: m.to, subject: mail.subject, text: mail.text, html: mail.html });
}
