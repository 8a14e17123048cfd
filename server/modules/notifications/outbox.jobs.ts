/** Sending queued mail: the `mail.drain` job of one org, with leases, back-off and rendered attachments. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/queue.ts';
import * as t from '../../../schema/db/index.ts';
import type { StoredAttachment } from '../../../schema/db/messaging.ts';
import type { Mailer } from '../../platform/adapters/mail/mailer.ts';
import { drainKey, MAIL_QUEUE, type AttachmentRenderer } from './outbox.mutations.ts';

/** An attachment's bytes: stored, or rendered now (outside every transaction). */
export async function attachmentContent(orgId: string, a: StoredAttachment, render: AttachmentRenderer | undefined): Promise<Buffer> {
  if ('content_base64' in a) return Buffer.from(a.content_base64, 'base64');
  if (!render) throw new Error(`no renderer for the attachment ${a.filename}`);
  return render(orgId, a.render);
}

export interface DrainOptions {
  db: Database;
  /** The org whose due mail this round sends (the job names it). */
  orgId: string;
  /** Renders attachments stored as a reference (invoice PDFs). */
  render?: AttachmentRenderer;
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

/** Recipients whose mail is sent at the same time (each recipient's own mail one after the other, in order). */
const SEND_CONCURRENCY = 4;

type Claimed = typeof t.mailOutbox.$inferSelect;

/**
 * One round of the outbox worker for one org (its `mail.drain` job): claim a batch and send it.
 *
 * Claiming is a status-preserving lease: `available_at` is pushed `leaseMs` ahead (and
 * `attempts` raised) on rows picked with `FOR UPDATE SKIP LOCKED`, in a short transaction.
 * Two workers never claim the same row; a worker that crashes after claiming gives the
 * row back when the lease runs out; a crash after the transaction that queued the mail
 * and before any worker ran loses nothing (the row is simply pending). The batch is sent a few
 * recipients at a time, each recipient's mail in the order it was queued; then the rows sent are
 * marked `sent` in one statement — only those still pending, so a late second worker cannot mark
 * them twice. The one window left is a crash between the SMTP server accepting a mail and the
 * batch being marked: that mail is then sent again after the lease (at least once, never silently
 * lost), with the same Message-ID so that the receiver can tell.
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const { db, mailer } = options;
  const batch = options.batch ?? 20;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0 };
  const now = options.now();
  const { orgId } = options;
  let studio: string | undefined;
  const claimed = await withSystem(db, orgId, 'mail outbox: claim due mail', async (tx) => {
    // The studio's name is the sender's name of its mails (the address stays the configured one).
    studio = (await tx.select({ name: t.orgs.name }).from(t.orgs).where(eq(t.orgs.id, orgId)))[0]?.name;
    // The index mail_outbox_due (org, created_at) where pending: read in order, stopped at the batch.
    const picked = tx.select({ id: t.mailOutbox.id }).from(t.mailOutbox)
      .where(and(eq(t.mailOutbox.orgId, orgId), eq(t.mailOutbox.status, 'pending'), sql`(${t.mailOutbox.availableAt} is null or ${t.mailOutbox.availableAt} <= ${now.toISOString()}::timestamptz)`))
      .orderBy(t.mailOutbox.createdAt).limit(batch).for('update', { skipLocked: true });
    const rows = await tx.update(t.mailOutbox)
      .set({ availableAt: new Date(now.getTime() + leaseMs), attempts: sql`${t.mailOutbox.attempts} + 1` })
      .where(inArray(t.mailOutbox.id, picked))
      .returning();
    // Whatever happens to this worker, the claimed rows are looked at again when the lease ends;
    // a full batch may have left more behind.
    if (rows.length) await enqueue(tx, MAIL_QUEUE, { orgId }, { startAfter: new Date(Date.now() + leaseMs + 1_000) });
    if (rows.length === batch) await enqueue(tx, MAIL_QUEUE, { orgId }, { singletonKey: drainKey(orgId) });
    return rows;
  });
  // UPDATE … RETURNING keeps no order: each recipient's mail in the order it was queued (a move before its cancellation).
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const byRecipient = new Map<string, Claimed[]>();
  for (const row of claimed) byRecipient.set(row.toAddress, [...(byRecipient.get(row.toAddress) ?? []), row]);
  const queue = [...byRecipient.values()];
  const sent: string[] = [];
  const sendOne = async (row: Claimed) => {
    try {
      await mailer.send({
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        messageId: `<${row.id}@tandem>`,
        fromName: studio,
        headers: row.headers,
        attachments: await Promise.all(row.attachments.map(async (a) => ({ filename: a.filename, contentType: a.content_type, content: await attachmentContent(orgId, a, options.render) }))),
      });
      sent.push(row.id);
    } catch (error) {
      const giveUp = row.attempts >= maxAttempts;
      const backoff = BACKOFF_MS[Math.min(row.attempts - 1, BACKOFF_MS.length - 1)] ?? 60_000;
      await withSystem(db, orgId, 'mail outbox: record a failed send', async (tx) => {
        await tx.update(t.mailOutbox)
          .set({
            status: giveUp ? 'failed' : 'pending',
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
            availableAt: giveUp ? null : new Date(options.now().getTime() + backoff),
          })
          .where(and(eq(t.mailOutbox.id, row.id), eq(t.mailOutbox.status, 'pending')));
        if (!giveUp) await enqueue(tx, MAIL_QUEUE, { orgId }, { startAfter: new Date(Date.now() + backoff) });
      });
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, async () => {
    for (let rows = queue.shift(); rows; rows = queue.shift()) for (const row of rows) await sendOne(row);
  }));
  if (sent.length) {
    await withSystem(db, orgId, 'mail outbox: mark sent', (tx) => tx.update(t.mailOutbox)
      .set({ status: 'sent', sentAt: options.now(), availableAt: null, lastError: null })
      .where(and(inArray(t.mailOutbox.id, sent), eq(t.mailOutbox.status, 'pending'))));
    result.sent = sent.length;
  }
  return result;
}

/** Sends an org's due mail; enqueued with every queued mail, at each retry and at each lease's end. */
export function mailJob(env: Omit<DrainOptions, 'orgId'>): JobDefinition<{ orgId: string }> {
  // One job per studio with mail due: with many studios, a worker takes several per fetch.
  return { name: MAIL_QUEUE, batchSize: 10, handle: async ({ orgId }) => { await drainOutbox({ ...env, orgId }); } };
}
