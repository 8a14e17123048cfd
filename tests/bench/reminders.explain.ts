/**
 * The plans behind the reminders bench, against a real PostgreSQL server: `reminders` reminder jobs
 * (one per customer, due over the next hour, `overdue` of them already due and waiting) and as many
 * outbox rows of `studios` studios (`pending` of them still to send), then EXPLAIN ANALYZE of what
 * the workers run for each batch: pg-boss's fetch of due reminders and the outbox's claim of one studio.
 * Rolled back: the plans' timings are of the statements alone.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/reminders.explain.ts [studios=1000] [reminders=100000] [overdue=20000] [pending=20000]
 */
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { FETCH_DUE_JOBS, JOB_SCHEMA } from '../../server/platform/jobs/queue.ts';
import { NUDGE_QUEUE } from '../../server/modules/notifications/index.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';

const STUDIOS = Number(process.argv[2] ?? 1000);
const REMINDERS = Number(process.argv[3] ?? 100_000);
const OVERDUE = Number(process.argv[4] ?? 20_000);
const PENDING = Number(process.argv[5] ?? 20_000);

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}

const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { fetchNextJob(schema: string): (o: object) => string };
const db = await freshDatabase({ max: 2 });
try {
  const org = (s: string) => sql.raw(`('0b0e0000-0000-4000-8000-' || lpad(to_hex(${s}), 12, '0'))::uuid`);
  await db.db.execute(sql`insert into orgs (id, slug, name, timezone, currency)
    select ${org('s')}, 'bench-' || s, 'Bench studio ' || s, 'Europe/Zurich', 'CHF' from generate_series(1, ${STUDIOS}) s`);
  // Reminder i is due at now - overdue + i seconds' worth of the hour; all created together (as the bench's are).
  await db.db.execute(sql`insert into ${sql.raw(JOB_SCHEMA)}.job (name, data, start_after, retry_limit, expire_in)
    select ${NUDGE_QUEUE}, jsonb_build_object('kind', 'session_reminder', 'orgId', ${org('(i % ' + STUDIOS + ') + 1')}, 'i', i),
      now() + ((i - ${OVERDUE}) * 3600.0 / ${REMINDERS}) * interval '1 second', 5, interval '5 minutes'
    from generate_series(1, ${REMINDERS}) i`);
  // The outbox: every reminder's mail, the first `pending` still to send, the rest sent.
  await db.db.execute(sql`insert into mail_outbox (org_id, dedupe_key, to_address, subject, text_body, status, sent_at, created_at)
    select ${org('(i % ' + STUDIOS + ') + 1')}, 'r:' || i, 'c' || i || '@bench.example', 'Reminder', 'See you soon',
      (case when i <= ${PENDING} then 'pending' else 'sent' end)::outbox_status, case when i <= ${PENDING} then null else now() end,
      now() - interval '1 hour' + i * interval '10 ms'
    from generate_series(1, ${REMINDERS}) i`);
  await db.db.execute(sql`vacuum analyze ${sql.raw(JOB_SCHEMA)}.job`);
  await db.db.execute(sql`vacuum analyze mail_outbox`);

  const rolledBack = new Error('rolled back');
  const explain = async (title: string, text: string, asOrg?: string) => {
    await db.db.transaction(async (tx) => {
      // As a job runs it: the app's role, in the org (row level security adds the org's condition).
      if (asOrg) await tx.execute(sql`select set_config('role', 'tandem_app', true), set_config('app.org_id', ${asOrg}, true), set_config('app.role', 'system', true)`);
      const rows = rowsOf(await tx.execute(sql.raw(`explain (analyze, buffers, costs off) ${text}`)));
      console.log(`\n== ${title}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
      throw rolledBack;
    }).catch((error: unknown) => { if (error !== rolledBack) throw error; });
  };
  const fetch = plans.fetchNextJob(JOB_SCHEMA)({ includeMetadata: false, priority: true })
    .replaceAll('$1', `'${NUDGE_QUEUE}'`).replaceAll('$2', '20');
  await explain(`pg-boss fetch of 20 due reminders (${OVERDUE.toLocaleString('en')} due of ${REMINDERS.toLocaleString('en')})`, fetch);
  const due = FETCH_DUE_JOBS.replaceAll('$1', `'${NUDGE_QUEUE}'`).replaceAll('$2', '20');
  await explain(`the runner's fetch of 20 due reminders, earliest due first (${OVERDUE.toLocaleString('en')} due of ${REMINDERS.toLocaleString('en')})`, due);
  // As the driver sends it: a prepared statement, whose generic plan knows neither the queue (the partition) nor the limit.
  await db.db.execute(sql.raw(`prepare fetch_due(text, int) as ${FETCH_DUE_JOBS}`));
  await db.db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    const rows = rowsOf(await tx.execute(sql.raw(`explain (analyze, buffers, costs off) execute fetch_due('${NUDGE_QUEUE}', 20)`)));
    console.log(`\n== the same, prepared (generic plan)\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    throw rolledBack;
  }).catch((error: unknown) => { if (error !== rolledBack) throw error; });
  const studio = '0b0e0000-0000-4000-8000-000000000001';
  await explain(`outbox claim of one studio's 20 due mails (${PENDING.toLocaleString('en')} pending of ${REMINDERS.toLocaleString('en')}, ${STUDIOS} studios)`, `
    update mail_outbox set available_at = now() + interval '2 minutes', attempts = attempts + 1
    where id in (select id from mail_outbox where status = 'pending' and (available_at is null or available_at <= now())
      order by created_at limit 20 for update skip locked) returning id`, studio);
  const [counts] = rowsOf(await db.db.execute(sql`select count(*)::int as jobs from ${sql.raw(JOB_SCHEMA)}.job where name = ${NUDGE_QUEUE}`));
  console.log(`\n${JSON.stringify(counts)}`);
} finally {
  await db.close();
}
