import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, testConfig } from '../../support/app.ts';
import { Clock, DAY, asSystem, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { manageLink, openLink, revokeBookingLinks } from '../../../server/modules/bookings/index.ts';
import { proofFor } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

const START = '2026-11-25T08:00:00Z';
const ORIGIN = testConfig.publicOrigin;

/** Every id a link could give away, as text, in any of the encodings a token might hide it in. */
function assertNamesNothing(url: string, ids: string[]) {
  const token = url.slice(url.lastIndexOf('/') + 1).replace(/\.pdf$/, '');
  const readings = [url, Buffer.from(token, 'base64url').toString('latin1'), Buffer.from(token, 'base64url').toString('hex')];
  for (const id of ids) {
    for (const form of [id, id.replaceAll('-', ''), Buffer.from(id).toString('base64url')]) {
      for (const r of readings) assert.ok(!r.toLowerCase().includes(form.toLowerCase()), `${url} gives away ${id}`);
    }
  }
  assert.doesNotMatch(url, /[?&]/, 'nothing in the query string');
}

describe('manage and invoice links are opaque, expiring and revocable', () => {
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

  const reiki = (start: string) => reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: [start] } });
  const customerOf = async (bookingId: string) => String((await query(db.db, sql`select customer_id from program_bookings where id = ${bookingId}`))[0]!.customer_id);
  const get = (url: string, headers: Record<string, string> = {}) => app.request(url.replace(ORIGIN, ''), { headers });

  test('the links name no org, booking or customer; the invoice link opens the PDF without any header, and nothing else', async () => {
    clock.set(START);
    const b = await reiki('2026-12-02T09:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    const ids = [FLOW.org, b.id, await customerOf(b.id), out.order.id];
    assert.match(out.booking.manage_url, new RegExp(`^${ORIGIN}/manage/[A-Za-z0-9_-]{43}$`));
    assert.match(out.invoice!.pdf_url, new RegExp(`^${ORIGIN}/v1/embed/invoices/[A-Za-z0-9_-]{43}\\.pdf$`));
    assertNamesNothing(out.booking.manage_url, ids);
    assertNamesNothing(out.invoice!.pdf_url, ids);
    const pdf = await get(out.invoice!.pdf_url);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    // The manage token is no invoice token, a changed token opens nothing, the old signed-link form is gone.
    const manageToken = out.booking.manage_url.split('/manage/')[1]!;
    assert.equal((await get(`/v1/embed/invoices/${manageToken}.pdf`)).status, 404);
    const token = out.invoice!.pdf_url.slice(-47, -4);
    assert.equal((await get(`/v1/embed/invoices/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}.pdf`)).status, 404);
    assert.equal((await get(`/v1/embed/invoices/${token}`)).status, 404);
    assert.equal((await get(`/v1/embed/bookings/${b.id}/invoice.pdf?t=${token}`)).status, 401, 'the query-string link no longer opens anything without a key');
    // The mail carries the same manage link (and the invoice as an attachment).
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`order:${out.order.id}:qr_bill`}`);
    assert.ok(String(mail!.text_body).includes(out.booking.manage_url));
    // Only hashes are stored.
    const stored = await query(db.db, sql`select token_hash from link_tokens where booking_id = ${b.id}`);
    assert.equal(stored.length, 2);
    for (const r of stored) assert.ok(![token, manageToken].includes(String(r.token_hash)));
  });

  test('asking again gives the same live link; a revoked link stops working and the booking gets a new one', async () => {
    clock.set(START);
    const b = await reiki('2026-12-02T10:30:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    const again = await (await app.request(`/v1/embed/bookings/${b.id}`, { headers: { ...flowKey, 'Tandem-Booking-Token': b.client_token } })).json() as { id: string };
    assert.equal(again.id, b.id);
    const manageToken = out.booking.manage_url.split('/manage/')[1]!;
    assert.deepEqual(await openLink(db.db, manageToken, 'manage', clock.now()), { orgId: FLOW.org, bookingId: b.id });
    assert.equal(await openLink(db.db, manageToken, 'invoice', clock.now()), null, 'a link is for one purpose');
    const same = await asSystem(db.db, FLOW.org, (tx) => manageLink(tx, { now: clock.now(), config: testConfig }, FLOW.org, b.id, null));
    assert.equal(same, out.booking.manage_url);

    assert.equal(await asSystem(db.db, FLOW.org, (tx) => revokeBookingLinks(tx, FLOW.org, b.id, clock.now())), 2);
    assert.equal((await get(out.invoice!.pdf_url)).status, 404);
    assert.equal(await openLink(db.db, manageToken, 'manage', clock.now()), null);
    const renewed = await asSystem(db.db, FLOW.org, (tx) => manageLink(tx, { now: clock.now(), config: testConfig }, FLOW.org, b.id, null));
    assert.notEqual(renewed, out.booking.manage_url);
    assert.deepEqual(await openLink(db.db, renewed.split('/manage/')[1], 'manage', clock.now()), { orgId: FLOW.org, bookingId: b.id });
  });

  test('an invoice link expires after 30 days; a manage link 30 days after the last session (at least 90 days)', async () => {
    clock.set(START);
    const b = await reiki('2026-12-04T09:00:00.000Z');
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [mail] = await query(db.db, sql`select text_body from mail_outbox where dedupe_key = ${`booking:${b.id}:confirmation`}`);
    const invoiceUrl = /http:\/\/localhost:8787\/v1\/embed\/invoices\/[A-Za-z0-9_-]{43}\.pdf/.exec(String(mail!.text_body))?.[0];
    assert.ok(invoiceUrl, 'the confirmation mail links the invoice');
    assert.equal((await get(invoiceUrl)).status, 200);
    const manageToken = out.booking.manage_url.split('/manage/')[1]!;
    clock.advance(30 * DAY + 1000);
    assert.equal((await get(invoiceUrl)).status, 404);
    assert.ok(await openLink(db.db, manageToken, 'manage', clock.now()));
    clock.set(START);
    clock.advance(90 * DAY + 1000);
    assert.equal(await openLink(db.db, manageToken, 'manage', clock.now()), null);
    // A mail sent now carries a new link, never the dead one again.
    const next = await asSystem(db.db, FLOW.org, (tx) => manageLink(tx, { now: clock.now(), config: testConfig }, FLOW.org, b.id, null));
    assert.notEqual(next, out.booking.manage_url);
    assert.ok(await openLink(db.db, next.split('/manage/')[1], 'manage', clock.now()));
  });
});
