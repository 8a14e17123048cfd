/**
 * End to end, in Chromium: the demo studio's site → the widget (by script tag) → the API →
 * the database. A customer books EVOLVE (8 sessions) with a deposit and payment plan in test
 * mode, another books Reiki 1:1 by QR-bill; then the database holds the right order, lines,
 * VAT, plan and invoice; and a customer books SPLIT (6 weekly sessions) up to the reserved state.
 * Screenshots of each step go to tests/e2e/screenshots/.
 *
 * Needs Chromium (CHROME_PATH or /usr/bin/chromium) and the built widget (widget/dist);
 * `node tests/run.mjs e2e` builds the widget first, and runs this only where Chromium is.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
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
import { FLOW } from '../../demo/seed/index.ts';
import { mailedCode } from '../support/identity.ts';

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const widgetDir = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots', import.meta.url));
/** What is missing to run these, if anything: a missing precondition fails the suite rather than skipping it. */
const missing = !chromePath ? 'no Chromium (install chromium or set CHROME_PATH)' : !existsSync(`${widgetDir}/tandem.js`) ? 'the widget is not built (npm run build:widget)' : undefined;

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
  });
}

describe('e2e: booking and paying on the demo site', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let browser: Browser;
  let api: { server: ServerType; origin: string };
  let site: { server: ServerType; origin: string };

  before(async () => {
    if (missing) throw new Error(`cannot run the end-to-end tests: ${missing}`);
    mkdirSync(shots, { recursive: true });
    db = await freshDatabase();
    // The API first (its origin goes into the demo pages), then the site (its origin is allowed by the seed).
    let handler: (r: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    api = await listen((r) => handler(r));
    site = await listen(createDemoSite(api.origin).fetch);
    await seedDemo(db.db, { origins: [site.origin] });
    const app = createApp({
      db: db.db, now: () => new Date(), payments: testProvider(), mailer: localMailer(),
      config: { publicOrigin: api.origin, secret: 'e2e-secret-e2e-secret-e2e-secret', widgetDir, demo: true },
    });
    handler = app.fetch;
    browser = await chromium.launch({ executablePath: chromePath as string, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    api?.server.close();
    site?.server.close();
    await db?.close();
  });

  async function openProgram(slug: string): Promise<{ page: Page; widget: ReturnType<Page['locator']> }> {
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 }, locale: 'en-GB', timezoneId: 'Europe/Zurich' });
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.origin}/programs`);
    const widget = page.locator(`tandem-program[program="${slug}"]`);
    await widget.scrollIntoViewIfNeeded();
    await widget.locator('[part~="heading"]').first().waitFor();
    return { page, widget };
  }

  /** Picks the first day with free times and its first time. */
  /** The first free day's first time; `skipDays` passes over that many free days first (a QR-bill needs the session 3+ days away). */
  async function pickFirstSlot(widget: ReturnType<Page['locator']>, skipDays = 0) {
    await widget.locator('[part~="button-primary"]').first().click(); // choose a time
    let skip = skipDays;
    for (let month = 0; month < 3; month++) {
      const days = widget.locator('[part~="day"]:not([aria-disabled="true"])');
      await days.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      const free = await days.count();
      if (free > skip) {
        await days.nth(skip).click();
        await widget.locator('[part~="slot"]').first().click();
        return;
      }
      skip -= free;
      await widget.locator('[part="calendar"] [part~="button"]').last().click();
    }
    throw new Error('no free day in three months');
  }

  async function details(widget: ReturnType<Page['locator']>, name: string, email: string) {
    await widget.locator('input[autocomplete="name"]').fill(name);
    await widget.locator('input[autocomplete="email"]').fill(email);
    await widget.locator('[part~="button-primary"]').last().click(); // reserve these times
    await widget.locator('input[name="method"]').first().waitFor();
  }

  test('EVOLVE 8-session pack with deposit + plan, paid in test mode', async () => {
    const { page, widget } = await openProgram('evolve');
    await widget.locator('[part~="variant"]').filter({ hasText: '8-session' }).click();
    await pickFirstSlot(widget);
    await widget.locator('[part~="button-primary"]').last().click(); // continue to the intake form
    await widget.locator('textarea').first().fill('Find a job that fits my life better.');
    await widget.locator('input[type="radio"][name="experience"]').first().check(); // never
    await widget.locator('input[type="checkbox"][name="consent"]').check();
    await widget.locator('[part~="button-primary"]').last().click();
    await details(widget, 'Eva Evolve', 'eva.evolve@example.ch');
    await widget.locator('label.choice').filter({ hasText: /deposit/i }).click();
    await widget.locator('label.choice').filter({ hasText: /card/i }).click();
    await page.screenshot({ path: `${shots}/evolve-1-checkout.png`, fullPage: true });
    await widget.locator('[part~="button-primary"]').last().click(); // continue to payment
    await widget.locator('[part~="test-mode"]').waitFor();
    await page.screenshot({ path: `${shots}/evolve-2-test-mode.png`, fullPage: true });
    await widget.locator('[part~="test-mode"] [part~="button-primary"]').click(); // pay (test: succeeds)
    await widget.locator('[part~="heading"]').filter({ hasText: /booked/i }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${shots}/evolve-3-confirmed.png`, fullPage: true });
    await page.close();

    const [order] = await query(db.db, sql`select o.id, o.status::text as status, o.total, o.vat_total, o.amount_paid, b.status::text as booking
      from orders o join program_bookings b on b.id = o.booking_id join customers c on c.id = b.customer_id
      where c.email = 'eva.evolve@example.ch' and o.status <> 'cancelled'`);
    assert.deepEqual({ ...order, id: undefined }, { id: undefined, status: 'partially_paid', total: 108000, vat_total: 8093, amount_paid: 30000, booking: 'confirmed' });
    const lines = await query(db.db, sql`select description, amount, vat_rate_bp, vat_amount from order_items where order_id = ${order!.id}`);
    assert.deepEqual(lines.map((l) => ({ ...l })), [{ description: 'EVOLVE — holistic coaching — 8-session pack', amount: 108000, vat_rate_bp: 810, vat_amount: 8093 }]);
    const [plan] = await query(db.db, sql`select deposit, stripe_payment_method_id from payment_plans where order_id = ${order!.id}`);
    assert.equal(plan!.deposit, 30000);
    assert.ok(plan!.stripe_payment_method_id, 'the (test) card is kept for the installments');
    const installments = await query(db.db, sql`select amount from installments where order_id = ${order!.id} order by seq`);
    assert.deepEqual(installments.map((i) => i.amount), [26000, 26000, 26000]);
    const [invoice] = await query(db.db, sql`select number from invoices where order_id = ${order!.id}`);
    assert.ok(invoice);
    const [sessions] = await query(db.db, sql`select count(*)::int as n from program_sessions s join orders o on o.booking_id = s.booking_id where o.id = ${order!.id}`);
    assert.equal(sessions!.n, 8);
  });

  test('Reiki 1:1 by QR-bill: reserved with an invoice to download', async () => {
    const { page, widget } = await openProgram('reiki');
    await pickFirstSlot(widget, 3);
    await widget.locator('[part~="button-primary"]').last().click(); // continue (no intake form)
    await details(widget, 'Rita Reiki', 'rita.reiki@example.ch');
    await widget.locator('label.choice').filter({ hasText: /QR-bill/i }).click();
    await page.screenshot({ path: `${shots}/reiki-1-checkout.png`, fullPage: true });
    await widget.locator('[part~="button-primary"]').last().click();
    // A bank-transfer invoice holds the times for days and is mailed: the widget asks for the code sent to the address first.
    const proof = widget.locator('[part~="identity"]');
    await proof.waitFor({ timeout: 15_000 });
    await proof.locator('[part~="button-primary"]').click();
    const input = proof.locator('input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(await mailedCode(db.db, 'rita.reiki@example.ch'));
    await page.screenshot({ path: `${shots}/reiki-1b-code.png`, fullPage: true });
    await proof.locator('[part~="button-primary"]').click();
    const link = widget.locator('[part~="invoice"] a');
    await link.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${shots}/reiki-2-invoice.png`, fullPage: true });
    const href = await link.getAttribute('href');
    const pdf = await fetch(href!);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    await page.close();

    const [order] = await query(db.db, sql`select o.id, o.status::text as status, o.total, o.vat_total, o.rounding_adjustment, b.status::text as booking, b.hold_expires_at
      from orders o join program_bookings b on b.id = o.booking_id join customers c on c.id = b.customer_id where c.email = 'rita.reiki@example.ch'`);
    assert.deepEqual({ ...order, id: undefined, hold_expires_at: undefined }, { id: undefined, status: 'pending', total: 14000, vat_total: 1049, rounding_adjustment: 0, booking: 'reserved', hold_expires_at: undefined });
    assert.ok(new Date(order!.hold_expires_at as string).getTime() > Date.now() + 4 * 86_400_000, 'held for the transfer (5 days)');
    const [invoice] = await query(db.db, sql`select number, reference_type from invoices where order_id = ${order!.id}`);
    assert.equal(invoice!.reference_type, 'QRR');
  });

  test('SPLIT: six weekly sessions at the same local time, up to the reserved state', async () => {
    const { page, widget } = await openProgram('split');
    await page.screenshot({ path: `${shots}/split-1-program.png`, fullPage: true });
    await pickFirstSlot(widget);
    await widget.locator('[part~="session"]').nth(5).waitFor();
    assert.equal(await widget.locator('[part~="session"]').count(), 6, 'the six weekly dates are listed');
    await page.screenshot({ path: `${shots}/split-2-times.png`, fullPage: true });
    await widget.locator('[part~="button-primary"]').last().click(); // continue to the intake form
    await widget.locator('input[type="radio"][name="level"]').first().check();
    await page.screenshot({ path: `${shots}/split-3-intake.png`, fullPage: true });
    await widget.locator('[part~="button-primary"]').last().click();
    await widget.locator('input[autocomplete="name"]').fill('Lea Split');
    await widget.locator('input[autocomplete="email"]').fill('lea.split@example.ch');
    await page.screenshot({ path: `${shots}/split-4-details.png`, fullPage: true });
    await widget.locator('[part~="button-primary"]').last().click(); // reserve these times
    await widget.locator('input[name="method"]').first().waitFor();
    await page.screenshot({ path: `${shots}/split-5-reserved.png`, fullPage: true });
    await page.close();

    const [booking] = await query(db.db, sql`select b.id, b.status::text as status, b.hold_expires_at from program_bookings b
      join customers c on c.id = b.customer_id where c.email = 'lea.split@example.ch'`);
    assert.equal(booking!.status, 'reserved');
    assert.ok(new Date(booking!.hold_expires_at as string).getTime() > Date.now(), 'the hold runs');
    const sessions = await query(db.db, sql`select to_char(starts_at at time zone 'Europe/Zurich', 'YYYY-MM-DD HH24:MI') as local from program_sessions
      where booking_id = ${booking!.id} order by seq`);
    assert.equal(sessions.length, 6);
    const times = new Set(sessions.map((s) => String(s.local).slice(11)));
    assert.equal(times.size, 1, `same local time every week: ${sessions.map((s) => s.local).join(', ')}`);
    const days = sessions.map((s) => Date.parse(`${String(s.local).slice(0, 10)}T00:00:00Z`));
    for (let i = 1; i < days.length; i++) assert.equal(days[i]! - days[i - 1]!, 7 * 86_400_000, 'one week apart');
    const [blocks] = await query(db.db, sql`select count(*)::int as n from schedule_blocks k join program_sessions s on s.id = k.session_id
      where s.booking_id = ${booking!.id} and k.status = 'held'`);
    assert.equal(blocks!.n, 6, 'each session holds its time');
  });
  test('SPLIT: a clash in week 3 resolved at the time step, and a reload on the payment step that resumes', async () => {
    // The first time the widget will offer, and Luca away in its third week.
    const { variants: [variant] } = await (await fetch(`${api.origin}/v1/embed/programs/split`, { headers: { Authorization: 'Bearer pk_test_flow', Origin: site.origin } })).json() as { variants: { id: string }[] };
    let first: string | undefined;
    for (let m = 0; m < 3 && !first; m++) {
      const from = new Date(Date.now() + m * 31 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + (m * 31 + 30) * 86_400_000).toISOString().slice(0, 10);
      const r = await (await fetch(`${api.origin}/v1/embed/programs/split/slots?from=${from}&to=${to}&tz=Europe/Zurich&variant=${variant!.id}`, { headers: { Authorization: 'Bearer pk_test_flow', Origin: site.origin } })).json() as { days: { slots: { start: string }[] }[] };
      first = r.days.find((d) => d.slots.length)?.slots[0]?.start;
    }
    assert.ok(first, 'SPLIT has a free time');
    const week3 = Date.parse(first) + 14 * 86_400_000;
    await db.db.execute(sql`insert into schedule_blocks (org_id, kind, status, instructor_id, during, timezone)
      values (${FLOW.org}, 'time_off', 'active', ${FLOW.luca}, tstzrange(${new Date(week3).toISOString()}::timestamptz, ${new Date(week3 + 60 * 60_000).toISOString()}::timestamptz, '[)'), 'Europe/Zurich')`);

    const { page, widget } = await openProgram('split');
    await pickFirstSlot(widget);
    // The series is checked before anything is typed: week 3 is marked, with alternatives, and Continue waits.
    const clash = widget.locator('[part~="session"].conflict');
    await clash.waitFor();
    assert.match(await clash.innerText(), /Session 3/);
    assert.equal(await widget.locator('[part~="button-primary"]').last().getAttribute('aria-disabled'), 'true');
    await page.screenshot({ path: `${shots}/split-clash-1-week3.png`, fullPage: true });
    await clash.locator('button').first().click(); // the nearest alternative
    await widget.locator('[part~="session"].conflict').waitFor({ state: 'detached' });
    assert.equal(await widget.locator('[part~="button-primary"]').last().getAttribute('aria-disabled'), 'false');
    await widget.locator('[part~="button-primary"]').last().click(); // continue to the intake form
    await widget.locator('input[type="radio"][name="level"]').first().check();
    await widget.locator('[part~="button-primary"]').last().click();
    await details(widget, 'Clara Clash', 'clara.clash@example.ch');
    await page.screenshot({ path: `${shots}/split-clash-2-payment.png`, fullPage: true });

    // A reload on the payment step: back at the payment, with the same booking.
    await page.reload();
    const again = page.locator('tandem-program[program="split"]');
    await again.locator('input[name="method"]').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${shots}/split-clash-3-after-reload.png`, fullPage: true });
    await again.locator('label.choice').filter({ hasText: /card/i }).click();
    await again.locator('[part~="button-primary"]').last().click(); // continue to payment
    await again.locator('[part~="test-mode"] [part~="button-primary"]').click();
    await again.locator('[part~="heading"]').filter({ hasText: /booked/i }).waitFor({ timeout: 15_000 });
    await page.close();

    const bookings = await query(db.db, sql`select b.id, b.status::text as status from program_bookings b join customers c on c.id = b.customer_id where c.email = 'clara.clash@example.ch'`);
    assert.deepEqual(bookings.map((b) => b.status), ['confirmed'], 'one booking: the reload resumed it');
    const sessions = await query(db.db, sql`select starts_at from program_sessions where booking_id = ${bookings[0]!.id} order by seq`);
    assert.equal(sessions.length, 6);
    const starts = sessions.map((x) => new Date(x.starts_at as string).getTime());
    assert.equal(starts[0], Date.parse(first));
    assert.notEqual(starts[2], week3, 'week 3 moved to the alternative');
    assert.ok(Math.abs(starts[2]! - week3) <= 3 * 86_400_000, 'an alternative near the wanted time');
  });
});
