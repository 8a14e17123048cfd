/**
 * Retrying a failed automation run (POST /v1/admin/automations/:id/runs/:runId/retry): a webhook
 * action that failed after its six attempts runs again with a fresh set of attempts, the action
 * skipped after it follows, what succeeded before it is not done again; once per Idempotency-Key;
 * a run that has not failed is a 409, another automation's run or another studio's a 404.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { cardPaid, skFlow, skNord } from '../../support/admin-money.ts';
import { demoVariants } from '../../support/checkout.ts';
import { runJobsAt } from '../../support/parked-jobs.ts';
import { automationRunJob, automationStepJob } from '../../../server/modules/automations/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { AutomationOut, RunOut } from '../../../schema/api/admin-automations.ts';

const START = '2026-11-25T08:00:00Z';

describe('retrying a failed automation run', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let receiver: Server;
  let receiverUrl = '';
  let failing = true;
  let received = 0;

  before(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => { received++; res.statusCode = failing ? 500 : 204; res.end(); });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
  });
  after(async () => {
    await db.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const send = (method: string, path: string, body?: unknown, key: string = randomUUID(), headers: Record<string, string> = skFlow) => app.request(path, {
    method, headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': key }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const runsOf = async (id: string): Promise<RunOut[]> => (await (await app.request(`/v1/admin/automations/${id}/runs`, { headers: skFlow })).json() as { runs: RunOut[] }).runs;
  async function at(iso: string): Promise<void> {
    clock.set(iso);
    const run = automationRunJob({ db: db.db, now: clock.now }) as unknown as JobDefinition;
    const step = automationStepJob({ db: db.db, now: clock.now, config: testConfig, allowPrivateTargets: true }) as unknown as JobDefinition;
    await runJobsAt(db, clock.current, run);
    for (let i = 0; i < 4; i++) await runJobsAt(db, clock.current, step);
  }

  test('the failed action again, then the skipped one; the tag before it not added twice; 409 and 404s', async () => {
    const hook = await send('POST', '/v1/admin/webhooks', { url: receiverUrl, events: ['review.created'] });
    const endpoint = await hook.json() as { id: string };
    const created = await send('POST', '/v1/admin/automations', {
      name: 'Tell the CRM', trigger: { kind: 'event', event: 'booking.confirmed' },
      actions: [{ type: 'add_tag', tag: 'before' }, { type: 'call_webhook', endpoint_id: endpoint.id }, { type: 'add_tag', tag: 'after' }],
    });
    const a = await created.json() as AutomationOut;
    const paid = await cardPaid(app, (await demoVariants(app)).reiki![0]!, '2026-12-09T09:00:00.000Z');
    const customerId = String((await query(db.db, sql`select customer_id from program_bookings where id = ${paid.booking.id}`))[0]!.customer_id);
    let t = new Date(START).getTime();
    for (const wait of [0, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]) {
      t += wait;
      await at(new Date(t).toISOString());
    }
    const [failed] = await runsOf(a.id);
    assert.equal(failed!.status, 'failed');
    assert.deepEqual(failed!.actions.map((x) => [x.status, x.attempts]), [['succeeded', 1], ['failed', 6], ['skipped', 0]]);
    assert.equal(received, 6);

    const running = await send('POST', `/v1/admin/automations/${a.id}/runs/${failed!.id}/retry`, undefined, 'retry-1');
    assert.equal(running.status, 200, await running.clone().text());
    const answer = await running.json() as RunOut;
    assert.equal(answer.status, 'running');
    assert.equal(answer.finished_at, null);
    assert.deepEqual(answer.actions.map((x) => [x.status, x.attempts, x.last_error]), [['succeeded', 1, null], ['pending', 0, 'HTTP 500'], ['pending', 0, null]], 'the last error stays visible until it runs again');
    const replay = await send('POST', `/v1/admin/automations/${a.id}/runs/${failed!.id}/retry`, undefined, 'retry-1');
    assert.equal(replay.headers.get('Idempotency-Replayed'), 'true');

    failing = false;
    await at(new Date(t + 1_000).toISOString());
    const [done] = await runsOf(a.id);
    assert.equal(done!.status, 'succeeded');
    assert.deepEqual(done!.actions.map((x) => [x.status, x.attempts, x.last_error]), [['succeeded', 1, null], ['succeeded', 1, null], ['succeeded', 1, null]]);
    assert.equal(received, 7, 'one more call');
    const tags = await query(db.db, sql`select tag from customer_tags where customer_id = ${customerId} order by tag`);
    assert.deepEqual(tags.map((r) => r.tag), ['after', 'before']);

    const again = await send('POST', `/v1/admin/automations/${a.id}/runs/${failed!.id}/retry`);
    assert.equal(again.status, 409);
    assert.equal((await problemOf(again)).code, 'invalid_state');
    const other = await (await send('POST', '/v1/admin/automations', { name: 'Other', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'x' }] })).json() as AutomationOut;
    assert.equal((await send('POST', `/v1/admin/automations/${other.id}/runs/${failed!.id}/retry`)).status, 404, 'not this automation\'s run');
    assert.equal((await send('POST', `/v1/admin/automations/${a.id}/runs/${randomUUID()}/retry`)).status, 404);
    assert.equal((await send('POST', `/v1/admin/automations/${a.id}/runs/${failed!.id}/retry`, undefined, randomUUID(), skNord)).status, 404, 'another studio');
    assert.deepEqual((await problemOf(await send('POST', `/v1/admin/automations/${a.id}/runs/nope/retry`))).errors?.map((e) => e.field), ['runId']);
  });
});
