/**
 * Staff's private notes, on a session or on the whole booking (`notes_private_md`): written by the
 * booking's instructor or the studio's managers, never shown to the customer. session.note_changed and booking.note_changed record that it
 * changed (who, when) without its text, as the event log and webhooks are read more widely.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingRow } from './bookings.queries.ts';
import { staffSession, type StaffSessionView } from './lifecycle.mutations.ts';

export async function setSessionNote(tx: Tx, ctx: EventContext, booking: BookingRow, sessionId: string, notesMd: string | null): Promise<StaffSessionView> {
  const rows = await tx.update(t.programSessions).set({ notesPrivateMd: notesMd ? notesMd : null })
    .where(and(eq(t.programSessions.orgId, booking.orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.id, sessionId)))
    .returning({ id: t.programSessions.id });
  if (!rows.length) throw new AppError('not_found', 'No such session in this booking.');
  await recordEvent(tx, { orgId: booking.orgId, type: 'session.note_changed', subjectId: booking.id, payload: { session_id: sessionId, cleared: !notesMd } }, ctx);
  return staffSession(tx, booking.orgId, booking, sessionId, ctx.now);
}

/** A session's own online meeting address (staff set it per session; the portal and the mails show it). */
export async function setSessionMeetingUrl(tx: Tx, ctx: EventContext, booking: BookingRow, sessionId: string, url: string | null): Promise<StaffSessionView> {
  const rows = await tx.update(t.programSessions).set({ meetingUrl: url })
    .where(and(eq(t.programSessions.orgId, booking.orgId), eq(t.programSessions.bookingId, booking.id), eq(t.programSessions.id, sessionId)))
    .returning({ id: t.programSessions.id });
  if (!rows.length) throw new AppError('not_found', 'No such session in this booking.');
  await recordEvent(tx, { orgId: booking.orgId, type: 'session.meeting_url_changed', subjectId: booking.id, payload: { session_id: sessionId, cleared: !url } }, ctx);
  return staffSession(tx, booking.orgId, booking, sessionId, ctx.now);
}

/** The booking's own private note; null or empty clears it. Answers the note as stored. */
export async function setBookingNote(tx: Tx, ctx: EventContext, booking: BookingRow, notesMd: string | null): Promise<string | null> {
  const note = notesMd ? notesMd : null;
  await tx.update(t.programBookings).set({ notesPrivateMd: note }).where(and(eq(t.programBookings.orgId, booking.orgId), eq(t.programBookings.id, booking.id)));
  await recordEvent(tx, { orgId: booking.orgId, type: 'booking.note_changed', subjectId: booking.id, payload: { cleared: !note } }, ctx);
  return note;
}
