/**
 * End to end, in Chromium: a customer who bought SPLIT (six weekly sessions, "schedule the rest
 * later", paid by card in test mode) opens the manage link from the confirmation mail in the
 * outbox, books the remaining five sessions at once from one first date with the booking widget's
 * time step inside `<tandem-portal>`, moves the series a week later, cancels one session inside the
 * free window (it goes back to "to schedule"), uploads a homework PDF for the first milestone (stored
 * once, the instructor mailed, the download the same bytes), writes to the instructor, downloads the invoice and
 * one session's calendar file, cancels one session late (a day later on the server's clock: its fee
 * kept), cancels the booking by the quote shown line by line and downloads the credit note. Every
 * view is checked with axe; the database and the outbox hold what the screens said. Screenshots go
 * to tests/e2e/screenshots/.
 *
 * Needs Chromium (CHROME_PATH or /usr/bin/chromium) and the built widget (npm run build:widget).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { seedDemo } from '../../demo/seed/index.ts';
import { localMailer } from '../../server/platform/adapters/mail/mailer.ts';
import { testProvider } from '../../server/platform/adapters/payments/test-provider.ts';
import { localStorage } from '../../server/platform/adapters/storage/local-storage.ts';
import { freshDatabase } from '../support/database.ts';
import { query } from '../support/booking.ts';

const chromePath = process.env.CHROME_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const widgetDir = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots', import.meta.url));
const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const missing = !chromePath ? 'no Chromium (install chromium or set CHROME_PATH)' : !existsSync(`${widgetDir}/tandem-portal.js`) ? 'the portal is not built (npm run build:widget)' : undefined;

const DAY = 86_400_000;
/** The Wednesday at least `days` ahead, 08:00 Zürich in winter (Luca teaches SPLIT Tuesday to Saturday mornings). */
function wednesdayAhead(days: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7));
  return new Date(`${d.toISOString().slice(0, 10)}T07:00:00.000Z`);
}
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

