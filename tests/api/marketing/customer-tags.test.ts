/**
 * Customer tags: an automation's `add_tag` shows on the customer's record and a segment by that tag
 * (saved, previewed) counts the customer; staff add and remove tags on the record (one per customer
 * whatever its case, each change once per Idempotency-Key), with per-field 400s and another studio's
 * customer not found; erasing a customer erases their tags.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { cardPaid, skFlow, skNord } from '../../support/admin-money.ts';
import { demoVariants } from '../../support/checkout.ts';
import { runJobsAt } from '../../support/parked-jobs.ts';
import { automationRunJob, automationStepJob } from '../../../server/modules/automations/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { CustomerDetailOut, CustomerTagsOut } from '../../../schema/api/admin-customers.ts';
import type { SegmentOut, SegmentPreviewOut } from '../../../schema/api/admin-segments.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const FLOW_ORG = FLOW.org;

describe('customer tags', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let reiki = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const send = (method: string, path: string, body?: unknown, key: string = randomUUID(), headers: Record<string, string> = skFlow) => app.request(path, {
    method, headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const detail = async (id: string) => {
    const res = await app.request(`/v1/admin/customers/${id}`, { headers: skFlow });
    assert.equal(res.status, 200);
    return res.json() as Promise<CustomerDetailOut>;
  };
  const customerOf = async (bookingId: string) => String((await query(db.db, sql`select customer_id from program_bookings where id = ${bookingId}`))[0]!.customer_id);
  async function runAutomations(): Promise<void> {
    const run = automationRunJob({ db: db.db, now: clock.now }) as unknown as JobDefinition;
    const step = automationStepJob({ db: db.db, now: clock.now, config: testConfig, allowPrivateTargets: true }) as unknown as JobDefinition;
    await runJobsAt(db, clock.current, run);
    for (let i = 0; i < 3; i++) await runJobsAt(db, clock.current, step);
  }

  test('an automation adds a tag: the record shows it, a segment by that tag counts the customer', async () => {
    const auto = await send('POST', '/v1/admin/automations', { name: 'Tag Reiki', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'Reiki-Fan' }] });
    assert.equal(auto.status, 201, await auto.clone().text());
    const tagFilter = { tags: ['reiki-fan'] };
    const saved = await (await send('POST', '/v1/admin/segments', { name: 'Reiki fans', filter: tagFilter })).json() as SegmentOut;
    assert.equal(saved.count, 0, 'nobody carries the tag yet');

    const paid = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    const id = await customerOf(paid.booking.id);
    assert.deepEqual((await detail(id)).tags, [], 'not before the automation ran');
    await runAutomations();

    assert.deepEqual((await detail(id)).tags, ['Reiki-Fan']);
    const segments = await (await app.request('/v1/admin/segments', { headers: skFlow })).json() as { segments: SegmentOut[] };
    assert.equal(segments.segments.find((s) => s.id === saved.id)!.count, 1, 'the saved segment counts the customer');
    const members = await (await app.request(`/v1/admin/segments/${saved.id}/members`, { headers: skFlow })).json() as { members: { id: string }[] };
    assert.deepEqual(members.members.map((m) => m.id), [id]);
    const preview = await app.request('/v1/admin/segments/preview', { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ filter: tagFilter }) });
    assert.deepEqual((await preview.json() as SegmentPreviewOut).sample.map((m) => m.id), [id]);
  });

  test('staff add and remove tags: one per customer in any case, once per key; 400s per field; another studio\'s customer not found', async () => {
    const paid = await cardPaid(app, reiki, '2026-12-09T10:30:00.000Z');
    const id = await customerOf(paid.booking.id);
    const key = randomUUID();
    const first = await send('POST', `/v1/admin/customers/${id}/tags`, { tag: '  VIP ' }, key);
    assert.equal(first.status, 200, await first.clone().text());
    assert.deepEqual(await first.json(), { tags: ['VIP'] });
    const replay = await send('POST', `/v1/admin/customers/${id}/tags`, { tag: '  VIP ' }, key);
    assert.equal(replay.headers.get('Idempotency-Replayed'), 'true');
    assert.equal((await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'other' }, key)).status, 422, 'the same key with another body');
    assert.deepEqual(await (await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'vip' })).json(), { tags: ['VIP'] }, 'the tag it has is kept');
    assert.deepEqual(await (await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'Knee injury' })).json(), { tags: ['Knee injury', 'VIP'] });
    assert.deepEqual((await detail(id)).tags, ['Knee injury', 'VIP']);

    const removed = await send('DELETE', `/v1/admin/customers/${id}/tags/${encodeURIComponent('vip')}`);
    assert.equal(removed.status, 200);
    assert.deepEqual(await removed.json(), { tags: ['Knee injury'] }, 'removed in any case');
    assert.deepEqual(await (await send('DELETE', `/v1/admin/customers/${id}/tags/absent`)).json(), { tags: ['Knee injury'] }, 'a tag it does not have changes nothing');

    for (const tag of ['', 'two\nlines', 'x'.repeat(61)]) {
      const bad = await send('POST', `/v1/admin/customers/${id}/tags`, { tag });
      assert.equal(bad.status, 400, JSON.stringify(tag));
      assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['tag']);
    }
    const noKey = await app.request(`/v1/admin/customers/${id}/tags`, { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ tag: 'x' }) });
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    assert.deepEqual((await problemOf(await send('POST', '/v1/admin/customers/not-an-id/tags', { tag: 'x' }))).errors?.map((e) => e.field), ['id']);
    assert.equal((await send('POST', `/v1/admin/customers/${randomUUID()}/tags`, { tag: 'x' })).status, 404);
    assert.equal((await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'x' }, randomUUID(), skNord)).status, 404, 'another studio');
    assert.equal((await send('DELETE', `/v1/admin/customers/${id}/tags/Knee%20injury`, undefined, randomUUID(), skNord)).status, 404, 'another studio');
    assert.deepEqual((await detail(id)).tags, ['Knee injury']);

    // Erasure (once the booking is over) takes the tags with the rest of the person's data.
    await query(db.db, sql`update program_bookings set status = 'completed' where id = ${paid.booking.id}`);
    assert.equal((await send('POST', `/v1/admin/customers/${id}/erase`)).status, 200);
    assert.deepEqual((await detail(id)).tags, []);
  });

  test('a tag added or removed, by staff or by an automation, is a customer.tag_added / customer.tag_removed event in the customer\'s history; one that changes nothing is none', async () => {
    const eventsOf = async (customerId: string) => (await query(db.db, sql`select type, payload from domain_events
      where subject_id = ${customerId} and type like 'customer.tag_%' and payload->>'tag' in ('Regular', 'Early bird') order by seq`))
      .map((e) => [e.type, (e.payload as { tag: string }).tag, (e.payload as { by: { kind: string } }).by.kind]);
    const auto = await send('POST', '/v1/admin/automations', { name: 'Tag regulars', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'Regular' }] });
    assert.equal(auto.status, 201, await auto.clone().text());
    const autoId = (await auto.json() as { id: string }).id;
    const paid = await cardPaid(app, reiki, '2026-12-09T14:15:00.000Z');
    const id = await customerOf(paid.booking.id);
    await runAutomations();
    assert.deepEqual(await eventsOf(id), [['customer.tag_added', 'Regular', 'automation']]);
    await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'Early bird' });
    await send('POST', `/v1/admin/customers/${id}/tags`, { tag: 'EARLY BIRD' });
    await send('DELETE', `/v1/admin/customers/${id}/tags/${encodeURIComponent('early bird')}`);
    await send('DELETE', `/v1/admin/customers/${id}/tags/absent`);
    assert.deepEqual(await eventsOf(id), [
      ['customer.tag_added', 'Regular', 'automation'],
      ['customer.tag_added', 'Early bird', 'staff'],
      ['customer.tag_removed', 'Early bird', 'staff'],
    ]);
    const [added] = await query(db.db, sql`select org_id, payload from domain_events where subject_id = ${id} and type = 'customer.tag_added' and payload->>'tag' = 'Regular'`);
    assert.equal(added!.org_id, FLOW_ORG);
    assert.deepEqual(Object.keys((added!.payload as { by: Record<string, string> }).by).sort(), ['automation_id', 'kind', 'run_id']);
    assert.equal((added!.payload as { by: Record<string, string> }).by.automation_id, autoId);
    assert.equal((await send('POST', `/v1/admin/automations/${autoId}/disable`)).status, 200);
  });
});
