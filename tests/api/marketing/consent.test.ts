/**
 * Marketing consent end to end, through a real SMTP server started here: the unticked box at
 * checkout records a pending consent (the words shown, in the customer's language, the source and
 * an HMAC of the address), the double opt-in mail's link confirms it (its page's button, not a
 * GET), marketing mail goes out only under a confirmed consent with the unsubscribe link and
 * `List-Unsubscribe` / `List-Unsubscribe-Post` (RFC 8058), one click unsubscribes, and
 * transactional mail neither carries those fields nor depends on consent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, relaxedLimits, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { skFlow } from '../../support/admin-money.ts';
import { leaves, parseMime, type MimePart } from '../../support/mime.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { smtpMailer, localMailer, type Mailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { drainOutbox } from '../../../server/modules/notifications/index.ts';
import { addressHash, enqueueMarketingMail } from '../../../server/modules/marketing/index.ts';
import { withSystem } from '../../../server/platform/db/escalation.ts';
import { renderInvoiceAttachment } from '../../../server/modules/billing/index.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';

describe('marketing consent and unsubscribe, over SMTP', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let reiki = '';
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
    // One trusted proxy: the client's address is the last of X-Forwarded-For.
    app = await demoApp(db.db, { now: clock.now, mailer: localMailer(), limits: { ...relaxedLimits, trustProxy: 1 } });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => {
    await mailer.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db.close();
  });

  const drain = () => drainOutbox({ db: db.db, orgId: FLOW.org, mailer, now: clock.now, render: (orgId, spec) => renderInvoiceAttachment(db.db, orgId, spec) });
  /** The subject with RFC 2047 encoded words decoded. */
  const subjectOf = (m: MimePart) => (m.headers.subject ?? '').replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  const textOf = (m: MimePart) => leaves(m).find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body.toString('utf8');
  const consentsOf = (email: string) => query(db.db, sql`select mc.* from marketing_consents mc join customers c on c.id = mc.customer_id where c.email = ${email} order by mc.requested_at`);
  const marketing = (customerId: string, key: string) => withSystem(db.db, FLOW.org, 'test: a campaign mail', (tx) => enqueueMarketingMail(tx, { config: testConfig }, {
    orgId: FLOW.org, customerId, dedupeKey: key, subject: 'Neu: Abendkurs', text: 'Ab Januar gibt es einen Abendkurs.',
  }));
  // Noemi's Reiki hours: Mondays and Wednesdays.
  const slots = ['2026-12-07T09:00', '2026-12-07T10:30', '2026-12-07T12:00', '2026-12-09T09:00', '2026-12-09T10:30', '2026-12-09T12:00', '2026-12-14T09:00', '2026-12-28T09:00'];
  async function book(who: Record<string, unknown>, body: Record<string, unknown>, at?: string) {
    const start = `${at ?? slots.shift()!}:00.000Z`;
    const b = await reserve(app, { program: 'reiki', variant: reiki, customer: who, sessions: { mode: 'explicit', starts: [start] } });
    await checkedOut(await checkoutReq(app, b, body, { 'X-Forwarded-For': '198.51.100.20, 203.0.113.7' }));
    return b;
  }

  test('the box\'s words per language, with the studio\'s name and a version', async () => {
    const texts = new Set<string>();
    for (const lang of ['en', 'de', 'fr', 'it']) {
      const res = await app.request(`/v1/embed/marketing-consent?lang=${lang}`, { headers: { Authorization: 'Bearer pk_test_flow', Origin: 'http://localhost:8788' } });
      assert.equal(res.status, 200);
      const body = await res.json() as { lang: string; text: string; version: string };
      assert.equal(body.lang, lang);
      assert.match(body.text, /Studio Flow/);
      assert.ok(body.version);
      texts.add(body.text);
    }
    assert.equal(texts.size, 4, 'four languages, four texts');
  });

  test('the box not ticked: no consent, no mail asking for one, and marketing mail is refused', async () => {
    const who = customer({ locale: 'de' });
    await book(who, { method: 'card' });
    assert.equal((await consentsOf(who.email)).length, 0);
    assert.equal((await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${who.email} and dedupe_key like 'consent:%'`))[0]!.n, 0);
    const [c] = await query(db.db, sql`select id from customers where email = ${who.email}`);
    assert.deepEqual(await marketing(String(c!.id), `test:${randomUUID()}`), { queued: false, reason: 'no_consent' });
  });

  test('ticked at checkout, confirmed by the mail\'s link, unsubscribed with one click; transactional mail untouched', async () => {
    const who = customer({ locale: 'de' });
    clock.set(START);
    const b = await book(who, { method: 'card', marketing_opt_in: true });
    // A second checkout of the same booking with the box ticked again: still one consent, one mail.
    await checkedOut(await checkoutReq(app, b, { method: 'card', marketing_opt_in: true }, { 'X-Forwarded-For': '203.0.113.7' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);

    let [consent] = await consentsOf(who.email);
    const wording = await (await app.request('/v1/embed/marketing-consent?lang=de', { headers: { Authorization: 'Bearer pk_test_flow', Origin: 'http://localhost:8788' } })).json() as { text: string; version: string };
    assert.equal((await consentsOf(who.email)).length, 1);
    assert.equal(consent!.status, 'pending');
    assert.equal(consent!.source, 'checkout');
    assert.equal(consent!.locale, 'de');
    assert.equal(consent!.wording, wording.text, 'the words shown, in the customer\'s language');
    assert.equal(consent!.wording_version, wording.version);
    assert.equal(new Date(String(consent!.requested_at)).toISOString(), new Date(START).toISOString());
    assert.equal(consent!.request_ip_hash, addressHash(testConfig.secret, '203.0.113.7'), 'the address the proxy saw, as an HMAC');
    assert.doesNotMatch(String(consent!.request_ip_hash), /203\.0\.113/);
    const customerId = String(consent!.customer_id);
    assert.deepEqual(await marketing(customerId, `test:${randomUUID()}`), { queued: false, reason: 'no_consent' }, 'not before it is confirmed');

    received.length = 0;
    await drain();
    const mine = received.filter((r) => r.to.includes(who.email));
    assert.equal(mine.length, 2, 'the booking confirmation and the consent\'s confirmation request');
    const ask = mine.find((r) => subjectOf(r.mail).includes('Bitte bestätigen'));
    const booked = mine.find((r) => r !== ask)!;
    assert.ok(ask, mine.map((m) => subjectOf(m.mail)).join(' | '));
    for (const m of [ask!, booked]) {
      assert.equal(m.mail.headers['list-unsubscribe'], undefined, 'transactional mail carries no List-Unsubscribe');
      assert.equal(m.mail.headers['list-unsubscribe-post'], undefined);
    }
    const link = /http:\/\/localhost:8787\/consent\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}/.exec(textOf(ask!.mail))?.[0];
    assert.ok(link, textOf(ask!.mail));
    assert.ok(textOf(ask!.mail).includes(wording.text), 'the mail quotes the words agreed to');
    const path = link.replace('http://localhost:8787', '');

    // A link scanner's GET confirms nothing: the page has a button.
    const page = await app.request(path);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"[^>]*>\s*<button type="submit">Bestätigen<\/button>/);
    assert.equal((await consentsOf(who.email))[0]!.status, 'pending');
    const forged = await app.request(path.slice(0, -3) + 'AAA', { method: 'POST' });
    assert.equal(forged.status, 404);
    assert.equal((await consentsOf(who.email))[0]!.status, 'pending');

    clock.set('2026-11-26T10:00:00Z');
    const confirmed = await app.request(path, { method: 'POST', headers: { 'X-Forwarded-For': '192.0.2.44' } });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /Vielen Dank/);
    [consent] = await consentsOf(who.email);
    assert.equal(consent!.status, 'confirmed');
    assert.equal(new Date(String(consent!.confirmed_at)).toISOString(), '2026-11-26T10:00:00.000Z');
    assert.equal(consent!.confirm_ip_hash, addressHash(testConfig.secret, '192.0.2.44'));

    // Marketing mail now goes out, with the unsubscribe link in the text and in the header fields.
    assert.deepEqual(await marketing(customerId, 'test:first-news'), { queued: true });
    assert.deepEqual(await marketing(customerId, 'test:first-news'), { queued: false, reason: 'duplicate' }, 'once per key');
    received.length = 0;
    await drain();
    assert.equal(received.length, 1);
    const news = received[0]!.mail;
    assert.deepEqual(received[0]!.to, [who.email]);
    const header = news.headers['list-unsubscribe'];
    const unsubscribe = /^<(http:\/\/localhost:8787\/unsubscribe\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43})>$/.exec(header ?? '')?.[1];
    assert.ok(unsubscribe, `List-Unsubscribe: ${header}`);
    assert.equal(news.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    assert.ok(textOf(news).replace(/\r\n/g, '\n').includes(`Abmelden:\n${unsubscribe}`), textOf(news));
    const htmlPart = leaves(news).find((p) => p.headers['content-type']?.startsWith('text/html'))!.body.toString('utf8');
    assert.ok(htmlPart.includes(`<a href="${unsubscribe}">`), 'a link in the HTML part too');

    // One mail waits in the outbox when the customer unsubscribes: it is held, never sent.
    assert.deepEqual(await marketing(customerId, 'test:second-news'), { queued: true });
    const oneClick = await app.request(unsubscribe.replace('http://localhost:8787', ''), {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.status, 200);
    [consent] = await consentsOf(who.email);
    assert.equal(consent!.status, 'withdrawn');
    assert.equal(consent!.withdrawn_via, 'one_click');
    assert.equal(new Date(String(consent!.withdrawn_at)).toISOString(), '2026-11-26T10:00:00.000Z');
    const [held] = await query(db.db, sql`select status from mail_outbox where dedupe_key = 'test:second-news'`);
    assert.equal(held!.status, 'held');
    assert.deepEqual(await marketing(customerId, `test:${randomUUID()}`), { queued: false, reason: 'no_consent' });
    // The confirmation link cannot bring it back.
    assert.equal((await app.request(path, { method: 'POST' })).status, 410);

    // Transactional mail does not depend on consent: a new booking's confirmation still arrives.
    received.length = 0;
    const again = await book({ ...who }, { method: 'card' });
    assert.equal((await testPay(app, again, 'succeed')).status, 200);
    await drain();
    assert.deepEqual(received.map((r) => r.to), [[who.email]]);
    assert.match(subjectOf(received[0]!.mail), /Buchung bestätigt/);
    assert.equal(received[0]!.mail.headers['list-unsubscribe'], undefined);

    // The studio reads the record.
    const listed = await app.request(`/v1/admin/marketing/consents?customer_id=${customerId}`, { headers: skFlow });
    assert.equal(listed.status, 200);
    const { consents } = await listed.json() as { consents: Record<string, unknown>[] };
    assert.equal(consents.length, 1);
    assert.equal(consents[0]!.status, 'withdrawn');
    assert.equal(consents[0]!.wording, wording.text);
    assert.equal(consents[0]!.withdrawn_via, 'one_click');
    assert.equal(consents[0]!.request_ip_hash, addressHash(testConfig.secret, '203.0.113.7'));
  });

  test('a confirmation link older than 30 days has expired; a forged unsubscribe link is a 404', async () => {
    const who = customer({ locale: 'fr' });
    clock.set(START);
    await book(who, { method: 'card', marketing_opt_in: true });
    const [ask] = await query(db.db, sql`select text_body from mail_outbox where to_address = ${who.email} and dedupe_key like 'consent:%'`);
    assert.match(String(ask!.text_body), /Merci de confirmer/);
    assert.match(String(ask!.text_body), /Merci de confirmer avec ce lien\u202f:\nhttps?:\/\/\S+\/consent\/\S+$/m, 'the link alone on its own line after its words');
    const path = /\/consent\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}/.exec(String(ask!.text_body))![0];
    clock.set('2026-12-26T08:00:00Z');
    assert.equal((await app.request(path, { method: 'POST' })).status, 410);
    assert.equal((await consentsOf(who.email))[0]!.status, 'pending');
    const bad = await app.request(`/unsubscribe/${FLOW.org}/${'A'.repeat(43)}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(bad.status, 404);
    // Ticking the box again after expiry asks anew.
    await book(who, { method: 'card', marketing_opt_in: true }, '2026-12-28T10:30');
    assert.deepEqual((await consentsOf(who.email)).map((c) => c.status), ['expired', 'pending']);
  });
});
