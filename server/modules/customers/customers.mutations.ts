/**
 * Erasing a customer (the studio's owners and managers): their personal data is replaced in
 * place (name, address, phone, what their bookings' requests said, intake answers, the bodies of
 * their messages), their sessions and codes end; bookings, orders, payments and invoices stay,
 * invoices as issued (kept for the legal retention period). A customer with a live booking is
 * refused: cancel it first.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { asSystem } from '../../platform/db/escalation.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';

export const ERASED_NAME = 'Erased customer';

export async function eraseCustomer(tx: Tx, orgId: string, customer: { id: string }, byId: string, ctx: EventContext): Promise<void> {
  const live = await tx.select({ id: t.programBookings.id }).from(t.programBookings)
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.customerId, customer.id), inArray(t.programBookings.status, ['reserved', 'confirmed', 'in_progress'])));
  if (live.length) {
    throw new AppError('conflict', 'This customer has bookings that are not over: cancel them first.', { bookings: live.map((b) => b.id) });
  }
  // The caller's own policies decided (a manager or owner of this studio, reading this customer); their sessions,
  // codes and message bodies are the server's to change.
  await asSystem(tx, 'erase a customer: their sessions, codes and messages, after an owner or manager asked');
  await tx.update(t.customers).set({ name: ERASED_NAME, email: `erased-${customer.id}@erased.invalid`, phone: null, timezone: null, updatedAt: ctx.now })
    .where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, customer.id)));
  await tx.update(t.programBookings).set({ customerName: ERASED_NAME, customerPhone: null, customerTimezone: null, intakeAnswers: {} })
    .where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.customerId, customer.id)));
  await tx.execute(sql`update messages m set body_md = '' from message_threads th, program_bookings b
    where m.org_id = ${orgId}::uuid and th.org_id = m.org_id and th.id = m.thread_id and b.org_id = th.org_id and b.id = th.booking_id
      and b.customer_id = ${customer.id}::uuid and m.sender_kind = 'customer'`);
  await tx.update(t.customerSessions).set({ revokedAt: ctx.now }).where(and(eq(t.customerSessions.orgId, orgId), eq(t.customerSessions.customerId, customer.id)));
  // Tags are the studio's words about a person ("injured knee"): erased with the rest.
  await tx.delete(t.customerTags).where(and(eq(t.customerTags.orgId, orgId), eq(t.customerTags.customerId, customer.id)));
  await recordEvent(tx, { orgId, type: 'customer.erased', subjectId: customer.id, payload: { by: byId } }, ctx);
}
