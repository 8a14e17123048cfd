import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { FLOW } from '../../../demo/seed/index.ts';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { countedDatabase, type CountedDatabase, type WireCounts } from '../../support/wire-counter.ts';
import { createApp } from '../../../server/app.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';

/**
 * Database round trips per request on PostgreSQL, counted on the wire (tests/support/wire-counter.ts),
 * for the requests a studio's page makes most. The budgets are the counts as they are: a change
 * that adds a round trip (or a transaction, or a statement) to these paths fails here, and one that
 * removes some lowers the budget. Measured once the publishable key is known and every statement
 * is prepared on the (single) connection, as in a running server.
 *
 * PostgreSQL only: PGlite runs in process and has no round trips (`.ci/run` runs this file on PostgreSQL).
 */
const url = process.env.DATABASE_URL;
const skip = url ? false : 'DATABASE_URL is not set: round trips are counted on a PostgreSQL connection (PGlite has none)';
const START = '2026-11-25T08:00:00Z';

interface Budget { roundTrips: number; statements: number; begins: number }

describe('database round trips per embed request (PostgreSQL)', { skip }, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let counted: CountedDatabase;
  const clock = new Clock(new Date(START));
  let app: ReturnType<typeof createApp>;
  let variant = '';
  const starts: string[] = [];

  before(async () => {
    db = await freshDatabase();
    const seeded = await demoApp(db.db, { now: clock.now });
    variant = (await demoVariants(seeded))['reiki']![0]!;
    const slots = await (await seeded.request('/v1/embed/programs/reiki/slots?from=2026-11-30&to=2026-12-31&tz=Europe/Zurich', { headers: flowKey })).json() as { days: { slots: { start: string }[] }[] };
    for (const s of slots.days.flatMap((d) => d.slots.map((x) => x.start))) {
      if (!starts.length || Date.parse(s) >= Date.parse(starts.at(-1)!) + 120 * 60_000) starts.push(s);
    }
    counted = countedDatabase(db.url!);
    app = createApp({ db: counted.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() });
  });
  after(async () => {
    await counted?.close();
    await db?.close();
  });

  const program = (headers: Record<string, string> = {}) => app.request('/v1/embed/programs/reiki', { headers: { ...flowKey, ...headers } });
  const month = () => app.request('/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-31&tz=Europe/Zurich', { headers: flowKey });
  const book = () => app.request('/v1/embed/bookings', {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ program: 'reiki', variant, sessions: { mode: 'explicit', starts: [starts.shift()!] }, customer: { name: 'Ana', email: `${randomUUID().slice(0, 8)}@example.com`, locale: 'en' } }),
  });

  async function countOf(request: () => Response | Promise<Response>, status: number): Promise<WireCounts> {
    // Twice before counting: the key resolved and kept, every statement prepared on the connection.
    for (let i = 0; i < 2; i++) assert.equal((await request()).status, status);
    counted.reset();
    const res = await request();
    assert.equal(res.status, status, await res.clone().text());
    await res.arrayBuffer();
    return counted.counts();
  }

  function within(what: string, counts: WireCounts, budget: Budget) {
    const got = { roundTrips: counts.roundTrips, statements: counts.statements, begins: counts.begins };
    const shown = `${what}: ${JSON.stringify(got)}\n  ${counts.sql.map((s) => s.replace(/\s+/g, ' ').slice(0, 110)).join('\n  ')}`;
    console.log(shown);
    assert.ok(got.roundTrips <= budget.roundTrips && got.statements <= budget.statements && got.begins <= budget.begins,
      `over budget ${JSON.stringify(budget)}: ${shown}`);
  }

  test('GET /v1/embed/programs/:slug', async () => {
    within('program', await countOf(() => program(), 200), { roundTrips: 1, statements: 5, begins: 1 });
  });

  test('GET /v1/embed/programs/:slug with If-None-Match', async () => {
    const etag = (await program()).headers.get('etag')!;
    within('program 304', await countOf(() => program({ 'If-None-Match': etag }), 304), { roundTrips: 1, statements: 5, begins: 1 });
  });

  test('GET …/slots for a month, asked for the first time', async () => {
    let to = 25;
    const fresh = () => app.request(`/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-${to++}&tz=Europe/Zurich`, { headers: flowKey });
    within('slots, new', await countOf(fresh, 200), { roundTrips: 3, statements: 10, begins: 1 });
  });

  test('GET …/slots for a month, asked again (the kept answer)', async () => {
    within('slots, kept', await countOf(month, 200), { roundTrips: 1, statements: 5, begins: 1 });
    const etag = (await month()).headers.get('etag')!;
    within('slots 304', await countOf(() => app.request('/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-31&tz=Europe/Zurich', { headers: { ...flowKey, 'If-None-Match': etag } }), 304),
      { roundTrips: 1, statements: 5, begins: 1 });
  });

  test('GET …/slots for a month, asked again after a change to the schedule', async () => {
    await month();
    const changed = async () => {
      await db.db.execute(sql`update schedule_blocks set note = note where org_id = ${FLOW.org}`);
      return month();
    };
    // The kept answer's transaction (rate limit, versions) commits in its one round trip, before the
    // versions are known: finding them changed, the answer is made in a second transaction (its own
    // BEGIN, settings, versions and COMMIT: four statements more, no round trip more).
    within('slots, made again', await countOf(changed, 200), { roundTrips: 4, statements: 14, begins: 2 });
  });

  test('POST /v1/embed/bookings', async () => {
    within('booking', await countOf(book, 201), { roundTrips: 3, statements: 15, begins: 1 });
  });
});
