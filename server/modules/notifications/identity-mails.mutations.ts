/** The one-time code mail, queued in the caller's transaction (the identity module asks for it). */
import type { Tx } from '../../platform/db/database.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { loginCodeLang, loginCodeMail } from './domain/identity-mails.ts';

export async function queueLoginCodeMail(tx: Tx, m: { orgId: string; to: string; locale: string | null | undefined; studio: string; code: string; dedupeKey: string }): Promise<void> {
  const mail = loginCodeMail({ lang: loginCodeLang(m.locale), studio: m.studio, code: m.code });
  await enqueueMail(tx, { orgId: m.orgId, dedupeKey: m.dedupeKey, to: m.to, subject: mail.subject, text: mail.text, html: mail.html });
}
