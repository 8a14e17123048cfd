/**
 * Caps on live holds: an anonymous caller may hold only a few reservations at once, per client
 * (publishable key + client address, as an HMAC: `program_bookings.hold_client`) and per customer
 * (e-mail address). A live hold is a reserved booking whose hold has not run out; QR-bill
 * bookings waiting for their transfer count too. Refused: 429 `too_many_holds`, with
 * `Retry-After` until the client's (or customer's) earliest hold runs out.
 *
 * Runs inside the booking's transaction, as `system` (after the program was checked as the
 * caller). Transaction-scoped advisory locks on the client and on the e-mail address make
 * concurrent bookings of one client (or one customer) queue here, so a burst cannot slip past
 * the count. The locks and the count are two statements sent at once: the count starts (and
 * takes its snapshot) only once the locks are held, and it costs no round trip of its own.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rows } from '../../platform/db/prepared.ts';
import { AppError } from '../../platform/errors.ts';

export interface HoldCaps {
  /** Whose request this is (an HMAC of key and address), stored on the booking; null: not capped per client. */
  client: string | null;
  /** Live holds a client may have at once. */
  perClient: number;
  /** Live holds a customer (e-mail address) may have at once. */
  perCustomer: number;
}

/**
 * Sends the locks and the count at the call (a customer is found by the address as given, as
 * the booking finds it); resolves when under both caps, rejects 429 too_many_holds otherwise.
 */
export function enforceHoldCaps(tx: Tx, orgId: string, email: string, caps: HoldCaps, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const lockClient = caps.client ? sql`pg_advisory_xact_lock(hashtextextended(${`holds:${orgId}:client:${caps.client}`}, 0)),` : sql``;
  const locked = rows(tx, sql`select ${lockClient} pg_advisory_xact_lock(hashtextextended(${`holds:${orgId}:email:${email.trim().toLowerCase()}`}, 0))`);
  // Two counts, each through its own index (hold_client; customer_id), rather than one scan of the org's holds under an OR.
  const counted = rows(tx, sql`
    with live as (
      select hold_client, customer_id, hold_expires_at from program_bookings
       where org_id = ${orgId}::uuid and status = 'reserved' and hold_expires_at > ${at}::timestamptz and hold_client = ${caps.client}
      union all
      select null, customer_id, hold_expires_at from program_bookings
       where org_id = ${orgId}::uuid and status = 'reserved' and hold_expires_at > ${at}::timestamptz
         and customer_id = (select id from customers where org_id = ${orgId}::uuid and email = ${email})
    )
    select count(*) filter (where hold_client is not null)::int as by_client,
           min(hold_expires_at) filter (where hold_client is not null) as client_next,
           count(*) filter (where hold_client is null)::int as by_customer,
           min(hold_expires_at) filter (where hold_client is null) as customer_next
      from live`);
  return Promise.all([locked, counted]).then(([, [row]]) => {
    const byClient = Number(row?.by_client ?? 0);
    const byCustomer = Number(row?.by_customer ?? 0);
    const wait = (next: unknown) => Math.max(1, Math.ceil((new Date(String(next)).getTime() - now) / 1000));
    if (caps.client && byClient >= caps.perClient) {
      throw new AppError('too_many_holds', `At most ${caps.perClient} reservations can be open at once from here; complete or release one, or wait until one runs out.`,
        { limit: caps.perClient, retry_after: wait(row?.client_next) });
    }
    if (byCustomer >= caps.perCustomer) {
      throw new AppError('too_many_holds', `At most ${caps.perCustomer} reservations can be open at once for this e-mail address; complete or release one, or wait until one runs out.`,
        { limit: caps.perCustomer, retry_after: wait(row?.customer_next) });
    }
  });
}
