import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { hashClientToken } from './tokens.ts';

export type BookingRow = typeof t.programBookings.$inferSelect;
export type SessionRow = typeof t.programSessions.$inferSelect;

/** The booking whose client token this is; `lock` takes its row lock (one change per booking at a time). */
export async function bookingByToken(tx: Tx, orgId: string, id: string, token: string, lock = false): Promise<BookingRow | undefined> {
  const q = tx.select().from(t.programBookings)
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, id), eq(t.programBookings.clientTokenHash, hashClientToken(token))));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The booking as the transaction's role may see it. */
export async function bookingById(tx: Tx, orgId: string, id: string, lock = false): Promise<BookingRow | undefined> {
  const q = tx.select().from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A session as a booking's answers show it; a session still to schedule has no times. */
export type SessionView = Pick<SessionRow, 'id' | 'seq' | 'startsAt' | 'endsAt' | 'timezone' | 'status' | 'revision' | 'reschedules' | 'meetingUrl'>;

/** A booking with its program, variant, instructor and sessions (by seq): what each audience shapes its booking answer from. */
export interface BookingView {
  id: string;
  status: BookingRow['status'];
  program: { slug: string; title: string };
  variant: { id: string; name: string };
  instructor: { id: string; name: string | null };
  holdExpiresAt: Date | null;
  totalPrice: number;
  currency: string;
  sessions: SessionView[];
}

/** A booking with its program, variant, instructor and sessions, as the transaction's role may see it. */
export async function bookingView(tx: Tx, orgId: string, id: string): Promise<BookingView | undefined> {
  const [heads, sessions] = await Promise.all([
    tx.select({
      booking: t.programBookings,
      slug: t.programs.slug, title: t.programs.title, variantName: t.programVariants.name, instructorName: t.staff.name,
    }).from(t.programBookings)
      .innerJoin(t.programs, and(eq(t.programs.id, t.programBookings.programId), eq(t.programs.orgId, t.programBookings.orgId)))
      .innerJoin(t.programVariants, and(eq(t.programVariants.id, t.programBookings.variantId), eq(t.programVariants.orgId, t.programBookings.orgId)))
      .leftJoin(t.staff, and(eq(t.staff.id, t.programBookings.instructorId), eq(t.staff.orgId, t.programBookings.orgId)))
      .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, id))),
    tx.select().from(t.programSessions)
      .where(and(eq(t.programSessions.orgId, orgId), eq(t.programSessions.bookingId, id)))
      .orderBy(asc(t.programSessions.seq)),
  ]);
  const head = heads[0];
  if (!head) return undefined;
  const b = head.booking;
  return {
    id: b.id,
    status: b.status,
    program: { slug: head.slug, title: head.title },
    variant: { id: b.variantId, name: head.variantName },
    instructor: { id: b.instructorId, name: head.instructorName },
    holdExpiresAt: b.holdExpiresAt,
    totalPrice: b.totalPrice,
    currency: b.currency,
    sessions,
  };
}
