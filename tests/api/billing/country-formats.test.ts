/**
 * Issue 12 (formats follow the studio's region): invoices, credit notes, the studio's mails and the
 * settlement mails are written in the reader's language with the formats of the studio's country,
 * as booking mails already were. Atelier Nord (Hamburg, EUR) against Studio Flow (Zürich, CHF),
 * a German-speaking customer at each: `95,00 €` at the German studio, `CHF 140.00` at the Swiss one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, flowKey, nordKey } from '../../support/app.ts';
import { Clock, postJson, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, outboxOf } from '../../support/checkout.ts';
import { pdfText, skFlow, skNord } from '../../support/admin-money.ts';
import { formatLocale, formatMoney } from '../../../shared/format.ts';

type App = Awaited<ReturnType<typeof demoApp>>;
const START = '2026-11-25T08:00:00Z';
const NBSP = '\u00a0';

describe('invoices, credit notes and the studio\'s mails follow the studio\'s country', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const clock = new Clock(new Date(START));
  let nordSlug = '';
  let nordVariant = '';
  let flowReiki = '';

  before(async () => {
    db = await freshDatabase();
    app = await demoApp(db.db, { now: clock.now });
    const nv = await demoVariants(app, nordKey);
    nordSlug = 'contemporary-private';
    nordVariant = nv[nordSlug]![0]!;
    flowReiki = (await demoVariants(app)).reiki![0]!;
  });
  after(async () => db.close());

  /** A one-session booking paid by card (the test processor), two weeks ahead: a staff cancellation then refunds it in full. */
  async function paidBooking(studio: 'nord' | 'flow') {
    clock.set(START);
    const key = studio === 'nord' ? nordKey : flowKey;
    const [program, variant, zone] = studio === 'nord' ? [nordSlug, nordVariant, 'Europe/Berlin'] : ['reiki', flowReiki, 'Europe/Zurich'];
    const slots = await (await app.request(`/v1/embed/programs/${program}/slots?from=2026-12-08&to=2026-12-20&tz=${zone}`, { headers: key })).json() as { days: { slots: { start: string }[] }[] };
    for (const start of slots.days.flatMap((d) => d.slots).map((s) => s.start)) {
      const res = await postJson(app, '/v1/embed/bookings', { program, variant, customer: customer({ locale: 'de', timezone: zone }), sessions: { mode: 'explicit', starts: [start] } }, key);
      if (res.status !== 201) continue;
      const b = await res.json() as { id: string; client_token: string };
      const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }, key));
      const paid = await postJson(app, `/v1/embed/bookings/${b.id}/test-payments`, { outcome: 'succeed' }, { ...key, 'Tandem-Booking-Token': b.client_token });
      assert.equal(paid.status, 200, await paid.clone().text());
      return { booking: b, order: out.order };
    }
    throw new Error(`no free ${studio} slot`);
  }

  async function invoicePdfText(orderId: string, sk: Record<string, string>): Promise<string> {
    const [row] = await query(db.db, sql`select id from invoices where order_id = ${orderId}`);
    const res = await app.request(`/v1/admin/invoices/${String(row!.id)}.pdf`, { headers: sk });
    assert.equal(res.status, 200);
    return pdfText(Buffer.from(await res.arrayBuffer()));
  }

  async function cancelByStaff(bookingId: string, sk: Record<string, string>) {
    const res = await app.request(`/v1/admin/bookings/${bookingId}/cancel`, {
      method: 'POST', headers: { ...sk, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: '{}',
    });
    assert.equal(res.status, 200, await res.clone().text());
    const { settlement } = await res.json() as { settlement: { refund: number; credit_note: { number: string; pdf_url: string | null } | null } };
    assert.ok(settlement.credit_note?.pdf_url, 'a credit note');
    const pdf = await app.request(settlement.credit_note.pdf_url.replace(/^https?:\/\/[^/]+/, ''), { headers: sk });
    assert.equal(pdf.status, 200, await pdf.clone().text());
    const mails = await outboxOf(db.db, bookingId);
    const body = (k: string) => String(mails.find((m) => m.dedupe_key === `booking:${bookingId}:${k}`)?.text_body ?? '');
    return { settlement, creditNote: pdfText(Buffer.from(await pdf.arrayBuffer())), customerMail: body('cancel'), staffMail: body('cancel:staff') };
  }

  test('a German studio: the invoice, the credit note and both cancellation mails write euros the German way', async () => {
    const { booking, order } = await paidBooking('nord');
    assert.equal(order.currency, 'EUR');
    const amount = formatMoney(order.total, 'EUR', formatLocale('de', 'DE'));
    assert.equal(amount, `95,00${NBSP}€`, 'the German format the documents must show');

    const invoice = await invoicePdfText(order.id, skNord);
    assert.match(invoice, /^Rechnung NORD-2026-\d{4}$/m);
    assert.ok(invoice.includes(amount), `the invoice shows ${amount}:\n${invoice}`);
    assert.doesNotMatch(invoice, /EUR.95\.00|95\.00/, 'not the Swiss format');
    // German as written in Germany, not the Swiss "MWST-Nr." and "MWST".
    assert.match(invoice, /^USt-IdNr\. DE123456789$/m);
    assert.match(invoice, new RegExp(`^inkl\\. 19 % USt\\. auf 79,83${NBSP}€ netto$`, 'm'));
    assert.doesNotMatch(invoice, /MWST/);
    // The studio's address by postal convention: no `DE-` before the postal code, no country line at home.
    assert.match(invoice, /^\d{5} Hamburg$/m, invoice);
    assert.doesNotMatch(invoice, /\b(DE|CH)-\d{4}/);
    assert.doesNotMatch(invoice, /^Deutschland$/m);

    const { creditNote, customerMail, staffMail } = await cancelByStaff(booking.id, skNord);
    assert.ok(creditNote.includes(`-${amount}`), `the credit note shows -${amount}:\n${creditNote}`);
    assert.doesNotMatch(creditNote, /95\.00/);
    assert.doesNotMatch(creditNote, /MWST/);
    assert.match(creditNote, /^USt-IdNr\. DE123456789$/m);
    assert.match(creditNote, /^\d{5} Hamburg$/m);
    assert.doesNotMatch(creditNote, /\b(DE|CH)-\d{4}/);
    assert.ok(customerMail.includes(amount), `the customer's cancellation mail (settlement lines): ${customerMail}`);
    assert.doesNotMatch(customerMail, /95\.00/);
    assert.ok(staffMail.includes(amount), `the studio's mail about the cancellation: ${staffMail}`);
    assert.doesNotMatch(staffMail, /95\.00/);
  });

  test('a Swiss studio: the same documents and mails keep the Swiss format', async () => {
    const { booking, order } = await paidBooking('flow');
    assert.equal(order.currency, 'CHF');
    const amount = formatMoney(order.total, 'CHF', formatLocale('de', 'CH'));
    assert.equal(amount, `CHF${NBSP}140.00`);

    const invoice = await invoicePdfText(order.id, skFlow);
    assert.ok(invoice.includes(amount), `the invoice shows ${amount}:\n${invoice}`);
    assert.match(invoice, /^MWST-Nr\. CHE-123\.456\.789$/m, 'Swiss German keeps its own words');
    assert.match(invoice, /^8004 Zürich$/m, invoice);
    assert.doesNotMatch(invoice, /\bCH-\d{4}/);
    const { creditNote, customerMail, staffMail } = await cancelByStaff(booking.id, skFlow);
    assert.ok(creditNote.includes(`-${amount}`), `the credit note shows -${amount}:\n${creditNote}`);
    assert.ok(customerMail.includes(amount), customerMail);
    assert.ok(staffMail.includes(amount), staffMail);
    assert.doesNotMatch(`${invoice}\n${creditNote}\n${customerMail}\n${staffMail}`, /140,00/);
  });
});
