/**
 * Health answers' retention: the studio sets how many months (PUT /v1/admin/studio/retention,
 * owners and managers; instructors 403; 1–120); a booking that completes gets a job due that many
 * months later, and the job deletes the answers its intake form marks `x-health`, keeping the
 * others and the booking. Against a fake clock: a day before the date nothing goes, a day after it
 * does. Who sees health answers meanwhile is unchanged (the booking's instructor and managers).
 * EVOLVE: four weekly sessions from 1 December; its `experience` answer is made a health field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { skFlow, staffKey } from '../../support/admin-money.ts';
import { runLifecycleAt } from '../../support/lifecycle.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { HEALTH_RETENTION_QUEUE, healthRetentionJob } from '../../../server/modules/customers/index.ts';
import { FLOW } from '../../../demo/seed/index.ts';

describe('admin: health answers deleted after the studio\'s retention', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    await query(db.db, sql`update program_intake_forms set form_schema_json = jsonb_set(form_schema_json, '{properties,experience,x-health}', 'true') where program_id = ${FLOW.evolve}`);
  });
  after(async () => db.close());

  const setMonths = (body: unknown, headers: Record<string, string> = skFlow) => app.request('/v1/admin/studio/retention', {
    method: 'PUT', headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body),
  });
  /** pg-boss waits by the real clock; the handler judges by the fake one: make the queue's waiting jobs due now, then run them at `at`. */
  async function runRetentionAt(at: string): Promise<void> {
    clock.set(at);
    await query(db.db, sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${HEALTH_RETENTION_QUEUE} and state in ('created', 'retry')`);
    await runDueJobs(db.executor, [healthRetentionJob({ db: db.db, now: clock.now, config: testConfig })] as never);
  }
  const answersOf = async (id: string) => (await query(db.db, sql`select intake_answers from program_bookings where id = ${id}`))[0]!.intake_answers as Record<string, unknown>;

  test('the setting is read back: 24 months until set, then what was set; instructors 403', async () => {
    const read = (headers: Record<string, string> = skFlow) => app.request('/v1/admin/studio/retention', { headers });
    const first = await read();
    assert.equal(first.status, 200, await first.clone().text());
    assert.deepEqual(await first.json(), { health_months: 24 });
    assert.equal((await read(await staffKey(db.db, FLOW.mara))).status, 403);
    assert.equal((await setMonths({ health_months: 36 })).status, 200);
    assert.deepEqual(await (await read()).json(), { health_months: 36 });
  });

  test('the setting: owners and managers, 1 to 120 months; instructors 403', async () => {
    const bad = await setMonths({ health_months: 0 });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors!.map((e) => e.field), ['health_months']);
    assert.equal((await setMonths({ health_months: 121 })).status, 400);
    assert.equal((await setMonths({ health_months: 3 }, await staffKey(db.db, FLOW.mara))).status, 403);
    const ok = await setMonths({ health_months: 1 });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(await ok.json(), { health_months: 1 });
    const [org] = await query(db.db, sql`select health_retention_months from orgs where id = ${FLOW.org}`);
    assert.equal(org!.health_retention_months, 1);
  });

  test('a completed booking keeps its health answers until a month after it completed, then loses them and only them', async () => {
    clock.set('2026-11-25T08:00:00Z');
    const v = await demoVariants(app);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    assert.deepEqual(Object.keys(await answersOf(b.id)).sort(), Object.keys(EVOLVE_INTAKE).sort());

    // Every session over and its grace passed: the booking completes on 15 January.
    clock.set('2027-01-15T00:00:00Z');
    await runLifecycleAt(db, new Date('2027-01-15T00:00:00Z'));
    assert.equal((await query(db.db, sql`select status::text from program_bookings where id = ${b.id}`))[0]!.status, 'completed');
    const queued = await query(db.db, sql`select data from pgboss.job where name = ${HEALTH_RETENTION_QUEUE} and data->>'bookingId' = ${b.id}`);
    assert.equal(queued.length, 1, 'one erasure job, added when the booking completed');

    // Meanwhile who reads health answers is unchanged: the booking's instructor and managers, not another instructor.
    const detail = async (key: Record<string, string>) => (await (await app.request(`/v1/admin/bookings/${b.id}`, { headers: key })).json()) as { intake: { answers: { name: string }[]; health_withheld: boolean } };
    const [instructor] = await query(db.db, sql`select instructor_id from program_bookings where id = ${b.id}`);
    const conductor = await detail(await staffKey(db.db, String(instructor!.instructor_id)));
    assert.ok(conductor.intake.answers.some((a) => a.name === 'experience'));

    await runRetentionAt('2027-02-14T00:00:00Z');
    assert.equal((await answersOf(b.id)).experience, EVOLVE_INTAKE.experience, 'a day early: kept');

    await runRetentionAt('2027-02-16T00:00:00Z');
    const left = await answersOf(b.id);
    assert.equal('experience' in left, false, 'the health answer is gone');
    assert.equal(left.goal, EVOLVE_INTAKE.goal, 'the other answers stay');
    const [event] = await query(db.db, sql`select payload from domain_events where type = 'intake.health_erased' and subject_id = ${b.id}`);
    assert.deepEqual(event!.payload, { fields: ['experience'] });
    const after = await detail(skFlow);
    assert.equal(after.intake.answers.some((a) => a.name === 'experience'), false);

    // Run again: nothing more happens.
    await runRetentionAt('2027-03-01T00:00:00Z');
    assert.equal((await query(db.db, sql`select count(*)::int as n from domain_events where type = 'intake.health_erased' and subject_id = ${b.id}`))[0]!.n, 1);
  });
});
