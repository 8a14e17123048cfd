/** Shared by the checkout, webhook, admin-payment and mail tests: reserve a demo booking, check it out, look at money rows. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/platform/db/database.ts';
import type { CheckoutResponse } from '../../schema/api/checkout.ts';
import type { CreatedBooking } from '../../schema/api/embed-bookings.ts';
import { flowKey } from './app.ts';
import { postJson, query } from './booking.ts';

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export const EVOLVE_INTAKE = { goal: 'Change jobs without panicking', experience: 'never', consent: true };

/** The demo variants' ids, by program slug (in their sort order). */
export async function demoVariants(app: Requester, key = flowKey): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const list = await (await app.request('/v1/embed/programs', { headers: key })).json() as { programs?: { slug: string }[] } | { slug: string }[];
  const slugs = (Array.isArray(list) ? list : list.programs ?? []).map((p) => p.slug);
  for (const slug of slugs) {
    const p = await (await app.request(`/v1/embed/programs/${slug}`, { headers: key })).json() as { variants: { id: string }[] };
    out[slug] = p.variants.map((v) => v.id);
  }
  return out;
}

export function customer(extra: Record<string, unknown> = {}) {
  return { name: 'Ana Muster', email: `${randomUUID().slice(0, 8)}@example.ch`, locale: 'de', timezone: 'Europe/Zurich', ...extra };
}

/** Reserves a booking through the booking API (which the checkout tests do not test). */
export async function reserve(app: Requester, body: Record<string, unknown>, key = flowKey): Promise<CreatedBooking> {
  const res = await postJson(app, '/v1/embed/bookings', body, key);
  assert.equal(res.status, 201, await res.clone().text());
  return res.json() as Promise<CreatedBooking>;
}

export function checkoutReq(app: Requester, b: { id: string; client_token: string }, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(app, `/v1/embed/bookings/${b.id}/checkout`, body, { 'Tandem-Booking-Token': b.client_token, ...headers });
}

export async function checkedOut(res: Response): Promise<CheckoutResponse> {
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<CheckoutResponse>;
}

export function testPay(app: Requester, b: { id: string; client_token: string }, outcome: 'succeed' | 'fail'): Promise<Response> {
  return postJson(app, `/v1/embed/bookings/${b.id}/test-payments`, { outcome }, { 'Tandem-Booking-Token': b.client_token });
}

export async function bookingRow(db: Database, id: string) {
  const [row] = await query(db, sql`select status, hold_expires_at, order_id, payment_overdue from program_bookings where id = ${id}`);
  return row!;
}

export async function outboxOf(db: Database, bookingOrOrder: string) {
  return query(db, sql`select id, dedupe_key, to_address, subject, text_body, status, attachments, sent_at from mail_outbox
    where dedupe_key like ${`%${bookingOrOrder}%`} order by created_at`);
}

export async function countsFor(db: Database, bookingId: string) {
  const [row] = await query(db, sql`select
    (select count(*) from orders where booking_id = ${bookingId})::int as orders,
    (select count(*) from invoices i join orders o on o.id = i.order_id where o.booking_id = ${bookingId})::int as invoices,
    (select count(*) from message_threads where booking_id = ${bookingId})::int as threads,
    (select count(*) from mail_outbox where dedupe_key = ${`booking:${bookingId}:confirmation`})::int as mails,
    (select count(*) from payments p join orders o on o.id = p.order_id where o.booking_id = ${bookingId} and p.status = 'succeeded')::int as succeeded,
    (select status::text from program_bookings where id = ${bookingId}) as status`);
  return row as { orders: number; invoices: number; threads: number; mails: number; succeeded: number; status: string };
}
