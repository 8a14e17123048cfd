/**
 * The database is the last word on double booking. Application checks read the calendar
 * and then write; two transactions can both read "free". The exclusion constraints on
 * schedule_blocks (per instructor, per room, cancelled blocks aside) must refuse the second
 * write, and the booking path must turn that refusal into `slot_taken`.
 *
 * Runs on PGlite (one connection: transactions queue) and, with DATABASE_URL, on a real
 * server with a pool of 20 connections where they truly race.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { demoApp, testConfig } from '../support/app.ts';
import { MIN, postJson, query } from '../support/booking.ts';
import { FLOW } from '../../demo/seed/index.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { withCaller } from '../../server/platform/db/identity.ts';
import { withSystem } from '../../server/platform/db/escalation.ts';
import { PG, pgErrorCode } from '../../server/platform/db/pg-errors.ts';
import { AppError } from '../../server/platform/errors.ts';
import { bookingTransaction } from '../../server/modules/bookings/transaction.ts';
import { createBooking } from '../../server/modules/bookings/bookings.mutations.ts';
import { createdBookingOut } from '../../server/surfaces/embed/bookings.out.ts';
import { cancelBookingAsStaff, rescheduleSessionAsStaff } from '../support/staff-actions.ts';
import { sweepExpiredHolds } from '../../server/modules/bookings/index.ts';
import type { CreateBookingBody, CreatedBooking } from '../../schema/api/embed-bookings.ts';
import { prng } from '../support/random.ts';
import { rowsOf } from '../../server/platform/db/rows.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/** Live blocks that overlap another live block of the same instructor or room: must be none. */
async function overlappingBlocks(db: Database): Promise<number> {
  const [row] = await query(db, sql`select count(*)::int as n from schedule_blocks a join schedule_blocks b
    on a.id < b.id and a.during && b.during and (a.instructor_id = b.instructor_id or a.resource_id = b.resource_id)
    where a.status <> 'cancelled' and b.status <> 'cancelled'`);
  return Number(row!.n);
}

