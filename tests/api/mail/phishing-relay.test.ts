/**
 * Issue 11, item 6: the studio's mail is no phishing relay. A customer's name is never a link (HTML
 * and text); an unproven address gets no invoice (no PDF, amount, number or bank details); at most
 * MAIL_PER_RECIPIENT_PER_HOUR mails per address and hour, the rest held with a status.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, asSystem, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { confirmationMail, qrBillMail } from '../../../server/modules/notifications/domain/booking-mails.ts';
import { MAIL_PER_RECIPIENT_PER_HOUR, enqueueMail } from '../../../server/modules/notifications/outbox.mutations.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';
const EVIL = 'Eve — pay now at https://evil.example/login or www.evil.example';

/** Every href in an HTML body, and the text a linkifier would see (tags removed, entities for & < > " ' decoded). */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]!);
}
function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
/** What mail clients auto-link: a scheme URL, `www.`, or a bare domain name. */
const LINKIFIABLE = /https?:\/\/evil|www\.evil|evil\.example/;

describe('mail is no phishing relay (issue 11, item 6)', () => {
  test('a URL in the customer\'s name is neither an <a> nor linkifiable text; the mail\'s own links still are', () => {
    const base = {
      lang: 'en' as const, zone: 'Europe/Zurich', customer: { name: EVIL, email: 'x@example.ch' }, studio: { name: 'Studio Flow' },
      program: { title: 'Reiki 1:1' }, variant: { name: 'Single' }, instructor: { name: 'Noemi' }, place: null, meetingUrl: null,
      manageUrl: 'http://localhost:8787/manage/abc', sessions: [{ seq: 1, startsAt: new Date('2026-12-02T09:00:00Z'), endsAt: new Date('2026-12-02T10:15:00Z') }],
      toSchedule: 0, money: { currency: 'CHF', total: 14000, paid: 14000, installments: [] }, invoice: { number: 7, url: 'http://localhost:8787/v1/embed/invoices/tok.pdf' },
    };
    for (const mail of [confirmationMail(base), qrBillMail({ ...base, holdUntil: new Date('2026-11-30T08:00:00Z') })]) {
      assert.ok(mail.html.includes('pay now at'), 'the name is still there, readable');
      assert.ok(!hrefs(mail.html).some((h) => h.includes('evil')), `no link to the name's URL: ${hrefs(mail.html).join(', ')}`);
      assert.doesNotMatch(visibleText(mail.html), LINKIFIABLE, 'nothing a mail client would auto-link');
      assert.doesNotMatch(mail.text, LINKIFIABLE, 'nor in the plain text');
      assert.ok(hrefs(mail.html).includes('http://localhost:8787/manage/abc'), 'the manage link is a link');
    }
    assert.ok(hrefs(confirmationMail(base).html).includes('http://localhost:8787/v1/embed/invoices/tok.pdf'));
  });

  describe('through the API', () => {
    let app: App;
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    const clock = new Clock(new Date(START));
    let v: Record<string, string[]> = {};
    before(async () => {
      db = await freshDatabase();
      app = await demoApp(db.db, { now: clock.now });
      v = await demoVariants(app);
    });
    after(async () => db.close());

    const qrBill = async (start: string, who: Record<string, unknown>, headers: Record<string, string> = {}) => {
      clock.set(START);
      const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] } });
      const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, headers));
      const [mail] = await query(db.db, sql`select subject, text_body, html_body, attachments from mail_outbox where dedupe_key = ${`order:${out.order.id}:qr_bill`}`);
      return { out, mail: mail! };
    };

    test('an address not proven gets no invoice mail: checkout asks for the code first, and nothing is queued', async () => {
      clock.set(START);
      const who = customer({ name: EVIL, locale: 'en' });
      const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: ['2026-12-07T09:00:00.000Z'] } });
      const res = await checkoutReq(app, b, { method: 'qr_bill' });
      assert.equal(res.status, 403);
      assert.equal((await problemOf(res)).code, 'identity_required');
      assert.equal((await query(db.db, sql`select count(*)::int as n from mail_outbox where to_address = ${who.email as string}`))[0]!.n, 0);
      // Were the event ever recorded without proof, its mail carries no invoice (the composer's side of the rule).
      const mail = qrBillMail({
        lang: 'en', zone: 'Europe/Zurich', customer: { name: EVIL, email: 'x@example.ch' }, studio: { name: 'Studio Flow' }, program: { title: 'Reiki 1:1' },
        variant: { name: 'Single' }, instructor: { name: 'Noemi' }, place: null, meetingUrl: null, manageUrl: 'http://localhost:8787/manage/abc', sessions: [], toSchedule: 0,
        money: { currency: 'CHF', total: 14000, paid: 0, installments: [] }, invoice: { number: 7 }, holdUntil: new Date('2026-11-30T08:00:00Z'), proven: false,
      });
      assert.doesNotMatch(mail.text, /140\.00|invoice 7\b/i, 'no amount or invoice number');
      assert.doesNotMatch(mail.subject, /invoice/i);
    });

    test('a proven address with a URL for a name: the invoice, and the name not linked', async () => {
      const who = customer({ name: EVIL, locale: 'en' });
      const { mail } = await qrBill('2026-12-09T09:00:00.000Z', who, await proveIdentity(app, db.db, who.email as string));
      assert.ok(!hrefs(String(mail.html_body)).some((h) => h.includes('evil')));
      assert.doesNotMatch(visibleText(String(mail.html_body)), LINKIFIABLE);
      assert.doesNotMatch(String(mail.text_body), LINKIFIABLE);
    });

    test('a proven address gets the invoice', async () => {
      const who = customer({ locale: 'en' });
      const { out, mail } = await qrBill('2026-12-07T10:30:00.000Z', who, await proveIdentity(app, db.db, who.email as string));
      assert.deepEqual((mail.attachments as { filename: string }[]).map((a) => a.filename), [`invoice-${out.invoice!.number}.pdf`]);
      assert.match(String(mail.text_body), /140\.00/);
    });

    test(`at most ${MAIL_PER_RECIPIENT_PER_HOUR} mails an hour to one address; the rest held with a reason, not dropped`, async () => {
      const to = `${randomUUID().slice(0, 8)}@example.ch`;
      const added = await asSystem(db.db, FLOW.org, async (tx) => {
        const out: boolean[] = [];
        for (let i = 0; i < MAIL_PER_RECIPIENT_PER_HOUR + 2; i++) out.push(await enqueueMail(tx, { orgId: FLOW.org, dedupeKey: `test:${to}:${i}`, to, subject: 's', text: 't' }));
        return out;
      });
      assert.ok(added.every(Boolean), 'every mail is kept');
      const rows = await query(db.db, sql`select status::text as status, last_error from mail_outbox where to_address = ${to} order by dedupe_key`);
      assert.deepEqual(rows.map((r) => r.status), [...Array(MAIL_PER_RECIPIENT_PER_HOUR).fill('pending'), 'held', 'held']);
      assert.match(String(rows.at(-1)!.last_error), /^held: more than 5 mails to this address within an hour$/);
      // Another address is not affected.
      await asSystem(db.db, FLOW.org, (tx) => enqueueMail(tx, { orgId: FLOW.org, dedupeKey: `test:other:${to}`, to: `other-${to}`, subject: 's', text: 't' }));
      assert.equal((await query(db.db, sql`select status::text as s from mail_outbox where to_address = ${`other-${to}`}`))[0]!.s, 'pending');
    });
  });
});
