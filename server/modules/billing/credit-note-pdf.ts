import { fillTemplate } from '../../../shared/template.ts';
import { documentLocale, drawParties } from './invoice-pdf.ts';
import { formatRateBp, invoiceLabel, vatNumberText } from './domain/index.ts';
import { formatDate, formatMoney, type Lang } from '../../../shared/format.ts';
import type { CreditNoteDocument, CreditNoteRate } from './credit-notes.queries.ts';
import type { InvoiceSnapshot } from './domain/invoice-snapshot.ts';
import { insideTransaction } from '../../platform/db/identity.ts';

const en = {
  title: 'Credit note', date: 'Date', corrects: 'Corrects invoice {number} of {date}', booking: 'Booking', to: 'Credited to',
  description: 'Description', vat: 'VAT', amount: 'Amount', total: 'Total credited', vatIncl: 'incl. {rate} VAT on {net} net reversed',
  noVat: 'Not subject to VAT.', vatNumber: 'VAT no.', partial: '{description} (partial credit)', refunded: 'Refund to your payment',
  nothingDue: 'The amount credited is no longer due.',
  feeKept: 'Not credited: {rule} fee, session {seq}', owed: 'Of which still owed beyond what was paid', rules: { late_cancellation: 'late cancellation', no_show: 'no-show', started_before_cancellation: 'session already begun', non_refundable: 'non-refundable' } as Record<string, string>,
};

const labels: Record<Lang, typeof en> = {
  en,
  de: {
    title: 'Gutschrift', date: 'Datum', corrects: 'Korrektur zu Rechnung {number} vom {date}', booking: 'Buchung', to: 'Gutschrift an',
    description: 'Beschreibung', vat: 'MWST', amount: 'Betrag', total: 'Total Gutschrift', vatIncl: 'inkl. {rate} MWST auf {net} netto storniert',
    noVat: 'Nicht mehrwertsteuerpflichtig.', vatNumber: 'MWST-Nr.', partial: '{description} (Teilgutschrift)', refunded: 'Rückerstattung auf Ihre Zahlung',
    nothingDue: 'Der gutgeschriebene Betrag ist nicht mehr geschuldet.',
    feeKept: 'Nicht gutgeschrieben: Gebühr {rule}, Termin {seq}', owed: 'Davon über das Bezahlte hinaus noch geschuldet', rules: { late_cancellation: 'späte Absage', no_show: 'Nichterscheinen', started_before_cancellation: 'Termin bereits begonnen', non_refundable: 'nicht erstattbar' },
  },
  fr: {
    title: 'Note de crédit', date: 'Date', corrects: 'Corrige la facture {number} du {date}', booking: 'Réservation', to: 'Crédité à',
    description: 'Description', vat: 'TVA', amount: 'Montant', total: 'Total crédité', vatIncl: 'dont TVA {rate} sur {net} HT annulée',
    noVat: 'Non assujetti à la TVA.', vatNumber: 'N° TVA', partial: '{description} (crédit partiel)', refunded: 'Remboursement sur votre paiement',
    nothingDue: 'Le montant crédité n\'est plus dû.',
    feeKept: 'Non crédité : frais de {rule}, séance {seq}', owed: 'Dont encore dû au-delà du montant payé', rules: { late_cancellation: 'annulation tardive', no_show: 'absence', started_before_cancellation: 'séance déjà commencée', non_refundable: 'non remboursable' },
  },
  it: {
    title: 'Nota di credito', date: 'Data', corrects: 'Rettifica la fattura {number} del {date}', booking: 'Prenotazione', to: 'Accreditato a',
    description: 'Descrizione', vat: 'IVA', amount: 'Importo', total: 'Totale accreditato', vatIncl: 'incl. IVA {rate} su {net} netto stornata',
    noVat: 'Non assoggettato all\'IVA.', vatNumber: 'N. IVA', partial: '{description} (credito parziale)', refunded: 'Rimborso sul suo pagamento',
    nothingDue: 'L\'importo accreditato non è più dovuto.',
    feeKept: 'Non accreditato: penale per {rule}, seduta {seq}', owed: 'Di cui ancora dovuto oltre il pagato', rules: { late_cancellation: 'disdetta tardiva', no_show: 'mancata presenza', started_before_cancellation: 'seduta già iniziata', non_refundable: 'non rimborsabile' },
  },
};

/** As on the invoice (invoiceLabels): German outside Switzerland and Liechtenstein says "USt.", not "MWST". */
function creditNoteLabels(lang: Lang, country: string | null | undefined): typeof en {
  const c = (country ?? '').toUpperCase();
  if (lang !== 'de' || !c || c === 'CH' || c === 'LI') return labels[lang];
  return {
    ...labels.de, vat: 'USt.', vatIncl: 'inkl. {rate} USt. auf {net} netto storniert', noVat: 'Nicht umsatzsteuerpflichtig.',
    vatNumber: c === 'AT' ? 'UID-Nr.' : 'USt-IdNr.',
  };
}