describe(`no double booking under concurrency (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let app: App;
  let opened: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Database;
  let now = new Date('2026-11-25T08:00:00Z');
  const variants: Record<string, string> = {};
  const SHARED = '0f1a0000-0000-4000-8000-0000000000f1';

  before(async () => {
    opened = await freshDatabase({ max: 20 });
    db = opened.db;
    app = await demoApp(db, { now: () => now });
    // A program Mara and Luca both teach in the Lotus room (Noemi's Reiki room): instructors
    // then collide through the room as well as through their own calendars.
    await withCaller(db, { orgId: FLOW.org, role: 'owner' }, async (tx) => {
      await tx.execute(sql`insert into programs (id, org_id, slug, title, category, delivery_mode, session_length_min, scheduling, resource_id, location_id)
        values (${SHARED}, ${FLOW.org}, 'lotus-duo', 'Lotus duo', 'private_class', 'in_person', 45,
          ${JSON.stringify({ buffer_before_min: 5, buffer_after_min: 10, min_notice_min: 0, horizon_days: 90, slot_step_min: 15 })}::jsonb, ${FLOW.roomLotus}, ${FLOW.studio})`);
      await tx.execute(sql`insert into program_instructors (org_id, program_id, staff_id) values (${FLOW.org}, ${SHARED}, ${FLOW.mara}), (${FLOW.org}, ${SHARED}, ${FLOW.luca})`);
      await tx.execute(sql`insert into program_variants (org_id, program_id, name, currency, price, vat_rate_bp) values (${FLOW.org}, ${SHARED}, 'One', 'CHF', 9000, 810)`);
    });
    const rows = await query(db, sql`select p.slug, v.id from program_variants v join programs p on p.id = v.program_id where p.org_id = ${FLOW.org} order by v.sort_order, v.price`);
    for (const r of rows) variants[String(r.slug)] ??= String(r.id);
  });
  after(async () => opened.close());

  test('50 bookings of one slot at once: exactly one is created, 49 get slot_taken', async () => {
    now = new Date('2026-11-25T08:00:00Z');
    const body = (i: number) => ({
      program: 'reiki', variant: variants.reiki, customer: { name: `Racer ${i}`, email: `racer${i}@example.ch` },
      sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] },
    });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => postJson(app, '/v1/embed/bookings', body(i))));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 409).length, 49);
    for (const r of answers.filter((x) => x.status === 409)) {
      const p = await r.json() as { code: string };
      assert.equal(p.code, 'slot_taken');
    }
    const [live] = await query(db, sql`select count(*)::int as n from schedule_blocks
      where status <> 'cancelled' and instructor_id = ${FLOW.noemi} and during && tstzrange('2026-12-02T09:00Z', '2026-12-02T10:30Z')`);
    assert.equal(live!.n, 1);
    const [bookings] = await query(db, sql`select count(*)::int as n from program_bookings b join customers c on c.id = b.customer_id where c.email like 'racer%'`);
    assert.equal(bookings!.n, 1, 'nothing half-written by the 49');
    assert.equal(await overlappingBlocks(db), 0);
  });

  test('2,000 concurrent book / reschedule / cancel operations over three instructors and two rooms end without overlaps', async (t) => {
    const seed = Number(process.env.TANDEM_SEED ?? 20261124);
    t.diagnostic(`seed ${seed} (TANDEM_SEED)`);
    const { next: random, pick } = prng(seed);
    const base = Date.parse('2026-11-25T08:00:00Z');
    // Dec 7–12 2026 (Mon–Sat, Zurich is UTC+1): mostly within the program's instructors' hours
    // and on its grid, sometimes anywhere from 07:00 to 19:45 on the quarter hour.
    const hours: Record<string, number[]> = {
      reiki: [9, 10, 11, 12, 13, 14], evolve: [8, 9, 10, 13, 14, 15, 16], split: [6, 7, 8, 9, 16, 17, 18],
      'lotus-duo': [7, 8, 9, 10, 13, 14, 15, 16], 'private-yoga': [6, 7, 8, 9, 10, 13, 14, 15, 16],
    };
    const randomStart = (slug: string) => {
      const usual = random() < 0.85;
      const hour = usual ? pick(hours[slug]!) : 6 + Math.floor(random() * 13);
      const minute = usual && slug !== 'reiki' && slug !== 'lotus-duo' ? pick([0, 30]) : 15 * Math.floor(random() * 4);
      return Date.UTC(2026, 11, 7 + Math.floor(random() * 6), hour, minute);
    };
    const programs = ['reiki', 'evolve', 'split', 'lotus-duo', 'lotus-duo', 'private-yoga'] as const;
    const manager = { orgId: FLOW.org, staffId: FLOW.owner, role: 'manager' as const };
    const booked: CreatedBooking[] = [];
    const cancelled = new Set<string>();
    const live = () => booked.filter((b) => !cancelled.has(b.id));
    const httpKeys: { key: string; body: unknown }[] = [];
    const outcome: Record<string, number> = {};
    const count = (k: string) => { outcome[k] = (outcome[k] ?? 0) + 1; };
    const expected = new Set(['slot_taken', 'slot_unavailable', 'hold_expired', 'invalid_state', 'not_found']);
    const unexpected: unknown[] = [];
    const httpAnswers = new Map<string, { status: number; body: string }[]>();

    const bodyFor = (slug: string, starts: number[]): CreateBookingBody => ({
      program: slug, link: slug === 'private-yoga' ? FLOW.privateYogaLink : undefined, variant: variants[slug]!,
      customer: { name: 'Random', email: `c${Math.floor(random() * 400)}@example.ch`, locale: 'en' },
      sessions: slug === 'evolve' && random() < 0.5
        ? { mode: 'cadence', first_start: new Date(starts[0]!).toISOString() }
        : { mode: 'explicit', starts: starts.map((s) => new Date(s).toISOString()) },
      intake: slug === 'evolve' ? { goal: 'A goal long enough', experience: 'once', consent: true } : {},
    });

    const operations: (() => Promise<void>)[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = new Date(base + i * 1_000); // the clock moves: holds of the first operations expire during the run
      const r = random();
      if (r < 0.3) {
        const slug = pick(programs);
        const body = bodyFor(slug, [randomStart(slug)]);
        operations.push(async () => {
          try {
            booked.push(createdBookingOut(await bookingTransaction(db, { orgId: FLOW.org, role: 'anonymous', linkToken: body.link }, (tx) => createBooking(tx, { orgId: FLOW.org, body, now: at }))));
            count('book:ok');
          } catch (e) {
            if (e instanceof AppError && expected.has(e.code)) count(`book:${e.code}`);
            else unexpected.push(e);
          }
        });
      } else if (r < 0.5) {
        // through HTTP with an Idempotency-Key; some keys are sent twice (a retry racing the original)
        const retry = httpKeys.length > 0 && random() < 0.25;
        const { key, body } = retry ? pick(httpKeys) : (() => { const slug = pick(programs); return { key: randomUUID(), body: bodyFor(slug, [randomStart(slug)]) }; })();
        if (!retry) httpKeys.push({ key, body });
        operations.push(async () => {
          const res = await postJson(app, '/v1/embed/bookings', body, { 'Idempotency-Key': key });
          const text = await res.text();
          if (![201, 409].includes(res.status)) unexpected.push(new Error(`HTTP ${res.status}: ${text}`));
          httpAnswers.set(key, [...(httpAnswers.get(key) ?? []), { status: res.status, body: text }]);
          count(`http:${res.status}`);
          if (res.status === 201) booked.push(JSON.parse(text) as CreatedBooking);
        });
      } else if (r < 0.72) {
        const override = random() < 0.3;
        operations.push(async () => {
          const candidates = live();
          const b = candidates.length ? pick(candidates) : undefined;
          const s = b?.sessions.length ? pick(b.sessions) : undefined;
          if (!b || !s) return count('move:nothing');
          const to = randomStart(b.program.slug === 'lotus-duo' ? 'lotus-duo' : b.program.slug);
          try {
            await rescheduleSessionAsStaff(db, manager, { bookingId: b.id, sessionId: s.id, startsAt: new Date(to).toISOString(), override }, { now: at, config: testConfig });
            count('move:ok');
          } catch (e) {
            if (e instanceof AppError && expected.has(e.code)) count(`move:${e.code}`);
            else unexpected.push(e);
          }
        });
      } else if (r < 0.79) {
        operations.push(async () => {
          const candidates = live();
          const b = candidates.length ? pick(candidates) : undefined;
          if (!b) return count('cancel:nothing');
          try {
            await cancelBookingAsStaff(db, manager, b.id, { now: at, config: testConfig });
            cancelled.add(b.id);
            count('cancel:ok');
          } catch (e) {
            if (e instanceof AppError && expected.has(e.code)) count(`cancel:${e.code}`);
            else unexpected.push(e);
          }
        });
      } else if (r < 0.85) {
        // a booking confirmed (as a paid checkout does): its blocks stop being holds
        operations.push(async () => {
          const candidates = live();
          const b = candidates.length ? pick(candidates) : undefined;
          if (!b) return count('confirm:nothing');
          const done = await withSystem(db, FLOW.org, 'test setup', async (tx) => {
            const rows = await tx.execute(sql`update program_bookings set status = 'confirmed', hold_expires_at = null
              where id = ${b.id} and status = 'reserved' and hold_expires_at > ${at.toISOString()}::timestamptz returning id`);
            const hit = rowsOf(rows).length > 0;
            if (hit) {
              await tx.execute(sql`update schedule_blocks set status = 'active', hold_expires_at = null
                where status = 'held' and session_id in (select id from program_sessions where booking_id = ${b.id})`);
            }
            return hit;
          });
          count(done ? 'confirm:ok' : 'confirm:too_late');
        });
      } else if (r < 0.99) {
        // Raw blocks that skip every application check: only the constraints stand in the way.
        const start = randomStart('lotus-duo');
        const minutes = 15 * (1 + Math.floor(random() * 8));
        const who = random() < 0.6 ? { instructor: pick([FLOW.mara, FLOW.luca, FLOW.noemi]), room: null } : { instructor: null, room: pick([FLOW.roomLotus, FLOW.roomStudioA]) };
        operations.push(async () => {
          try {
            await withSystem(db, FLOW.org, 'test setup', (tx) => tx.execute(sql`
              insert into schedule_blocks (org_id, kind, status, instructor_id, resource_id, during, timezone)
              values (${FLOW.org}, 'appointment', 'active', ${who.instructor}::uuid, ${who.room}::uuid,
                      tstzrange(${new Date(start).toISOString()}::timestamptz, ${new Date(start + minutes * MIN).toISOString()}::timestamptz, '[)'), 'Europe/Zurich')`));
            count('raw:ok');
          } catch (e) {
            const code = pgErrorCode(e);
            if (code === PG.exclusionViolation) count('raw:refused_by_constraint');
            // Two inserts waiting on each other's uncommitted conflicting rows: Postgres aborts one, which writes nothing.
            else if (code === PG.deadlockDetected) count('raw:refused_by_deadlock');
            else unexpected.push(new Error(`${code ?? 'no SQLSTATE'}: ${String(e)}`));
          }
        });
      } else {
        operations.push(async () => {
          await sweepExpiredHolds(db, at, FLOW.org);
          count('sweep');
        });
      }
    }

    // 40 lanes take the operations in order: up to 40 run at once (more than the pool's 20
    // connections), and later ones find the bookings of earlier ones to move and cancel.
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 40 }, async () => {
      while (next < operations.length) await operations[next++]!();
    }));
    t.diagnostic(`${operations.length} operations in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(Object.fromEntries(Object.entries(outcome).sort()))}`);

    assert.deepEqual(unexpected.map(String), []);
    assert.equal(await overlappingBlocks(db), 0, 'no two live blocks of one instructor or one room overlap');

    // Each live session has exactly one live block, the session's window widened by its program's buffers.
    const [mismatch] = await query(db, sql`select count(*)::int as n from program_sessions s
      join program_bookings b on b.id = s.booking_id join programs p on p.id = b.program_id
      where s.status = 'scheduled' and s.starts_at is not null and b.status <> 'cancelled'
        and 1 <> (select count(*) from schedule_blocks k where k.session_id = s.id and k.status <> 'cancelled'
                   and k.during = tstzrange(s.starts_at - make_interval(mins => (p.scheduling->>'buffer_before_min')::int),
                                            s.ends_at + make_interval(mins => (p.scheduling->>'buffer_after_min')::int), '[)'))`);
    assert.equal(mismatch!.n, 0, 'sessions and their blocks moved together');
    const [orphans] = await query(db, sql`select count(*)::int as n from schedule_blocks k join program_sessions s on s.id = k.session_id
      join program_bookings b on b.id = s.booking_id where k.status <> 'cancelled' and (b.status = 'cancelled' or s.status = 'cancelled')`);
    assert.equal(orphans!.n, 0, 'cancelled bookings hold no time');

    // One key, one booking: a retried key never created a second one.
    for (const [key, answers] of httpAnswers) {
      const created = new Set(answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.body) as { id: string }).id));
      assert.ok(created.size <= 1, `key ${key} created ${created.size} bookings`);
    }

    // The run did exercise every path, and the constraint did refuse racing writes.
    for (const k of ['book:ok', 'book:slot_taken', 'http:201', 'http:409', 'move:ok', 'move:slot_taken', 'cancel:ok', 'confirm:ok', 'raw:ok', 'raw:refused_by_constraint']) {
      assert.ok((outcome[k] ?? 0) > 0, `${k} happened`);
    }
  });
});
