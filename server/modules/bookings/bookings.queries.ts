import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingOut, SessionOut } from '../../../schema/api/embed-bookings.ts';
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

export function sessionOut(s: Pick<SessionRow, 'id' | 'seq' | 'startsAt' | 'endsAt' | 'timezone' | 'status' | 'revision'>): SessionOut {
  return {
    id: s.id, seq: s.seq, starts_at: s.startsAt!.toISOString(), ends_at: s.endsAt!.toISOString(),
    timezone: s.timezone, status: s.status, revision: s.revision,
  };
}

/** A booking as the embed API shows it. */
export async function bookingOut(tx: Tx, orgId: string, id: string): Promise<BookingOut | undefined> {
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
    instructor: { id: b.instructorId, name: head.instructorName ?? '' },
    hold_expires_at: b.status === 'reserved' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    sessions: sessions.filter((s) => s.startsAt !== null).map(sessionOut),
    sessions_to_schedule: sessions.filter((s) => s.startsAt === null && s.status === 'scheduled').length,
    total_price: { amount: b.totalPrice, currency: b.currency },
  };
}
