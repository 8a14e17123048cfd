/**
 * Outgoing webhooks against a real HTTP receiver on this machine: endpoints through the admin API,
 * signatures checked with the standardwebhooks library's own verifier, one event per reschedule,
 * retries on the back-off schedule with a receiver that fails twice, order per endpoint, replay
 * with the same webhook-id, nothing for a rolled-back change, disable after three days of failures
 * with a mail to the owner, and private targets refused in production.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, EVOLVE_INTAKE, reserve, testPay } from '../../support/checkout.ts';
import { runJobsAt } from '../../support/parked-jobs.ts';
import { cancelBookingAsStaff, rescheduleSessionAsStaff } from '../../support/staff-actions.ts';
import { webhookDeliveryJob, RETRY_DELAYS_MS } from '../../../server/modules/webhooks/index.ts';
import { recordEvent } from '../../../server/platform/events/record.ts';
import { bookingById, rescheduleSeries } from '../../../server/modules/bookings/index.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { postJson } from '../../../server/platform/adapters/http/post-json.ts';
import { createApp } from '../../../server/app.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { hashKey } from '../../../server/platform/http/api-keys.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import type { JobDefinition } from '../../../server/platform/jobs/queue.ts';
import type { WebhookDeliveryOut, WebhookWithSecretOut } from '../../../schema/api/admin-webhooks.ts';

const START = '2026-11-25T08:00:00Z';
const owner = { Authorization: 'Bearer sk_test_flow' };
const mara = { Authorization: 'Bearer sk_test_mara_key' };
const ALL = ['booking.confirmed', 'booking.cancelled', 'booking.completed', 'session.scheduled', 'session.rescheduled', 'session.cancelled', 'session.completed', 'session.no_show', 'payment.failed', 'refund.created', 'installment.overdue'];

interface Received { headers: IncomingHttpHeaders; body: string; json: { type: string; id: string; version: number; data: Record<string, any> } }

/** A receiver that answers the queued statuses in turn (then 200), and always 500 at /down; it keeps what it got. */
async function receiver() {
  const got: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (req.url === '/down') { res.writeHead(500).end('down'); return; }
      got.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(answers.shift() ?? 200, { 'Content-Type': 'text/plain' });
      res.end('thanks');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { got, answers, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('outgoing webhooks', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let endpoint: WebhookWithSecretOut;
  const clock = new Clock(new Date(START));
  let v: Record<string, string[]> = {};
  const job = (allowPrivateTargets = true) => webhookDeliveryJob({ db: db.db, now: clock.now, allowPrivateTargets }) as unknown as JobDefinition;
  const at = (iso: string | Date | number) => { clock.set(new Date(iso).toISOString()); return runJobsAt(db, clock.current, job()); };
  const post = (key: Record<string, string>, path: string, body?: unknown) => app.request(`/v1/admin${path}`, {
    method: 'POST', headers: { ...key, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const deliveries = async (id = endpoint.id) => (await (await app.request(`/v1/admin/webhooks/${id}/deliveries`, { headers: owner })).json() as { deliveries: WebhookDeliveryOut[] }).deliveries;
  const verify = (r: Received, secret = endpoint.secret) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>);

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    hook = await receiver();
    await withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, (tx) => tx.execute(sql`
      insert into api_keys (org_id, kind, prefix, key_hash, staff_id) values (${FLOW.org}, 'secret', 'sk_test_mara', ${hashKey('sk_test_mara_key')}, ${FLOW.mara})`));
  });
  after(async () => { await hook.close(); await db.close(); });

  async function paidEvolve(firstStart: string) {
    clock.set(START);
    const b = await reserve(app, { program: 'evolve', variant: v.evolve![0], customer: customer(), sessions: { mode: 'cadence', first_start: firstStart }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return b;
  }

  test('an endpoint through the admin API: the secret once, bad input per field, instructors and other studios refused', async () => {
    const res = await post(owner, '/webhooks', { url: hook.url, events: ALL });
    assert.equal(res.status, 201);
    endpoint = await res.json() as WebhookWithSecretOut;
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(endpoint.events, ALL);
    const listed = await (await app.request('/v1/admin/webhooks', { headers: owner })).json() as { webhooks: Record<string, unknown>[] };
    assert.equal(listed.webhooks.length, 1);
    assert.equal('secret' in listed.webhooks[0]!, false, 'never listed');
    assert.deepEqual((await (await app.request('/v1/admin/webhooks', { headers: mara })).json() as { webhooks: unknown[] }).webhooks, []);
    assert.equal((await post(mara, '/webhooks', { url: hook.url, events: ALL })).status, 404);
    assert.equal((await app.request(`/v1/admin/webhooks/${endpoint.id}/deliveries`, { headers: { Authorization: 'Bearer sk_test_nord' } })).status, 404);
    const bad = await post(owner, '/webhooks', { url: 'ftp://example.org/x', events: ['booking.confirmed', 'booking.teleported'] });
    assert.equal(bad.status, 400);
    assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['events.1']);
    const badUrl = await post(owner, '/webhooks', { url: 'ftp://example.org/x', events: ['booking.confirmed'] });
    assert.deepEqual((await problemOf(badUrl)).errors?.map((e) => e.field), ['url']);
  });

  test('in production an endpoint must be https and public', async () => {
    const production = createApp({ db: db.db, now: clock.now, config: { ...testConfig, allowPrivateWebhookTargets: false }, payments: testProvider(), mailer: localMailer() });
    for (const url of [hook.url, 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://[::1]/x', 'https://169.254.169.254/latest', 'https://localhost/x']) {
      const res = await production.request('/v1/admin/webhooks', { method: 'POST', headers: { ...owner, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: JSON.stringify({ url, events: ['booking.confirmed'] }) });
      assert.equal(res.status, 400, url);
    }
  });

  test('private targets are refused at send time, by address and by what a name resolves to', async () => {
    const options = { headers: {}, timeoutMs: 2_000, bodyLimit: 100, allowPrivate: false };
    const direct = await postJson(hook.url, '{}', options);
    assert.equal(direct.status, null);
    assert.match(String(direct.error), /private address/);
    const named = await postJson(hook.url.replace('127.0.0.1', 'localhost'), '{}', options);
    assert.equal(named.status, null);
    assert.match(String(named.error), /private address/);
    assert.equal(hook.got.length, 0, 'nothing reached the receiver');
  });

  test('a confirmed booking and a reschedule: each one signed event, verified with the library, the payload versioned', async () => {
    const b = await paidEvolve('2026-12-01T08:00:00.000Z');
    await at(START);
    const confirmed = hook.got.filter((r) => r.json.type === 'booking.confirmed');
    assert.equal(confirmed.length, 1);
    assert.deepEqual(verify(confirmed[0]!), confirmed[0]!.json);
    assert.equal(confirmed[0]!.headers['webhook-id'], `msg_${confirmed[0]!.json.id}`);
    assert.equal(confirmed[0]!.json.version, 1);
    assert.equal(confirmed[0]!.json.data.booking.id, b.id);
    assert.equal(confirmed[0]!.json.data.booking.status, 'confirmed');
    assert.equal(confirmed[0]!.json.data.booking.program.slug, 'evolve');
    assert.equal(confirmed[0]!.json.data.booking.sessions.length, 4);
    assert.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(confirmed[0]!.body, confirmed[0]!.headers as Record<string, string>), 'another secret does not verify');

    const s2 = b.sessions[1]!;
    await rescheduleSessionAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' },
      { bookingId: b.id, sessionId: s2.id, startsAt: '2026-12-10T13:00:00.000Z', override: true }, { now: clock.now(), config: testConfig });
    await at(START);
    await at('2026-11-25T09:00:00Z');
    const moved = hook.got.filter((r) => r.json.type === 'session.rescheduled');
    assert.equal(moved.length, 1, 'a reschedule is exactly one event');
    verify(moved[0]!);
    assert.equal(moved[0]!.json.data.session.id, s2.id);
    assert.equal(moved[0]!.json.data.session.starts_at, '2026-12-10T13:00:00.000Z');
    assert.equal(moved[0]!.json.data.previous.starts_at, s2.starts_at);
    const log = await deliveries();
    assert.deepEqual(log.map((d) => [d.type, d.status, d.attempts, d.attempt_log.map((a) => a.status_code)]), [
      ['session.rescheduled', 'succeeded', 1, [200]],
      ['booking.confirmed', 'succeeded', 1, [200]],
    ]);
  });

  test('a series moved at once: one session.rescheduled per moved session, each with its own stable id', async () => {
    const b = await paidEvolve('2026-12-01T10:00:00.000Z');
    await at(START);
    const seen = hook.got.length;
    await withSystem(db.db, FLOW.org, 'test: the customer moves the series', async (tx) => {
      const booking = (await bookingById(tx, FLOW.org, b.id, true))!;
      await rescheduleSeries(tx, { orgId: FLOW.org, booking, shiftWeeks: 1, now: clock.now(), config: testConfig });
    });
    await at(START);
    const moved = hook.got.slice(seen).filter((r) => r.json.type === 'session.rescheduled');
    assert.deepEqual(moved.map((r) => r.json.data.session.id).sort(), b.sessions.map((x) => x.id).sort());
    assert.equal(new Set(moved.map((r) => r.headers['webhook-id'])).size, 4);
    for (const r of moved) {
      verify(r);
      const before = b.sessions.find((x) => x.id === r.json.data.session.id)!;
      assert.equal(r.json.data.previous.starts_at, before.starts_at);
      assert.equal(Date.parse(r.json.data.session.starts_at) - Date.parse(before.starts_at!), 7 * 86_400_000);
    }
  });

  test('a rolled-back change sends nothing', async () => {
    const before = (await deliveries()).length;
    await assert.rejects(withSystem(db.db, FLOW.org, 'test: a change that fails', async (tx) => {
      await recordEvent(tx, { orgId: FLOW.org, type: 'booking.completed', subjectId: null, payload: {} }, { now: clock.now(), config: testConfig });
      throw new Error('rolled back');
    }));
    await at('2026-11-25T10:00:00Z');
    assert.equal((await deliveries()).length, before);
  });

  test('a receiver that fails twice: retried on the back-off, later events wait their turn, then all in order; replay sends the same message', async () => {
    const b = await paidEvolve('2026-12-02T08:00:00.000Z');
    hook.answers.push(500, 503);
    const seen = hook.got.length;
    clock.set('2026-11-26T08:00:00Z');
    await cancelBookingAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' }, b.id, { now: clock.now(), config: testConfig });
    // The confirmation (25 Nov) fails twice, the cancellation (26 Nov) waits behind it.
    await at('2026-11-26T08:00:00Z');
    await at(new Date(Date.parse('2026-11-26T08:00:00Z') + RETRY_DELAYS_MS[0]! - 1));
    assert.deepEqual(hook.got.slice(seen).map((r) => r.json.type), ['booking.confirmed']);
    await at(new Date(Date.parse('2026-11-26T08:00:00Z') + RETRY_DELAYS_MS[0]!));
    assert.deepEqual(hook.got.slice(seen).map((r) => r.json.type), ['booking.confirmed', 'booking.confirmed']);
    await at(new Date(Date.parse('2026-11-26T08:00:05Z') + RETRY_DELAYS_MS[1]!));
    const mine = hook.got.slice(seen);
    assert.deepEqual(mine.map((r) => r.json.type), ['booking.confirmed', 'booking.confirmed', 'booking.confirmed', 'booking.cancelled']);
    assert.equal(new Set(mine.slice(0, 3).map((r) => r.headers['webhook-id'])).size, 1, 'every attempt has the same webhook-id');
    for (const r of mine) verify(r);
    const confirmation = (await deliveries()).find((d) => d.type === 'booking.confirmed' && d.payload.data && (d.payload.data as any).booking.id === b.id)!;
    assert.deepEqual(confirmation.attempt_log.map((a) => a.status_code), [500, 503, 200]);
    assert.equal(confirmation.status, 'succeeded');

    const replay = await post(owner, `/webhooks/${endpoint.id}/deliveries/${confirmation.id}/redeliver`);
    assert.equal(replay.status, 202);
    await at(clock.now());
    const last = hook.got.at(-1)!;
    assert.equal(last.headers['webhook-id'], mine[0]!.headers['webhook-id']);
    assert.equal(last.body, mine[0]!.body, 'the same body');
  });

  test('rotation: for a day both secrets sign, so either verifies', async () => {
    const rotated = await (await post(owner, `/webhooks/${endpoint.id}/rotate-secret`)).json() as WebhookWithSecretOut;
    assert.notEqual(rotated.secret, endpoint.secret);
    const b = await paidEvolve('2026-12-03T08:00:00.000Z');
    await at(START);
    const r = hook.got.filter((x) => x.json.type === 'booking.confirmed' && x.json.data.booking.id === b.id)[0]!;
    verify(r, rotated.secret);
    verify(r, endpoint.secret);
    endpoint = rotated;
  });

  test('three days of failures disable the endpoint and mail the owner; enabled again, what waited is sent', async () => {
    const down = await (await post(owner, '/webhooks', { url: hook.url.replace('/hooks', '/down'), events: ['booking.cancelled'] })).json() as WebhookWithSecretOut;
    const b = await paidEvolve('2026-12-04T08:00:00.000Z');
    const t0 = Date.parse('2026-11-27T08:00:00Z');
    clock.set(new Date(t0).toISOString());
    await cancelBookingAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' }, b.id, { now: clock.now(), config: testConfig });
    // The first endpoint gets the cancellation now; the second fails on every attempt of the schedule.
    await at(t0);
    let when = t0;
    for (const wait of RETRY_DELAYS_MS) { when += wait; await at(when); }
    const [mine] = (await deliveries(down.id));
    assert.equal(mine!.attempts, RETRY_DELAYS_MS.length + 1);
    assert.equal(mine!.status, 'failed');
    const state = (await (await app.request('/v1/admin/webhooks', { headers: owner })).json() as { webhooks: { id: string; status: string; disabled_reason: string | null }[] }).webhooks.find((w) => w.id === down.id)!;
    assert.deepEqual([state.status, state.disabled_reason], ['disabled', 'failing']);
    const [mail] = await query(db.db, sql`select to_address, subject, text_body from mail_outbox where dedupe_key like ${`webhook:${down.id}:disabled:%`}`);
    assert.equal(mail!.subject, `Webhook deaktiviert: ${down.url}`);
    assert.match(String(mail!.text_body), /HTTP 500/);
    const [ownerRow] = await query(db.db, sql`select email from staff where id = ${FLOW.owner}`);
    assert.equal(mail!.to_address, ownerRow!.email);
    // What happens while it is disabled waits for it.
    const later = await paidEvolve('2026-12-07T08:00:00.000Z');
    clock.set('2026-12-01T08:00:00Z');
    await cancelBookingAsStaff(db.db, { orgId: FLOW.org, staffId: FLOW.owner, role: 'owner' }, later.id, { now: clock.now(), config: testConfig });
    await at('2026-12-01T08:00:00Z');
    const waiting = () => deliveries(down.id).then((all) => all.find((d) => (d.payload.data as any).booking.id === later.id)!);
    assert.deepEqual([(await waiting()).status, (await waiting()).attempts], ['pending', 0]);
    assert.equal((await post(owner, `/webhooks/${down.id}/enable`)).status, 200);
    await at('2026-12-01T08:00:00Z');
    assert.deepEqual((await waiting()).attempt_log.map((a) => a.status_code), [500], 'sent once enabled');
    assert.equal((await app.request(`/v1/admin/webhooks/${down.id}`, { method: 'DELETE', headers: { ...owner, 'Idempotency-Key': randomUUID() } })).status, 200);
    assert.equal((await app.request(`/v1/admin/webhooks/${down.id}/deliveries`, { headers: owner })).status, 404);
  });
});