export interface CreditNoteLine { description: string; vat_rate_bp: number; amount: number }

/**
 * The credited lines (amounts positive, shown negated): per credited VAT rate, the invoice's own
 * lines when the whole of that rate is credited, otherwise one line for the credited share.
 */
export function creditNoteLines(invoice: InvoiceSnapshot, rates: readonly CreditNoteRate[], lang: Lang): CreditNoteLine[] {
  const out: CreditNoteLine[] = [];
  for (const r of rates) {
    const lines = invoice.lines.filter((l) => l.vat_rate_bp === r.rateBp && l.amount > 0);
    if (lines.length && lines.reduce((a, l) => a + l.amount, 0) === r.gross) {
      for (const l of lines) out.push({ description: l.description, vat_rate_bp: l.vat_rate_bp, amount: l.amount });
    } else {
      const description = [...new Set(lines.map((l) => l.description))].join('; ') || `${labels[lang].title} ${invoiceLabel(invoice)}`;
      out.push({ description: fillTemplate(labels[lang].partial, { description }), vat_rate_bp: r.rateBp, amount: r.gross });
    }
  }
  return out;
}

/**
 * A credit note as PDF, in the language and with the parties of the invoice it corrects: the
 * credited lines and the VAT per rate reversed, as negative amounts. No payment part: nothing is
 * to be paid on a credit note.
 */
export async function renderCreditNotePdf(d: CreditNoteDocument): Promise<Buffer> {
  // Drawing a PDF takes tens of milliseconds: never while a transaction holds a connection and its locks.
  if (insideTransaction()) throw new Error('credit note PDFs are rendered outside database transactions');
  const s = d.invoice.snapshot;
  const L = creditNoteLabels(s.lang, s.creditor.country);
  const locale = documentLocale(s);
  const money = (n: number) => formatMoney(n, d.currency, locale);
  const minus = (n: number) => (n === 0 ? money(0) : `-${money(n)}`);
  const issued = new Date(d.issued_at);
  // Loaded at the first PDF, not at start-up (see invoice-pdf.ts).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${L.title} ${d.number}`, Author: s.creditor.name, CreationDate: issued } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 50;
  const right = doc.page.width - 50;

  drawParties(doc, s, left, L);

  // Title and facts
  doc.moveDown(2).font('Helvetica-Bold').fontSize(16).text(`${L.title} ${d.number}`, left);
  doc.font('Helvetica').fontSize(9).moveDown(0.3).text(`${L.date}: ${formatDate(issued, s.zone, locale)}`);
  doc.text(fillTemplate(L.corrects, { number: invoiceLabel(d.invoice.snapshot), date: formatDate(new Date(d.invoice.issued_at), s.zone, locale) }));
  if (s.booking_id) doc.text(`${L.booking}: ${s.booking_id.slice(0, 8).toUpperCase()}`);

  // Lines
  const width = right - left;
  const col = { desc: left, vat: left + width * 0.68, amount: left + width * 0.8 };
  const amountWidth = right - col.amount;
  let y = doc.moveDown(1.5).y;
  doc.font('Helvetica-Bold');
  doc.text(L.description, col.desc, y, { width: col.vat - col.desc - 8 });
  doc.text(L.vat, col.vat, y, { width: 50 });
  doc.text(L.amount, col.amount, y, { width: amountWidth, align: 'right' });
  y = doc.y + 4;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).stroke();
  y += 6;
  const row = (desc: string, vat: string, amount: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(desc, col.desc, y, { width: col.vat - col.desc - 8 });
    const after = doc.y;
    doc.text(vat, col.vat, y, { width: 50 });
    doc.text(amount, col.amount, y, { width: amountWidth, align: 'right' });
    y = Math.max(after, doc.y) + 4;
  };
  for (const line of creditNoteLines(s, d.rates, s.lang)) row(line.description, formatRateBp(line.vat_rate_bp), minus(line.amount));
  doc.moveTo(left, y).lineTo(right, y).stroke();
  y += 6;
  row(L.total, '', minus(d.total), true);
  const registered = Boolean(s.creditor.vat_number) && d.rates.some((r) => r.rateBp > 0);
  if (registered) {
    for (const r of d.rates) row(fillTemplate(L.vatIncl, { rate: formatRateBp(r.rateBp), net: minus(r.net) }), '', minus(r.vat));
  } else {
    row(L.noVat, '', '');
  }
  y += 6;
  if (d.refund > 0) row(L.refunded, '', money(d.refund));
  else row(L.nothingDue, '', '');
  // What the studio keeps or still claims, and why: the fee lines the invoice goes on claiming.
  for (const f of d.fees) row(fillTemplate(L.feeKept, { rule: L.rules[f.rule] ?? f.rule, seq: f.seq }), '', money(f.fee));
  if (d.balance_due > 0) row(L.owed, '', money(d.balance_due));
  doc.end();
  return done;
}
