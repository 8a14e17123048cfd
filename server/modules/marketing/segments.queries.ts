/**
 * A segment's members, computed live from the filter: one statement over the customers with the
 * facts a filter can name (newest booking, money paid, credits, consent). Runs under the caller's
 * policies (the studio's owners and managers, or the server's campaign job).
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import type { SegmentFilterJson } from '../../../schema/db/marketing.ts';

export interface SegmentMember {
  id: string; name: string; email: string; locale: string;
  /** The customer's own zone, when known (a campaign keeps its quiet hours there). */
  timezone: string | null;
  lastBookingAt: Date | null; totalPaid: number; credits: number; consent: boolean;
}

function conditions(f: SegmentFilterJson): SQL[] {
  const where: SQL[] = [];
  if (f.languages?.length) where.push(sql`left(c.locale, 2) in (${sql.join(f.languages.map((l) => sql`${l}`), sql`, `)})`);
  if (f.program_ids?.length || f.booking_statuses?.length) {
    where.push(sql`exists (select 1 from program_bookings b where b.org_id = c.org_id and b.customer_id = c.id
      ${f.program_ids?.length ? sql`and b.program_id in (${sql.join(f.program_ids.map((p) => sql`${p}::uuid`), sql`, `)})` : sql``}
      ${f.booking_statuses?.length ? sql`and b.status::text in (${sql.join(f.booking_statuses.map((s) => sql`${s}`), sql`, `)})` : sql``})`);
  }
  if (f.last_booking_after) where.push(sql`f.last_booking_at > ${f.last_booking_after}::timestamptz`);
  if (f.last_booking_before) where.push(sql`f.last_booking_at < ${f.last_booking_before}::timestamptz`);
  if (f.min_total_paid !== undefined) where.push(sql`f.total_paid >= ${f.min_total_paid}`);
  if (f.min_credits !== undefined) where.push(sql`f.credits >= ${f.min_credits}`);
  if (f.utm_source) where.push(sql`exists (select 1 from program_bookings b where b.org_id = c.org_id and b.customer_id = c.id and b.source->>'utm_source' = ${f.utm_source})`);
  if (f.tags?.length) {
    where.push(sql`exists (select 1 from customer_tags g where g.org_id = c.org_id and g.customer_id = c.id
      and lower(g.tag) in (${sql.join(f.tags.map((tag) => sql`lower(${tag})`), sql`, `)}))`);
  }
  if (f.consent === 'confirmed') where.push(sql`f.consent`);
  if (f.consent === 'not_confirmed') where.push(sql`not f.consent`);
  return where;
}

function membersStatement(orgId: string, f: SegmentFilterJson, tail: SQL): SQL {
  const where = conditions(f);
  return sql`select c.id, c.name, c.email, c.locale, c.timezone, f.last_booking_at, f.total_paid, f.credits, f.consent
    from customers c
    cross join lateral (select
      (select max(b.created_at) from program_bookings b where b.org_id = c.org_id and b.customer_id = c.id and b.status <> 'reserved') as last_booking_at,
      (select coalesce(sum(o.amount_paid), 0)::int from orders o where o.org_id = c.org_id and o.customer_id = c.id) as total_paid,
      (select coalesce(sum(l.delta), 0)::int from credit_ledger l where l.org_id = c.org_id and l.customer_id = c.id) as credits,
      exists (select 1 from marketing_consents m where m.org_id = c.org_id and m.customer_id = c.id and m.status = 'confirmed') as consent) f
    where c.org_id = ${orgId}::uuid ${where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``}
    ${tail}`;
}

/** The members, by name then id, at most `limit`; `consentOnly`: only those with a confirmed consent. */
export async function segmentMembers(tx: Tx, orgId: string, filter: SegmentFilterJson, page: { limit: number; consentOnly?: boolean }): Promise<SegmentMember[]> {
  const f = page.consentOnly ? { ...filter, consent: 'confirmed' as const } : filter;
  const rows = rowsOf(await tx.execute(membersStatement(orgId, f, sql`order by c.name, c.id limit ${page.limit}`)));
  return rows.map((r) => ({
    id: String(r.id), name: String(r.name), email: String(r.email), locale: String(r.locale), timezone: r.timezone ? String(r.timezone) : null,
    lastBookingAt: r.last_booking_at ? new Date(String(r.last_booking_at)) : null, totalPaid: Number(r.total_paid), credits: Number(r.credits), consent: r.consent === true,
  }));
}

/** The live count, and how many of them have a confirmed consent (a campaign reaches only those). */
export async function segmentCount(tx: Tx, orgId: string, filter: SegmentFilterJson): Promise<{ count: number; withConsent: number }> {
  const [row] = rowsOf(await tx.execute(sql`select count(*)::int as n, count(*) filter (where s.consent)::int as consenting from (${membersStatement(orgId, filter, sql``)}) s`));
  return { count: Number(row?.n ?? 0), withConsent: Number(row?.consenting ?? 0) };
}

/** The members as CSV (RFC 4180; a cell starting with =, +, - or @ is prefixed with ' so that no spreadsheet runs it). */
export function segmentCsv(members: SegmentMember[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['id', 'name', 'email', 'language', 'last_booking_at', 'total_paid', 'credits', 'marketing_consent'].join(',')];
  for (const m of members) lines.push([m.id, m.name, m.email, m.locale, m.lastBookingAt?.toISOString() ?? '', String(m.totalPaid), String(m.credits), m.consent ? 'yes' : 'no'].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function segmentById(tx: Tx, orgId: string, id: string): Promise<typeof t.segments.$inferSelect | undefined> {
  const [row] = await tx.select().from(t.segments).where(and(eq(t.segments.orgId, orgId), eq(t.segments.id, id)));
  return row;
}

export async function segmentsOf(tx: Tx, orgId: string): Promise<(typeof t.segments.$inferSelect)[]> {
  return tx.select().from(t.segments).where(eq(t.segments.orgId, orgId)).orderBy(desc(t.segments.createdAt)).limit(500);
}

/** Whether one customer is a member now (an automation's segment condition). */
export async function isSegmentMember(tx: Tx, orgId: string, filter: SegmentFilterJson, customerId: string): Promise<boolean> {
  const rows = rowsOf(await tx.execute(sql`select 1 from (${membersStatement(orgId, filter, sql``)}) s where s.id = ${customerId}::uuid`));
  return rows.length > 0;
}
