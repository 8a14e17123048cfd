import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, orgId } from './columns.ts';
import { programBookings } from './bookings.ts';
import { orgs } from './tenancy.ts';
import { anyOf, isCustomer, isInstructor, isManager, nobody, tenantPolicies } from './policies.ts';

/** A mail's attachment: its bytes, or what to render when it is sent (an invoice or credit note PDF, outside every transaction). */
export type StoredAttachment =
  | { filename: string; content_type: string; content_base64: string }
  | { filename: string; content_type: string; render: { kind: 'invoice_pdf'; invoice_id: string; amount_paid: number } | { kind: 'credit_note_pdf'; credit_note_id: string } };

export const senderKind = pgEnum('sender_kind', ['customer', 'staff', 'system']);
/** `held`: over the per-recipient limit (notifications/outbox.mutations.ts), kept and never sent by the worker. */
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed', 'held']);

/** The private thread between a customer and the instructor of one booking. */
export const messageThreads = pgTable('message_threads', {
  id: id(),
  orgId: orgId(),
  bookingId: uuid('booking_id').notNull(),
  subject: text('subject').notNull(),
  createdAt: createdAt(),
}, (t) => [
  unique('message_threads_org_id').on(t.orgId, t.id),
  uniqueIndex('message_threads_booking').on(t.orgId, t.bookingId),
  foreignKey({ columns: [t.orgId, t.bookingId], foreignColumns: [programBookings.orgId, programBookings.id] }).onDelete('cascade'),
  ...tenantPolicies('message_threads', {
    select: anyOf(isManager, sql`booking_id in (select id from program_bookings)`),
    insert: isManager, update: isManager, delete: isManager,
  }),
]).enableRLS();

const inVisibleThread = sql`thread_id in (select id from message_threads)`;

export const messages = pgTable('messages', {
  id: id(),
  orgId: orgId(),
  threadId: uuid('thread_id').notNull(),
  senderKind: senderKind('sender_kind').notNull(),
  senderId: uuid('sender_id'),
  bodyMd: text('body_md').notNull(),
  readAt: instant('read_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.threadId], foreignColumns: [messageThreads.orgId, messageThreads.id] }).onDelete('cascade'),
  index('messages_thread').on(t.orgId, t.threadId, t.createdAt),
  ...tenantPolicies('messages', {
    select: anyOf(isManager, inVisibleThread),
    // people write as themselves only
    insert: anyOf(isManager,
      sql`(${isCustomer} and ${inVisibleThread} and sender_kind = 'customer' and sender_id = app_customer_id())`,
      sql`(${isInstructor} and ${inVisibleThread} and sender_kind = 'staff' and sender_id = app_user_id())`),
    update: isManager,
    delete: isManager,
  }),
]).enableRLS();

/**
 * Outgoing mail, written in the same transaction as what caused it and sent
 * afterwards by the outbox worker: a crash between commit and send loses nothing,
 * and `dedupe_key` keeps the same mail from being queued twice.
 */
export const mailOutbox = pgTable('mail_outbox', {
  id: id(),
  orgId: orgId(),
  dedupeKey: text('dedupe_key').notNull(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body'),
  attachments: jsonb('attachments').$type<StoredAttachment[]>().notNull().default([]),
  /** Extra header fields of the mail (a marketing mail's `List-Unsubscribe` and `List-Unsubscribe-Post`). */
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  /** A marketing mail: the consent it is sent under; withdrawing that consent holds it if still unsent. */
  consentId: uuid('consent_id'),
  status: outboxStatus('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /**
   * Not to be tried before this instant: the lease of the worker that claimed the row (a
   * crashed worker's claim runs out and the row is tried again), or the back-off after a failure.
   */
  availableAt: instant('available_at'),
  sentAt: instant('sent_at'),
  createdAt: createdAt(),
}, (t) => [
  foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }).onDelete('cascade'),
  uniqueIndex('mail_outbox_dedupe').on(t.orgId, t.dedupeKey),
  index('mail_outbox_pending').on(t.status, t.createdAt),
  /**
   * A studio's mail to send, oldest first: the drain's claim, read in order and stopped at its batch
   * (through (org_id, dedupe_key) it read every mail the studio ever sent, then sorted).
   */
  index('mail_outbox_due').on(t.orgId, t.createdAt).where(sql`${t.status} = 'pending'`),
  /** The mails of the last hour to one address (the per-recipient limit). */
  index('mail_outbox_recipient').on(t.orgId, t.toAddress, t.createdAt),
  ...tenantPolicies('mail_outbox', { select: isManager, insert: isManager, update: isManager, delete: nobody }),
]).enableRLS();
