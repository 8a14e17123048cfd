/**
 * Writing in a booking's thread, and the batched mail that tells the other side: the message is
 * written in the request's transaction with a job for the end of its ten-minute window (one job
 * per thread, direction and window), which mails every message of that window at once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { AppConfig } from '../../deps.ts';
import type { BookingRow } from '../bookings/index.ts';
import { loadBookingContext } from '../billing/index.ts';
import { enqueueMail, manageUrlFor, messagesMail } from '../notifications/index.ts';
import { langOf } from '../../../shared/format.ts';
import { batchWindow, MESSAGE_BATCH_MS } from './domain/batching.ts';

export const MESSAGES_QUEUE = 'messaging.digest';

/** Which side is told: the studio (the booking's instructor) of the customer's messages, or the customer of the studio's. */
export interface MessagesDigestJob { orgId: string; threadId: string; bookingId: string; to: 'staff' | 'customer'; window: number }

/** The booking's thread, created with its first message when the booking has none yet. Runs as the server. */
async function threadOf(tx: Tx, orgId: string, booking: BookingRow): Promise<string> {
  await tx.execute(sql`insert into message_threads (org_id, booking_id, subject)
    select ${orgId}::uuid, ${booking.id}::uuid, p.title from programs p where p.org_id = ${orgId}::uuid and p.id = ${booking.programId}::uuid
    on conflict (org_id, booking_id) do nothing`);
  const [row] = await tx.select({ id: t.messageThreads.id }).from(t.messageThreads)
    .where(and(eq(t.messageThreads.orgId, orgId), eq(t.messageThreads.bookingId, booking.id)));
  return row!.id;
}

/**
 * The customer writes to their instructor (the booking was authorised under the customer's own
 * policies, then locked as the server). Answers the new message's id.
 */
export async function postCustomerMessage(tx: Tx, input: { orgId: string; booking: BookingRow; body: string; now: Date; config: AppConfig }): Promise<string> {
  const { orgId, booking, body, now, config } = input;
  const threadId = await threadOf(tx, orgId, booking);
  const id = randomUUID();
  await tx.insert(t.messages).values({ id, orgId, threadId, senderKind: 'customer', senderId: booking.customerId, bodyMd: body, createdAt: now });
  await recordEvent(tx, { orgId, type: 'message.created', subjectId: booking.id, payload: { message_id: id, thread_id: threadId, sender: 'customer', body_md: body } }, { now, config });
  const window = batchWindow(now.getTime());
  const job: MessagesDigestJob = { orgId, threadId, bookingId: booking.id, to: 'staff', window: window.index };
  await enqueue(tx, MESSAGES_QUEUE, { ...job }, { startAfter: new Date(window.end), singletonKey: `thread:${threadId}:staff:${window.index}` });
  return id;
}

/** The booking's instructor or a manager answers (the booking was authorised under the staff member's own policies, then locked as the server). */
export async function postStaffMessage(tx: Tx, input: { orgId: string; booking: BookingRow; staffId: string; body: string; now: Date; config: AppConfig }): Promise<string> {
  const { orgId, booking, staffId, body, now, config } = input;
  const threadId = await threadOf(tx, orgId, booking);
  const id = randomUUID();
  await tx.insert(t.messages).values({ id, orgId, threadId, senderKind: 'staff', senderId: staffId, bodyMd: body, createdAt: now });
  await recordEvent(tx, { orgId, type: 'message.created', subjectId: booking.id, payload: { message_id: id, thread_id: threadId, sender: 'staff', staff_id: staffId, body_md: body } }, { now, config });
  const window = batchWindow(now.getTime());
  const job: MessagesDigestJob = { orgId, threadId, bookingId: booking.id, to: 'customer', window: window.index };
  await enqueue(tx, MESSAGES_QUEUE, { ...job }, { startAfter: new Date(window.end), singletonKey: `thread:${threadId}:customer:${window.index}` });
  return id;
}

/** The mail of one window's messages to one side, once (its dedupe key is the window); none to an instructor who turned `message` mail off. Runs as the server. */
export async function sendMessagesDigest(tx: Tx, env: { config: AppConfig; now: Date }, job: MessagesDigestJob): Promise<void> {
  const [booking] = await tx.select().from(t.programBookings).where(and(eq(t.programBookings.orgId, job.orgId), eq(t.programBookings.id, job.bookingId)));
  if (!booking) return;
  const from = job.to === 'staff' ? 'customer' : 'staff';
  const start = new Date(job.window * MESSAGE_BATCH_MS);
  const end = new Date((job.window + 1) * MESSAGE_BATCH_MS);
  const rows = await tx.select({ body: t.messages.bodyMd }).from(t.messages)
    .where(and(eq(t.messages.orgId, job.orgId), eq(t.messages.threadId, job.threadId), eq(t.messages.senderKind, from), gte(t.messages.createdAt, start), lt(t.messages.createdAt, end)))
    .orderBy(asc(t.messages.createdAt), asc(t.messages.id));
  if (!rows.length) return;
  if (job.to === 'staff') {
    const [who] = await tx.select({ prefs: t.staff.mailPreferences, active: t.staff.isActive }).from(t.staff)
      .where(and(eq(t.staff.orgId, job.orgId), eq(t.staff.id, booking.instructorId)));
    // The instructor turned mail about messages off (their mail preferences): they read the thread in the console.
    if (!who?.active || who.prefs?.message === false) return;
  }
  const ctx = await loadBookingContext(tx, job.orgId, booking);
  const manage = await manageUrlFor(tx, ctx, env.config, env.now);
  const toStaff = job.to === 'staff';
  const mail = messagesMail({
    lang: langOf(toStaff ? ctx.org.defaultLocale : ctx.customer.locale),
    recipient: toStaff ? ctx.instructor.name : ctx.customer.name,
    from: toStaff ? ctx.customer.name : ctx.instructor.name,
    program: ctx.program.title,
    studio: ctx.org.name,
    bodies: rows.map((r) => r.body),
    threadUrl: toStaff ? `${env.config.publicOrigin}/admin` : `${manage}#messages`,
  });
  await enqueueMail(tx, { orgId: job.orgId, dedupeKey: `thread:${job.threadId}:${job.to}:${job.window}`, to: toStaff ? ctx.instructor.email : ctx.customer.email, ...mail });
}
