import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { demoVariants } from '../../support/checkout.ts';
import { DEFAULT_RATE_LIMITS } from '../../../server/platform/limits.ts';
import type { SlotsResponse } from '../../../schema/api/embed-slots.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

/**
 * The attack of issue 11, item 3, replayed against the app with the production limits: one
 * anonymous client asks for a hold on every free Reiki start of 61 days (the report: 123
 * requests in 1.9 s held them all), then checks every hold out by QR-bill (the report: 121
 * holds stretched to 5 days, 121 invoices mailed). The client's address comes from the socket
 * (`getConnInfo`), here a fake Node binding passed to `app.request`.
 */
const START = '2026-11-25T08:00:00Z';
const RANGE = 'from=2026-11-25&to=2027-01-24&tz=Europe/Zurich'; // 61 days
const ADDRESS = { street: 'Bahnhofstrasse', building_number: '1', postal_code: '8001', city: 'Zürich', country: 'ch' };

/** Starts 90 minutes apart (75-minute treatment + 15-minute buffer): holding these holds every free start. */
function coveringStarts(starts: string[]): string[] {
  const out: string[] = [];
  for (const start of starts) {
    if (!out.length || Date.parse(start) >= Date.parse(out.at(-1)!) + 90 * 60_000) out.push(start);
  }
  return out;
}

/** A Node binding whose socket says who is asking, as @hono/node-server gives it. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });

describe('hold flood: one anonymous client cannot hold a studio\'s calendar', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reikiVariant = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, limits: DEFAULT_RATE_LIMITS });
    reikiVariant = (await demoVariants(app))['reiki']![0]!;
  });
  after(async () => db.close());

  async function freeStarts(visitor: string): Promise<string[]> {
    const res = await app.request(`/v1/embed/programs/reiki/slots?${RANGE}`, { headers: flowKey }, from(visitor));
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json() as SlotsResponse;
    return body.days.flatMap((d) => d.slots.map((s) => s.start));
  }

  const post = (path: string, body: unknown, client: string, headers: Record<string, string> = {}) => app.request(path, {
    method: 'POST',
    headers: { ...flowKey, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers },
    body: JSON.stringify(body),
  }, from(client));

  test('a forged X-Forwarded-For does not make a new client (TRUST_PROXY is off by default)', async () => {
    clock.set(START);
    const attacker = '203.0.113.77';
    const starts = coveringStarts(await freeStarts('198.51.100.3')).slice(-12);
    assert.equal(starts.length, 12);
    const statuses: number[] = [];
    for (const [i, start] of starts.entries()) {
      const res = await post('/v1/embed/bookings', {
        program: 'reiki', variant: reikiVariant, sessions: { mode: 'explicit', starts: [start] },
        customer: { name: 'Flood', email: `xff-${randomUUID().slice(0, 8)}@example.com`, locale: 'en' },
      }, attacker, { 'X-Forwarded-For': `192.0.2.${i + 1}` });
      statuses.push(res.status);
    }
    assert.ok(statuses.filter((s) => s === 201).length <= DEFAULT_RATE_LIMITS.liveHoldsPerClient, statuses.join(' '));
    assert.ok(statuses.slice(DEFAULT_RATE_LIMITS.holds.burst).every((s) => s === 429), statuses.join(' '));
  });

  test('many holds and QR-bill checkouts from one client: 429 after the first few, and the calendar keeps ≥ 95 % of its free starts', async () => {
    const attacker = '203.0.113.66';
    const before = await freeStarts('198.51.100.1');
    assert.ok(before.length >= 100, `the demo's Reiki calendar has many free starts in 61 days (${before.length})`);

    // The flood: starts 90 minutes apart (75-minute treatment + 15-minute buffer) cover every free
    // start; a hold on each, each with a new e-mail address, ten at a time.
    const covering = coveringStarts(before);
    const outcomes: { status: number; code?: string; retryAfter: string | null; booking?: { id: string; client_token: string } }[] = [];
    for (let i = 0; i < covering.length; i += 10) {
      const batch = covering.slice(i, i + 10).map(async (start) => {
        const res = await post('/v1/embed/bookings', {
          program: 'reiki', variant: reikiVariant, sessions: { mode: 'explicit', starts: [start] },
          customer: { name: 'Flood', email: `flood-${randomUUID().slice(0, 8)}@example.com`, locale: 'en' },
        }, attacker);
        const body = await res.json() as { code?: string; id: string; client_token: string };
        return { status: res.status, code: body.code, retryAfter: res.headers.get('Retry-After'), ...(res.status === 201 ? { booking: body } : {}) };
      });
      outcomes.push(...await Promise.all(batch));
    }
    const held = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status === 429);
    const firstRefusal = outcomes.findIndex((o) => o.status === 429);
    console.log(`flood: ${outcomes.length} hold requests, ${held.length} held, ${refused.length} answered 429 (first at #${firstRefusal + 1}): `
      + JSON.stringify(Object.fromEntries(['rate_limited', 'too_many_holds'].map((c) => [c, refused.filter((o) => o.code === c).length]))));
    assert.equal(held.length + refused.length, outcomes.length, `only 201 and 429: ${JSON.stringify(outcomes.filter((o) => o.status !== 201 && o.status !== 429).slice(0, 3))}`);
    assert.ok(held.length <= DEFAULT_RATE_LIMITS.liveHoldsPerClient, `at most ${DEFAULT_RATE_LIMITS.liveHoldsPerClient} holds for one client, got ${held.length}`);
    assert.ok(firstRefusal >= 0 && firstRefusal <= DEFAULT_RATE_LIMITS.holds.burst, `429s after the first few holds (first at #${firstRefusal + 1})`);
    for (const r of refused) {
      assert.ok(r.code === 'rate_limited' || r.code === 'too_many_holds', String(r.code));
      assert.ok(Number(r.retryAfter) >= 1, 'every 429 says when to try again');
    }

    // Then every hold checked out by QR-bill: the holds the client got, and nothing more.
    let invoices = 0;
    for (const o of held) {
      const res = await post(`/v1/embed/bookings/${o.booking!.id}/checkout`, { method: 'qr_bill', billing_address: ADDRESS }, attacker, { 'Tandem-Booking-Token': o.booking!.client_token });
      // A hold whose session is fewer than 3 days away is not offered a QR-bill at all (422 payment_method_unavailable);
      // any other needs the address proven by a code by mail first (403 identity_required), which a flood of made-up addresses cannot give.
      if (res.status === 422) { assert.equal((await res.json() as { code: string }).code, 'payment_method_unavailable'); continue; }
      if (res.status === 403) { assert.equal((await res.json() as { code: string }).code, 'identity_required'); continue; }
      assert.equal(res.status, 200, await res.clone().text());
      invoices++;
    }
    const [issued] = await query(db.db, sql`select count(*)::int as n from invoices`);
    assert.equal(issued!.n, invoices);
    assert.ok(invoices <= DEFAULT_RATE_LIMITS.liveHoldsPerClient, `at most ${DEFAULT_RATE_LIMITS.liveHoldsPerClient} invoices, got ${invoices}`);

    // The calendar as the next visitor sees it.
    const afterFlood = await freeStarts('198.51.100.2');
    const kept = afterFlood.length / before.length;
    console.log(`flood: free Reiki starts in 61 days ${before.length} before, ${afterFlood.length} after (${(kept * 100).toFixed(1)} % kept)`);
    assert.ok(kept >= 0.95, `the calendar keeps ≥ 95 % of its free starts (kept ${(kept * 100).toFixed(1)} %)`);
  });

});
