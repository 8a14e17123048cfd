import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { brotliDecompressSync } from 'node:zlib';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, MIN } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';

/**
 * The slots answer is kept per org catalog and schedule version and until its first hold lapses
 * (or its first start comes within notice): an ETag, 304 for If-None-Match, and every change to the
 * free times makes the next answer fresh at once: a booking, a hold that lapses (no write at all),
 * an instructor's hours, the program's settings.
 */
describe('slots answers kept per schedule version', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const month = '/v1/embed/programs/reiki/slots?from=2026-12-01&to=2026-12-31&tz=Europe/Zurich';
  const get = (headers: Record<string, string> = {}) => app.request(month, { headers: { ...flowKey, ...headers } });
  const owner = (statement: ReturnType<typeof sql>) => db.db.execute(statement);
  let variant = '';

  async function slots(): Promise<{ etag: string; body: SlotsResponse; starts: string[] }> {
    const res = await get();
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json() as SlotsResponse;
    return { etag: res.headers.get('etag')!, body, starts: body.days.flatMap((d) => d.slots.map((s) => s.start)) };
  }
  async function book(start: string): Promise<{ hold_expires_at: string }> {
    const res = await app.request('/v1/embed/bookings', {
      method: 'POST',
      headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ program: 'reiki', variant, sessions: { mode: 'explicit', starts: [start] }, customer: { name: 'Ana', email: `${randomUUID().slice(0, 8)}@example.com`, locale: 'en' } }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return await res.json() as { hold_expires_at: string };
  }

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    variant = (await demoVariants(app))['reiki']![0]!;
  });
  after(async () => db.close());

  test('an ETag and Cache-Control; the same request again is answered from the kept answer, If-None-Match with 304', async () => {
    const first = await get({ 'Accept-Encoding': 'br' });
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/"[A-Za-z0-9_-]+"$/);
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    const body = JSON.parse(brotliDecompressSync(Buffer.from(await first.arrayBuffer())).toString()) as SlotsResponse;
    assert.ok(body.days.some((d) => d.slots.length > 0));

    // Hours, closures and busy time closed to requests: only an answer kept in process can be given now.
    await owner(sql`revoke select on availability_rules, studio_closures from tandem_app`);
    await owner(sql`revoke execute on function live_blocks_between(uuid[], uuid, timestamptz, timestamptz) from tandem_app`);
    try {
      const again = await get({ 'If-None-Match': etag! });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      const full = await get();
      assert.equal(full.status, 200);
      assert.deepEqual(await full.json(), body);
      assert.equal((await get({ 'If-None-Match': '"other"' })).status, 200);
    } finally {
      await owner(sql`grant select on availability_rules, studio_closures to tandem_app`);
      await owner(sql`grant execute on function live_blocks_between(uuid[], uuid, timestamptz, timestamptz) to tandem_app`);
    }
  });

  test('a booking takes its time out of the next answer; its hold lapsing (no write) puts it back', async () => {
    const before = await slots();
    const wanted = before.starts[3]!;
    // Made 14 minutes into the hold, the answer would be kept a minute longer than the hold lasts.
    const hold = await book(wanted);
    const lapse = Date.parse(hold.hold_expires_at);
    clock.set(new Date(lapse - 14 * MIN).toISOString());
    const booked = await slots();
    assert.notEqual(booked.etag, before.etag);
    assert.ok(!booked.starts.includes(wanted), 'the held time is not offered');
    clock.set(new Date(lapse - 30_000).toISOString());
    assert.deepEqual((await slots()).starts, booked.starts, 'still held');
    clock.set(new Date(lapse + 1_000).toISOString());
    const lapsed = await slots();
    assert.ok(lapsed.starts.includes(wanted), 'offered again once the hold has lapsed');
    assert.notEqual(lapsed.etag, booked.etag);
  });

  test('an instructor\'s hours: a closed day empties that day in the next answer', async () => {
    const before = await slots();
    const day = before.body.days.find((d) => d.slots.length > 0)!.date;
    await owner(sql`insert into availability_rules (org_id, instructor_id, kind, on_date, timezone) values (${FLOW.org}, ${FLOW.noemi}, 'closed', ${day}, 'Europe/Zurich')`);
    const after = await slots();
    assert.deepEqual(after.body.days.find((d) => d.date === day)!.slots, []);
    assert.notEqual(after.etag, before.etag);
  });

  test('the program\'s settings: a shorter session shows in the next answer', async () => {
    const before = await slots();
    assert.equal(before.body.session_length_min, 75);
    await owner(sql`update programs set session_length_min = 60 where org_id = ${FLOW.org} and slug = 'reiki'`);
    const after = await slots();
    assert.equal(after.body.session_length_min, 60);
    assert.notEqual(after.etag, before.etag);
  });

  test('local times come from the memoised offset table: a month of slots asks Intl for no part per slot', async () => {
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    let calls = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
      calls++;
      return formatToParts.call(this, date);
    };
    try {
      // Another range than the tests before (not a kept answer), over offsets already memoised.
      const res = await app.request('/v1/embed/programs/reiki/slots?from=2026-12-02&to=2026-12-30&tz=Europe/Zurich', { headers: flowKey });
      assert.equal(res.status, 200);
      const count = ((await res.json()) as SlotsResponse).days.reduce((n, d) => n + d.slots.length, 0);
      assert.ok(count > 100, `${count} slots`);
      assert.equal(calls, 0, `${calls} formatToParts calls for ${count} slots`);
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
    }
  });

  test('Server-Timing on the program, its slots and a new booking: database time within the total', async () => {
    const timing = (res: Response) => {
      const m = /^db;dur=(\d+\.\d+), total;dur=(\d+\.\d+)$/.exec(res.headers.get('server-timing') ?? '');
      assert.ok(m, `Server-Timing: ${res.headers.get('server-timing')}`);
      assert.ok(Number(m[1]) > 0 && Number(m[1]) <= Number(m[2]), res.headers.get('server-timing')!);
    };
    timing(await app.request('/v1/embed/programs/reiki', { headers: flowKey }));
    const res = await get();
    timing(res);
    const start = ((await res.json()) as SlotsResponse).days.flatMap((d) => d.slots.map((s) => s.start)).at(-1)!;
    const created = await app.request('/v1/embed/bookings', {
      method: 'POST',
      headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ program: 'reiki', variant, sessions: { mode: 'explicit', starts: [start] }, customer: { name: 'Ana', email: 'timing@example.com', locale: 'en' } }),
    });
    assert.equal(created.status, 201);
    timing(created);
  });
});
