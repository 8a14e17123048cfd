/**
 * A reservation held for a QR-bill (issue 13): the reminder 2 days before the payment deadline,
 * only while it is unpaid and held, and the lapse mailed to both sides when the deadline passes
 * unpaid. Reiki on 4 December, checked out on 25 November: held until 30 November (5 days).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, HOUR, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, outboxOf, reserve } from '../../support/checkout.ts';
import { proofFor } from '../../support/identity.ts';
import { skFlow } from '../../support/admin-money.ts';
import { sweepExpiredHolds } from '../../../server/modules/bookings/index.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { sendPaymentReminder } from '../../../server/modules/notifications/index.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';

describe('QR-bill holds: the payment reminder and the lapse', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let v: Record<string, string[]> = {};
  const clock = new Clock(new Date(START));
  const env = () => ({ db: db.db, now: clock.now, config: testConfig });
  const jobs = () => jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments: testProvider(), mailer: localMailer() });

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  async function qrBill(start: string) {
    clock.set(START);
    const b = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer({ locale: 'en' }), sessions: { mode: 'explicit', starts: [start] } });
    const out = await checkedOut(await checkoutReq(app, b, { method: 'qr_bill' }, await proofFor(app, db.db, b.id)));
    const [row] = await query(db.db, sql`select hold_expires_at from program_bookings where id = ${b.id}`);
    return { b, out, holdUntil: new Date(String(row!.hold_expires_at)) };
  }
  const reminderJob = async (orderId: string) => (await query(db.db, sql`select start_after, data from pgboss.job where name = 'mail.payment_reminder' and data->>'orderId' = ${orderId}`))[0];

  test('two days before the deadline, still unpaid: the reminder names the invoice, the amount and the deadline; not before, and not once paid', async () => {
    const { out, holdUntil } = await qrBill('2026-12-04T09:00:00.000Z');
    assert.equal(holdUntil.toISOString(), '2026-11-30T08:00:00.000Z');
    const job = await reminderJob(out.order.id);
    assert.equal(new Date(String(job!.start_after)).toISOString(), '2026-11-28T08:00:00.000Z', 'queued with the invoice, due two days before the deadline');
    const data = job!.data as { orgId: string; bookingId: string; orderId: string; proven: boolean };

    clock.set('2026-11-27T08:00:00Z'); // three days before: too early, nothing is sent
    assert.equal(await sendPaymentReminder(env(), data), false);
    clock.set('2026-11-28T08:00:00Z');
    assert.equal(await sendPaymentReminder(env(), data), true);
    assert.equal(await sendPaymentReminder(env(), data), false, 'once');
    const [mail] = (await outboxOf(db.db, out.order.id)).filter((m) => String(m.dedupe_key).endsWith(':payment_reminder'));
    assert.match(String(mail!.subject), new RegExp(`^Reminder: please pay invoice ${out.invoice!.number} by `));
    assert.match(String(mail!.text_body), /We have not received the payment of CHF\s140\.00 for invoice/);

    // Paid: no reminder for it.
    const other = await qrBill('2026-12-04T12:00:00.000Z');
    const paid = await app.request(`/v1/admin/orders/${other.out.order.id}/payments`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 14000, method: 'bank_transfer', reference: 'BANK-7' }),
    });
    assert.equal(paid.status, 201, await paid.clone().text());
    clock.set('2026-11-28T09:00:00Z');
    assert.equal(await sendPaymentReminder(env(), (await reminderJob(other.out.order.id))!.data as typeof data), false);
  });

  test('the deadline passes unpaid: the hold is released and both the customer and the studio are told, once', async () => {
    const { b, out } = await qrBill('2026-12-04T14:00:00.000Z');
    clock.set(new Date(Date.parse('2026-11-30T08:00:00Z') + HOUR).toISOString());
    assert.equal((await sweepExpiredHolds(db.db, clock.now(), FLOW.org)).bookings >= 1, true);
    await runDueJobs(db.executor, jobs());
    await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
    await runDueJobs(db.executor, jobs());
    const mails = (await outboxOf(db.db, out.order.id)).filter((m) => String(m.dedupe_key).includes(':lapsed'));
    // Queued in one transaction (the same created_at): compared by key.
    assert.deepEqual(mails.map((m) => String(m.dedupe_key).replace(out.order.id, 'O')).sort(), ['order:O:lapsed', 'order:O:lapsed:staff']);
    const customerMail = mails.find((m) => String(m.dedupe_key).endsWith(':lapsed'));
    const staffMail = mails.find((m) => String(m.dedupe_key).endsWith(':lapsed:staff'));
    assert.match(String(customerMail!.subject), /^Reservation lapsed: Reiki 1:1$/);
    assert.match(String(customerMail!.text_body), new RegExp(`the payment for invoice ${out.invoice!.number} \\(CHF\\s140\\.00\\) had not arrived by .*, so your reservation of Reiki 1:1 .* has lapsed and its times are released\\. Please do not pay invoice ${out.invoice!.number} any more\\.`));
    assert.equal(staffMail!.to_address, 'hallo@studioflow.example', 'the studio\'s billing address');
    assert.match(String(staffMail!.subject), /Reservation (lapsed unpaid|unbezahlt verfallen)/);
    const [event] = await query(db.db, sql`select type from domain_events where subject_id = ${b.id} and type = 'booking.lapsed'`);
    assert.ok(event, 'recorded in the booking\'s event log');
  });

  test('the lapsed reservation\'s unpaid QR-bill is voided by a credit note, once; money that still arrives is recorded, goes back by bank transfer and both sides are told', async () => {
    const { b, out } = await qrBill('2026-12-04T14:45:00.000Z');
    clock.set(new Date(Date.parse('2026-11-30T08:00:00Z') + HOUR).toISOString());
    await sweepExpiredHolds(db.db, clock.now(), FLOW.org);
    await runDueJobs(db.executor, jobs());
    await runDueJobs(db.executor, jobs());
    const notes = await query(db.db, sql`select total, reason, snapshot->>'display_number' as number, invoice_id from credit_notes where order_id = ${out.order.id}`);
    assert.equal(notes.length, 1, 'one credit note, however often the job runs');
    assert.deepEqual({ total: notes[0]!.total, reason: notes[0]!.reason }, { total: 14000, reason: 'unpaid invoice cancelled' });
    assert.match(String(notes[0]!.number), /^FLOW-CN-2026-\d{4}$/);
    const order = async () => (await app.request(`/v1/admin/orders/${out.order.id}`, { headers: skFlow })).json() as Promise<{ status: string; credited: number; balance_due: number; refunds: { amount: number; status: string }[] }>;
    assert.deepEqual(await order().then((o) => [o.status, o.credited, o.balance_due]), ['cancelled', 14000, 0], 'nothing is owed on a voided invoice');
    const staffLapse = (await outboxOf(db.db, out.order.id)).find((m) => String(m.dedupe_key).endsWith(':lapsed:staff'));
    assert.ok(staffLapse, 'the lapse is still mailed to the studio once the invoice is voided');

    // The customer pays anyway: recorded, refunded by bank transfer, the booking stays cancelled.
    clock.set('2026-12-01T10:00:00Z');
    const paid = await app.request(`/v1/admin/orders/${out.order.id}/payments`, {
      method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify({ amount: 14000, method: 'bank_transfer', reference: 'LATE-1' }),
    });
    assert.equal(paid.status, 201, await paid.clone().text());
    assert.equal((await query(db.db, sql`select status::text from program_bookings where id = ${b.id}`))[0]!.status, 'cancelled');
    assert.deepEqual((await order()).refunds.map((r) => [r.amount, r.status]), [[14000, 'pending_transfer']]);
    const late = await query(db.db, sql`select dedupe_key, text_body from mail_outbox where dedupe_key in (${`order:${out.order.id}:late_payment`}, ${`order:${out.order.id}:late_payment:staff`}) order by dedupe_key`);
    assert.equal(late.length, 2);
    assert.match(String(late[0]!.text_body), /goes back to you: please reply to this mail with the account holder and IBAN/);
    assert.match(String(late[1]!.text_body), /voided|storniert/);
  });
});
