/**
 * GET /v1/admin/marketing/consents: filtered by status (`withdrawn` = unsubscribed) and by part of
 * the address (any case, `%` and `_` literal), paged by `next_cursor` with every record once across
 * the pages (ties in time broken by id), newest first; a cursor that is not one is a 400 naming it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { skFlow, skNord } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { ConsentOut } from '../../../schema/api/marketing-consent.ts';

type Page = { consents: ConsentOut[]; next_cursor: string | null };

describe('the consents list', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-12-01T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    await query(db.db, sql`insert into customers (org_id, name, email) select ${FLOW.org}, 'Kunde ' || n, 'kunde' || n || '@example.ch' from generate_series(1, 9) n`);
    // One consent per Studio Flow customer: statuses in turn, two of them at the same instant (a tie the cursor must break).
    await query(db.db, sql`insert into marketing_consents
      (org_id, customer_id, email, status, source, locale, wording, wording_version, requested_at, request_ip_hash, confirm_token_hash, unsubscribe_token_hash, confirmed_at, withdrawn_at, withdrawn_via)
      select org_id, id, lower(replace(name, ' ', '.')) || '_' || n || '@List.example', (array['confirmed', 'pending', 'withdrawn', 'expired'])[1 + n % 4], 'checkout', 'en', 'Yes', '1',
        timestamptz '2026-11-01T09:00:00Z' + make_interval(mins => case when n in (3, 4) then 3 else n end), 'x', md5(random()::text), md5(random()::text),
        case when n % 4 in (0, 2) then timestamptz '2026-11-02T09:00:00Z' end, case when n % 4 = 2 then timestamptz '2026-11-03T09:00:00Z' end, case when n % 4 = 2 then 'link' end
      from (select c.*, row_number() over (order by c.created_at, c.id)::int as n from customers c where c.org_id = ${FLOW.org}) c`);
  });
  after(async () => db.close());

  const list = async (qs: string, headers = skFlow): Promise<Page> => {
    const res = await app.request(`/v1/admin/marketing/consents?${qs}`, { headers });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json() as Promise<Page>;
  };
  const all = async (qs: string, limit: number) => {
    const seen: ConsentOut[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.consents.length <= limit);
      seen.push(...page.consents);
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 100);
    return { seen, pages };
  };

  test('every record once across the pages, newest first; the last page has no cursor', async () => {
    const total = Number((await query(db.db, sql`select count(*)::int as n from marketing_consents where org_id = ${FLOW.org}`))[0]!.n);
    assert.ok(total >= 10, `a consent per customer (${total})`);
    const whole = await list('limit=500');
    assert.equal(whole.consents.length, total);
    assert.equal(whole.next_cursor, null);
    const { seen, pages } = await all('', 2);
    assert.equal(pages, Math.ceil(total / 2));
    assert.deepEqual(seen.map((c) => c.id), whole.consents.map((c) => c.id), 'the same records in the same order, none twice, none left out');
    const times = seen.map((c) => c.requested_at);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  });

  test('by status (withdrawn: unsubscribed) and by part of the address, any case, with wildcards literal', async () => {
    for (const status of ['confirmed', 'pending', 'withdrawn', 'expired'] as const) {
      const { seen } = await all(`status=${status}`, 2);
      const expected = Number((await query(db.db, sql`select count(*)::int as n from marketing_consents where org_id = ${FLOW.org} and status = ${status}`))[0]!.n);
      assert.equal(seen.length, expected, status);
      assert.ok(seen.every((c) => c.status === status));
    }
    const unsubscribed = await list('status=withdrawn');
    assert.ok(unsubscribed.consents.every((c) => c.withdrawn_at && c.withdrawn_via === 'link'));
    const one = (await list('limit=500')).consents[0]!;
    const part = one.email.slice(0, one.email.indexOf('@') + 1).toUpperCase();
    const found = await list(`q=${encodeURIComponent(part)}`);
    assert.deepEqual(found.consents.map((c) => c.id), [one.id]);
    assert.equal((await list('q=list.EXAMPLE&limit=500')).consents.length, (await list('limit=500')).consents.length, 'any case');
    assert.equal((await list(`q=${encodeURIComponent('%')}`)).consents.length, 0, '% is a character, not a wildcard');
    const both = await list(`status=${one.status}&q=${encodeURIComponent(one.email)}`);
    assert.deepEqual(both.consents.map((c) => c.id), [one.id]);
    assert.equal((await list(`status=${one.status === 'pending' ? 'confirmed' : 'pending'}&q=${encodeURIComponent(one.email)}`)).consents.length, 0, 'both must hold');
    assert.deepEqual((await list('limit=500', skNord)).consents.filter((c) => c.email.endsWith('@list.example')), [], 'another studio sees none of them');
  });

  test('bad parameters: 400 naming the field', async () => {
    const cases: [string, string][] = [['cursor=not!a!cursor', 'cursor'], [`cursor=${Buffer.from('yesterday|x').toString('base64url')}`, 'cursor'], ['status=unsubscribed', 'status'], ['limit=0', 'limit'], [`q=${'x'.repeat(255)}`, 'q'], ['q=a%0Ab', 'q']];
    for (const [qs, field] of cases) {
      const res = await app.request(`/v1/admin/marketing/consents?${qs}`, { headers: skFlow });
      assert.equal(res.status, 400, qs);
      assert.deepEqual((await problemOf(res)).errors?.map((e) => e.field), [field], qs);
    }
  });
});
