// What an invoice says about itself: the VAT per rate rounded once on the rate's total, the
// period of service, the VAT number, and the number with the studio's prefix and year.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp } from '../../support/app.ts';
import { Clock, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { pdfText, skFlow } from '../../support/admin-money.ts';
import { proofFor } from '../../support/identity.ts';

type App = Awaited<ReturnType<typeof demoApp>>;

describe('the invoice of a six-session SPLIT pack', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date('2026-11-25T08:00:00Z'));
  let v: Record<string, string[]> = {};

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    v = await demoVariants(app);
  });
  after(async () => db.close());

  async function invoiced(locale: string, sessions: Record<string, unknown>, method: 'card' | 'qr_bill') {
    const b = await reserve(app, { program: 'split', variant: v.split![0], customer: customer({ locale }), sessions });
    const out = await checkedOut(await checkoutReq(app, b, { method }, method === 'qr_bill' ? await proofFor(app, db.db, b.id) : {}));
    if (method === 'card') assert.equal((await testPay(app, b, 'succeed')).status, 200);
    const [row] = await query(db.db, sql`select id, number from invoices where order_id = ${out.order.id}`);
    const res = await app.request(`/v1/admin/invoices/${String(row!.id)}.pdf`, { headers: skFlow });
    assert.equal(res.status, 200);
    return { out, stored: Number(row!.number), text: pdfText(Buffer.from(await res.arrayBuffer())) };
  }

  test('scheduled later (de): VAT on the rate\'s total, "ab …" as the period, MWST-Nr. once, FLOW-2026-<n>', async () => {
    const { text, stored, out } = await invoiced('de', { mode: 'later', first_start: '2026-12-10T07:00:00.000Z' }, 'qr_bill');
    assert.equal(out.invoice?.number, `FLOW-2026-${String(stored).padStart(4, '0')}`, 'the API answers the number as printed');
    assert.match(text, new RegExp(`Rechnung FLOW-2026-${String(stored).padStart(4, '0')}\\b`), 'the studio\'s prefix, the year, the gapless number');
    assert.match(text, /inkl\. 8\.1 % MWST auf CHF.499\.54 netto/, '8.1 % of the rate\'s total, rounded once');
    assert.match(text, /\n40\.46|CHF.40\.46/);
    assert.doesNotMatch(text, /40\.44|499\.56/);
    assert.match(text, /MWST-Nr\. CHE-123\.456\.789(\n|$)/, 'the suffix not doubled');
    assert.match(text, /Leistungszeitraum: ab 10\. Dezember 2026 \(weitere Termine nach Vereinbarung\)/);
  });

  test('all six scheduled (fr): first to last session, "N° TVA"', async () => {
    const { text } = await invoiced('fr', { mode: 'cadence', first_start: '2027-01-14T07:00:00.000Z' }, 'card');
    assert.match(text, /Facture FLOW-2026-\d{4}\b/, 'the year it was issued');
    assert.match(text, /N° TVA CHE-123\.456\.789(\n|$)/);
    assert.match(text, /Période de prestation: 14 janvier 2027 [–\x96] 18 février 2027\n/, 'first to last session (the dash is WinAnsi in the PDF)');
    assert.match(text, /dont TVA 8\.1 % sur 499\.54.CHF HT/);
  });
});