describe('e2e: the customer\'s portal behind the manage link', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let browser: Browser;
  let api: { server: ServerType; origin: string };
  const email = `ana.${randomUUID().slice(0, 8)}@example.ch`;
  let bookingId = '';
  const uploads = mkdtempSync(join(tmpdir(), 'tandem-e2e-uploads-'));
  /** Every file under the upload directory, as paths relative to it. */
  const storedObjects = (dir = uploads, prefix = ''): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? storedObjects(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
  /** The server's clock runs this far ahead of the real one (the late cancellation). */
  let ahead = 0;

  before(async () => {
    if (missing) throw new Error(`cannot run the end-to-end tests: ${missing}`);
    mkdirSync(shots, { recursive: true });
    db = await freshDatabase();
    await seedDemo(db.db, { origins: ['http://localhost:8788'] });
    let handler: (r: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    api = await new Promise((resolve) => {
      const server = serve({ fetch: (r) => handler(r), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, origin: `http://127.0.0.1:${info.port}` }));
    });
    handler = createApp({
      db: db.db, now: () => new Date(Date.now() + ahead), payments: testProvider(), mailer: localMailer(), storage: localStorage(uploads),
      config: { publicOrigin: api.origin, secret: 'e2e-secret-e2e-secret-e2e-secret', widgetDir, demo: true },
    }).fetch;
    browser = await chromium.launch({ executablePath: chromePath as string, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    api?.server.close();
    await db?.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  const call = async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(api.origin + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: 'Bearer pk_test_flow', 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<Record<string, any>>;
  };
  async function axe(page: Page, view: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => (await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `axe on ${view}`);
  }
  const sessions = () => query(db.db, sql`select seq, starts_at, status from program_sessions where booking_id = ${bookingId} order by seq`);

  /** Picks `day` in the time step (moving months as needed) and its first free time, then confirms. */
  async function pickDay(page: Page, day: Date): Promise<void> {
    const step = page.locator('tandem-time-step');
    await step.locator('h2').waitFor();
    const cell = step.locator(`tandem-calendar button[data-date="${dateOf(day)}"]`);
    for (let i = 0; i < 4 && !(await cell.count()); i++) await step.locator('tandem-calendar button.nav').last().click();
    await cell.click();
    await step.locator('button.slot').first().click();
    await step.getByRole('button', { name: 'Weiter' }).click();
    await step.waitFor({ state: 'detached' });
  }

  test('book SPLIT to schedule later, pay, open the manage link from the mail, book the rest, move the series, cancel, download', async () => {
    // The booking as the widget makes it (its own e2e covers the widget's screens): the first session only, paid by card.
    const first = wednesdayAhead(10);
    const split = await call('/v1/embed/programs/split');
    const b = await call('/v1/embed/bookings', { program: 'split', variant: split.variants[0].id, customer: { name: 'Ana Muster', email, locale: 'de', timezone: 'Europe/Zurich' }, sessions: { mode: 'later', first_start: first.toISOString() } });
    bookingId = b.id;
    await call(`/v1/embed/bookings/${b.id}/checkout`, { method: 'card' }, { 'Tandem-Booking-Token': b.client_token });
    await call(`/v1/embed/bookings/${b.id}/test-payments`, { outcome: 'succeed' }, { 'Tandem-Booking-Token': b.client_token });
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    const manage = new RegExp(`${api.origin}/manage/[A-Za-z0-9_-]{43}`).exec(String(mail!.text_body))?.[0];
    assert.ok(manage, 'the confirmation mail carries the manage link');

    const page = await browser.newPage({ viewport: { width: 900, height: 1400 }, locale: 'de-CH', timezoneId: 'Europe/Zurich', acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.setDefaultTimeout(15_000);
    await page.goto(manage);
    const portal = page.locator('tandem-portal');
    await portal.locator('h2').first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await portal.getByText('Termin 6 · Noch zu planen').waitFor();
    await axe(page, 'the booking');
    await page.screenshot({ path: `${shots}/portal-1-booking.png`, fullPage: true });

    // The remaining five at once: the widget's time step checks the series from the first date picked, one POST books them.
    await portal.getByRole('button', { name: 'Alle restlichen Termine buchen' }).click();
    await page.locator('tandem-time-step h2').waitFor();
    await axe(page, 'the time step');
    await page.screenshot({ path: `${shots}/portal-2-time-step.png`, fullPage: true });
    await pickDay(page, new Date(first.getTime() + 7 * DAY));
    await portal.getByText('Termin 6 · Geplant').waitFor();
    let rows = await sessions();
    assert.deepEqual(rows.map((r) => r.status), Array(6).fill('scheduled'));
    assert.ok(rows.every((r) => r.starts_at !== null));
    const before = rows.map((r) => new Date(String(r.starts_at)).getTime());

    // The series a week later: every session, same local time.
    await portal.getByRole('button', { name: 'Alle restlichen eine Woche später' }).click();
    await portal.getByText('Verschoben.').waitFor();
    rows = await sessions();
    assert.deepEqual(rows.map((r) => new Date(String(r.starts_at)).getTime()), before.map((t) => t + 7 * DAY));
    const [seriesMail] = await query(db.db, sql`select subject from mail_outbox where dedupe_key like ${`booking:${b.id}:series:%`}`);
    assert.match(String(seriesMail!.subject), /^Termine verschoben/);

    // One session cancelled inside the free window: the quote says so line by line, then it is "to schedule" again.
    await portal.getByRole('button', { name: 'Termin absagen: Termin 6' }).click();
    const quote = portal.locator('section.quote');
    await quote.getByText('rechtzeitig: kostenlos').waitFor();
    await axe(page, 'the cancellation quote');
    await page.screenshot({ path: `${shots}/portal-3-quote.png`, fullPage: true });
    await quote.getByRole('button', { name: 'Absage bestätigen' }).click();
    await portal.getByText('Termin 6 · Noch zu planen').waitFor();
    assert.equal((await sessions())[5]!.starts_at, null);

    // Homework for the first milestone: a PDF chosen in the file input, uploaded, listed, stored once, the instructor told, downloaded as sent.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const baseline = portal.locator('tandem-portal-homework').first();
    await baseline.getByLabel('Hausaufgabe zu «Baseline measured» hochladen').setInputFiles({ name: 'Spagat Woche 1.pdf', mimeType: 'application/pdf', buffer: pdf });
    await baseline.getByRole('button', { name: 'Hochladen', exact: true }).click();
    await baseline.getByText('Spagat Woche 1.pdf ist hochgeladen.').waitFor();
    await baseline.getByRole('link', { name: 'Spagat Woche 1.pdf herunterladen' }).waitFor();
    await axe(page, 'the homework');
    await page.screenshot({ path: `${shots}/portal-3b-homework.png`, fullPage: true });
    const artifacts = await query(db.db, sql`select a.id, a.filename, a.extension, a.size_bytes, a.storage_key, m.name as milestone
      from booking_artifacts a join program_milestones m on m.id = a.milestone_id where a.booking_id = ${b.id}`);
    assert.deepEqual(artifacts.map((a) => [a.filename, a.extension, a.size_bytes, a.milestone]), [['Spagat Woche 1.pdf', 'pdf', pdf.byteLength, 'Baseline measured']]);
    assert.deepEqual(storedObjects(), [String(artifacts[0]!.storage_key)]);
    assert.ok(readFileSync(join(uploads, String(artifacts[0]!.storage_key))).equals(pdf), 'the stored bytes are the uploaded ones');
    const homeworkMails = await query(db.db, sql`select to_address, text_body from mail_outbox where dedupe_key = ${`homework:${String(artifacts[0]!.id)}`}`);
    assert.equal(homeworkMails.length, 1);
    assert.equal(homeworkMails[0]!.to_address, 'luca@studioflow.example');
    // (the mail breaks the name with a word joiner so that no mail program makes it a link)
    assert.match(String(homeworkMails[0]!.text_body), /Hausaufgabe zu «Baseline measured»[^]*Datei: Spagat Woche 1\.\u2060?pdf/);
    const [homeworkPdf] = await Promise.all([page.waitForEvent('download'), baseline.getByRole('link', { name: 'Spagat Woche 1.pdf herunterladen' }).click()]);
    assert.equal(homeworkPdf.suggestedFilename(), 'Spagat Woche 1.pdf');
    assert.ok(readFileSync((await homeworkPdf.path())!).equals(pdf), 'the download is the uploaded file');

    // A message to the instructor, shown sanitised in the thread and stored once.
    await portal.getByLabel('Ihre Nachricht').fill('Hallo Luca, **danke**! <img src=x onerror=alert(1)>');
    await portal.getByRole('button', { name: 'Senden' }).click();
    await portal.locator('#messages strong', { hasText: 'danke' }).waitFor();
    assert.equal(await portal.locator('#messages img').count(), 0);
    const stored = await query(db.db, sql`select m.body_md from messages m join message_threads t on t.id = m.thread_id where t.booking_id = ${b.id}`);
    assert.equal(stored.length, 1);
    await axe(page, 'the messages');

    // The calendar subscription: a URL whose feed holds the five scheduled sessions.
    await portal.getByRole('button', { name: 'Kalender-Abo-Link erstellen' }).click();
    const feedUrl = await portal.locator('#feed').inputValue();
    assert.match(feedUrl, /\/v1\/portal\/calendar\.ics\?token=cal_/);
    const feed = await (await fetch(feedUrl)).text();
    assert.equal((feed.match(/BEGIN:VEVENT/g) ?? []).length, 5);

    // The invoice, as a PDF download.
    const [invoice] = await Promise.all([page.waitForEvent('download'), portal.getByRole('button', { name: /^Herunterladen: Rechnung/ }).click()]);
    assert.equal(readFileSync((await invoice.path())!).subarray(0, 5).toString(), '%PDF-');

    // One session into the customer's calendar: a file with that session, under the mails' UID.
    const [ics] = await Promise.all([page.waitForEvent('download'), portal.getByRole('button', { name: 'Zum Kalender hinzufügen: Termin 2' }).click()]);
    const icsText = readFileSync((await ics.path())!, 'utf8');
    const session2 = await query(db.db, sql`select id from program_sessions where booking_id = ${b.id} and seq = 2`);
    assert.ok(icsText.startsWith('BEGIN:VCALENDAR') && icsText.includes(`UID:${String(session2[0]!.id)}@tandem`));

    // Late: 12 hours before session 1 on the server's clock, the quote keeps its fee and the session is cancelled.
    const s1 = new Date(String((await sessions())[0]!.starts_at)).getTime();
    ahead = s1 - 12 * 3_600_000 - Date.now();
    await portal.getByRole('button', { name: 'Termin absagen: Termin 1' }).click();
    await quote.getByText('kurzfristig: Gebühr').waitFor();
    await quote.getByRole('button', { name: 'Absage bestätigen' }).click();
    await portal.getByText('Termin 1 · Abgesagt').waitFor();
    assert.equal((await sessions())[0]!.status, 'cancelled');

    // The whole booking, by its quote: refunded in full inside the window, with a credit note to download.
    await portal.getByRole('button', { name: 'Buchung stornieren' }).click();
    await quote.getByText('Was die Absage bedeutet').waitFor();
    await quote.getByRole('button', { name: 'Absage bestätigen' }).click();
    await portal.getByRole('button', { name: /^Herunterladen: Gutschrift/ }).last().waitFor();
    const [note] = await Promise.all([page.waitForEvent('download'), portal.getByRole('button', { name: /^Herunterladen: Gutschrift/ }).last().click()]);
    assert.equal(readFileSync((await note.path())!).subarray(0, 5).toString(), '%PDF-');
    await page.screenshot({ path: `${shots}/portal-4-cancelled.png`, fullPage: true });
    await axe(page, 'the cancelled booking');

    const [state] = await query(db.db, sql`select
      (select status::text from program_bookings where id = ${b.id}) as status,
      (select coalesce(sum(r.amount), 0)::int from refunds r join orders o on o.id = r.order_id where o.booking_id = ${b.id}) as refunded,
      (select count(*)::int from credit_notes c join orders o on o.id = c.order_id where o.booking_id = ${b.id}) as notes,
      (select count(*)::int from mail_outbox where dedupe_key = ${`booking:${b.id}:cancel`}) as cancel_mails`);
    // CHF 540 paid; the late session's fee (half of its CHF 90) kept, everything else back; a credit note for the late session and one for the rest.
    assert.deepEqual(state, { status: 'cancelled', refunded: 49500, notes: 2, cancel_mails: 1 });
    assert.deepEqual(errors, []);
  });
});
