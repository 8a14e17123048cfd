/**
 * A refund staff give outside a cancellation (POST /v1/admin/bookings/:id/refunds) tells the
 * customer: one mail in the outbox, keyed by the refund row and queued in the refund's
 * transaction (a replay of the request queues none more), sent by the mail job after commit, in
 * the customer's language, with the credit note attached; a bank refund links the portal's form for
 * the account (the manage link opened at that refund), as the cancellation mail does.
 * Reiki: CHF 140, paid by card or by a QR-bill transfer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { customer, demoVariants } from '../../support/checkout.ts';
import { cardPaid, qrBill, skFlow } from '../../support/admin-money.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import { localMailer } from '../../../server/platform/adapters/mail/mailer.ts';
import type { StaffRefundOut } from '../../../schema/api/admin-refunds.ts';

describe('the customer\'s mail for a refund staff gave', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let reiki = '';
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const payments = testProvider();

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now, payments });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const refund = (id: string, body: unknown, key = randomUUID()) => app.request(`/v1/admin/bookings/${id}/refunds`, {
    method: 'POST', headers: { ...skFlow, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body),
  });
  const refundMails = (bookingId: string) => query(db.db, sql`select dedupe_key, to_address, subject, text_body, html_body, attachments, status from mail_outbox
    where dedupe_key like ${`booking:${bookingId}:refund:%`} order by created_at`);

  test('card: one mail keyed by the refund row, in the customer\'s language, the credit note attached; a replay mails nothing more; the mail job sends it', async () => {
    const who = customer({ locale: 'fr' });
    const b = await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z', who);
    assert.deepEqual(await refundMails(b.booking.id), [], 'nothing before the refund');
    const key = randomUUID();
    const res = await refund(b.booking.id, { mode: 'partial', amount: 5000, reason: 'The room was cold' }, key);
    assert.equal(res.status, 201, await res.clone().text());
    const out = await res.json() as StaffRefundOut;
    assert.equal((await refund(b.booking.id, { mode: 'partial', amount: 5000, reason: 'The room was cold' }, key)).headers.get('idempotency-replayed'), 'true');

    const mails = await refundMails(b.booking.id);
    assert.equal(mails.length, 1);
    const [mail] = mails;
    assert.equal(mail!.dedupe_key, `booking:${b.booking.id}:refund:${out.refunds[0]!.id}`);
    assert.equal(mail!.to_address, who.email);
    assert.match(String(mail!.subject), /^Remboursement pour Reiki/);
    const text = String(mail!.text_body);
    assert.match(text, /vous a remboursé 50\.00\sCHF sur ce que vous avez payé pour Reiki/);
    assert.match(text, /Votre réservation reste inchangée\./);
    assert.doesNotMatch(text, /The room was cold/, 'staff\'s reason stays with the studio');
    assert.match(text, /\/manage\/\S+/, 'the manage link');
    assert.doesNotMatch(text, /\?refund=/, 'a card refund needs no account');
    const attachments = mail!.attachments as { filename: string }[];
    assert.deepEqual(attachments.map((a) => a.filename), [`credit-note-${out.credit_note!.number}.pdf`]);

    // Sent after commit by the mail job (the credit note rendered then).
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer: localMailer() }));
    assert.equal((await refundMails(b.booking.id))[0]!.status, 'sent');

    // A second refund is its own mail (its own refund row).
    const second = await refund(b.booking.id, { mode: 'partial', amount: 1000, reason: 'Goodwill' });
    assert.equal(second.status, 201);
    assert.equal((await refundMails(b.booking.id)).length, 2);
  });

  test('bank: the mail links the portal\'s form for the account, opened at this refund, alone on its line; German', async () => {
    const b = await qrBill(app, reiki, '2026-12-02T14:15:00.000Z', 14000, db.db);
    const res = await refund(b.booking.id, { mode: 'full', reason: 'Instructor ill' });
    assert.equal(res.status, 201, await res.clone().text());
    const out = await res.json() as StaffRefundOut;
    assert.deepEqual(out.refunds.map((r) => [r.provider, r.amount]), [['bank_transfer', 14000]]);
    const [mail] = await refundMails(b.booking.id);
    assert.ok(mail, 'the customer\'s mail');
    assert.match(String(mail.subject), /^Rückerstattung für Reiki/);
    const refundId = out.refunds[0]!.id;
    const line = String(mail.text_body).split('\n').find((l) => l.includes(`refund=${refundId}`));
    assert.match(line ?? '', new RegExp(`^https?://\\S+/manage/\\S+\\?refund=${refundId}$`), 'the form\'s address alone on its line');
    assert.ok(String(mail.html_body).includes(`refund=${refundId}">`), 'a link to it in HTML');
    assert.doesNotMatch(String(mail.text_body), /antworten Sie auf diese Mail/);
  });
});
