/**
 * End to end, in Chromium: a studio runs Tandem itself, from sign-up to a refund. On a fresh
 * database (PGlite, the demo seed beside it), a new studio signs up at /admin/signup; the owner
 * reads the code in the dev outbox (/dev/outbox) and is signed in on the onboarding checklist;
 * fills in the profile (QR-IBAN, not registered for VAT), allows the studio's own website (a
 * second origin), makes a publishable key, invites two instructors and a manager from Settings and
 * enters the first instructor's weekly hours; creates a 4-session program with the wizard (a new
 * category, online delivery, two variants, an intake question, a milestone) and publishes it;
 * copies the embed snippet from the checklist (clipboard) and sees the live preview; the studio's
 * site serves that snippet and a customer books the 4-session pack there and pays by card in test
 * mode. The instructor signs in with her own code, sees the booking in her pipeline, moves the
 * first session to half an hour from now (as staff, outside the notice: check-in opens an hour
 * before a session starts), checks the customer in and logs the milestone. The second instructor
 * signs in and finds neither the booking in her pipeline nor its detail (404). The owner finds it
 * in the pipeline and in Customers (with the intake answer; erasing is refused while the booking
 * is live). The manager signs in and refunds the second session by quote: its share goes back to
 * the card, a credit note is issued, the booking goes on. The console's views are checked with
 * axe; the database holds what the screens said.
 *
 * Not covered here: the German console (these views are English), the owner's whole cancellation
 * (tests/api/settlement and the console's own tests).
 *
 * Needs Chromium (CHROME_PATH or /usr/bin/chromium) and the built widget (npm run build:widget).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import { freshDatabase } from '../support/database.ts';
import { query } from '../support/booking.ts';

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const widgetDir = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots', import.meta.url));
const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const missing = !chromePath ? 'no Chromium (install chromium or set CHROME_PATH)' : !existsSync(`${widgetDir}/tandem-admin.js`) ? 'the console is not built (npm run build:widget)' : undefined;

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ server: ServerType; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
  });
}

describe('e2e: a studio signs up, sets itself up, sells a program and refunds it', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let browser: Browser;
  let api: { server: ServerType; origin: string };
  let site: { server: ServerType; origin: string };
  /** The studio's own website: whatever the owner pasted (the snippet copied from the console). */
  let sitePage = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atelier Süd</title></head><body><h1>Atelier Süd</h1></body></html>';
  const owner = `lena.${randomUUID().slice(0, 8)}@atelier-sued.example`;
  const instructor = `noemi.${randomUUID().slice(0, 8)}@atelier-sued.example`;
  const instructorB = `mara.${randomUUID().slice(0, 8)}@atelier-sued.example`;
  const manager = `mia.${randomUUID().slice(0, 8)}@atelier-sued.example`;
  const customer = `ana.${randomUUID().slice(0, 8)}@example.ch`;
  let console_: Page;
  const errors: string[] = [];

  before(async () => {
    if (missing) throw new Error(`cannot run the end-to-end tests: ${missing}`);
    mkdirSync(shots, { recursive: true });
    db = await freshDatabase();
    await seedDemo(db.db, { origins: ['http://localhost:8788'] });
    let handler: (r: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    api = await listen((r) => handler(r));
    handler = createApp({
      db: db.db, now: () => new Date(), payments: testProvider(), mailer: localMailer(),
      config: { publicOrigin: api.origin, secret: 'e2e-secret-e2e-secret-e2e-secret', widgetDir, demo: true },
    }).fetch;
    site = await listen(() => new Response(sitePage, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
    browser = await chromium.launch({ executablePath: chromePath as string, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'en-GB', timezoneId: 'Europe/Zurich', permissions: ['clipboard-read', 'clipboard-write'] });
    console_ = await context.newPage();
    console_.on('pageerror', (e) => errors.push(e.message));
    console_.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    api?.server.close();
    site?.server.close();
    await db?.close();
  });

  async function axe(page: Page, view: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => (await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `axe on ${view}`);
  }
  const nav = (name: string) => console_.locator('tandem-admin nav[aria-label="Studio console"] button', { hasText: name });
  const wizard = () => console_.locator('tandem-admin-wizard');
  async function saveStep(next: string): Promise<void> {
    await wizard().locator('form button[type="submit"]', { hasText: 'Save draft' }).click();
    await wizard().locator('#step-heading', { hasText: next }).waitFor();
  }

  /** The first day with free times (over up to three months), and its first time. */
  async function pickFirstSlot(page: Page, widget: Locator): Promise<void> {
    for (let month = 0; month < 3; month++) {
      const days = widget.locator('[part~="day"]:not([aria-disabled="true"])');
      await days.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      if (await days.count()) {
        await days.first().click();
        await widget.locator('[part~="slot"]').first().click();
        return;
      }
      await widget.locator('[part="calendar"] [part~="button"]').last().click();
    }
    await page.screenshot({ path: `${shots}/studio-no-slot.png`, fullPage: true });
    throw new Error('no free day in three months');
  }

  test('sign-up at /admin/signup, the code read from the dev outbox, signed in on the checklist', async () => {
    await console_.goto(`${api.origin}/admin/signup`);
    const form = console_.locator('tandem-admin-signup');
    await form.locator('#su-studio_name').fill('Atelier Süd');
    await form.locator('#su-owner_name').fill('Lena Süd');
    await form.locator('#su-email').fill(owner);
    await form.locator('#su-country').selectOption('CH');
    await form.locator('#su-language').selectOption('de');
    await form.locator('#su-timezone').selectOption('Europe/Zurich');
    assert.equal(await form.locator('#su-currency').inputValue(), 'CHF');
    await axe(console_, 'sign-up');
    await console_.screenshot({ path: `${shots}/studio-1-signup.png`, fullPage: true });
    await form.getByRole('button', { name: 'Create the studio' }).click();
    await form.locator('#su-code').waitFor();

    // The code, as a person running the demo reads it: the dev outbox in another tab.
    const outbox = await console_.context().newPage();
    await outbox.goto(`${api.origin}/dev/outbox`);
    await outbox.locator('tr', { hasText: owner }).first().locator('a').first().click();
    const code = /\b(\d{6})\b/.exec(await outbox.locator('body').innerText())?.[1];
    assert.ok(code, 'the sign-up mail in the outbox carries a 6-digit code');
    await outbox.close();

    await form.locator('#su-code').fill(code);
    await form.getByRole('button', { name: 'Confirm and sign in' }).click();
    await console_.locator('tandem-admin-onboarding ol.checklist').waitFor();
    assert.match(await console_.locator('tandem-admin h1').innerText(), /Atelier Süd/);
    const [org] = await query(db.db, sql`select o.name, o.currency, o.default_locale, o.timezone, s.role::text as role, s.is_active from orgs o join staff s on s.org_id = o.id where s.email = ${owner}`);
    assert.deepEqual({ ...org }, { name: 'Atelier Süd', currency: 'CHF', default_locale: 'de', timezone: 'Europe/Zurich', role: 'owner', is_active: true });
    await axe(console_, 'onboarding');
  });

  test('onboarding: profile, the website allowed, a publishable key, weekly hours', async () => {
    const ob = console_.locator('tandem-admin-onboarding');
    await ob.locator('#ob-legal_name').fill('Atelier Süd GmbH');
    await ob.locator('#ob-street').fill('Seestrasse');
    await ob.locator('#ob-building_number').fill('5');
    await ob.locator('#ob-postal_code').fill('8002');
    await ob.locator('#ob-city').fill('Zürich');
    await ob.locator('input[name="account_kind"][value="qr_iban"]').check();
    await ob.locator('#ob-account').fill('CH44 3199 9123 0008 8901 2');
    await ob.getByRole('button', { name: 'Save profile' }).click();
    await ob.getByText('Profile saved.').waitFor();
    await ob.locator('#ob-origin').fill(site.origin);
    await ob.getByRole('button', { name: 'Allow this website' }).click();
    await ob.getByText('Website allowed.').waitFor();
    await ob.getByRole('button', { name: 'Create a publishable key' }).click();
    await ob.locator('pre code').waitFor();
    const states = await ob.locator('ol.checklist h3').allInnerTexts();
    assert.deepEqual(states.map((s) => s.replace(/\s+/g, ' ')), ['Studio profile · Done', 'First program · To do', 'Availability · To do', 'Your website · Done', 'Payments · Done',
      'The booking widget on your site · Done']);
    const [billing] = await query(db.db, sql`select o.billing from orgs o join staff s on s.org_id = o.id where s.email = ${owner}`);
    assert.deepEqual(billing!.billing, { legal_name: 'Atelier Süd GmbH', street: 'Seestrasse', building_number: '5', postal_code: '8002', city: 'Zürich', country: 'CH', qr_iban: 'CH4431999123000889012' });
    await console_.screenshot({ path: `${shots}/studio-2-onboarding.png`, fullPage: true });

    // The studio's first instructor, invited from Settings (a customer books instructors; see the report on owners who teach).
    await nav('Settings').click();
    const settings = console_.locator('tandem-admin-settings');
    await settings.getByRole('button', { name: 'Staff', exact: true }).click();
    await settings.locator('#inv-name').fill('Noemi Frei');
    await settings.locator('#inv-email').fill(instructor);
    await settings.locator('#inv-role').selectOption('instructor');
    await settings.getByRole('button', { name: 'Send the invitation' }).click();
    await settings.getByText('Invited: they can sign in with this address.').waitFor();
    await settings.locator('tbody tr', { hasText: 'Noemi Frei' }).waitFor();
    // A second instructor (who will not conduct the booking) and a manager.
    for (const [name, email, role] of [['Mara Vogt', instructorB, 'instructor'], ['Mia Meier', manager, 'manager']] as const) {
      await settings.locator('#inv-name').fill(name);
      await settings.locator('#inv-email').fill(email);
      await settings.locator('#inv-role').selectOption(role);
      await settings.getByRole('button', { name: 'Send the invitation' }).click();
      await settings.locator('tbody tr', { hasText: name }).waitFor();
    }
    await axe(console_, 'settings: staff');

    // Her weekly hours, Monday to Sunday 08:00–20:00, from the checklist's link.
    await nav('Setup').click();
    await ob.getByRole('button', { name: 'Open availability' }).click();
    const av = console_.locator('tandem-admin-availability');
    await av.locator('table.week').waitFor();
    await av.locator('#av-instructor').selectOption({ label: 'Noemi Frei' });
    await av.locator('table.week caption', { hasText: 'Noemi Frei' }).waitFor();
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await av.getByRole('button', { name: `Add hours: ${day}` }).click();
    for (const input of await av.locator('input[id$="-start"][type="time"]').all()) await input.fill('08:00');
    for (const input of await av.locator('input[id$="-end"][type="time"]').all()) await input.fill('20:00');
    await av.getByRole('button', { name: 'Save weekly hours' }).click();
    await av.getByText('Saved.').waitFor();
    const [hours] = await query(db.db, sql`select count(*)::int as n from availability_rules r join staff s on s.id = r.instructor_id where s.email = ${instructor} and r.kind = 'weekly'`);
    assert.equal(hours!.n, 7);
    await axe(console_, 'availability');
  });

  test('a 4-session program with the wizard: two variants, an intake question, a milestone, published', async () => {
    await nav('Programs').click();
    await console_.locator('#np-title').fill('Atem in vier Wochen');
    await console_.locator('#np-slug').fill('atem');
    await console_.getByRole('button', { name: 'Create draft' }).click();
    await wizard().locator('#w-summary').waitFor();
    await wizard().locator('#w-newcat').fill('breathwork');
    await wizard().locator('#w-newcat-label').fill('Breathwork');
    await wizard().getByRole('button', { name: 'Add category' }).click();
    await wizard().locator('#w-category option[value="breathwork"]').waitFor({ state: 'attached' });
    await wizard().locator('#w-category').selectOption('breathwork');
    await wizard().locator('#w-summary').fill('Four weekly sessions to breathe calmly.');
    await wizard().locator('#w-desc').fill('**Breathe** slowly, week by week.');
    await saveStep('Delivery');
    await wizard().locator('input[name="delivery_mode"][value="online"]').check();
    await wizard().locator('#w-url').fill('https://meet.example/atem');
    await wizard().locator('#w-length').fill('60');
    await wizard().locator('input[name="multi"]').check();
    await wizard().locator('#w-count').fill('4');
    await wizard().getByLabel('Noemi Frei').check();
    await saveStep('Variants');
    await wizard().locator('#v0-name').fill('4-session pack');
    await wizard().locator('#v0-price').fill('320');
    await wizard().locator('#v0-sessions').fill('4');
    await wizard().getByRole('button', { name: 'Add a variant' }).click();
    await wizard().locator('#v1-name').fill('4 sessions, reduced');
    await wizard().locator('#v1-price').fill('240');
    await wizard().locator('#v1-sessions').fill('4');
    await saveStep('Intake form');
    await wizard().getByRole('button', { name: 'Add a question' }).click();
    await wizard().locator('#q0-label-en').fill('What brings you here?');
    await saveStep('Milestones');
    await wizard().getByRole('button', { name: 'Add a milestone' }).click();
    await wizard().locator('#m0-name').fill('A calm morning breath');
    await wizard().locator('#m0-due').fill('7');
    await saveStep('Policies');
    await saveStep('Languages');
    await saveStep('Publish');
    await axe(console_, 'the wizard');
    await wizard().getByRole('button', { name: 'Publish', exact: true }).click();
    await wizard().getByText('Published.').waitFor();
    const [p] = await query(db.db, sql`select p.status::text as status, p.is_multi_session, p.default_sessions_count, count(distinct v.id)::int as variants, count(distinct m.id)::int as milestones
      from programs p join program_variants v on v.program_id = p.id left join program_milestones m on m.program_id = p.id where p.slug = 'atem' group by p.id`);
    assert.deepEqual({ ...p }, { status: 'published', is_multi_session: true, default_sessions_count: 4, variants: 2, milestones: 1 });
  });

  test('the embed snippet, copied from the checklist, on the studio\'s own site: a customer books the pack and pays by card (test mode)', async () => {
    await nav('Setup').click();
    const ob = console_.locator('tandem-admin-onboarding');
    await ob.getByRole('button', { name: 'Copy the snippet' }).click();
    await ob.getByText('Snippet copied.').waitFor();
    const snippet = await console_.evaluate(() => navigator.clipboard.readText());
    assert.match(snippet, /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/widget\/tandem\.js"><\/script>\n<tandem-program key="pk_live_[^"]+" program="atem"><\/tandem-program>$/);
    // The live preview is the widget itself, for this program.
    await ob.getByRole('button', { name: 'Show a live preview' }).click();
    await ob.locator('#embed-preview tandem-program [part~="heading"]').first().waitFor();
    await console_.screenshot({ path: `${shots}/studio-3-embed.png`, fullPage: true });

    sitePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atelier Süd</title></head><body><main><h1>Atelier Süd</h1>\n${snippet}\n</main></body></html>`;
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 }, locale: 'en-GB', timezoneId: 'Europe/Zurich' });
    page.on('pageerror', (e) => errors.push(`[site] ${e.message}`));
    page.setDefaultTimeout(15_000);
    await page.goto(site.origin);
    const widget = page.locator('tandem-program');
    await widget.locator('[part~="heading"]').first().waitFor();
    await widget.locator('[part~="variant"]').filter({ hasText: '4-session pack' }).click();
    await widget.locator('[part~="button-primary"]').first().click(); // choose a time
    await pickFirstSlot(page, widget);
    await widget.locator('[part~="button-primary"]').last().click(); // continue to the intake form
    await widget.locator('input, textarea').first().fill('Calmer mornings.');
    await widget.locator('[part~="button-primary"]').last().click();
    await widget.locator('input[autocomplete="name"]').fill('Ana Muster');
    await widget.locator('input[autocomplete="email"]').fill(customer);
    await widget.locator('[part~="button-primary"]').last().click(); // reserve
    await widget.locator('input[name="method"]').first().waitFor();
    await widget.locator('label.choice').filter({ hasText: /card/i }).click();
    await widget.locator('[part~="button-primary"]').last().click();
    await widget.locator('[part~="test-mode"] [part~="button-primary"]').click();
    await widget.locator('[part~="heading"]').filter({ hasText: /booked/i }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${shots}/studio-4-booked.png`, fullPage: true });
    await page.close();
    const [b] = await query(db.db, sql`select b.status::text as status, o.status::text as order_status, o.total, count(s.id)::int as sessions from program_bookings b
      join customers c on c.id = b.customer_id join orders o on o.booking_id = b.id join program_sessions s on s.booking_id = b.id where c.email = ${customer} group by b.id, o.id`);
    assert.deepEqual({ ...b }, { status: 'confirmed', order_status: 'paid', total: 32000, sessions: 4 });
  });

  /** A staff member signs in at /admin in a browser of their own, with the code read from the dev outbox. */
  async function signInAs(email: string, who: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'en-GB', timezoneId: 'Europe/Zurich' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`[${who}] ${e.message}`));
    page.setDefaultTimeout(15_000);
    await page.goto(`${api.origin}/admin`);
    await page.locator('tandem-admin #email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.locator('tandem-admin #code').waitFor();
    const outbox = await context.newPage();
    await outbox.goto(`${api.origin}/dev/outbox`);
    await outbox.locator('tr', { hasText: email }).filter({ hasText: /code/i }).first().locator('a').first().click();
    const code = /\b(\d{6})\b/.exec(await outbox.locator('body').innerText())?.[1];
    assert.ok(code, 'the sign-in mail carries a code');
    await outbox.close();
    await page.locator('tandem-admin #code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.locator('tandem-admin .board').waitFor();
    return { page, close: () => context.close() };
  }

  /** The customer's booking and its sessions, as the database holds them. */
  async function theBooking() {
    const sessions = await query(db.db, sql`select b.id as booking_id, b.status::text as status, s.id, s.seq, s.starts_at, s.check_in_at from program_bookings b
      join customers c on c.id = b.customer_id join program_sessions s on s.booking_id = b.id where c.email = ${customer} order by s.seq`);
    return { id: String(sessions[0]!.booking_id), status: String(sessions[0]!.status), sessions };
  }

  test('the instructor signs in, sees the booking, moves the first session to half an hour from now, checks the customer in and logs the milestone', async () => {
    const { page, close } = await signInAs(instructor, 'instructor');
    const card = page.locator('.board section', { hasText: 'Confirmed' }).locator('li button', { hasText: 'Ana Muster' });
    await card.waitFor();
    // An instructor has no setup, no money settings: the checklist is not in her menu.
    assert.equal(await page.locator('tandem-admin nav button', { hasText: 'Setup' }).count(), 0);
    await card.click();
    await page.locator('tandem-admin h2', { hasText: 'Ana Muster' }).waitFor();

    // Check-in opens an hour before a session starts: the first session is moved to half an hour from now,
    // as staff may (outside the hours and the notice), in the console's own form (the browser's zone is Zurich's).
    const soon = new Date(Date.now() + 30 * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(soon).replace(' ', 'T');
    const actions = page.locator('tandem-admin-booking-actions');
    await actions.getByRole('button', { name: 'Move #1' }).click();
    await actions.locator('input[type="datetime-local"][name="at"]').fill(local);
    await actions.locator('form:has(input[name="at"])').getByLabel('Outside the hours and notice (staff)').check();
    await actions.getByRole('button', { name: 'Move session' }).click();
    await actions.getByText('Moved.').waitFor();
    const moved = await theBooking();
    assert.equal(new Date(String(moved.sessions[0]!.starts_at)).toISOString().slice(0, 16), soon.toISOString().slice(0, 16));

    await actions.getByRole('button', { name: 'Check in #1' }).click();
    await actions.getByText('Checked in.').waitFor();
    assert.ok((await theBooking()).sessions[0]!.check_in_at, 'the first session has its check-in time');

    const record = page.locator('tandem-admin-booking-record');
    await record.getByRole('button', { name: 'Log: A calm morning breath' }).click();
    await record.getByLabel('Done', { exact: true }).check();
    await record.locator('textarea[name="notes"]').fill('Breathed calmly for ten minutes.');
    await record.getByRole('button', { name: 'Save the progress' }).click();
    await record.getByText('Progress saved.').waitFor();
    const [progress] = await query(db.db, sql`select p.completed_at, p.notes_md from program_progress p join program_milestones m on m.id = p.milestone_id
      where p.booking_id = ${moved.id} and m.name = 'A calm morning breath'`);
    assert.ok(progress?.completed_at, 'the milestone is done');
    assert.equal(progress!.notes_md, 'Breathed calmly for ten minutes.');
    await axe(page, 'the instructor\'s booking');
    await page.screenshot({ path: `${shots}/studio-5-check-in.png`, fullPage: true });
    await close();
  });

  test('the second instructor of the studio signs in and cannot see the booking: not in her pipeline, and its detail is 404', async () => {
    const { page, close } = await signInAs(instructorB, 'instructor B');
    assert.equal(await page.locator('.board li button', { hasText: 'Ana Muster' }).count(), 0);
    const { id } = await theBooking();
    const status = await page.evaluate(async (path) => (await fetch(path, { credentials: 'same-origin' })).status, `/v1/admin/bookings/${id}`);
    assert.equal(status, 404);
    await close();
  });

  test('the owner finds the booking in the pipeline and in Customers (erasing refused while it is live)', async () => {
    await nav('Bookings').click();
    const card = console_.locator('.board section', { hasText: /Confirmed|In progress/ }).locator('li button', { hasText: 'Ana Muster' });
    await card.click();
    await console_.locator('tandem-admin h2', { hasText: 'Ana Muster' }).waitFor();
    await axe(console_, 'the booking');

    await nav('Customers').click();
    const cu = console_.locator('tandem-admin-customers');
    await cu.locator('#cu-q').fill('ana');
    await cu.getByRole('button', { name: 'Search' }).click();
    await cu.getByRole('button', { name: 'Ana Muster' }).click();
    await cu.locator('section.booking').waitFor();
    assert.match(await cu.locator('section.booking').innerText(), /What brings you here\?\s*Calmer mornings\./);
    await axe(console_, 'the customer');
    await cu.getByRole('button', { name: 'Erase personal data…' }).click();
    await cu.getByRole('button', { name: 'Erase for good' }).click();
    await cu.getByText('These bookings are not over yet').waitFor();
  });

  test('the manager signs in and refunds the second session by quote: its share back to the card, a credit note, the booking goes on', async () => {
    const { page, close } = await signInAs(manager, 'manager');
    await page.locator('.board li button', { hasText: 'Ana Muster' }).first().click();
    await page.locator('tandem-admin h2', { hasText: 'Ana Muster' }).waitFor();
    const refund = page.locator('tandem-admin-refund');
    await refund.getByRole('button', { name: 'Refund…' }).click();
    await refund.getByLabel('By quote: sessions\' shares').check();
    await refund.locator('input[name="session"]').nth(1).check();
    await refund.locator('#refund-reason').fill('The online room failed in week 2');
    await refund.getByRole('button', { name: 'Show the quote' }).click();
    const quote = refund.locator('#refund-quote');
    await quote.waitFor();
    // One line: the second session's share of the CHF 320 pack, nothing of it refunded before.
    const cells = (await quote.locator('tbody tr td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.match(cells[0]!, /^2 · /);
    assert.deepEqual(cells.slice(1), ['CHF 80.00', 'CHF 0.00', 'CHF 80.00']);
    await axe(page, 'the refund quote');
    await page.screenshot({ path: `${shots}/studio-6-refund-quote.png`, fullPage: true });
    await refund.getByRole('button', { name: /^Refund CHF\s80\.00$/ }).click();
    await refund.getByText(/CHF\s80\.00 refunded/).waitFor();
    const b = await theBooking();
    const refunds = await query(db.db, sql`select r.amount, r.session_id, r.kind from refunds r where r.booking_id = ${b.id}`);
    assert.deepEqual(refunds.map((r) => ({ ...r })), [{ amount: 8000, session_id: b.sessions[1]!.id, kind: 'provider' }], 'one refund of the second session\'s share, to the card');
    assert.ok(['confirmed', 'in_progress'].includes(b.status), `the booking goes on (${b.status})`);
    const [note] = await query(db.db, sql`select count(*)::int as n, sum(cn.total)::int as total from credit_notes cn join orders o on o.id = cn.order_id where o.booking_id = ${b.id}`);
    assert.deepEqual({ ...note }, { n: 1, total: 8000 }, 'a credit note for the refunded share');
    await close();
    assert.deepEqual(errors, []);
  });
});
