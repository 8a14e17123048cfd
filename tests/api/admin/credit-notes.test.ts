/**
 * GET /v1/admin/credit-notes/:id.pdf (and the invoice beside it, /v1/admin/invoices/:id.pdf): a
 * cancellation's credit note as PDF in the customer's language, with the invoice it corrects, the
 * credited lines and the VAT per rate reversed as negative amounts, and no payment part.
 * Reiki: CHF 140 incl. 8.1 % VAT, free cancellation up to 48 h before, late fee 50 %.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, testConfig } from '../../support/app.ts';
import { Clock, problemOf, query } from '../../support/booking.ts';
import { customer, demoVariants } from '../../support/checkout.ts';
import { cardPaid, conductingInstructorKey, pdfText, qrBill, skFlow, skNord, staffCancel } from '../../support/admin-money.ts';
import { creditNoteDocument, renderCreditNotePdf } from '../../../server/modules/billing/index.ts';
import { withCaller } from '../../../server/platform/db/identity.ts';
import { FLOW } from '../../../demo/seed/index.ts';

const START = '2026-11-25T08:00:00Z';

describe('admin: credit note PDFs', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let reiki = '';
  const clock = new Clock(new Date(START));

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    reiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  const path = (url: string) => new URL(url).pathname;
  async function pdfOf(url: string, headers: Record<string, string> = skFlow): Promise<string> {
    const res = await app.request(path(url), { headers });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    return pdfText(pdf);
  }
  /** The order's invoice and where staff download it. */
  async function invoiceOf(orderId: string) {
    const [row] = await query(db.db, sql`select id, snapshot->>'display_number' as printed from invoices where order_id = ${orderId}`);
    return { number: String(row!.printed), pdf_url: `${testConfig.publicOrigin}/v1/admin/invoices/${String(row!.id)}.pdf` };
  }

  test('a full refund: "Gutschrift <n>", the corrected invoice, the line and its 8.1 % VAT reversed as negative amounts, no payment part', async () => {
    clock.set(START);
    const { booking, orderId } = await cardPaid(app, reiki, '2026-12-02T09:00:00.000Z');
    const settlement = await staffCancel(app, booking.id);
    const note = settlement.credit_note!;
    assert.match(note.pdf_url!, new RegExp(`^${testConfig.publicOrigin}/v1/admin/credit-notes/[0-9a-f-]{36}\\.pdf$`));
    const invoice = await invoiceOf(orderId);
    const text = await pdfOf(note.pdf_url!);
    assert.match(text, new RegExp(`Gutschrift ${note.number}\\b`));
    assert.match(text, new RegExp(`Korrektur zu Rechnung ${invoice.number} vom \\d+\\. November 2026`));
    assert.match(text, /Reiki/);
    assert.match(text, /8\.1 %/);
    assert.match(text, /-CHF\s140\.00/, 'the credited line and the total, negative');
    assert.match(text, /-CHF\s10\.49/, 'the VAT reversed');
    assert.match(text, /-CHF\s129\.51/, 'on its net');
    assert.match(text, /Rückerstattung auf Ihre Zahlung/);
    assert.doesNotMatch(text, /Zahlteil|Empfangsschein|Konto \/ Zahlbar an/, 'no QR-bill payment part');
    assert.match(text, /Rückerstattung auf Ihre Zahlung\nCHF\s140\.00/, 'what goes back to the payment');

    // The invoice it corrects, for staff, beside it.
    const invoiceText = await pdfOf(invoice.pdf_url);
    assert.match(invoiceText, new RegExp(`Rechnung ${invoice.number}\\b`));
  });

  test('a late cancellation credits half: one line for the partial credit; an unpaid QR-bill is voided in full', async () => {
    clock.set(START);
    const late = await cardPaid(app, reiki, '2026-12-04T09:00:00.000Z');
    clock.set('2026-12-03T09:00:00Z'); // 24 h before: half is kept
    const settlement = await staffCancel(app, late.booking.id);
    assert.equal(settlement.refund, 7000);
    const text = await pdfOf(settlement.credit_note!.pdf_url!);
    assert.match(text, /Teilgutschrift/);
    assert.match(text, /-CHF\s70\.00/);
    assert.match(text, /-CHF\s64\.75 netto storniert\n-CHF\s5\.25/, 'VAT of the half reversed');

    clock.set(START);
    const unpaid = await qrBill(app, reiki, '2026-12-04T10:30:00.000Z', 0, db.db);
    const voided = await staffCancel(app, unpaid.booking.id);
    const voidText = await pdfOf(voided.credit_note!.pdf_url!);
    assert.match(voidText, /-CHF\s140\.00/);
    assert.match(voidText, /nicht mehr geschuldet/);
    assert.doesNotMatch(voidText, /Zahlteil|Empfangsschein/, 'unlike its invoice, no payment part');
  });

  test('in the customer\'s language: Credit note, Note de crédit, Nota di credito', async () => {
    const titles = { en: 'Credit note', fr: 'Note de crédit', it: 'Nota di credito' } as const;
    const corrects = { en: 'Corrects invoice', fr: 'Corrige la facture', it: 'Rettifica la fattura' } as const;
    const starts = { en: '2026-12-07T09:00:00.000Z', fr: '2026-12-07T10:30:00.000Z', it: '2026-12-07T12:00:00.000Z' } as const;
    for (const lang of ['en', 'fr', 'it'] as const) {
      clock.set(START);
      const { booking } = await cardPaid(app, reiki, starts[lang], customer({ locale: lang }));
      const note = (await staffCancel(app, booking.id)).credit_note!;
      const text = await pdfOf(note.pdf_url!);
      assert.match(text, new RegExp(`${titles[lang]} ${note.number}\\b`), lang);
      assert.match(text, new RegExp(corrects[lang]), lang);
    }
  });

  test('drawn outside transactions only: the renderer refuses inside one', async () => {
    const [row] = await query(db.db, sql`select id from credit_notes order by number limit 1`);
    assert.ok(row, 'a credit note from the tests above');
    await assert.rejects(withCaller(db.db, { orgId: FLOW.org, role: 'owner', userId: FLOW.owner }, async (tx) => {
      const doc = await creditNoteDocument(tx, FLOW.org, String(row!.id));
      return renderCreditNotePdf(doc!);
    }), /outside database transactions/);
  });

  test('who may: an instructor (even the one conducting the booking) 404, another studio 404, no key 401; a bad id 400, another file 404', async () => {
    clock.set(START);
    const { booking, orderId } = await cardPaid(app, reiki, '2026-12-09T09:00:00.000Z');
    const note = (await staffCancel(app, booking.id)).credit_note!;
    const invoiceUrl = (await invoiceOf(orderId)).pdf_url;
    const instructor = await conductingInstructorKey(db.db, booking.id);
    for (const url of [note.pdf_url!, invoiceUrl]) {
      for (const headers of [instructor, skNord]) {
        const res = await app.request(path(url), { headers });
        assert.equal(res.status, 404, url);
        assert.equal((await problemOf(res)).code, 'not_found');
      }
      const noKey = await app.request(path(url));
      assert.equal(noKey.status, 401);
      assert.equal((await problemOf(noKey)).code, 'unauthorized');
    }
    for (const kind of ['credit-notes', 'invoices']) {
      const bad = await app.request(`/v1/admin/${kind}/not-a-uuid.pdf`, { headers: skFlow });
      assert.equal(bad.status, 400);
      assert.deepEqual((await problemOf(bad)).errors?.map((e) => e.field), ['id']);
      assert.equal((await app.request(`/v1/admin/${kind}/00000000-0000-4000-8000-000000000000.pdf`, { headers: skFlow })).status, 404);
      assert.equal((await app.request(`/v1/admin/${kind}/00000000-0000-4000-8000-000000000000.txt`, { headers: skFlow })).status, 404);
    }
  });
});
