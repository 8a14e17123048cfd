/** Reading endpoints, deliveries and their attempts, as the caller's policies show them (owners and managers). */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import * as t from '../../../schema/db/index.ts';
import type { BookingSnapshot } from './domain/events.ts';

export type EndpointRow = typeof t.webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof t.webhookDeliveries.$inferSelect;
export type AttemptRow = typeof t.webhookAttempts.$inferSelect;

export function endpointsOf(tx: Tx, orgId: string): Promise<EndpointRow[]> {
  return tx.select().from(t.webhookEndpoints).where(eq(t.webhookEndpoints.orgId, orgId)).orderBy(t.webhookEndpoints.createdAt);
}

export async function endpointById(tx: Tx, orgId: string, id: string): Promise<EndpointRow | undefined> {
  const [row] = await tx.select().from(t.webhookEndpoints).where(and(eq(t.webhookEndpoints.orgId, orgId), eq(t.webhookEndpoints.id, id)));
  return row;
}

export interface DeliveryWithAttempts { delivery: DeliveryRow; attempts: AttemptRow[] }

/** An endpoint's deliveries, newest event first, each with its attempts (oldest first). */
export async function deliveriesOf(tx: Tx, orgId: string, endpointId: string, limit = 100): Promise<DeliveryWithAttempts[]> {
  const deliveries = await tx.select().from(t.webhookDeliveries)
    .where(and(eq(t.webhookDeliveries.orgId, orgId), eq(t.webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(t.webhookDeliveries.occurredAt), desc(t.webhookDeliveries.createdAt)).limit(limit);
  const attempts = deliveries.length ? await tx.select().from(t.webhookAttempts)
    .where(and(eq(t.webhookAttempts.orgId, orgId), inArray(t.webhookAttempts.deliveryId, deliveries.map((d) => d.id))))
    .orderBy(t.webhookAttempts.attemptedAt) : [];
  return deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id) }));
}

/** The booking as webhook payloads show it, or null when the event is not about a booking. */
export async function bookingSnapshot(tx: Tx, orgId: string, bookingId: string): Promise<BookingSnapshot | null> {
  const [row] = await rows(tx, sql`
    select b.id, b.status::text as status, b.currency, b.total_price, b.source,
           p.id as program_id, p.slug as program_slug, p.title as program_title, v.id as variant_id, v.name as variant_name,
           s.id as instructor_id, s.name as instructor_name, c.id as customer_id, c.name as customer_name, c.email as customer_email,
           coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'seq', x.seq, 'starts_at', x.starts_at, 'ends_at', x.ends_at, 'status', x.status) order by x.seq)
                       from program_sessions x where x.org_id = b.org_id and x.booking_id = b.id), '[]'::jsonb) as sessions
      from program_bookings b
      join programs p on p.org_id = b.org_id and p.id = b.program_id
      join program_variants v on v.org_id = b.org_id and v.id = b.variant_id
      join staff s on s.org_id = b.org_id and s.id = b.instructor_id
      join customers c on c.org_id = b.org_id and c.id = b.customer_id
     where b.org_id = ${orgId}::uuid and b.id = ${bookingId}::uuid`);
  if (!row) return null;
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
  return {
    id: String(row.id), status: String(row.status),
    program: { id: String(row.program_id), slug: String(row.program_slug), title: String(row.program_title) },
    variant: { id: String(row.variant_id), name: String(row.variant_name) },
    instructor: { id: String(row.instructor_id), name: String(row.instructor_name) },
    customer: { id: String(row.customer_id), name: String(row.customer_name), email: String(row.customer_email) },
    currency: String(row.currency), total_price: Number(row.total_price), source: (row.source ?? {}) as Record<string, unknown>,
    sessions: (row.sessions as { id: string; seq: number; starts_at: string | null; ends_at: string | null; status: string }[])
      .map((s) => ({ id: s.id, seq: s.seq, starts_at: iso(s.starts_at), ends_at: iso(s.ends_at), status: s.status })),
  };
}
