/**
 * Telling the studio's people: a booking event queues one job (after commit), and the job, as
 * the server, mails each active person who wants that topic: owners and managers about every
 * booking, an instructor about the bookings they conduct (per-staff mail preferences). One mail
 * per event and person, whatever the retries.
 */
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { formatLocale, langOf, staffNoticeMail, type NoticeTopic } from './domain/index.ts';
import { enqueueMail } from './outbox.mutations.ts';

export const STAFF_NOTICE_QUEUE = 'notifications.staff-notice';

export interface StaffNoticeJob { orgId: string; eventId: string; bookingId: string; topic: Exclude<NoticeTopic, 'message'>; [k: string]: unknown }

/** Queues the notice in the event's transaction: it runs only if the event commits. */
export function queueStaffNotice(tx: Tx, job: StaffNoticeJob): Promise<void> {
  return enqueue(tx, STAFF_NOTICE_QUEUE, job, { singletonKey: `staff-notice:${job.eventId}` });
}

/** The active staff who want mail on `topic` about a booking conducted by `instructorId`. */
export async function staffToTell(tx: Tx, orgId: string, instructorId: string, topic: NoticeTopic): Promise<{ id: string; email: string }[]> {
  const people = await tx.select({ id: t.staff.id, email: t.staff.email, prefs: t.staff.mailPreferences }).from(t.staff)
    .where(and(eq(t.staff.orgId, orgId), eq(t.staff.isActive, true), or(inArray(t.staff.role, ['owner', 'manager']), eq(t.staff.id, instructorId))))
    .orderBy(asc(t.staff.email));
  return people.filter((p) => p.prefs?.[topic] !== false).map(({ id, email }) => ({ id, email }));
}

export async function sendStaffNotice(tx: Tx, env: { config: AppConfig; now: Date }, job: StaffNoticeJob): Promise<number> {
  const [booking] = await tx.select().from(t.programBookings).where(and(eq(t.programBookings.orgId, job.orgId), eq(t.programBookings.id, job.bookingId)));
  if (!booking) return 0;
  const [[org], [program], [customer], [next]] = await Promise.all([
    tx.select({ name: t.orgs.name, locale: t.orgs.defaultLocale, timezone: t.orgs.timezone, billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, job.orgId)),
    tx.select({ title: t.programs.title }).from(t.programs).where(and(eq(t.programs.orgId, job.orgId), eq(t.programs.id, booking.programId))),
    tx.select({ name: t.customers.name }).from(t.customers).where(and(eq(t.customers.orgId, job.orgId), eq(t.customers.id, booking.customerId))),
    tx.select({ startsAt: t.programSessions.startsAt, timezone: t.programSessions.timezone }).from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, job.orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.status, 'scheduled'), gt(t.programSessions.startsAt, env.now)))
      .orderBy(asc(t.programSessions.startsAt)).limit(1),
  ]);
  if (!org) return 0;
  let people = await staffToTell(tx, job.orgId, booking.instructorId, job.topic);
  // The cancellation mail with its documents already goes to the studio's address (or the instructor): not twice.
  if (job.topic === 'cancellation') {
    const [instructor] = await tx.select({ email: t.staff.email }).from(t.staff).where(and(eq(t.staff.orgId, job.orgId), eq(t.staff.id, booking.instructorId)));
    const already = org.billing?.email ?? instructor?.email;
    people = people.filter((p) => p.email !== already);
  }
  const mail = staffNoticeMail({
    lang: langOf(org.locale), locale: formatLocale(langOf(org.locale), org.billing?.country), topic: job.topic, studio: org.name, program: program?.title ?? '', customer: booking.customerName ?? customer?.name ?? '',
    url: `${env.config.publicOrigin}/admin#/bookings/${booking.id}`,
    next: next?.startsAt ? { startsAt: next.startsAt, zone: next.timezone ?? org.timezone } : null,
  });
  let queued = 0;
  for (const p of people) {
    if (await enqueueMail(tx, { orgId: job.orgId, dedupeKey: `staff-notice:${job.eventId}:${p.id}`, to: p.email, ...mail })) queued++;
  }
  return queued;
}

export function staffNoticeJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<StaffNoticeJob> {
  return {
    name: STAFF_NOTICE_QUEUE,
    handle: async (job) => {
      await withSystem(env.db, job.orgId, `notifications: tell the studio's people (${job.topic.replace('_', ' ')})`, (tx) => sendStaffNotice(tx, { now: env.now(), config: env.config }, job));
    },
  };
}
