import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import { DIRECT, FUNNEL_STEPS, funnelSteps, NONE, type FunnelGrouping, type FunnelStep, type StepCount } from './domain/index.ts';

export interface FunnelQuery {
  /** Calendar dates in the studio's time zone, both included. */
  from: string;
  to: string;
  program?: string | undefined;
  by: FunnelGrouping;
}

export interface FunnelGroup {
  key: string;
  steps: StepCount[];
  /** Bookings made in the range (confirmed or later), and what their orders have been paid so far, per currency. */
  bookings: number;
  revenue: { amount: number; currency: string }[];
}

/** The group of a funnel event (e) … */
function eventGroup(by: FunnelGrouping): SQL {
  switch (by) {
    case 'program': return sql`p.slug`;
    case 'source': return sql`coalesce(nullif(e.utm_source, ''), nullif(e.referrer_host, ''), ${DIRECT})`;
    case 'medium': return sql`coalesce(nullif(e.utm_medium, ''), ${NONE})`;
    case 'campaign': return sql`coalesce(nullif(e.utm_campaign, ''), ${NONE})`;
    case 'referrer': return sql`coalesce(nullif(e.referrer_host, ''), ${DIRECT})`;
  }
}

/** … and of a booking (b), from its `source` as the widget forwarded it: the same names, the same fallbacks. */
function bookingGroup(by: FunnelGrouping): SQL {
  switch (by) {
    case 'program': return sql`p.slug`;
    case 'source': return sql`coalesce(nullif(lower(b.source->>'utm_source'), ''), nullif(b.source->>'referrer', ''), ${DIRECT})`;
    case 'medium': return sql`coalesce(nullif(lower(b.source->>'utm_medium'), ''), ${NONE})`;
    case 'campaign': return sql`coalesce(nullif(lower(b.source->>'utm_campaign'), ''), ${NONE})`;
    case 'referrer': return sql`coalesce(nullif(b.source->>'referrer', ''), ${DIRECT})`;
  }
}

/**
 * The funnel over a date range, per program or per source: distinct visits per step with the
 * conversion between steps, and the bookings and revenue the same groups brought (joined through
 * the bookings' `source`). Read as the staff member: the policies show funnel events and money to
 * owners and managers only, so anyone else gets empty groups.
 */
export async function funnelReport(tx: Tx, orgId: string, q: FunnelQuery): Promise<FunnelGroup[]> {
  // The range's ends as instants in the studio's zone (right across a DST change).
  const range = (column: SQL) => sql`${column} >= (${q.from}::date::timestamp at time zone o.timezone)
    and ${column} < ((${q.to}::date + 1)::timestamp at time zone o.timezone)`;
  const program = q.program ? sql`and p.slug = ${q.program}` : sql``;
  const [events, money] = await Promise.all([
    tx.execute(sql`
      select ${eventGroup(q.by)} as key, e.step::text as step, count(distinct e.visit_id)::int as visits
        from funnel_events e
        join programs p on p.id = e.program_id and p.org_id = e.org_id
        join orgs o on o.id = e.org_id
       where e.org_id = ${orgId} and ${range(sql`e.occurred_at`)} ${program}
       group by 1, 2`),
    tx.execute(sql`
      select ${bookingGroup(q.by)} as key, ord.currency, count(distinct b.id)::int as bookings, coalesce(sum(ord.amount_paid), 0)::bigint as paid
        from program_bookings b
        join programs p on p.id = b.program_id and p.org_id = b.org_id
        join orgs o on o.id = b.org_id
        left join orders ord on ord.booking_id = b.id and ord.org_id = b.org_id
       where b.org_id = ${orgId} and b.status in ('confirmed', 'in_progress', 'completed') and ${range(sql`b.created_at`)} ${program}
       group by 1, 2`),
  ]);
  const groups = new Map<string, { visits: Partial<Record<FunnelStep, number>>; bookings: number; revenue: Map<string, number> }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { visits: {}, bookings: 0, revenue: new Map() }));
    return g;
  };
  for (const r of rowsOf<{ key: string; step: string; visits: number }>(events)) {
    if ((FUNNEL_STEPS as readonly string[]).includes(r.step)) group(r.key).visits[r.step as FunnelStep] = Number(r.visits);
  }
  for (const r of rowsOf<{ key: string; currency: string | null; bookings: number; paid: string | number }>(money)) {
    const g = group(r.key);
    g.bookings += Number(r.bookings);
    if (r.currency) g.revenue.set(r.currency, (g.revenue.get(r.currency) ?? 0) + Number(r.paid));
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, steps: funnelSteps(g.visits), bookings: g.bookings, revenue: [...g.revenue].map(([currency, amount]) => ({ amount, currency })) }))
    .sort((a, b) => (b.steps[0]!.visits - a.steps[0]!.visits) || (b.bookings - a.bookings) || a.key.localeCompare(b.key));
}
