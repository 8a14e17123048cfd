/** Reading a booking's invoice by its client token or its signed link (the PDF is rendered by the caller, after the transaction). */
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { bookingById, bookingByToken } from '../bookings/index.ts';
import { invoiceOfOrder, type InvoiceDocument } from './invoices.queries.ts';

/** The invoice document of the booking this client token opens (rendered by the caller, after the transaction). */
export async function invoiceForBookingToken(tx: Tx, orgId: string, bookingId: string, token: string | undefined): Promise<InvoiceDocument | undefined> {
  await asSystem(tx, 'booking client token: the token is the proof, checked by hash below');
  const booking = token ? await bookingByToken(tx, orgId, bookingId, token) : undefined;
  if (!booking) throw new AppError('not_found', 'No such booking.');
  return invoiceOfOrder(tx, orgId, booking.orderId);
}

/** The invoice document of a booking, for a caller already proven (the signed invoice link). */
export async function invoiceForBooking(tx: Tx, orgId: string, bookingId: string): Promise<InvoiceDocument | undefined> {
  return invoiceOfOrder(tx, orgId, (await bookingById(tx, orgId, bookingId))?.orderId);
}
