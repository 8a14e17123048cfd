/**
 * Side effects after commit: no payment-provider call and no PDF rendering happens while a
 * transaction of the request is open. The provider here is the test processor wrapped by a
 * fake that fails the call (and records it) when a transaction is open around it; PDFs are
 * guarded in production code (renderInvoicePdf refuses inside a transaction).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { proveIdentity } from '../../support/identity.ts';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { sql } from 'drizzle-orm';
import { EVOLVE_INTAKE, checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { FLOW } from '../../../demo/seed/index.ts';
import { insideTransaction, withCaller } from '../../../server/platform/db/identity.ts';
import { testProvider } from '../../../server/platform/adapters/payments/test-provider.ts';
import type { PaymentProvider } from '../../../server/platform/adapters/payments/provider.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import { jobDefinitions } from '../../../server/jobs.ts';
import { chargeDueInstallments, renderInvoicePdf } from '../../../server/modules/billing/index.ts';
import type { Mailer, OutgoingMail } from '../../../server/platform/adapters/mail/mailer.ts';

/** The test processor, but every call made inside a transaction is recorded and refused. */
function outsideTransactionsOnly(inner: PaymentProvider, violations: string[]): PaymentProvider {
  const guard = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (insideTransaction()) {
      violations.push(name);
      throw new Error(`${name} called inside a database transaction`);
    }
    return call(...args);
  };
  return {
    ...inner,
    createIntent: guard('createIntent', inner.createIntent.bind(inner)),
    cancelIntent: guard('cancelIntent', inner.cancelIntent.bind(inner)),
    chargeOffSession: guard('chargeOffSession', inner.chargeOffSession.bind(inner)),
    refund: guard('refund', inner.refund.bind(inner)),
  };
}

describe('side effects run after commit', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  const violations: string[] = [];
  const calls: string[] = [];
  const inner = testProvider();
  const payments = outsideTransactionsOnly({
    ...inner,
    createIntent: async (i) => { calls.push('createIntent'); return inner.createIntent(i); },
    cancelIntent: async (r, a) => { calls.push('cancelIntent'); return inner.cancelIntent(r, a); },
    chargeOffSession: async (i) => { calls.push('chargeOffSession'); return inner.chargeOffSession(i); },
    refund: async (i) => { calls.push('refund'); return inner.refund(i); },
  }, violations);
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { kind: 'local', async send(m) { sent.push(m); }, async close() {} };

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { payments, now: clock.now });
  });
  after(async () => { await db.close(); });

  test('the guard itself: a provider call inside a transaction is refused', async () => {
    await assert.rejects(withCaller(db.db, { orgId: FLOW.org, role: 'anonymous' }, () => payments.cancelIntent('x', null)), /inside a database transaction/);
    assert.deepEqual(violations.splice(0), ['cancelIntent']);
    await assert.rejects(withCaller(db.db, { orgId: FLOW.org, role: 'anonymous' }, () => renderInvoicePdf({} as never, { amountPaid: 0 })), /outside database transactions/);
  });

  test('card checkout, a second checkout, a deposit plan and its installment, QR-bill, mails with PDFs: every provider call outside a transaction', async () => {
    const v = await demoVariants(app);
    // Card, then another checkout of the same booking (the first intent is cancelled), then paid.
    const reiki = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: customer(), sessions: { mode: 'explicit', starts: ['2026-12-02T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, reiki, { method: 'card' }));
    await checkedOut(await checkoutReq(app, reiki, { method: 'twint' }));
    assert.equal((await testPay(app, reiki, 'succeed')).status, 200);
    // A deposit plan: the deposit by intent, the first installment off-session by the job.
    const evolve = await reserve(app, { program: 'evolve', variant: v.evolve![1], customer: customer(), sessions: { mode: 'cadence', first_start: '2026-12-01T08:00:00.000Z' }, intake: EVOLVE_INTAKE });
    await checkedOut(await checkoutReq(app, evolve, { method: 'card', plan: 'deposit' }));
    assert.equal((await testPay(app, evolve, 'succeed')).status, 200);
    // The first installment's due day (the plan's interval is the variant's, so read it rather than assume it).
    const [first] = await query(db.db, sql`select min(i.due_at) as due from installments i join orders o on o.id = i.order_id where o.booking_id = ${evolve.id}`);
    clock.set(new Date(new Date(String(first!.due)).getTime() + 60_000).toISOString());
    assert.equal((await chargeDueInstallments({ db: db.db, orgId: FLOW.org, payments, now: clock.now, config: testConfig })).charged, 1);
    clock.set('2026-11-25T08:00:00Z');
    // A QR-bill: its invoice PDF goes with the mail.
    // (Mailed to a proven address only: the customer confirms it by code first.)
    const qrCustomer = customer();
    const qr = await reserve(app, { program: 'reiki', variant: v.reiki![0], customer: qrCustomer, sessions: { mode: 'explicit', starts: ['2026-12-09T09:00:00.000Z'] } });
    await checkedOut(await checkoutReq(app, qr, { method: 'qr_bill', billing_address: { street: 'Langstrasse 1', postal_code: '8004', city: 'Zürich', country: 'CH' } }, await proveIdentity(app, db.db, qrCustomer.email as string)));
    // Staff cancel the paid Reiki: its refund goes to the provider after commit, by the job.
    const cancelled = await app.request(`/v1/admin/bookings/${reiki.id}/cancel`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_flow', 'Idempotency-Key': `cancel-${reiki.id}` } });
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    // The mails go out after commit, their PDFs rendered then.
    await runDueJobs(db.executor, jobDefinitions({ db: db.db, now: clock.now, config: testConfig, payments, mailer }));

    assert.deepEqual(violations, [], 'no provider call inside a transaction');
    for (const name of ['createIntent', 'cancelIntent', 'chargeOffSession', 'refund']) assert.ok(calls.includes(name), `${name} was exercised`);
    const pdfs = sent.flatMap((m) => m.attachments ?? []).filter((a) => a.contentType === 'application/pdf');
    assert.ok(pdfs.length >= 3, `invoice PDFs were rendered and sent (${pdfs.length})`);
    for (const pdf of pdfs) assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
