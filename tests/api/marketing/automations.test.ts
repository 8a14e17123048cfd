/**
 * Automations through the admin API and the job queue, with a fake clock: a confirmed booking runs
 * an automation after its delay, two runners mail once; conditions skip a run with the reason; a
 * failing webhook action is retried with back-off, visible in the run log, and fails for good after
 * the last attempt (its later actions skipped); 24 h after a session ends and a segment entered are
 * found by the schedule's sweep, once. The routes validate per field, answer problem+json, and a
 * repeated Idempotency-Key creates nothing twice.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { runJobsAt } from '../../support/parked-jobs.ts';
import { skFlow, staffCancel } from '../../support/admin-money.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { automationRunJob, automationStepJob, automationSweepJob } from '../../../server/modules/automations/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { CreatedBooking } from '../../../schema/api/embed-bookings.ts';
import type { AutomationOut, RunOut } from '../../../schema/api/admin-automations.ts';

const START = '2026-11-25T08:00:00Z';

describe('automations', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  let receiver: Server;
  let receiverUrl = '';
  /** What the receiver answers next (then 200); what it was sent. */
  let answers: number[] = [];
  const calls: { headers: Record<string, string>; body: string }[] = [];
  const jobs = () => ({
    run: automationRunJob({ db: db.db, now: clock.now }) as unknown as JobDefinition,
    step: automationStepJob({ db: db.db, now: clock.now, config: testConfig, allowPrivateTargets: true }) as unknown as JobDefinition,
    sweep: automationSweepJob({ db: db.db, now: clock.now }) as unknown as JobDefinition,
  });
  /** The queue's work due at `iso` (the fake clock set there): sweeps, runs, then their steps, each by `runners` workers. */
  async function at(iso: string, runners = 1): Promise<void> {
    clock.set(iso);
    const j = jobs();
    await runJobsAt(db, clock.current, j.sweep, { runners });
    await runJobsAt(db, clock.current, j.run, { runners });
    // Each step queues the next: a few rounds take a run's actions to their end.
    for (let i = 0; i < 4; i++) await runJobsAt(db, clock.current, j.step, { runners });
  }

  before(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = answers.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => {
    await db.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const send = (method: string, path: string, body?: unknown, key: string = randomUUID()) => app.request(path, {
    method, headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': key }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const create = async (body: Record<string, unknown>): Promise<AutomationOut> => {
    const res = await send('POST', '/v1/admin/automations', body);
    assert.equal(res.status, 201, await res.clone().text());
    return res.json() as Promise<AutomationOut>;
  };
  const runsOf = async (id: string): Promise<RunOut[]> => {
    const res = await app.request(`/v1/admin/automations/${id}/runs`, { headers: skFlow });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json() as { runs: RunOut[] }).runs;
  };
  async function paidEvolve(firstStart: string, who = customer()): Promise<CreatedBooking> {
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: who, sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }
  const mailsOf = (automationRunIds: string[]) => query(db.db, sql`select dedupe_key, to_address, subject, text_body, status from mail_outbox
    where dedupe_key like 'automation:%' and split_part(dedupe_key, ':', 2) in (${sql.join(automationRunIds.map((r) => sql`${r}`), sql`, `)})`);

  test('the routes: per-field 400s, problem+json, 404 for another studio\'s segment, one automation per Idempotency-Key; list, change, disable, remove', async () => {
    const bad = await send('POST', '/v1/admin/automations', { name: '', trigger: { kind: 'event', event: 'booking.exploded' }, actions: [] });
    assert.equal(bad.status, 400);
    const problem = await problemOf(bad);
    assert.equal(problem.code, 'validation_failed');
    assert.deepEqual(problem.errors?.map((e) => e.field).sort(), ['actions', 'name', 'trigger.event']);
    const badAction = await send('POST', '/v1/admin/automations', { name: 'x', trigger: { kind: 'session_time', anchor: 'session_end', offset_minutes: 1.5 }, actions: [{ type: 'grant_credits', credits: 0 }] });
    assert.deepEqual((await problemOf(badAction)).errors?.map((e) => e.field).sort(), ['actions.0.credits', 'trigger.offset_minutes']);
    const noKey = await app.request('/v1/admin/automations', { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'x', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'x' }] }) });
    assert.equal(noKey.status, 400);
    assert.equal((await problemOf(noKey)).code, 'idempotency_key_required');
    const missing = await send('POST', '/v1/admin/automations', { name: 'x', trigger: { kind: 'segment_entered', segment_id: randomUUID() }, actions: [{ type: 'call_webhook', endpoint_id: randomUUID() }] });
    assert.equal(missing.status, 404);
    assert.deepEqual((await problemOf(missing)).errors?.map((e) => e.field), ['trigger.segment_id', 'actions.0.endpoint_id']);

    const key = randomUUID();
    const body = { name: 'Tag new customers', trigger: { kind: 'event', event: 'customer.created' }, actions: [{ type: 'add_tag', tag: 'new' }] };
    const first = await send('POST', '/v1/admin/automations', body, key);
    const again = await send('POST', '/v1/admin/automations', body, key);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    const created = await first.json() as AutomationOut;
    assert.deepEqual(await again.json(), created, 'the replay answers the same');
    assert.equal((await send('POST', '/v1/admin/automations', { ...body, name: 'Other' }, key)).status, 422, 'the same key with another body');
    assert.deepEqual({ ...created, id: '', created_at: '', updated_at: '' }, { id: '', name: 'Tag new customers', enabled: true, trigger: body.trigger, delay_minutes: 0, conditions: {}, actions: body.actions, created_at: '', updated_at: '' });
    const listed = await (await app.request('/v1/admin/automations', { headers: skFlow })).json() as { automations: AutomationOut[] };
    assert.equal(listed.automations.filter((a) => a.name === 'Tag new customers').length, 1);

    const patched = await send('PATCH', `/v1/admin/automations/${created.id}`, { delay_minutes: 30, conditions: { program_ids: [FLOW.reiki] } });
    assert.equal(patched.status, 200, await patched.clone().text());
    assert.deepEqual(await patched.json().then((a) => ({ d: (a as AutomationOut).delay_minutes, c: (a as AutomationOut).conditions })), { d: 30, c: { program_ids: [FLOW.reiki] } });
    assert.equal((await send('PATCH', `/v1/admin/automations/${created.id}`, { trigger: { kind: 'event' } })).status, 400);
    const off = await send('POST', `/v1/admin/automations/${created.id}/disable`);
    assert.equal((await off.json() as AutomationOut).enabled, false);
    assert.equal((await send('DELETE', `/v1/admin/automations/${created.id}`)).status, 200);
    assert.equal((await app.request(`/v1/admin/automations/${created.id}`, { headers: skFlow })).status, 404);
    assert.deepEqual(await runsOf(created.id), [], 'a removed automation\'s log stays readable');
    assert.equal((await app.request(`/v1/admin/automations/${created.id}/runs?limit=0`, { headers: skFlow })).status, 400);
    assert.equal((await app.request(`/v1/admin/automations/${randomUUID()}/runs`, { headers: skFlow })).status, 404);
    const notAnId = await app.request('/v1/admin/automations/not-an-id', { headers: skFlow });
    assert.deepEqual((await problemOf(notAnId)).errors?.map((e) => e.field), ['id']);
    assert.equal((await send('POST', `/v1/admin/automations/${randomUUID()}/enable`)).status, 404);
  });

  test('a mail naming {{coupon_code}} with no "Grant a coupon" before it is refused: 422 problem+json naming the field, in the caller\'s language; POST and PATCH', async () => {
    const mail = (body: string) => ({ type: 'send_mail', marketing: false, subject: { en: 'Hello' }, body_md: { en: 'Hi', de: body } });
    const refused = await send('POST', '/v1/admin/automations', { name: 'Hole', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'add_tag', tag: 'x' }, mail('Ihr Code: {{ coupon_code }}'), { type: 'grant_coupon', percent_off: 10, valid_days: 7 }] });
    assert.equal(refused.status, 422);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = await problemOf(refused);
    assert.equal(problem.code, 'mail_variable_not_granted');
    assert.deepEqual(problem.errors, [{ field: 'actions.1.body_md.de', message: '{{coupon_code}} needs a "Grant a coupon" action before this mail' }]);
    const unknown = await app.request('/v1/admin/automations', {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'Accept-Language': 'de' },
      body: JSON.stringify({ name: 'Unknown', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'send_mail', marketing: false, subject: { en: 'For {{first_name}}' }, body_md: { en: 'Hi' } }] }),
    });
    assert.equal(unknown.status, 422);
    assert.deepEqual((await problemOf(unknown)).errors, [{ field: 'actions.0.subject.en', message: '{{first_name}} ist keine Variable, die eine Mail nennen kann' }]);
    const listed = await (await app.request('/v1/admin/automations', { headers: skFlow })).json() as { automations: AutomationOut[] };
    assert.deepEqual(listed.automations.filter((a) => a.name === 'Hole' || a.name === 'Unknown'), [], 'nothing saved');

    const fine = await create({ name: 'Gift', enabled: false, trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'grant_coupon', percent_off: 10, valid_days: 7 }, mail('Ihr Code: {{coupon_code}}, bis {{coupon_valid_until}}')] });
    const swapped = await send('PATCH', `/v1/admin/automations/${fine.id}`, { actions: [mail('Ihr Code: {{coupon_code}}'), { type: 'grant_coupon', percent_off: 10, valid_days: 7 }] });
    assert.equal(swapped.status, 422);
    assert.deepEqual((await problemOf(swapped)).errors?.map((e) => e.field), ['actions.0.body_md.de']);
    assert.equal((await send('PATCH', `/v1/admin/automations/${fine.id}`, { name: 'Gift (renamed)' })).status, 200, 'a change that leaves the actions alone');
    assert.equal((await send('DELETE', `/v1/admin/automations/${fine.id}`)).status, 200);
  });

  test('a confirmed booking: after the delay, one mail in the outbox with two runners; a condition that does not hold skips', async () => {
    clock.set(START);
    const welcome = await create({
      name: 'Welcome', trigger: { kind: 'event', event: 'booking.confirmed' }, delay_minutes: 60,
      actions: [
        { type: 'send_mail', marketing: false, subject: { en: 'Welcome', de: 'Willkommen' }, body_md: { en: 'Glad you are here.', de: 'Schön, dass du da bist.' } },
        { type: 'add_tag', tag: 'evolve' },
      ],
    });
    const reikiOnly = await create({ name: 'Reiki only', trigger: { kind: 'event', event: 'booking.confirmed' }, conditions: { program_ids: [FLOW.reiki] }, actions: [{ type: 'add_tag', tag: 'reiki' }] });
    const who = customer();
    const b = await paidEvolve('2026-12-01T08:00:00.000Z', who);

    await at('2026-11-25T08:59:00Z', 2);
    const [waiting] = await runsOf(welcome.id);
    assert.equal(waiting!.status, 'scheduled');
    assert.equal(waiting!.due_at, '2026-11-25T09:00:00.000Z');
    assert.equal(waiting!.booking_id, b.id);
    assert.equal((await mailsOf([waiting!.id])).length, 0, 'nothing before the delay is over');
    const [skipped] = await runsOf(reikiOnly.id);
    assert.deepEqual({ status: skipped!.status, reason: skipped!.skip_reason, actions: skipped!.actions }, { status: 'skipped', reason: 'condition_program', actions: [] });

    await at('2026-11-25T09:00:00Z', 2);
    await at('2026-11-25T09:01:00Z', 2);
    const runs = await runsOf(welcome.id);
    assert.equal(runs.length, 1, 'one run for one event');
    const run = runs[0]!;
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(run.actions.map((a) => [a.type, a.status, a.attempts]), [['send_mail', 'succeeded', 1], ['add_tag', 'succeeded', 1]]);
    const mails = await mailsOf([run.id]);
    assert.equal(mails.length, 1, 'exactly once');
    assert.equal(mails[0]!.to_address, who.email);
    assert.equal(mails[0]!.subject, 'Willkommen', 'the customer\'s language');
    const tags = await query(db.db, sql`select t.tag from customer_tags t join customers c on c.id = t.customer_id where c.email = ${who.email}`);
    assert.deepEqual(tags.map((r) => r.tag), ['evolve']);
    await send('POST', `/v1/admin/automations/${welcome.id}/disable`);
    await send('POST', `/v1/admin/automations/${reikiOnly.id}/disable`);
  });

  test('a marketing mail waits for consent (skipped without it), no mail in the quiet hours, a disabled automation\'s waiting run is skipped', async () => {
    clock.set('2026-11-25T21:30:00Z'); // 22:30 in Zurich
    const news = await create({ name: 'News', trigger: { kind: 'event', event: 'booking.confirmed' },
      actions: [{ type: 'send_mail', marketing: true, subject: { en: 'News' }, body_md: { en: 'Our news.' } }, { type: 'send_mail', marketing: false, subject: { en: 'Tips' }, body_md: { en: 'How to prepare.' } }] });
    const later = await create({ name: 'Later', trigger: { kind: 'event', event: 'booking.confirmed' }, delay_minutes: 600, actions: [{ type: 'add_tag', tag: 'later' }] });
    const who = customer();
    await paidEvolve('2026-12-03T16:00:00.000Z', who);
    await at('2026-11-25T21:30:00Z');
    let [run] = await runsOf(news.id);
    assert.deepEqual(run!.actions.map((a) => [a.status, a.attempts, a.next_attempt_at]), [['pending', 0, '2026-11-26T06:00:00.000Z'], ['pending', 0, '2026-11-25T21:30:00.000Z']], 'waits for 07:00 in Zurich');
    await send('POST', `/v1/admin/automations/${later.id}/disable`);
    await at('2026-11-26T06:00:00Z');
    await at('2026-11-26T06:01:00Z');
    [run] = await runsOf(news.id);
    assert.equal(run!.status, 'succeeded');
    assert.deepEqual(run!.actions.map((a) => [a.status, a.result?.reason ?? null]), [['skipped', 'no_consent'], ['succeeded', null]], 'no consent: no marketing mail; the transactional one goes');
    const mails = await mailsOf([run!.id]);
    assert.deepEqual(mails.map((m) => m.subject), ['Tips']);
    assert.equal(mails[0]!.to_address, who.email);
    await at('2026-11-26T07:31:00Z');
    const [skipped] = await runsOf(later.id);
    assert.deepEqual([skipped!.status, skipped!.skip_reason], ['skipped', 'automation_disabled']);
    await send('POST', `/v1/admin/automations/${news.id}/disable`);
  });

  test('a failing webhook action is retried with back-off and visible; after the last attempt it fails and the later action is skipped', async () => {
    clock.set(START);
    const hook = await send('POST', '/v1/admin/webhooks', { url: receiverUrl, events: ['review.created'] });
    assert.equal(hook.status, 201, await hook.clone().text());
    const endpoint = await hook.json() as { id: string; secret: string };
    const a = await create({ name: 'Tell the CRM', trigger: { kind: 'event', event: 'booking.confirmed' }, actions: [{ type: 'call_webhook', endpoint_id: endpoint.id }, { type: 'add_tag', tag: 'crm' }] });
    answers = [500, 503];
    calls.length = 0;
    const b = await paidEvolve('2026-12-02T08:00:00.000Z');

    await at(START);
    let [run] = await runsOf(a.id);
    assert.equal(run!.status, 'running');
    assert.deepEqual({ ...run!.actions[0]!, result: null }, { position: 0, type: 'call_webhook', status: 'retrying', attempts: 1, next_attempt_at: '2026-11-25T08:00:30.000Z', last_error: 'HTTP 500', result: null, finished_at: null });
    assert.equal(run!.actions[0]!.result?.status_code, 500);
    await at('2026-11-25T08:00:30Z');
    [run] = await runsOf(a.id);
    assert.deepEqual([run!.actions[0]!.attempts, run!.actions[0]!.last_error, run!.actions[0]!.next_attempt_at], [2, 'HTTP 503', '2026-11-25T08:02:30.000Z']);
    await at('2026-11-25T08:02:30Z');
    [run] = await runsOf(a.id);
    assert.equal(run!.status, 'succeeded');
    assert.deepEqual(run!.actions.map((x) => [x.status, x.attempts, x.last_error]), [['succeeded', 3, null], ['succeeded', 1, null]]);
    assert.equal(calls.length, 3);
    assert.equal(new Set(calls.map((c) => c.headers['webhook-id'])).size, 1, 'the same webhook-id in every attempt');
    const verified = new Webhook(endpoint.secret).verify(calls[2]!.body, calls[2]!.headers) as { type: string; data: { booking_id: string; customer: { email: string } } };
    assert.equal(verified.type, 'automation.action');
    assert.equal(verified.data.booking_id, b.id);

    // A receiver that never answers 2xx: six attempts, then failed, and the tag is never added.
    answers = Array.from({ length: 10 }, () => 500);
    const b2 = await paidEvolve('2026-12-03T08:00:00.000Z');
    let t = clock.current.getTime();
    for (const wait of [0, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]) {
      t += wait;
      await at(new Date(t).toISOString());
    }
    const failed = (await runsOf(a.id)).find((r) => r.booking_id === b2.id)!;
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.actions.map((x) => [x.status, x.attempts, x.last_error]), [['failed', 6, 'HTTP 500'], ['skipped', 0, 'an earlier action failed']]);
    assert.equal((await runsOf(a.id)).length, 2);
    const failedOnly = await (await app.request(`/v1/admin/automations/${a.id}/runs?status=failed`, { headers: skFlow })).json() as { runs: RunOut[] };
    assert.deepEqual(failedOnly.runs.map((r) => r.id), [failed.id]);
    answers = [];
    await send('POST', `/v1/admin/automations/${a.id}/disable`);
  });

  test('a granted coupon is the customer\'s own, and a mail after it in the run names its code; nobody else can redeem it', async () => {
    clock.set(START);
    const gift = await create({
      name: 'A gift', trigger: { kind: 'event', event: 'booking.confirmed' },
      actions: [
        { type: 'grant_coupon', percent_off: 15, valid_days: 30 },
        { type: 'send_mail', marketing: false, subject: { en: 'A gift: {{coupon_code}}' }, body_md: { en: 'Your code **{{ coupon_code }}**, valid until {{coupon_valid_until}}.' } },
      ],
    });
    // Saved before the API refused such a mail (mail_variable_not_granted): the run still sends nothing with a hole in it.
    const [holey] = await query(db.db, sql`insert into automations (org_id, name, trigger, trigger_event, actions)
      values (${FLOW.org}, 'No coupon before', ${JSON.stringify({ kind: 'event', event: 'booking.confirmed' })}::jsonb, 'booking.confirmed',
        ${JSON.stringify([{ type: 'send_mail', marketing: false, subject: { en: 'Code' }, body_md: { en: 'Yours: {{coupon_code}}' } }])}::jsonb) returning id`) as { id: string }[];
    const who = customer({ locale: 'en' });
    await paidEvolve('2026-12-14T13:00:00.000Z', who);
    await at(START);
    await at('2026-11-25T08:01:00Z');
    const [run] = await runsOf(gift.id);
    assert.equal(run!.status, 'succeeded');
    const code = String(run!.actions[0]!.result?.code);
    assert.match(code, /^AUTO-[A-Z2-9]{10}$/);
    const [mail] = await mailsOf([run!.id]);
    assert.equal(mail!.subject, `A gift: ${code}`);
    assert.equal(mail!.text_body, `Your code **${code}**, valid until 2026-12-25.`);
    const [owner] = await query(db.db, sql`select c.email from coupons k join customers c on c.org_id = k.org_id and c.id = k.customer_id where k.code = ${code}`);
    assert.equal(owner?.email, who.email, 'the coupon is tied to the customer it was granted to');

    const [failed] = await runsOf(holey!.id);
    assert.equal(failed!.status, 'failed');
    assert.deepEqual(failed!.actions.map((a) => [a.status, a.attempts, a.last_error]), [['failed', 1, 'send_mail: no earlier action of this run gave {{coupon_code}}']]);
    assert.equal((await mailsOf([failed!.id])).length, 0, 'no mail with a hole where the code should be');
    await send('POST', `/v1/admin/automations/${gift.id}/disable`);
    await send('POST', `/v1/admin/automations/${holey!.id}/disable`);

    // Another customer, even with a proven address, is refused; the customer it was given to redeems it.
    const other = customer();
    const theirs = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: other, sessions: { mode: 'explicit', starts: ['2026-12-16T09:00:00.000Z'] } });
    const refused = await checkoutReq(app, theirs, { method: 'card', coupon: code.toLowerCase() }, await proveIdentity(app, db.db, other.email));
    assert.equal(refused.status, 422);
    const problem = await problemOf(refused);
    assert.equal(problem.code, 'coupon_not_yours');
    assert.deepEqual(problem.errors?.map((e) => e.field), ['coupon']);
    const unproven = await checkoutReq(app, theirs, { method: 'card', coupon: code });
    assert.equal((await problemOf(unproven)).code, 'identity_required', 'a coupon given to one customer asks for the address\'s proof first');
    const mine = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: ['2026-12-16T10:30:00.000Z'] } });
    const out = await checkedOut(await checkoutReq(app, mine, { method: 'card', coupon: code }, await proveIdentity(app, db.db, who.email)));
    assert.deepEqual(out.order.discount, { code, source: 'coupon' });
  });

  test('24 hours after a session ends, and a customer entering a segment: found by the sweep, once each', async () => {
    clock.set(START);
    const after = await create({ name: 'How was it?', trigger: { kind: 'session_time', anchor: 'session_end', offset_minutes: 1440 }, actions: [{ type: 'grant_credits', credits: 2 }] });
    const [milestone] = await query(db.db, sql`insert into program_milestones (org_id, program_id, order_idx, name, description_md, due_day_offset)
      values (${FLOW.org}, ${FLOW.evolve}, 90, 'Homework check', '', 3) returning id`);
    const dueSoon = await create({ name: 'Milestone tomorrow', trigger: { kind: 'session_time', anchor: 'milestone_due', offset_minutes: -1440 }, actions: [{ type: 'add_tag', tag: 'milestone' }] });
    const segment = await send('POST', '/v1/admin/segments', { name: 'Italian', filter: { languages: ['it'] } });
    const segmentId = (await segment.json() as { id: string }).id;
    const before = await paidEvolve('2026-12-04T08:00:00.000Z', customer({ locale: 'it' }));
    const entered = await create({ name: 'Benvenuti', trigger: { kind: 'segment_entered', segment_id: segmentId }, actions: [{ type: 'grant_coupon', percent_off: 10, valid_days: 30 }] });
    await at(START); // the first look: who is in already did not enter
    const b = await paidEvolve('2026-12-07T08:00:00.000Z', customer({ locale: 'it' }));
    await at(START); // the booking's commit asked for a sweep at once: not at the next periodic one
    const prompt = await runsOf(entered.id);
    assert.deepEqual(prompt.map((r) => [r.status, r.due_at]), [['succeeded', new Date(START).toISOString()]], 'right after the event, not five minutes later');
    await at('2026-11-25T08:05:00Z');
    await at('2026-11-25T08:10:00Z');
    const segmentRuns = await runsOf(entered.id);
    assert.equal(segmentRuns.length, 1, 'only the customer who entered');
    const customerOf = async (id: string) => String((await query(db.db, sql`select customer_id from program_bookings where id = ${id}`))[0]!.customer_id);
    assert.equal(segmentRuns[0]!.customer_id, await customerOf(b.id));
    assert.equal(segmentRuns[0]!.status, 'succeeded');
    assert.match(String(segmentRuns[0]!.actions[0]!.result?.code), /^AUTO-[A-Z2-9]{10}$/);

    // The first session of the 12-04 booking ends 09:00 (+24 h: 12-05 09:00): a sweep a minute before plans the run for that instant.
    const firstEnd = String((await query(db.db, sql`select ends_at from program_sessions where booking_id = ${before.id} and seq = 1`))[0]!.ends_at);
    const fireAt = new Date(new Date(firstEnd).getTime() + 24 * 3_600_000);
    const creditsOf = (id: string) => query(db.db, sql`select delta from credit_ledger where reason = 'automation' and customer_id = (select customer_id from program_bookings where id = ${id})`);
    await at(new Date(fireAt.getTime() - 60_000).toISOString());
    const planned = (await runsOf(after.id)).filter((r) => r.booking_id === before.id);
    assert.deepEqual(planned.map((r) => [r.status, r.due_at]), [['scheduled', fireAt.toISOString()]], 'planned for its instant');
    assert.equal((await creditsOf(before.id)).length, 0, 'nothing before its time');
    await at(fireAt.toISOString());
    assert.deepEqual((await runsOf(after.id)).filter((r) => r.booking_id === before.id).map((r) => r.status), ['succeeded'], 'done at its instant, not at the sweep after it');
    await at(new Date(fireAt.getTime() + 5 * 60_000).toISOString());
    await at(new Date(fireAt.getTime() + 10 * 60_000).toISOString());
    const timeRuns = (await runsOf(after.id)).filter((r) => r.booking_id === before.id);
    assert.equal(timeRuns.length, 1, 'once, however many sweeps');
    assert.equal(timeRuns[0]!.status, 'succeeded');
    assert.equal(timeRuns[0]!.context.anchor_at, new Date(firstEnd).toISOString());
    // The milestone is due 3 days after the first session (12-04 08:00 → 12-07 08:00); a day before, once.
    await at('2026-12-06T08:05:00Z');
    await at('2026-12-06T08:10:00Z');
    const milestoneRuns = (await runsOf(dueSoon.id)).filter((r) => r.booking_id === before.id && String(r.context.subject_id).startsWith(String(milestone!.id)));
    assert.deepEqual(milestoneRuns.map((r) => [r.status, r.context.anchor_at]), [['succeeded', '2026-12-07T08:00:00.000Z']]);
    assert.deepEqual((await creditsOf(before.id)).map((r) => r.delta), [2]);

    // Planned ahead, then the booking is cancelled before the time: the run is skipped, nothing granted.
    const gone = await paidEvolve('2026-12-10T13:00:00.000Z');
    const goneEnd = String((await query(db.db, sql`select ends_at from program_sessions where booking_id = ${gone.id} and seq = 1`))[0]!.ends_at);
    const goneFire = new Date(new Date(goneEnd).getTime() + 24 * 3_600_000);
    await at(new Date(goneFire.getTime() - 60_000).toISOString());
    assert.deepEqual((await runsOf(after.id)).filter((r) => r.booking_id === gone.id).map((r) => r.status), ['scheduled']);
    await staffCancel(app, gone.id);
    await at(goneFire.toISOString());
    const cancelled = (await runsOf(after.id)).filter((r) => r.booking_id === gone.id);
    assert.deepEqual(cancelled.map((r) => [r.status, r.skip_reason]), [['skipped', 'anchor_moved']]);
    assert.equal((await creditsOf(gone.id)).length, 0);
  });
});
