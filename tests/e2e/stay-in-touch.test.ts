/**
 * End to end, in Chromium: marketing consent from the checkout's box to a segment, and the customer's
 * referral code in the portal. On the demo site a customer books Reiki 1:1 in the embedded widget,
 * ticks the unticked marketing opt-in at the payment and pays by card in test mode; the consent is
 * pending and the double opt-in mail waits in the dev outbox (/dev/outbox); following its link and
 * pressing Confirm records the consent as confirmed (the console's consents API says so); the owner
 * signs in to the console (the code read from the outbox) and saves a segment of customers with
 * consent, which counts and lists her; the manage link of her confirmation mail opens the portal,
 * whose "Refer a friend" panel shows her code, her link and the studio's reward (a coupon, as set).
 * Every page is checked with axe; screenshots go to tests/e2e/screenshots/stay-in-touch-*.png.
 *
 * Needs Chromium (CHROME_PATH or /usr/bin/chromium) and the built widget, portal and console (npm run build:widget).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { createDemoSite } from '../../demo/server.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import { freshDatabase } from '../support/database.ts';
import { query } from '../support/booking.ts';

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const widgetDir = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots', import.meta.url));
const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const built = ['tandem.js', 'tandem-portal.js', 'tandem-admin.js'].every((f) => existsSync(`${widgetDir}/${f}`));
const missing = !chromePath ? 'no Chromium (install chromium or set CHROME_PATH)' : !built ? 'the widget, portal or console is not built (npm run build:widget)' : undefined;

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
  });
}

describe('e2e: stay in touch (marketing consent, a segment, the referral code)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let browser: Browser;
  let api: { server: ServerType; origin: string };
  let site: { server: ServerType; origin: string };
  const email = `nina.${randomUUID().slice(0, 8)}@example.ch`;
  const owner = 'sandra@studioflow.example';
  const errors: string[] = [];

  before(async () => {
    if (missing) throw new Error(`cannot run the end-to-end tests: ${missing}`);
    mkdirSync(shots, { recursive: true });
    db = await freshDatabase();
    let handler: (r: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    api = await listen((r) => handler(r));
    site = await listen(createDemoSite(api.origin).fetch);
    await seedDemo(db.db, { origins: [site.origin] });
    handler = createApp({
      db: db.db, now: () => new Date(), payments: testProvider(), mailer: localMailer(),
      config: { publicOrigin: api.origin, secret: 'e2e-secret-e2e-secret-e2e-secret', widgetDir, demo: true },
    }).fetch;
    browser = await chromium.launch({ executablePath: chromePath as string, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    api?.server.close();
    site?.server.close();
    await db?.close();
  });

  /** `bypassCSP`: the demo site's policy and the script-free consent pages' (default-src 'none') refuse inline scripts, and axe is injected as one. */
  async function newPage(bypassCSP = false): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1300 }, locale: 'en-GB', timezoneId: 'Europe/Zurich', bypassCSP });
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(15_000);
    return page;
  }
  async function axe(page: Page, view: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => (await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `axe on ${view}`);
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/stay-in-touch-${name}.png`, fullPage: true });
  /** The newest mail to `to` whose subject matches, opened in the dev outbox as a person running the demo reads it. */
  async function openMail(page: Page, to: string, subject: RegExp): Promise<void> {
    await page.goto(`${api.origin}/dev/outbox`);
    await page.locator('tr', { hasText: to }).filter({ hasText: subject }).first().locator('a').first().click();
    await page.locator('hr').waitFor();
  }
  const consents = () => query(db.db, sql`select m.status, m.source, m.confirmed_at, m.wording from marketing_consents m join customers c on c.id = m.customer_id where c.email = ${email}`);
  const admin = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(api.origin + path, { ...init, headers: { Authorization: 'Bearer sk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...(init.headers ?? {}) } });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<any>;
  };

  test('the box ticked at checkout, the double opt-in mail followed, a segment with consent counts her, her referral code in the portal', async () => {
    // The studio gives referrers a coupon of their own (the portal must say so, not credits).
    await admin('/v1/admin/referrals/reward', { method: 'PUT', body: JSON.stringify({ kind: 'coupon', percent_bp: 2000, valid_days: 60 }) });

    // 1. The booking in the embedded widget, the unticked opt-in ticked at the payment.
    const page = await newPage(true);
    await page.goto(`${site.origin}/programs`);
    const widget = page.locator('tandem-program[program="reiki"]');
    await widget.scrollIntoViewIfNeeded();
    await widget.locator('[part~="heading"]').first().waitFor();
    await widget.locator('[part~="button-primary"]').first().click(); // choose a time
    await widget.locator('[part~="day"]:not([aria-disabled="true"])').first().click();
    await widget.locator('[part~="slot"]').first().click();
    await widget.locator('[part~="button-primary"]').last().click(); // continue (Reiki has no intake form)
    await widget.locator('input[autocomplete="name"]').fill('Nina Weber');
    await widget.locator('input[autocomplete="email"]').fill(email);
    await widget.locator('[part~="button-primary"]').last().click(); // reserve these times
    await widget.locator('label.choice').filter({ hasText: /card/i }).click();
    const box = widget.locator('.opt-in input[type="checkbox"][name="marketing_opt_in"]');
    await box.waitFor();
    assert.equal(await box.isChecked(), false, 'the opt-in is unticked until the customer ticks it');
    const words = (await widget.locator('.opt-in label').innerText()).trim();
    await box.check();
    await axe(page, 'the payment step with the opt-in ticked');
    await widget.screenshot({ path: `${shots}/stay-in-touch-1-checkout-opt-in.png` });
    await widget.locator('[part~="button-primary"]').last().click(); // continue to payment
    await widget.locator('[part~="test-mode"] [part~="button-primary"]').click(); // pay (test: succeeds)
    await widget.locator('[part~="heading"]').filter({ hasText: /booked/i }).waitFor();
    await widget.screenshot({ path: `${shots}/stay-in-touch-2-booked.png` });

    // Pending, with the words she saw; the booking does not wait for it.
    const [pending] = await consents();
    assert.deepEqual([pending?.status, pending?.source, pending?.confirmed_at], ['pending', 'checkout', null]);
    assert.equal(pending!.wording, words, 'the record keeps the words next to the box');
    const [booking] = await query(db.db, sql`select b.id, b.status::text as status from program_bookings b join customers c on c.id = b.customer_id where c.email = ${email}`);
    assert.equal(booking!.status, 'confirmed');

    await page.close();

    // Not yet among those a campaign reaches: a segment of customers with consent leaves her out while it is pending.
    const before = await admin('/v1/admin/segments/preview', { method: 'POST', body: JSON.stringify({ filter: { consent: 'confirmed' } }) });
    assert.ok(!JSON.stringify(before.sample).includes(email), 'a pending consent counts for nothing');

    // 2. The double opt-in mail in the outbox; its link, then Confirm (a GET alone confirms nothing).
    const mine = await newPage(true);
    await openMail(mine, email, /Please confirm/);
    const link = mine.locator(`a[href^="${api.origin}/consent/"]`).first();
    assert.match(await mine.locator('body').innerText(), new RegExp(words.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the mail quotes the words');
    await shot(mine, '3-opt-in-mail');
    await link.click();
    await mine.getByRole('button', { name: 'Confirm' }).waitFor();
    assert.equal((await consents())[0]!.status, 'pending', 'opening the link alone confirms nothing');
    await axe(mine, 'the confirmation page');
    await shot(mine, '4-confirm-page');
    await mine.getByRole('button', { name: 'Confirm' }).click();
    await mine.locator('h1', { hasText: 'Thank you' }).waitFor();
    await axe(mine, 'the confirmed page');
    await shot(mine, '5-confirmed');
    const [confirmed] = await consents();
    assert.equal(confirmed!.status, 'confirmed');
    assert.ok(confirmed!.confirmed_at, 'when it was confirmed');
    const listed = await admin(`/v1/admin/marketing/consents?status=confirmed`);
    assert.ok(JSON.stringify(listed).includes(email), 'the console\'s consents list her consent as confirmed');

    // 3. The owner signs in to the console and saves a segment of customers with consent: it counts and lists her.
    const console_ = await newPage();
    await console_.goto(`${api.origin}/admin`);
    const adminEl = console_.locator('tandem-admin');
    await adminEl.locator('#email').fill(owner);
    await adminEl.getByRole('button', { name: 'Send code' }).click();
    await adminEl.locator('#code').waitFor();
    const outbox = await newPage();
    await openMail(outbox, owner, /./);
    const code = /\b(\d{6})\b/.exec(await outbox.locator('body').innerText())?.[1];
    assert.ok(code, 'the sign-in mail carries a 6-digit code');
    await outbox.close();
    await adminEl.locator('#code').fill(code);
    await adminEl.locator('#code-form button[type="submit"]').click();
    // Signed in, the console opens the bookings once their list has arrived: wait for it, then go to Marketing.
    await adminEl.locator('nav button[aria-pressed="true"]', { hasText: 'Bookings' }).waitFor();
    await adminEl.locator('nav button', { hasText: 'Marketing' }).click();
    const marketing = console_.locator('tandem-admin-marketing');
    await marketing.getByRole('tab', { name: 'Segments' }).click();
    await marketing.getByRole('button', { name: 'New segment' }).click();
    await marketing.locator('#sg-name').fill('Said yes to news');
    await marketing.locator('#sg-consent').selectOption('confirmed');
    await marketing.getByRole('button', { name: 'Save' }).click();
    const row = marketing.locator('tbody tr', { hasText: 'Said yes to news' });
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual([cells[1], cells[2]], [String(before.count + 1), String(before.with_consent + 1)], 'members and members with consent: one more, her');
    await row.getByRole('button', { name: 'Show members: Said yes to news' }).click();
    const member = marketing.locator('section[aria-labelledby="sg-members"] tbody tr', { hasText: email });
    await member.waitFor();
    assert.match(await member.innerText(), /Nina Weber[\s\S]*yes/);
    await axe(console_, 'the console\'s segment and its members');
    await shot(console_, '6-segment');
    await console_.close();

    // 4. The manage link of her confirmation mail: the portal's "Refer a friend" with her code, her link and the coupon reward.
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`booking:${booking!.id}:confirmation`}`);
    const manage = new RegExp(`${api.origin}/manage/[A-Za-z0-9_-]{43}`).exec(String(mail!.text_body))?.[0];
    assert.ok(manage, 'the confirmation mail carries the manage link');
    await mine.close();
    const portal = await newPage();
    await portal.goto(manage);
    const panel = portal.locator('tandem-portal section.referral');
    await panel.waitFor();
    const [own] = await query(db.db, sql`select r.code from referral_codes r join customers c on c.id = r.customer_id where c.email = ${email}`);
    assert.ok(own, 'the confirmed booking gave her a referral code');
    assert.equal((await panel.locator('.code').innerText()).trim(), own.code);
    const shared = new URL(await panel.locator('#referral-link').inputValue());
    assert.equal(shared.searchParams.get('tandem-coupon'), own.code, 'her link carries her code to the studio\'s page');
    const said = (await panel.innerText()).replace(/\s+/g, ' ');
    assert.match(said, /you receive a coupon of your own: 20\s?% off a booking, valid for 60 days\./);
    assert.doesNotMatch(said, /credit/i);
    await axe(portal, 'the portal');
    await shot(portal, '7-portal-referral');
    await portal.close();
    assert.deepEqual(errors, [], 'no script errors on any page');
  });
});
