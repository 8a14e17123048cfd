/**
 * Session reminders at scale, against a real PostgreSQL server: `reminders` reminders of
 * `studios` studios (one instructor, one program, a customer per booking each), due spread evenly
 * over `window` seconds, sent by the production handlers (`notifications.nudge` writes the mail to
 * the outbox, `mail.drain` sends each studio's outbox) through real pg-boss workers to a local SMTP
 * sink. Prints throughput, lag (SMTP arrival − due time) and the load average. Never asserts on time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/reminders.bench.ts [studios=1000] [reminders=100000] [window=3600] [workers=4]
 *
 * The issue's case is the default: 100,000 reminders due in one hour for 1,000 studios (27.8 a
 * second). A smaller run keeps the same arrival rate with fewer reminders over a shorter window,
 * e.g. `20 2000 72`. Jobs are inserted with their due time (as the booking that plans them does);
 * the workers poll every 0.5 s, `workers` processes' worth of pg-boss instances in this process.
 * The sink runs in this process too and counts every recipient: a reminder mailed twice shows as a duplicate.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { freshDatabase } from '../support/database.ts';
import { testConfig } from '../support/app.ts';
import { enqueueMany, startJobRunner, type JobDefinition, type JobRunner } from '../../server/platform/jobs/queue.ts';
import { smtpMailer } from '../../server/platform/adapters/mail/mailer.ts';
import { mailJob, nudgeJob, NUDGE_QUEUE } from '../../server/modules/notifications/index.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';

const STUDIOS = Number(process.argv[2] ?? 1000);
const REMINDERS = Number(process.argv[3] ?? 100_000);
const WINDOW_S = Number(process.argv[4] ?? 3600);
const WORKERS = Number(process.argv[5] ?? 4);
const PER_STUDIO = Math.ceil(REMINDERS / STUDIOS);

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const uuid = (prefix: string, n: number) => `${prefix}-${n.toString(16).padStart(12, '0')}`;
const orgOf = (s: number) => uuid('0b0e0000-0000-4000-8000', s);

/** When each recipient's reminder was due, and when (and how often) its mail reached the sink. */
const dueAt = new Map<string, number>();
const arrived = new Map<string, number[]>();
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, session, done) {
    stream.resume();
    stream.on('end', () => {
      const at = Date.now();
      for (const r of session.envelope.rcptTo) arrived.set(r.address, [...(arrived.get(r.address) ?? []), at]);
      done();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?pool=true&maxConnections=8`, 'Tandem <reminders@tandem.test>');

const db = await freshDatabase({ max: 4 * WORKERS + 4 });
const runners: JobRunner[] = [];
try {
  console.log(`reminders bench: ${REMINDERS.toLocaleString('en')} reminders, ${STUDIOS.toLocaleString('en')} studios (${PER_STUDIO} each), due over ${WINDOW_S} s (${(REMINDERS / WINDOW_S).toFixed(1)}/s), ${WORKERS} workers; ${os.cpus().length} cores, load ${load()}`);
  const t0 = performance.now();
  // Bulk data with the owner handle: studios, an instructor and a program each, a customer, a confirmed booking and one session per reminder.
  await db.db.execute(sql`insert into orgs (id, slug, name, timezone, currency)
    select ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, 'bench-' || s, 'Bench studio ' || s, 'Europe/Zurich', 'CHF' from generate_series(1, ${STUDIOS}) s`);
  await db.db.execute(sql`insert into staff (id, org_id, role, name, email, timezone)
    select ('0b0e0000-0000-4000-9000-' || lpad(to_hex(s), 12, '0'))::uuid, ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, 'owner', 'Owner ' || s, 'owner' || s || '@bench.example', 'Europe/Zurich'
    from generate_series(1, ${STUDIOS}) s`);
  await db.db.execute(sql`insert into programs (id, org_id, slug, title, category, delivery_mode, session_length_min)
    select ('0b0e0000-0000-4000-a000-' || lpad(to_hex(s), 12, '0'))::uuid, ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, 'coaching', 'Coaching', 'coaching', 'online', 60
    from generate_series(1, ${STUDIOS}) s`);
  await db.db.execute(sql`insert into program_variants (id, org_id, program_id, name, currency, price, vat_rate_bp)
    select ('0b0e0000-0000-4000-b000-' || lpad(to_hex(s), 12, '0'))::uuid, ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid, ('0b0e0000-0000-4000-a000-' || lpad(to_hex(s), 12, '0'))::uuid, 'Single', 'CHF', 12000, 810
    from generate_series(1, ${STUDIOS}) s`);
  await db.db.execute(sql`insert into customers (id, org_id, name, email, locale, timezone)
    select ('0b0e0000-0000-4000-c000-' || lpad(to_hex((s - 1) * ${PER_STUDIO} + b), 12, '0'))::uuid, ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid,
      'Customer ' || s || '.' || b, 'c' || s || '-' || b || '@bench.example', (array['de', 'fr', 'it', 'en'])[b % 4 + 1], 'Europe/Zurich'
    from generate_series(1, ${STUDIOS}) s, generate_series(1, ${PER_STUDIO}) b`);
  await db.db.execute(sql`insert into program_bookings (id, org_id, program_id, variant_id, customer_id, instructor_id, status, currency, total_price, sessions_count, client_token_hash)
    select ('0b0e0000-0000-4000-d000-' || lpad(to_hex((s - 1) * ${PER_STUDIO} + b), 12, '0'))::uuid, ('0b0e0000-0000-4000-8000-' || lpad(to_hex(s), 12, '0'))::uuid,
      ('0b0e0000-0000-4000-a000-' || lpad(to_hex(s), 12, '0'))::uuid, ('0b0e0000-0000-4000-b000-' || lpad(to_hex(s), 12, '0'))::uuid,
      ('0b0e0000-0000-4000-c000-' || lpad(to_hex((s - 1) * ${PER_STUDIO} + b), 12, '0'))::uuid, ('0b0e0000-0000-4000-9000-' || lpad(to_hex(s), 12, '0'))::uuid,
      'confirmed', 'CHF', 12000, 1, md5(s || '.' || b)
    from generate_series(1, ${STUDIOS}) s, generate_series(1, ${PER_STUDIO}) b`);
  // Reminder i is due at start + i/REMINDERS of the window (studios interleaved), for a session 2 hours later.
  const start = Date.now() + 30_000;
  const jobs: { data: Record<string, unknown>; options: { startAfter: Date } }[] = [];
  for (let i = 0; i < STUDIOS * PER_STUDIO; i++) {
    const s = (i % STUDIOS) + 1;
    const b = Math.floor(i / STUDIOS) + 1;
    const n = (s - 1) * PER_STUDIO + b;
    const due = start + Math.floor((i / (STUDIOS * PER_STUDIO)) * WINDOW_S * 1000);
    dueAt.set(`c${s}-${b}@bench.example`, due);
    const startsAt = new Date(due + 2 * 3_600_000);
    jobs.push({ data: { kind: 'session_reminder', orgId: orgOf(s), bookingId: uuid('0b0e0000-0000-4000-d000', n), sessionId: uuid('0b0e0000-0000-4000-e000', n), hours: 2, startsAt: startsAt.toISOString() }, options: { startAfter: new Date(due) } });
  }
  await db.db.execute(sql`insert into program_sessions (id, org_id, booking_id, seq, starts_at, ends_at, timezone, status)
    select id, org_id, booking_id, 1, starts_at, starts_at + interval '1 hour', 'Europe/Zurich', 'scheduled'
      from jsonb_to_recordset(${JSON.stringify(jobs.map((j) => ({ id: j.data.sessionId, org_id: j.data.orgId, booking_id: j.data.bookingId, starts_at: j.data.startsAt })))}::jsonb)
        as x(id uuid, org_id uuid, booking_id uuid, starts_at timestamptz)`);
  for (let i = 0; i < jobs.length; i += 5_000) {
    const slice = jobs.slice(i, i + 5_000);
    await withSystem(db.db, orgOf(1), 'bench: the reminders planned', (tx) => enqueueMany(tx, NUDGE_QUEUE, slice));
  }
  console.log(`setup      ${((performance.now() - t0) / 1000).toFixed(1)} s (the first reminder is due ${((start - Date.now()) / 1000).toFixed(0)} s from now)   load ${load()}`);

  const env = { db: db.db, now: () => new Date(), config: testConfig };
  const handlers = [nudgeJob(env), mailJob({ db: db.db, mailer, now: env.now })] as unknown as JobDefinition[];
  for (let w = 0; w < WORKERS; w++) runners.push(await startJobRunner(db.executor, handlers, { pollingIntervalSeconds: 0.5 }));

  const total = dueAt.size;
  const loads: number[] = [];
  let last = 0;
  const deadline = start + WINDOW_S * 1000 + 15 * 60_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5_000));
    loads.push(os.loadavg()[0]!);
    const got = arrived.size;
    const sinceStart = Math.max(0, (Date.now() - start) / 1000);
    if (got !== last || got < total) console.log(`  +${sinceStart.toFixed(0).padStart(5)} s   due ${Math.min(total, Math.round((sinceStart / WINDOW_S) * total)).toLocaleString('en').padStart(8)}   delivered ${got.toLocaleString('en').padStart(8)}   load ${load()}`);
    last = got;
    if (got >= total) break;
  }

  const lags = [...arrived.entries()].map(([to, at]) => at[0]! - dueAt.get(to)!).sort((a, b) => a - b);
  const pct = (p: number) => (lags.length ? lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))]! : NaN);
  const firstDue = start;
  const lastArrival = Math.max(...[...arrived.values()].map((a) => a[0]!));
  const duplicates = [...arrived.values()].filter((a) => a.length > 1).length;
  const [outbox] = rowsOf(await db.db.execute(sql`select count(*) filter (where status = 'sent')::int as sent, count(*)::int as rows from mail_outbox`));
  console.log(`delivered  ${arrived.size.toLocaleString('en')} of ${total.toLocaleString('en')} (outbox: ${outbox!.sent} sent of ${outbox!.rows}); duplicates ${duplicates}`);
  console.log(`throughput ${(arrived.size / ((lastArrival - firstDue) / 1000)).toFixed(1)} mails/s over the window (first due → last arrival ${((lastArrival - firstDue) / 1000).toFixed(0)} s; arrival rate asked ${(total / WINDOW_S).toFixed(1)}/s)`);
  console.log(`lag        p50 ${(pct(50) / 1000).toFixed(2)} s   p95 ${(pct(95) / 1000).toFixed(2)} s   p99 ${(pct(99) / 1000).toFixed(2)} s   max ${(lags.at(-1)! / 1000).toFixed(2)} s`);
  console.log(`load       1-min average during the run: mean ${(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}; now ${load()}`);
} finally {
  for (const r of runners) await r.stop();
  await mailer.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await db.close();
}
