/** The instructor's mail about uploaded homework, queued in the transaction that records the upload (sent after commit by the outbox job). */
import type { Tx } from '../../platform/db/database.ts';
import type { EventContext } from '../../platform/events/record.ts';
import { loadBookingContext, type BookingRow } from '../billing/index.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { homeworkUploadedMail } from './domain/homework-mails.ts';
import { staffWords } from './mail-data.ts';

export async function queueHomeworkMail(tx: Tx, ctx: EventContext, booking: BookingRow, upload: { artifactId: string; milestone: string; filename: string }): Promise<void> {
  const c = await loadBookingContext(tx, booking.orgId, booking);
  const staff = staffWords(c);
  const mail = homeworkUploadedMail({
    lang: staff.staffLang, locale: staff.staffLocale, zone: c.instructor.timezone, customer: c.customer.name, program: c.program.title,
    milestone: upload.milestone, filename: upload.filename, at: ctx.now, url: `${ctx.config.publicOrigin}/admin`,
  });
  await enqueueMail(tx, { orgId: booking.orgId, dedupeKey: `homework:${upload.artifactId}`, to: c.instructor.email, ...mail });
}
