/**
 * The console's marketing actions: a segment renamed and refiltered (counted live), campaigns listed,
 * a scheduled one edited in four languages or cancelled (then nothing is sent), none changed once it
 * has started; campaign mail keeps the quiet hours in each member's zone like reminders; staff record
 * a consent's withdrawal (waiting marketing mail is held) and send a pending consent's confirmation
 * again (once a day). Validation, idempotency, problem+json, another studio, OpenAPI.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { skFlow, skNord } from '../../support/admin-money.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { runCampaignNow } from '../../../server/modules/marketing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
type Json = Record<string, any>;
const START = '2026-11-25T08:00:00Z';

describe('marketing edits from the console', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reiki = '';
  const slots = ['2026-12-07T09:00', '2026-12-07T10:30', '2026-12-07T12:00', '2026-12-09T09:00', '2026-12-09T10:30', '2026-12-09T12:00'];

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, mailer: localMailer() });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const send = (method: string, path: string, body?: unknown, key = randomUUID(), auth = skFlow) => app.request(path, {
    method, headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body ?? {}),
  });
  const get = (path: string, auth = skFlow) => app.request(path, { headers: auth });
  const problem = async (res: Response, status: number, code?: string) => {
    assert.equal(res.status, status, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = await res.json() as Json;
    if (code) assert.equal(body.code, code);
    return body;
  };
  const consentOf = async (email: string) => (await query(db.db, sql`select m.id, m.status, m.withdrawn_via from marketing_consents m join customers c on c.id = m.customer_id where c.email = ${email} order by m.requested_at desc`))[0]!;

  /** A Reiki booking checked out with the box ticked; `confirm`: the mail's link followed. */
  async function member(extra: Record<string, unknown>, confirm: boolean) {
    const who = customer(extra);
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: who, sessions: { mode: 'explicit', starts: [`${slots.shift()!}:00.000Z`] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card', marketing_opt_in: true }));
    if (confirm) {
      const [ask] = await query(db.db, sql`select text_body from mail_outbox where to_address = ${who.email} and dedupe_key like 'consent:%'`);
      const path = /\/consent\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}/.exec(String(ask!.text_body))![0];
      assert.equal((await app.request(path, { method: 'POST' })).status, 200);
    }
    return who.email as string;
  }

  test('a segment is renamed and refiltered, counted live; validation, idempotency and another studio', async () => {
    const created = await send('POST', '/v1/admin/segments', { name: 'German', filter: { languages: ['de'] } });
    assert.equal(created.status, 201);
    const segment = await created.json() as Json;
    const key = randomUUID();
    const renamed = await send('PATCH', `/v1/admin/segments/${segment.id}`, { name: 'Italian speakers', filter: { languages: ['it'] } }, key);
    assert.equal(renamed.status, 200, await renamed.clone().text());
    const out = await renamed.json() as Json;
    assert.equal(out.name, 'Italian speakers');
    assert.deepEqual(out.filter, { languages: ['it'] });
    assert.equal(typeof out.count, 'number');
    const replay = await send('PATCH', `/v1/admin/segments/${segment.id}`, { name: 'Italian speakers', filter: { languages: ['it'] } }, key);
    assert.deepEqual(await replay.json(), out, 'the same key answers the same');
    await problem(await send('PATCH', `/v1/admin/segments/${segment.id}`, { name: 'Other' }, key), 422);
    const empty = await problem(await send('PATCH', `/v1/admin/segments/${segment.id}`, {}), 400, 'validation_failed');
    assert.ok(JSON.stringify(empty).includes('give a name or a filter'));
    await problem(await send('PATCH', `/v1/admin/segments/${segment.id}`, { filter: { languages: ['xx'] } }), 400, 'validation_failed');
    await problem(await send('PATCH', `/v1/admin/segments/${segment.id}`, { name: 'Nord' }, randomUUID(), skNord), 404, 'not_found');
    await problem(await app.request(`/v1/admin/segments/${segment.id}`, { method: 'PATCH', headers: { ...skFlow, 'Content-Type': 'application/json' }, body: '{"name":"x"}' }), 400);
    const listed = await (await get('/v1/admin/segments')).json() as { segments: Json[] };
    assert.equal(listed.segments.find((s) => s.id === segment.id)!.name, 'Italian speakers');
  });

  test('campaigns are listed, edited in four languages while scheduled, cancelled (nothing sent), and not changed once sent', async () => {
    const anna = await member({ locale: 'de' }, true);
    const segment = await (await send('POST', '/v1/admin/segments', { name: 'All', filter: {} })).json() as Json;
    const make = async (name: string) => (await send('POST', '/v1/admin/campaigns', { name, segment_id: segment.id, subject: { en: 'Hi' }, body_md: { en: 'Hello' }, send_at: '2026-11-26T09:00:00.000Z' })).json() as Promise<Json>;
    const winter = await make('Winter');
    const spring = await make('Spring');

    const edit = await send('PATCH', `/v1/admin/campaigns/${winter.id}`, {
      name: 'Winter evenings', send_at: '2026-11-27T09:00:00.000Z',
      subject: { en: 'Winter evenings', de: 'Winterabende', fr: 'Soirées d\'hiver', it: 'Serate d\'inverno' },
      body_md: { en: 'New **evening** class.', de: 'Neu: ein **Abendkurs**.', fr: 'Nouveau : un **cours du soir**.', it: 'Novità: un **corso serale**.' },
    });
    assert.equal(edit.status, 200, await edit.clone().text());
    const edited = await edit.json() as Json;
    assert.equal(edited.name, 'Winter evenings');
    assert.equal(edited.send_at, '2026-11-27T09:00:00.000Z');
    assert.equal(edited.subject.it, 'Serate d\'inverno');
    assert.equal(edited.body_md.de, 'Neu: ein **Abendkurs**.');
    await problem(await send('PATCH', `/v1/admin/campaigns/${winter.id}`, { subject: { de: 'ohne Englisch' } }), 400, 'validation_failed');
    await problem(await send('PATCH', `/v1/admin/campaigns/${winter.id}`, {}), 400, 'validation_failed');
    await problem(await send('PATCH', `/v1/admin/campaigns/${winter.id}`, { segment_id: randomUUID() }), 404, 'not_found');
    await problem(await send('PATCH', `/v1/admin/campaigns/${winter.id}`, { name: 'Nord' }, randomUUID(), skNord), 404, 'not_found');

    const cancelKey = randomUUID();
    const cancelled = await send('POST', `/v1/admin/campaigns/${spring.id}/cancel`, undefined, cancelKey);
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    const c = await cancelled.json() as Json;
    assert.equal(c.status, 'cancelled');
    assert.equal(c.cancelled_at, clock.now().toISOString());
    assert.deepEqual(await (await send('POST', `/v1/admin/campaigns/${spring.id}/cancel`, undefined, cancelKey)).json(), c, 'replayed');
    assert.equal((await send('POST', `/v1/admin/campaigns/${spring.id}/cancel`)).status, 200, 'cancelling again changes nothing');
    await problem(await send('PATCH', `/v1/admin/campaigns/${spring.id}`, { name: 'Back' }), 409, 'invalid_state');
    await problem(await send('POST', `/v1/admin/campaigns/${spring.id}/cancel`, undefined, randomUUID(), skNord), 404, 'not_found');

    clock.set('2026-11-26T09:00:00Z');
    assert.equal((await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, spring.id)).queued, 0, 'cancelled: nothing sent');
    assert.equal((await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, winter.id)).state, 'not_due', 'moved a day later');
    clock.set('2026-11-27T09:00:00Z');
    const sent = await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, winter.id);
    assert.ok(sent.queued >= 1);
    const [toAnna] = await query(db.db, sql`select subject from mail_outbox where to_address = ${anna} and dedupe_key = ${`campaign:${winter.id}:` + String((await query(db.db, sql`select id from customers where email = ${anna}`))[0]!.id)}`);
    assert.equal(toAnna!.subject, 'Winterabende', 'the edited words, in her language');
    assert.equal((await query(db.db, sql`select count(*)::int as n from mail_outbox where dedupe_key like ${`campaign:${spring.id}:%`}`))[0]!.n, 0);

    await problem(await send('PATCH', `/v1/admin/campaigns/${winter.id}`, { name: 'Too late' }), 409, 'invalid_state');
    await problem(await send('POST', `/v1/admin/campaigns/${winter.id}/cancel`), 409, 'invalid_state');

    const list = await (await get('/v1/admin/campaigns?limit=10')).json() as { campaigns: Json[] };
    assert.deepEqual(list.campaigns.filter((x) => [winter.id, spring.id].includes(x.id)).map((x) => [x.name, x.status]).sort(), [['Spring', 'cancelled'], ['Winter evenings', 'sent']]);
    assert.deepEqual((await (await get('/v1/admin/campaigns', skNord)).json() as { campaigns: Json[] }).campaigns.filter((x) => x.id === winter.id), []);
    await problem(await get('/v1/admin/campaigns?limit=0'), 400, 'validation_failed');
  });

  test('campaign mail keeps the quiet hours in each member\'s zone, like reminders', async () => {
    clock.set('2026-11-28T08:00:00Z');
    const zurich = await member({ locale: 'it', timezone: 'Europe/Zurich' }, true);
    const newYork = await member({ locale: 'it', timezone: 'America/New_York' }, true);
    const segment = await (await send('POST', '/v1/admin/segments', { name: 'Italian', filter: { languages: ['it'] } })).json() as Json;
    // 23:30 in Zurich, 17:30 in New York.
    const c = await (await send('POST', '/v1/admin/campaigns', { name: 'Night', segment_id: segment.id, subject: { en: 'News' }, body_md: { en: 'News' }, send_at: '2026-11-28T22:30:00.000Z' })).json() as Json;
    const mailed = async () => (await query(db.db, sql`select to_address from mail_outbox where dedupe_key like ${`campaign:${c.id}:%`}`)).map((r) => String(r.to_address)).sort();
    clock.set('2026-11-28T22:30:00Z');
    const night = await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id);
    assert.equal(night.state, 'waiting');
    assert.deepEqual(await mailed(), [newYork], 'New York\'s afternoon: at once; Zurich\'s night: not yet');
    const [job] = await query(db.db, sql`select start_after from pgboss.job where name = 'marketing.campaign' and data->>'campaignId' = ${c.id} and state = 'created' order by start_after desc limit 1`);
    assert.equal(new Date(String(job!.start_after)).toISOString(), '2026-11-29T06:00:00.000Z', 'the next round at 07:00 in Zurich');
    assert.equal((await (await get(`/v1/admin/campaigns/${c.id}`)).json() as Json).status, 'sending');
    clock.set('2026-11-29T05:59:00Z');
    assert.equal((await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id)).queued, 0);
    clock.set('2026-11-29T06:00:00Z');
    const morning = await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id);
    assert.deepEqual([morning.state, morning.queued], ['done', 1]);
    assert.deepEqual(await mailed(), [newYork, zurich].sort());
    assert.equal((await (await get(`/v1/admin/campaigns/${c.id}`)).json() as Json).status, 'sent');
  });

  test('staff record a withdrawal (waiting marketing mail held) and send a pending confirmation again, once a day', async () => {
    clock.set('2026-11-30T08:00:00Z');
    const bea = await member({ locale: 'fr' }, true);
    const carl = await member({ locale: 'en' }, false);
    const beaConsent = await consentOf(bea);
    const carlConsent = await consentOf(carl);
    // A marketing mail waiting for Bea.
    const segment = await (await send('POST', '/v1/admin/segments', { name: 'French', filter: { languages: ['fr'] } })).json() as Json;
    const c = await (await send('POST', '/v1/admin/campaigns', { name: 'Hold', segment_id: segment.id, subject: { en: 'x' }, body_md: { en: 'x' } })).json() as Json;
    await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id);

    const key = randomUUID();
    const res = await send('POST', `/v1/admin/marketing/consents/${beaConsent.id}/withdraw`, undefined, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as Json;
    assert.deepEqual([out.status, out.withdrawn_via, out.withdrawn_at], ['withdrawn', 'staff', clock.now().toISOString()]);
    assert.deepEqual(await (await send('POST', `/v1/admin/marketing/consents/${beaConsent.id}/withdraw`, undefined, key)).json(), out, 'replayed');
    assert.equal((await send('POST', `/v1/admin/marketing/consents/${beaConsent.id}/withdraw`)).status, 200, 'withdrawn already: as it is');
    const [held] = await query(db.db, sql`select status from mail_outbox where to_address = ${bea} and dedupe_key like ${`campaign:${c.id}:%`}`);
    assert.equal(held!.status, 'held', 'the waiting campaign mail is not sent');
    await problem(await send('POST', `/v1/admin/marketing/consents/${beaConsent.id}/resend`), 409, 'invalid_state');
    await problem(await send('POST', `/v1/admin/marketing/consents/${carlConsent.id}/withdraw`, undefined, randomUUID(), skNord), 404, 'not_found');
    await problem(await send('POST', `/v1/admin/marketing/consents/${randomUUID()}/withdraw`), 404, 'not_found');
    await problem(await send('POST', '/v1/admin/marketing/consents/nope/withdraw'), 400, 'validation_failed');

    const confirmMails = async () => Number((await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${carl} and dedupe_key like 'consent:%'`))[0]!.n);
    assert.equal(await confirmMails(), 1);
    const again = await send('POST', `/v1/admin/marketing/consents/${carlConsent.id}/resend`);
    assert.equal(again.status, 202, await again.clone().text());
    assert.equal((await again.json() as Json).status, 'pending');
    assert.equal(await confirmMails(), 2);
    assert.equal((await send('POST', `/v1/admin/marketing/consents/${carlConsent.id}/resend`)).status, 202);
    assert.equal(await confirmMails(), 2, 'once a day');
    clock.set('2027-01-05T08:00:00Z');
    await problem(await send('POST', `/v1/admin/marketing/consents/${carlConsent.id}/resend`), 409, 'invalid_state');
    const carlNow = await consentOf(carl);
    assert.equal(carlNow.status, 'pending');
  });

  test('OpenAPI describes the new routes', async () => {
    const doc = await (await app.request('/v1/openapi.json')).json() as { paths: Record<string, Record<string, Json>> };
    for (const [path, method] of [['/v1/admin/segments/{id}', 'patch'], ['/v1/admin/campaigns', 'get'], ['/v1/admin/campaigns/{id}', 'patch'], ['/v1/admin/campaigns/{id}/cancel', 'post'],
      ['/v1/admin/marketing/consents/{id}/withdraw', 'post'], ['/v1/admin/marketing/consents/{id}/resend', 'post']] as const) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path}`);
      assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')));
      assert.ok(op.responses['404']?.content?.['application/problem+json'] ?? op.responses['400']?.content?.['application/problem+json'], `${method} ${path}: problem answers`);
    }
  });
});
