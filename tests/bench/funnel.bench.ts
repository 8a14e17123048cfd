/**
 * The funnel report over 100,000 events. Prints; never asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/funnel.bench.ts
 *   npx tsx tests/bench/funnel.bench.ts            (PGlite)
 *
 * Studio Flow's three public programs get ≈100,000 events within 30 days: 43,200 visits that view, of which
 * fewer reach each later step, from six sources; Atelier Nord gets 20,000 more (another org's rows
 * the report must skip). Then `GET /v1/admin/funnel` as the owner, per program and per source,
 * over the 30 days and over 7 days: median and p95 of 15 runs each, and the plan's index use.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { demoApp } from '../support/app.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';
import { FLOW } from '../../demo/seed/index.ts';
import { skFlow } from '../support/admin-money.ts';

const opened = await freshDatabase();
const app = await demoApp(opened.db);
const db = opened.db;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// 43,200 visits × the steps each reached (viewed 100 %, time 45 %, intake 30 %, details 25 %, checkout 20 %, paid 12 %) ≈ 100,000 rows.
const t0 = performance.now();
await db.execute(sql`
  insert into funnel_events (org_id, program_id, visit_id, step, utm_source, utm_medium, referrer_host, occurred_at)
  select p.org_id, p.id, 'bench-' || lpad(v::text, 6, '0'), s.step::funnel_step,
         (array['newsletter','instagram','','','google-ads','partner'])[1 + v % 6],
         (array['email','social','','','cpc','referral'])[1 + v % 6],
         (array['','','google.com','','',''])[1 + v % 6],
         now() - ((v % 30) || ' days')::interval - ((v % 1440) || ' minutes')::interval
    from generate_series(1, 43200) v
    join lateral (select id, org_id from programs where org_id = ${FLOW.org} and visibility = 'public' order by id offset (v % 3) limit 1) p on true
    join lateral (select step from (values ('viewed', 1.0), ('time_chosen', 0.45), ('intake_done', 0.30), ('details_done', 0.25), ('checkout_started', 0.20), ('paid', 0.12)) x(step, share)
                  where (v * 7919 % 1000) / 1000.0 < share) s on true`);
await db.execute(sql`
  insert into funnel_events (org_id, program_id, visit_id, step, occurred_at)
  select p.org_id, p.id, 'nord-' || lpad(v::text, 6, '0'), 'viewed', now() - ((v % 30) || ' days')::interval
    from generate_series(1, 20000) v
    join lateral (select id, org_id from programs where org_id <> ${FLOW.org} order by id offset (v % 2) limit 1) p on true`);
await db.execute(sql`analyze funnel_events`);
const { flow, total } = rowsOf<{ flow: number; total: number }>(await db.execute(sql`select count(*) filter (where org_id = ${FLOW.org})::int as flow, count(*)::int as total from funnel_events`))[0]!;
console.log(`${opened.label}, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`seeded ${flow} events for Studio Flow (${total} in all) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function time(label: string, path: string) {
  const runs: number[] = [];
  let groups = 0;
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const res = await app.request(path, { headers: skFlow });
    const text = await res.text();
    runs.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    groups = path.includes('.csv') ? text.trim().split('\r\n').length - 1 : (JSON.parse(text) as { groups: unknown[] }).groups.length;
  }
  runs.sort((a, b) => a - b);
  console.log(`| ${label} | ${groups} | ${runs[7]!.toFixed(1)} ms | ${runs[13]!.toFixed(1)} ms |`);
}

console.log('| report | groups | median | p95 |\n|---|---|---|---|');
await time('by program, 30 days', `/v1/admin/funnel?from=${day(-30)}&to=${day(0)}&by=program`);
await time('by source, 30 days', `/v1/admin/funnel?from=${day(-30)}&to=${day(0)}&by=source`);
await time('by source, one program, 7 days', `/v1/admin/funnel?from=${day(-7)}&to=${day(0)}&by=source&program=evolve`);
await time('CSV by campaign, 30 days', `/v1/admin/funnel.csv?from=${day(-30)}&to=${day(0)}&by=campaign`);

const plan = rowsOf<Record<string, string>>(await db.execute(sql`explain select count(*) from funnel_events where org_id = ${FLOW.org} and occurred_at >= now() - interval '7 days'`));
console.log('plan (7 days):', plan.map((r) => Object.values(r)[0]).join(' / '));
await opened.close();
process.exit(0);
