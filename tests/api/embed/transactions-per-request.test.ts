import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock, problemOf } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { createApp } from '../../../server/app.ts';
import type { Database, Tx } from '../../../server/platform/db/database.ts';
import { rowsOf } from '../../../server/platform/db/rows.ts';
import { rows } from '../../../server/platform/db/prepared.ts';
import { COMMIT_AHEAD } from '../../../server/platform/db/pipelined-begin.ts';
import { sql } from 'drizzle-orm';
import { DEFAULT_RATE_LIMITS } from '../../../server/platform/limits.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';

/**
 * The requests a studio's page makes most run in one transaction each: the publishable key is
 * kept in process, and the client's rate-limit bucket (and a booking's e-mail bucket) is taken
 * inside the route's own transaction, not in transactions of their own before it. The limits
 * still count every request, failed ones included.
 */
const START = '2026-11-25T08:00:00Z';

describe('transactions per embed request', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let opened = 0;
  const commits: string[] = [];
  let counted: Database;
  let variant = '';
  let starts: string[] = [];

  before(async () => {
    db = await freshDatabase();
    const seeded = await demoApp(db.db, { now: clock.now });
    variant = (await demoVariants(seeded))['reiki']![0]!;
    const slots = await (await seeded.request('/v1/embed/programs/reiki/slots?from=2026-11-30&to=2026-12-20&tz=Europe/Zurich', { headers: flowKey })).json() as { days: { slots: { start: string }[] }[] };
    for (const s of slots.days.flatMap((d) => d.slots.map((x) => x.start))) {
      if (!starts.length || Date.parse(s) >= Date.parse(starts.at(-1)!) + 120 * 60_000) starts.push(s);
    }
    // The same database, every transaction it opens counted, and how it committed noted.
    counted = new Proxy(db.db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') {
          return (work: (tx: Tx) => Promise<unknown>, ...rest: unknown[]) => {
            opened++;
            return (target.transaction as (...a: unknown[]) => Promise<unknown>)(async (tx: Tx) => {
              const probe = sql`select current_setting('synchronous_commit') as s`;
              // A transaction that sends its COMMIT itself (commitAhead, PostgreSQL) is probed just before it.
              let ahead: Promise<unknown> | undefined;
              const session = (tx as unknown as { session: { client: Record<PropertyKey, unknown> } }).session;
              if (typeof session.client[COMMIT_AHEAD] === 'function') {
                const client = new Proxy(session.client, {
                  get: (t, prop, receiver) => prop === COMMIT_AHEAD
                    ? () => { ahead = rows(tx, probe).then(([row]) => commits.push(String(row!.s))); (t[COMMIT_AHEAD] as () => void)(); }
                    : Reflect.get(t, prop, receiver),
                });
                (tx as unknown as { session: unknown }).session = new Proxy(session, { get: (t, prop, receiver) => (prop === 'client' ? client : Reflect.get(t, prop, receiver)) });
              }
              const result = await work(tx);
              if (ahead) await ahead;
              else commits.push(String(rowsOf(await tx.execute(probe))[0]!.s));
              return result;
            }, ...rest);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
  });
  after(async () => db.close());

  const appWith = (limits = testConfig.limits) => createApp({ db: counted, now: clock.now, config: { ...testConfig, limits }, payments: testProvider(), mailer: localMailer() });
  const book = (app: ReturnType<typeof appWith>, body: Record<string, unknown> = {}) => app.request('/v1/embed/bookings', {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ program: 'reiki', variant, sessions: { mode: 'explicit', starts: [starts.shift()!] }, customer: { name: 'Ana', email: `${randomUUID().slice(0, 8)}@example.com`, locale: 'en' }, ...body }),
  });
  async function transactionsOf(request: () => Response | Promise<Response>, status: number): Promise<number> {
    const before = opened;
    const res = await request();
    assert.equal(res.status, status, await res.clone().text());
    return opened - before;
  }

  test('program, slots and a new booking: one transaction each once the key is known', async () => {
    const app = appWith();
    assert.equal(await transactionsOf(() => app.request('/v1/embed/programs/reiki', { headers: flowKey }), 200), 2, 'the first request also resolves the key');
    assert.equal(await transactionsOf(() => app.request('/v1/embed/programs/reiki', { headers: flowKey }), 200), 1);
    assert.equal(await transactionsOf(() => app.request('/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-31&tz=Europe/Zurich', { headers: flowKey }), 200), 1);
    assert.equal(await transactionsOf(() => book(app), 201), 1);
    assert.equal(await transactionsOf(() => app.request('/v1/embed/programs/no-such-program', { headers: flowKey }), 404), 1, 'an unknown program: one transaction, not a second to make it again');
  });

  test('reads, whose only writes are rate-limit buckets, commit without waiting for the disk; a booking waits', async () => {
    const app = appWith();
    const commitOf = async (request: () => Response | Promise<Response>, status: number) => {
      commits.length = 0;
      assert.equal((await request()).status, status);
      return commits.slice();
    };
    assert.deepEqual(await commitOf(() => app.request('/v1/embed/programs/reiki', { headers: flowKey }), 200), ['off']);
    assert.deepEqual(await commitOf(() => app.request('/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-07&tz=Europe/Zurich', { headers: flowKey }), 200), ['off']);
    assert.deepEqual(await commitOf(() => book(app), 201), ['on']);
  });

  test('a booking that fails still spends its tokens: five unknown programs, then 429 for a good one', async () => {
    const app = appWith({ ...DEFAULT_RATE_LIMITS, liveHoldsPerClient: 1_000 });
    for (let i = 0; i < DEFAULT_RATE_LIMITS.holds.burst; i++) {
      const res = await book(app, { program: 'no-such-program' });
      assert.equal(res.status, 404, `#${i + 1}`);
    }
    const res = await book(app);
    assert.equal(res.status, 429);
    assert.equal((await problemOf(res)).code, 'rate_limited');
  });
});
