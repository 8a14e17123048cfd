/**
 * Segments and campaigns: a segment counts and lists its members live (CSV too); a campaign to it
 * reaches, over a real SMTP server, exactly the members with a confirmed consent, each once however
 * often its job runs, in their language, with the unsubscribe header fields; the counts follow the
 * outbox and the unsubscribes; a test send goes to one address outside the counts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { leaves, parseMime, type MimePart } from '../../support/mime.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { smtpMailer, localMailer, type Mailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { drainOutbox } from '../../../server/modules/notifications/index.ts';
import { runCampaignNow, unsubscribeUrl } from '../../../server/modules/marketing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('segments and campaigns', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reiki = '';
  let reikiProgram = '';
  const received: { to: string[]; mail: MimePart }[] = [];
  let smtp: SMTPServer;
  let mailer: Mailer;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: parseMime(Buffer.concat(chunks).toString('utf8')) }); done(); });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Studio Flow <news@tandem.test>');
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, mailer: localMailer() });
    reiki = (await demoVariants(app)).reiki![0]!;
    reikiProgram = String((await query(db.db, sql`select id from programs where org_id = ${FLOW.org} and slug = 'reiki'`))[0]!.id);
  });
  after(async () => {
    await mailer.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db.close();
  });

  const admin = (path: string, body?: unknown) => app.request(path, body === undefined ? { headers: skFlow }
    : { method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body) });
  const consentOf = async (email: string) => (await query(db.db, sql`select m.id, m.status from marketing_consents m join customers c on c.id = m.customer_id where c.email = ${email}`))[0];
  const slots = ['2026-12-07T09:00', '2026-12-07T10:30', '2026-12-07T12:00', '2026-12-09T09:00'];

  /** A Reiki reservation checked out with the box ticked; `confirm`: the mail's link followed. */
  async function member(locale: string, confirm: boolean) {
    const who = customer({ locale });
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: who, sessions: { mode: 'explicit', starts: [`${slots.shift()!}:00.000Z`] } });
    await checkedOut(await checkoutReq(app, b, { method: 'card', marketing_opt_in: true }));
    if (confirm) {
      const [ask] = await query(db.db, sql`select text_body from mail_outbox where to_address = ${who.email} and dedupe_key like 'consent:%'`);
      const path = /\/consent\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}/.exec(String(ask!.text_body))![0];
      assert.equal((await app.request(path, { method: 'POST' })).status, 200);
    }
    return who.email as string;
  }

  test('a campaign reaches exactly the segment\'s consenting members, once, in their language', async () => {
    const anna = await member('de', true);
    const bruno = await member('de', false);
    const claire = await member('fr', true);
    const dora = await member('de', true);
    // Dora unsubscribes through the link her marketing mail would carry.
    const doraConsent = await consentOf(dora);
    const unsub = unsubscribeUrl(testConfig, FLOW.org, String(doraConsent!.id)).replace(testConfig.publicOrigin, '');

    const created = await admin('/v1/admin/segments', { name: 'German Reiki', filter: { languages: ['de'], program_ids: [reikiProgram] } });
    assert.equal(created.status, 201, await created.clone().text());
    const segment = await created.json() as { id: string; count: number; with_consent: number };
    assert.ok(segment.count >= 3);
    const withConsentBefore = segment.with_consent;
    assert.equal((await app.request(unsub, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status, 200);
    const listed = await (await admin('/v1/admin/segments')).json() as { segments: { id: string; with_consent: number; count: number }[] };
    const live = listed.segments.find((s) => s.id === segment.id)!;
    assert.equal(live.with_consent, withConsentBefore - 1, 'counted live: Dora left');

    const members = await (await admin(`/v1/admin/segments/${segment.id}/members`)).json() as { members: { email: string; consent: boolean }[] };
    const byEmail = new Map(members.members.map((m) => [m.email, m.consent]));
    assert.equal(byEmail.get(anna), true);
    assert.equal(byEmail.get(bruno), false);
    assert.equal(byEmail.get(dora), false);
    assert.equal(byEmail.has(claire), false, 'French: not in the segment');
    const csv = await admin(`/v1/admin/segments/${segment.id}/members.csv`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const csvText = await csv.text();
    assert.equal(csvText.split('\r\n')[0], 'id,name,email,language,last_booking_at,total_paid,credits,marketing_consent');
    assert.ok(csvText.includes(`,${anna},de,`));
    assert.equal(csvText.trimEnd().split('\r\n').length, 1 + members.members.length);

    const consenting = members.members.filter((m) => m.consent).map((m) => m.email).sort();
    const campaign = await admin('/v1/admin/campaigns', {
      name: 'Winter', segment_id: segment.id, send_at: '2026-11-26T09:00:00.000Z',
      subject: { en: 'Winter evenings', de: 'Winterabende' }, body_md: { en: 'New **evening** class.', de: 'Neu: ein **Abendkurs**.' },
    });
    assert.equal(campaign.status, 201, await campaign.clone().text());
    const c = await campaign.json() as { id: string; status: string };
    assert.equal(c.status, 'scheduled');
    assert.equal((await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id)).state, 'not_due');

    clock.set('2026-11-26T09:00:00Z');
    const rounds = await Promise.all([1, 2].map(() => runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id)));
    assert.equal(rounds.reduce((n, r) => n + r.queued, 0), consenting.length, 'two runners: each member once');
    assert.equal((await runCampaignNow(db.db, { now: clock.now(), config: testConfig }, FLOW.org, c.id)).queued, 0);

    received.length = 0;
    await drainOutbox({ db: db.db, orgId: FLOW.org, mailer, now: clock.now });
    const campaignMails = received.filter((r) => r.mail.headers['list-unsubscribe']);
    assert.deepEqual(campaignMails.map((r) => r.to[0]).sort(), consenting, 'exactly the consenting members');
    assert.ok(consenting.includes(anna) && !consenting.includes(bruno) && !consenting.includes(dora) && !consenting.includes(claire));
    const toAnna = campaignMails.find((r) => r.to[0] === anna)!.mail;
    assert.equal(toAnna.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    const html = leaves(toAnna).find((p) => p.headers['content-type']?.startsWith('text/html'))!.body.toString('utf8');
    assert.match(html, /Neu: ein <strong>Abendkurs<\/strong>\./, 'German, from markdown');

    let stats = await (await admin(`/v1/admin/campaigns/${c.id}`)).json() as Record<string, unknown>;
    assert.equal(stats.status, 'sent');
    assert.equal(stats.queued, consenting.length);
    assert.equal(stats.skipped, members.members.length - consenting.length);
    assert.equal(stats.delivered, consenting.length);
    assert.equal(stats.unsubscribed, 0);
    const annaUnsub = /^<([^>]+)>$/.exec(toAnna.headers['list-unsubscribe']!)![1]!.replace(testConfig.publicOrigin, '');
    assert.equal((await app.request(annaUnsub, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status, 200);
    stats = await (await admin(`/v1/admin/campaigns/${c.id}`)).json() as Record<string, unknown>;
    assert.equal(stats.unsubscribed, 1);

    const testSend = await admin(`/v1/admin/campaigns/${c.id}/test`, { email: 'owner.test@example.ch', language: 'de' });
    assert.equal(testSend.status, 202, await testSend.clone().text());
    const [t1] = await query(db.db, sql`select subject, headers from mail_outbox where to_address = 'owner.test@example.ch'`);
    assert.equal(t1!.subject, '[TEST] Winterabende');
    stats = await (await admin(`/v1/admin/campaigns/${c.id}`)).json() as Record<string, unknown>;
    assert.equal(stats.queued, consenting.length, 'a test send is not counted');
  });

  test('an unknown segment is 404, a bad filter 400', async () => {
    const missing = await admin('/v1/admin/campaigns', { name: 'x', segment_id: randomUUID(), subject: { en: 'x' }, body_md: { en: 'x' } });
    assert.equal(missing.status, 404);
    const bad = await admin('/v1/admin/segments', { name: 'x', filter: { languages: ['xx'], nonsense: 1 } });
    assert.equal(bad.status, 400);
  });
});
