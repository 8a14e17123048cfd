/**
 * POST /v1/admin/segments/preview: a filter counted before it is saved. Its count and consenting
 * count are the saved segment's for the same filter, its sample the first members by name; it
 * writes nothing and needs no Idempotency-Key; a bad filter is a 400 naming the field; the filters
 * the console's form added (last booking before, credits, utm_source, tags) select what they say.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { cardPaid, skFlow, skNord } from '../../support/admin-money.ts';
import { demoVariants } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { SegmentOut, SegmentPreviewOut } from '../../../schema/api/admin-segments.ts';

describe('segment preview', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => db.close());

  const preview = (filter: unknown, headers: Record<string, string> = skFlow) =>
    app.request('/v1/admin/segments/preview', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ filter }) });
  const counted = async (filter: unknown) => {
    const res = await preview(filter);
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<SegmentPreviewOut>;
  };
  const flowCustomers = async (where: ReturnType<typeof sql>) => Number((await query(db.db, sql`select count(*)::int as n from customers c where c.org_id = ${FLOW.org} and ${where}`))[0]!.n);

  test('the count a saved segment would have, a sample by name, nothing written, no Idempotency-Key', async () => {
    const filter = { languages: ['de'] };
    const before = Number((await query(db.db, sql`select count(*)::int as n from segments`))[0]!.n);
    const out = await counted(filter);
    assert.equal(Number((await query(db.db, sql`select count(*)::int as n from segments`))[0]!.n), before, 'nothing saved');
    const saved = await app.request('/v1/admin/segments', { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ name: 'German', filter }) });
    const segment = await saved.json() as SegmentOut;
    assert.deepEqual({ count: out.count, with_consent: out.with_consent }, { count: segment.count, with_consent: segment.with_consent });
    assert.equal(out.count, await flowCustomers(sql`left(c.locale, 2) = 'de'`));
    assert.ok(out.count > 0, 'the demo studio has German-speaking customers');
    assert.equal(out.sample.length, Math.min(5, out.count));
    const names = out.sample.map((m) => m.name);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
    assert.ok(out.sample.every((m) => m.language.startsWith('de')));
    // Another studio's key counts its own customers only.
    const nord = await preview({}, skNord);
    assert.equal(nord.status, 200);
    assert.ok(!(await nord.json() as SegmentPreviewOut).sample.some((m) => out.sample.some((o) => o.id === m.id)));
  });

  test('a bad filter: 400 naming each field, problem+json', async () => {
    const bad = await preview({ min_credits: -1, languages: ['xx'], tags: [''], last_booking_before: 'yesterday', nope: 1 });
    assert.equal(bad.status, 400);
    const problem = await problemOf(bad);
    assert.equal(problem.code, 'validation_failed');
    const fields = problem.errors!.map((e) => e.field);
    for (const f of ['filter.min_credits', 'filter.languages.0', 'filter.tags.0', 'filter.last_booking_before']) assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
    const noBody = await app.request('/v1/admin/segments/preview', { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{' });
    assert.equal(noBody.status, 400);
    assert.equal((await preview({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).status, 400, 'at most 50 tags');
  });

  test('last booking before, credits at least, utm_source and tags select what they say', async () => {
    const paid = await cardPaid(app, (await demoVariants(app)).reiki![0]!, '2026-12-09T09:00:00.000Z');
    const id = String((await query(db.db, sql`select customer_id from program_bookings where id = ${paid.booking.id}`))[0]!.customer_id);
    await query(db.db, sql`insert into credit_ledger (org_id, customer_id, delta, balance_after, reason)
      select ${FLOW.org}, ${id}, 7, coalesce(sum(delta), 0) + 7, 'grant' from credit_ledger where customer_id = ${id}`);
    await query(db.db, sql`update program_bookings set source = coalesce(source, '{}'::jsonb) || '{"utm_source":"preview-test"}' where customer_id = ${id}`);
    await query(db.db, sql`insert into customer_tags (org_id, customer_id, tag) values (${FLOW.org}, ${id}, 'Yoga Fan')`);

    const credits = await counted({ min_credits: 7 });
    assert.ok(credits.count >= 1);
    assert.equal(credits.count, await flowCustomers(sql`(select coalesce(sum(l.delta), 0) from credit_ledger l where l.customer_id = c.id) >= 7`));
    assert.ok(credits.sample.every((m) => m.credits >= 7));
    const utm = await counted({ utm_source: 'preview-test' });
    assert.deepEqual(utm.sample.map((m) => m.id), [id]);
    const tagged = await counted({ tags: ['yoga fan', 'other'] });
    assert.deepEqual(tagged.sample.map((m) => m.id), [id], 'a tag in any case');
    assert.equal((await counted({ tags: ['yoga'] })).count, 0, 'a whole tag, not part of one');
    const everBooked = await flowCustomers(sql`exists (select 1 from program_bookings b where b.customer_id = c.id and b.status <> 'reserved')`);
    assert.equal((await counted({ last_booking_before: '2199-01-01T00:00:00Z' })).count, everBooked);
    assert.equal((await counted({ last_booking_before: '1971-01-01T00:00:00Z' })).count, 0);
    assert.equal((await counted({ tags: ['Yoga Fan'], min_credits: 8 })).count, 0, 'every field must hold');
  });
});
