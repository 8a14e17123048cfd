import { withCrossTenant } from '../../platform/db/identity.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/identity.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import * as t from '../../../schema/db/index.ts';
import type { Mailer } from '../../platform/adapters/mail/mailer.ts';

export interface QueuedMail {
  orgId: string;
  /** One mail per key and org, ever: e.g. `booking:<id>:confirmation`. */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Queues a mail in the caller's transaction: it exists exactly when what caused it commits.
 * A second call with the same dedupe key does nothing. Returns whether a row was added.
 */
export async function enqueueMail(tx: Tx, mail: QueuedMail): Promise<boolean> {
  const rows = await tx.insert(t.mailOutbox).values({
    orgId: mail.orgId,
    dedupeKey: mail.dedupeKey,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, content_type: a.contentType, content_base64: a.content.toString('base64') })),
  }).onConflictDoNothing({ target: [t.mailOutbox.orgId, t.mailOutbox.dedupeKey] }).returning({ id: t.mailOutbox.id });
  return rows.length > 0;
}

export interface DrainOptions {
  db: Database;
  mailer: Mailer;
  now: () => Date;
  /** Rows claimed per org and round. */
  batch?: number;
  /** How long a claim lasts: a worker that dies mid-send gives its rows back after this. */
  leaseMs?: number;
  /** Failures before a row is given up (status failed). */
  maxAttempts?: number;
}

export interface DrainResult { sent: number; failed: number; retrying: number }

const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** Org ids with mail due, read through a SECURITY DEFINER function (RLS cannot scope "which orgs"). */
export async function orgsWithPendingMail(db: Database, now: Date): Promise<string[]> {
  const result = await withCrossTenant(db, 'mail outbox: which orgs have mail due', async (tx) => tx.execute(sql`select orgs_with_pending_mail(${now.toISOString()}::timestamptz) as org_id`));
  return rowsOf(result).map((r) => String(r.org_id));
}

/**
 * One round of the outbox worker: for each org with due mail, claim a batch and send it.
 *
 * Claiming is a status-preserving lease: `available_at` is pushed `leaseMs` ahead (and
 * `attempts` raised) on rows picked with `FOR UPDATE SKIP LOCKED`, in a short transaction.
 * Two workers never claim the same row; a worker that crashes after claiming gives the
 * row back when the lease runs out; a crash after the transaction that queued the mail
 * and before any worker ran loses nothing (the row is simply pending). After a successful
 * send the row is marked `sent` — only if still pending, so a late second worker cannot
 * mark it twice. The one window left is a crash between the SMTP server accepting the mail
 * and the row being marked: the mail is then sent again after the lease (at least once,
 * never silently lost), with the same Message-ID so that the receiver can tell.
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const { db, mailer } = options;
  const batch = options.batch ?? 20;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0 };
  const now = options.now();
  for (const orgId of await orgsWithPendingMail(db, now)) {
    const claimed = await withSystem(db, orgId, 'mail outbox: claim due mail', async (tx) => {
      const picked = tx.select({ id: t.mailOutbox.id }).from(t.mailOutbox)
        .where(and(eq(t.mailOutbox.status, 'pending'), sql`(${t.mailOutbox.availableAt} is null or ${t.mailOutbox.availableAt} <= ${now.toISOString()}::timestamptz)`))
        .orderBy(t.mailOutbox.createdAt).limit(batch).for('update', { skipLocked: true });
      return tx.update(t.mailOutbox)
        .set({ availableAt: new Date(now.getTime() + leaseMs), attempts: sql`${t.mailOutbox.attempts} + 1` })
        .where(inArray(t.mailOutbox.id, picked))
        .returning();
    });
    // UPDATE … RETURNING keeps no order: send in the order the mails were queued (a move before its cancellation).
    claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const row of claimed) {
      try {
        await mailer.send({
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody ?? undefined,
          messageId: `<${row.id}@tandem>`,
          attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.content_type, content: Buffer.from(a.content_base64, 'base64') })),
        });
        await withSystem(db, orgId, 'mail outbox: mark sent', (tx) => tx.update(t.mailOutbox)
          .set({ status: 'sent', sentAt: options.now(), availableAt: null, lastError: null })
          .where(and(eq(t.mailOutbox.id, row.id), eq(t.mailOutbox.status, 'pending'))));
        result.sent++;
      } catch (error) {
        const giveUp = row.attempts >= maxAttempts;
        const backoff = BACKOFF_MS[Math.min(row.attempts - 1, BACKOFF_MS.length - 1)] ?? 60_000;
        await withSystem(db, orgId, 'mail outbox: record a failed send', (tx) => tx.update(t.mailOutbox)
          .set({
            status: giveUp ? 'failed' : 'pending',
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
            availableAt: giveUp ? null : new Date(options.now().getTime() + backoff),
          })
          .where(and(eq(t.mailOutbox.id, row.id), eq(t.mailOutbox.status, 'pending'))));
        if (giveUp) result.failed++;
        else result.retrying++;
      }
    }
  }
  return result;
}
