/**
 * Staff book on a customer's behalf with a payment link: the booking stays reserved, held for
 * 48 hours; the customer is mailed a link to its page, where the widget's checkout takes the
 * payment (here the test processor, as the portal's "pay now" does) and the provider's event
 * confirms it. Unpaid, the hold lapses after 48 hours and the times are released.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { customer, demoVariants, outboxOf } from '../../support/checkout.ts';
import type { BookingDetailOut } from '../../../schema/api/admin-pipeline.ts';
import type { PaymentLinkCheckoutOut, PortalBookingDetail } from '../../../schema/api/portal.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { signIn, type StaffSession } from './staff-session.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const HOURS_48 = 48 * 3_600_000;

describe('booking on a customer\'s behalf with a payment link', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let owner: StaffSession;
  let v: Record<string, string[]> = {};

  const book = (start: string, payment: unknown, who = customer()) => app.request('/v1/admin/bookings', {
    method: 'POST', headers: { ...owner.headers, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ program: 'reiki', variant: v.reiki![0], customer: who, sessions: { mode: 'explicit', starts: [start] }, payment }),
  });
  const portal = (token: string, path: string, body?: unknown, key = randomUUID()) => app.request(`/v1/portal/bookings/${path}`, body === undefined
    ? { headers: { Authorization: `Bearer ${token}` } }
    : { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
  const created = async (res: Response): Promise<BookingDetailOut> => {
    assert.equal(res.status, 201, await res.clone().text());
    return res.json() as Promise<BookingDetailOut>;
  };
  /** The link in the mail: the booking's manage page opened at its payment; its token is the portal's bearer. */
  const linkOf = async (bookingId: string) => {
    const mails = (await outboxOf(db.db, bookingId)).filter((m) => String(m.dedupe_key) === `booking:${bookingId}:payment_link`);
    assert.equal(mails.length, 1, 'one payment-link mail');
    const url = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]+\?pay=1/.exec(String(mails[0]!.text_body))?.[0];
    assert.ok(url, `the mail carries the link: ${String(mails[0]!.text_body)}`);
    return { mail: mails[0]!, token: new URL(url).pathname.split('/manage/')[1]! };
  };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
    owner = await signIn(app, db.db, 'sandra@studioflow.example');
  });
  after(async () => db.close());

  test('reserved and held 48 h; the link mailed; the customer pays through it and the booking is confirmed', async () => {
    const who = customer({ name: 'Lea Brunner', locale: 'de' });
    const b = await created(await book('2026-12-02T09:00:00.000Z', { mode: 'payment_link' }, who));
    assert.equal(b.status, 'reserved');
    assert.equal(b.order, null, 'nothing checked out until the customer chooses how to pay');
    const [row] = await query(db.db, sql`select hold_expires_at, source from program_bookings where id = ${b.id}`);
    assert.equal(new Date(String(row!.hold_expires_at)).getTime(), clock.now().getTime() + HOURS_48);
    assert.equal((row!.source as Record<string, string>).payment, 'link');

    const { mail, token } = await linkOf(b.id);
    assert.equal(mail.to_address, who.email);
    assert.match(String(mail.subject), /Reiki|bezahlen/i);
    assert.match(String(mail.text_body), /bezahlen Sie bitte CHF/);

    const detail = await (await portal(token, b.id)).json() as PortalBookingDetail;
    assert.equal(detail.actions.pay_now, true);
    assert.equal(detail.pay_until, new Date(clock.now().getTime() + HOURS_48).toISOString());

    const key = randomUUID();
    const res = await portal(token, `${b.id}/payment-link/checkout`, { method: 'card' }, key);
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json() as PaymentLinkCheckoutOut;
    assert.equal(out.payment?.provider, 'test');
    assert.ok(out.payment?.client_secret);
    assert.equal(out.amount.amount, 14000);
    const replay = await portal(token, `${b.id}/payment-link/checkout`, { method: 'card' }, key);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.equal((await replay.json() as PaymentLinkCheckoutOut).payment?.client_secret, out.payment?.client_secret, 'the same intent on a replay');
    assert.equal((await (await portal(token, b.id)).json() as PortalBookingDetail).status, 'reserved', 'not confirmed on the browser\'s word');

    const paid = await portal(token, `${b.id}/payment-link/test-payment`, { outcome: 'succeed' });
    assert.equal(paid.status, 200, await paid.clone().text());
    const after = await paid.json() as PortalBookingDetail;
    assert.equal(after.status, 'confirmed');
    assert.equal(after.actions.pay_now, undefined);
    assert.equal(after.money?.paid.amount, 14000);
    const confirmation = await outboxOf(db.db, b.id);
    assert.ok(confirmation.some((m) => m.to_address === who.email && String(m.dedupe_key) === `booking:${b.id}:confirmation`), 'the confirmation mail');
    assert.equal((await problemOf(await portal(token, `${b.id}/payment-link/checkout`, { method: 'card' }))).code, 'invalid_state', 'paid: nothing more to pay');
  });

  test('only a booking with a payment link is paid this way', async () => {
    const b = await created(await book('2026-12-09T09:00:00.000Z', { mode: 'invoice' }));
    const [link] = await query(db.db, sql`select 1 from mail_outbox where dedupe_key = ${`booking:${b.id}:payment_link`}`);
    assert.equal(link, undefined);
    const { issueManageToken } = await manageTokenFor(b.id);
    const problem = await problemOf(await portal(issueManageToken, `${b.id}/payment-link/checkout`, {}));
    assert.equal(problem.code, 'invalid_state');
    const bad = await problemOf(await portal(issueManageToken, `${b.id}/payment-link/checkout`, { method: 'qr_bill' }));
    assert.equal(bad.status, 400);
  });

  test('unpaid, the hold lapses after 48 hours: the times are released and the link no longer pays', async () => {
    const b = await created(await book('2026-12-04T09:00:00.000Z', { mode: 'payment_link' }));
    const { token } = await linkOf(b.id);
    clock.advance(HOURS_48 - 60_000);
    assert.equal((await (await portal(token, b.id)).json() as PortalBookingDetail).actions.pay_now, true, 'still payable a minute before');
    clock.advance(2 * 60_000);
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() }));
    const [row] = await query(db.db, sql`select status::text as status from program_bookings where id = ${b.id}`);
    assert.equal(row!.status, 'cancelled');
    const [held] = await query(db.db, sql`select count(*)::int as n from schedule_blocks where session_id in (select id from program_sessions where booking_id = ${b.id}) and status = 'held'`);
    assert.equal(held!.n, 0, 'the times are free again');
    assert.equal((await problemOf(await portal(token, `${b.id}/payment-link/checkout`, { method: 'card' }))).status, 409);
  });

  /** A manage token for a booking, as the mails' links carry it (for a booking mailed no payment link). */
  async function manageTokenFor(bookingId: string): Promise<{ issueManageToken: string }> {
    const { withSystem } = await import('../../../server/platform/db/escalation.ts');
    const { manageLink } = await import('../../../server/modules/bookings/index.ts');
    const [org] = await query(db.db, sql`select org_id from program_bookings where id = ${bookingId}`);
    const url = await withSystem(db.db, String(org!.org_id), 'test: a manage link', (tx) => manageLink(tx, { now: clock.now(), config: testConfig }, String(org!.org_id), bookingId, null));
    return { issueManageToken: url.split('/manage/')[1]! };
  }
});
