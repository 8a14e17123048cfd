/** Queuing mail: a row in the outbox and the job that sends it, in the caller's transaction. */
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import { brandHtml } from './domain/mail-brand.ts';

/** Rendered when the mail is sent (after every transaction): an invoice or a credit note PDF. */
export type RenderedAttachment = { kind: 'invoice_pdf'; invoice_id: string; amount_paid: number } | { kind: 'credit_note_pdf'; credit_note_id: string };
export type AttachmentRenderer = (orgId: string, spec: RenderedAttachment) => Promise<Buffer>;

export type MailAttachmentInput =
  | { filename: string; contentType: string; content: Buffer }
  | { filename: string; contentType: string; render: RenderedAttachment };

/**
 * At most this many mails to one address within an hour, per studio: a booking form is no relay
 * for mail to someone else's inbox. Mails over it are kept with status `held` (never sent by the
 * worker, visible in the outbox with the reason in `last_error`), not dropped; held mails do not
 * count towards the limit.
 */
export const MAIL_PER_RECIPIENT_PER_HOUR = 5;

/** The queue whose job sends an org's due mail. */
export const MAIL_QUEUE = 'mail.drain';

/** The key of an org's waiting drain job (new mail joins it instead of queuing one job per mail). */
export const drainKey = (orgId: string) => `mail:${orgId}`;

export interface QueuedMail {
  orgId: string;
  /** One mail per key and org, ever: e.g. `booking:<id>:confirmation`. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: MailAttachmentInput[];
  /** Extra header fields: only marketing mail has any (marketing/consent.mutations.ts). */
  headers?: Record<string, string>;
  /** A marketing mail: the consent it goes out under (withdrawing it holds the mail while unsent). */
  consentId?: string;
}

/**
 * Queues a mail in the caller's transaction, with the job that sends it: both exist exactly
 * when what caused them commits. A second call with the same dedupe key does nothing. Over
 * MAIL_PER_RECIPIENT_PER_HOUR the row is written `held` and no job is queued. An HTML part
 * gets the studio's band (its name on its colour, mail-brand.ts), as the studio is now.
 * Returns whether a row was added.
 */
export async function enqueueMail(tx: Tx, mail: QueuedMail): Promise<boolean> {
  const html = mail.html ? await branded(tx, mail.orgId, mail.html) : null;
  const [recent] = await tx.select({ n: count() }).from(t.mailOutbox).where(and(
    eq(t.mailOutbox.orgId, mail.orgId), eq(t.mailOutbox.toAddress, mail.to), ne(t.mailOutbox.status, 'held'),
    sql`${t.mailOutbox.createdAt} > now() - interval '1 hour'`,
    // The studio's notices to its own people are neither limited nor counted: a busy hour must not hold a staff member's sign-in code.
    sql`${t.mailOutbox.dedupeKey} not like 'staff-notice:%'`,
  ));
  const held = !mail.dedupeKey.startsWith('staff-notice:') && Number(recent?.n ?? 0) >= MAIL_PER_RECIPIENT_PER_HOUR;
  const rows = await tx.insert(t.mailOutbox).values({
    status: held ? 'held' : 'pending',
    lastError: held ? `held: more than ${MAIL_PER_RECIPIENT_PER_HOUR} mails to this address within an hour` : null,
    orgId: mail.orgId,
    dedupeKey: mail.dedupeKey,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: html,
    headers: mail.headers ?? {},
    consentId: mail.consentId ?? null,
    attachments: (mail.attachments ?? []).map((a) => 'render' in a
      ? { filename: a.filename, content_type: a.contentType, render: a.render }
      : { filename: a.filename, content_type: a.contentType, content_base64: a.content.toString('base64') }),
  }).onConflictDoNothing({ target: [t.mailOutbox.orgId, t.mailOutbox.dedupeKey] }).returning({ id: t.mailOutbox.id });
  // One waiting drain job per org is enough: it sends every due mail of the org (in batches).
  if (rows.length && !held) await enqueue(tx, MAIL_QUEUE, { orgId: mail.orgId }, { singletonKey: drainKey(mail.orgId) });
  return rows.length > 0;
}

/** The HTML part in the studio's name and colour. */
async function branded(tx: Tx, orgId: string, html: string): Promise<string> {
  const [org] = await tx.select({ name: t.orgs.name, billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  return org ? brandHtml(html, { name: org.name, color: org.billing?.brand_color }) : html;
}
