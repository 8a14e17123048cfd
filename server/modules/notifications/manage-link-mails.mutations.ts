/**
 * "This link has expired — send me a new one": a fresh manage link, mailed only to the
 * booking's own address. The page answers the same whatever happened, so it tells nobody
 * whether an address belongs to the booking; at most one such mail per booking every 10 minutes.
 */
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { bookingById } from '../bookings/index.ts';
import { loadBookingContext } from '../billing/index.ts';
import { newManageLinkMail } from './domain/booking-mails.ts';
import { bookingMailBase, manageUrlFor } from './mail-data.ts';
import { enqueueMail } from './outbox.mutations.ts';

const WINDOW_MS = 10 * 60_000;

export async function mailNewManageLink(db: Database, env: { config: AppConfig; now: Date }, orgId: string, bookingId: string, email: string): Promise<void> {
  await withSystem(db, orgId, 'new manage link: asked for on the page of the booking\'s expired link; mailed only to its own address', async (tx) => {
    const booking = await bookingById(tx, orgId, bookingId);
    if (!booking) return;
    const ctx = await loadBookingContext(tx, orgId, booking);
    if (ctx.customer.email.toLowerCase() !== email.trim().toLowerCase()) return;
    const manage = await manageUrlFor(tx, ctx, env.config, env.now);
    await enqueueMail(tx, {
      orgId,
      dedupeKey: `booking:${bookingId}:new-link:${Math.floor(env.now.getTime() / WINDOW_MS)}`,
      to: ctx.customer.email,
      ...newManageLinkMail(bookingMailBase(ctx, manage)),
    });
  });
}
