import { fillTemplate } from '../../../shared/template.ts';
import QRCode from 'qrcode';
import { epcQrPayload } from './domain/epc-qr.ts';
import { formatRateBp, invoiceLabel, postalLines, vatNumberText } from './domain/index.ts';
import { formatDate, formatLocale, formatMoney, type FormatLocale, type Lang } from '../../../shared/format.ts';
import type { InvoiceSnapshot } from './domain/invoice-snapshot.ts';
import { insideTransaction } from '../../platform/db/identity.ts';

const en = {
  invoice: 'Invoice', date: 'Date', period: 'Period of service', periodOpen: 'from {from} (sessions to be scheduled)', booking: 'Booking', to: 'Bill to', description: 'Description', qty: 'Qty',
  vat: 'VAT', amount: 'Amount', subtotal: 'Subtotal', discount: 'Discount', rounding: 'Rounding (5 centimes)', total: 'Total',
  vatIncl: 'incl. {rate} VAT on {net} net', paid: 'Paid', due: 'Amount due', noVat: 'Not subject to VAT.', vatNumber: 'VAT no.',
  paidInFull: 'Paid in full. Thank you.', payWithin: 'Payable within {days} days, with the payment part below.', credits: 'Paid with {credits} class credits.',
  transfer: 'Payment by bank transfer', transferWithin: 'Payable within {days} days by bank transfer to the account below, with the reference.',
  scan: 'Scan the code with your banking app (GiroCode / EPC QR).', beneficiary: 'Beneficiary', reference: 'Reference',
};

const labels: Record<Lang, typeof en> = {
  en,
  de: {
    invoice: 'Rechnung', date: 'Datum', period: 'Leistungszeitraum', periodOpen: 'ab {from} (weitere Termine nach Vereinbarung)', booking: 'Buchung', to: 'Rechnung an', description: 'Beschreibung', qty: 'Anz.',
    vat: 'MWST', amount: 'Betrag', subtotal: 'Zwischensumme', discount: 'Rabatt', rounding: 'Rundung (5 Rappen)', total: 'Total',
    vatIncl: 'inkl. {rate} MWST auf {net} netto', paid: 'Bezahlt', due: 'Offener Betrag', noVat: 'Nicht mehrwertsteuerpflichtig.', vatNumber: 'MWST-Nr.',
    paidInFull: 'Vollständig bezahlt. Vielen Dank.', payWithin: 'Zahlbar innert {days} Tagen mit dem Zahlteil unten.', credits: 'Bezahlt mit {credits} Guthaben-Einheiten.',
    transfer: 'Zahlung per Überweisung', transferWithin: 'Zahlbar innert {days} Tagen per Überweisung auf das Konto unten, mit der Referenz.',
    scan: 'Scannen Sie den Code mit Ihrer Banking-App (GiroCode / EPC-QR).', beneficiary: 'Empfänger', reference: 'Referenz',
  },
  fr: {
    invoice: 'Facture', date: 'Date', period: 'Période de prestation', periodOpen: 'à partir du {from} (séances à planifier)', booking: 'Réservation', to: 'Facturé à', description: 'Description', qty: 'Qté',
    vat: 'TVA', amount: 'Montant', subtotal: 'Sous-total', discount: 'Rabais', rounding: 'Arrondi (5 centimes)', total: 'Total',
    vatIncl: 'dont TVA {rate} sur {net} HT', paid: 'Payé', due: 'Montant dû', noVat: 'Non assujetti à la TVA.', vatNumber: 'N° TVA',
    paidInFull: 'Payée intégralement. Merci.', payWithin: 'Payable dans les {days} jours avec la section paiement ci-dessous.', credits: 'Payé avec {credits} crédits.',
    transfer: 'Paiement par virement', transferWithin: 'Payable dans les {days} jours par virement sur le compte ci-dessous, avec la référence.',
    scan: 'Scannez le code avec votre application bancaire (GiroCode / QR EPC).', beneficiary: 'Bénéficiaire', reference: 'Référence',
  },
  it: {
    invoice: 'Fattura', date: 'Data', period: 'Periodo della prestazione', periodOpen: 'dal {from} (sedute da fissare)', booking: 'Prenotazione', to: 'Fatturato a', description: 'Descrizione', qty: 'Qtà',
    vat: 'IVA', amount: 'Importo', subtotal: 'Subtotale', discount: 'Sconto', rounding: 'Arrotondamento (5 centesimi)', total: 'Totale',
    vatIncl: 'incl. IVA {rate} su {net} netto', paid: 'Pagato', due: 'Importo dovuto', noVat: 'Non assoggettato all\'IVA.', vatNumber: 'N. IVA',
    paidInFull: 'Pagata interamente. Grazie.', payWithin: 'Pagabile entro {days} giorni con la sezione pagamento sotto.', credits: 'Pagato con {credits} crediti.',
    transfer: 'Pagamento tramite bonifico', transferWithin: 'Pagabile entro {days} giorni tramite bonifico sul conto sotto, con il riferimento.',
    scan: 'Scansioni il codice con la sua app bancaria (GiroCode / QR EPC).', beneficiary: 'Beneficiario', reference: 'Riferimento',
  },
};


/**
 * The formats an invoice or a credit note is printed in: the customer's language (the snapshot's
 * `lang`) with the studio's country (the creditor's, frozen in the snapshot), as the mails use them:
 * a German studio's invoice reads `1.080,00 €` and `10. Dezember 2026`, a Swiss one `CHF 1’080.00`.
 */
export function documentLocale(s: Pick<InvoiceSnapshot, 'lang' | 'creditor'>): FormatLocale {
  return formatLocale(s.lang, s.creditor.country);
}
/** Swiss German words that a German or Austrian studio's invoice must not use ("MWST", "innert"): theirs are "USt.", "innerhalb". */
const germanOutsideSwitzerland: Partial<typeof en> = {
  vat: 'USt.', vatIncl: 'inkl. {rate} USt. auf {net} netto', noVat: 'Nicht umsatzsteuerpflichtig.', vatNumber: 'USt-IdNr.',
  payWithin: 'Zahlbar innerhalb von {days} Tagen mit dem Zahlteil unten.', transferWithin: 'Zahlbar innerhalb von {days} Tagen per Überweisung auf das Konto unten, mit der Referenz.',
};

/** The invoice's words: the customer's language, as written in the studio's country (German in Germany or Austria says "USt."). */
export function invoiceLabels(lang: Lang, country: string | null | undefined): typeof en {
  const c = (country ?? '').toUpperCase();
  if (lang !== 'de' || !c || c === 'CH' || c === 'LI') return labels[lang];
  return { ...labels.de, ...germanOutsideSwitzerland, ...(c === 'AT' ? { vatNumber: 'UID-Nr.' } : {}) };
}

export interface InvoiceRenderState {
  /** Paid so far, minor units. */
  amountPaid: number;
}

/**
 * The invoice as PDF: creditor and debtor, lines with their VAT rate, VAT per rate, totals,
 * what is paid and due, and — while something is due on an invoice meant for bank transfer
 * — the Swiss QR-bill payment part for the amount due.
 */
export async function renderInvoicePdf(s: InvoiceSnapshot, state: InvoiceRenderState): Promise<Buffer> {
  // Drawing a PDF takes tens of milliseconds: never while a transaction holds a connection and its locks.
  if (insideTransaction()) throw new Error('invoice PDFs are rendered outside database transactions');
  const L = invoiceLabels(s.lang, s.creditor.country);
  const locale = documentLocale(s);
  const money = (n: number) => formatMoney(n, s.currency, locale);
  // pdfkit (with fontkit and its tables) and the QR-bill library are loaded at the first PDF, not at start-up: ≈ 6 MB of heap a process that never renders one does not keep.
  const [{ default: PDFDocument }, { SwissQRBill }] = await Promise.all([import('pdfkit'), import('swissqrbill/pdf')]);
  const issued = new Date(s.issued_at);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${L.invoice} ${invoiceLabel(s)}`, Author: s.creditor.name, CreationDate: issued } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 50;
  const right = doc.page.width - 50;
  const width = right - left;

  drawParties(doc, s, left, L);

  // Title and facts
  doc.moveDown(2).font('Helvetica-Bold').fontSize(16).text(`${L.invoice} ${invoiceLabel(s)}`, left);
  doc.font('Helvetica').fontSize(9).moveDown(0.3).text(`${L.date}: ${formatDate(issued, s.zone, locale)}`);
  if (s.service_period) {
    const from = formatDate(new Date(s.service_period.from), s.zone, locale);
    const to = formatDate(new Date(s.service_period.to), s.zone, locale);
    const open = (s.service_period.to_schedule ?? 0) > 0;
    doc.text(`${L.period}: ${open ? fillTemplate(L.periodOpen, { from }) : from === to ? from : `${from} – ${to}`}`);
  }
  if (s.booking_id) doc.text(`${L.booking}: ${s.booking_id.slice(0, 8).toUpperCase()}`);

  // Lines
  const col = { desc: left, qty: left + width * 0.58, vat: left + width * 0.68, amount: left + width * 0.8 };
  const amountWidth = right - col.amount;
  let y = doc.moveDown(1.5).y;
  doc.font('Helvetica-Bold');
  doc.text(L.description, col.desc, y, { width: col.qty - col.desc - 8 });
  doc.text(L.qty, col.qty, y, { width: 40 });
  doc.text(L.vat, col.vat, y, { width: 50 });
  doc.text(L.amount, col.amount, y, { width: amountWidth, align: 'right' });
  y = doc.y + 4;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).stroke();
  doc.font('Helvetica');
  y += 6;
  const row = (desc: string, qty: string, vat: string, amount: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(desc, col.desc, y, { width: col.qty - col.desc - 8 });
    const after = doc.y;
    doc.text(qty, col.qty, y, { width: 40 });
    doc.text(vat, col.vat, y, { width: 50 });
    doc.text(amount, col.amount, y, { width: amountWidth, align: 'right' });
    y = Math.max(after, doc.y) + 4;
  };
  for (const line of s.lines) row(line.description, String(line.quantity), formatRateBp(line.vat_rate_bp), money(line.amount + line.discount));
  doc.moveTo(left, y).lineTo(right, y).stroke();
  y += 6;
  if (s.discount_total > 0) {
    row(L.subtotal, '', '', money(s.subtotal));
    row(s.discount_label ? `${L.discount} (${s.discount_label})` : L.discount, '', '', `-${money(s.discount_total)}`);
  }
  if (s.rounding_adjustment !== 0) row(L.rounding, '', '', money(s.rounding_adjustment));
  row(L.total, '', '', money(s.total), true);
  const registered = Boolean(s.creditor.vat_number) && s.vat_by_rate.some((r) => r.rate_bp > 0);
  if (registered) {
    for (const r of s.vat_by_rate) row(fillTemplate(L.vatIncl, { rate: formatRateBp(r.rate_bp), net: money(r.net) }), '', '', money(r.vat));
  } else {
    row(L.noVat, '', '', '');
  }
  y += 6;
  if (s.credits) row(fillTemplate(L.credits, { credits: s.credits }), '', '', '');
  const due = Math.max(0, s.total - state.amountPaid);
  if (state.amountPaid > 0) row(L.paid, '', '', money(state.amountPaid));
  if (due > 0) row(L.due, '', '', money(due), true);
  else row(L.paidInFull, '', '', '');

  if (due > 0 && s.qr?.scheme === 'epc' && s.currency === 'EUR') {
    drawEpcTransfer(doc, s, due, L, { left, y: y + 6, width });
  } else if (due > 0 && s.qr && (s.currency === 'CHF' || s.currency === 'EUR')) {
    if (s.payable_within_days) {
      y += 6;
      doc.font('Helvetica').text(fillTemplate(L.payWithin, { days: s.payable_within_days }), left, y, { width });
    }
    const creditorAccount = s.qr.account;
    const bill = new SwissQRBill({
      currency: s.currency,
      amount: due / 100,
      reference: s.qr.reference,
      message: `${L.invoice} ${invoiceLabel(s)}`,
      creditor: {
        account: creditorAccount, name: s.creditor.name, address: s.creditor.street,
        ...(s.creditor.building_number ? { buildingNumber: s.creditor.building_number } : {}),
        zip: s.creditor.postal_code, city: s.creditor.city, country: s.creditor.country,
      },
      ...(s.debtor.address ? {
        debtor: {
          name: s.debtor.name, address: s.debtor.address.street,
          ...(s.debtor.address.building_number ? { buildingNumber: s.debtor.address.building_number } : {}),
          zip: s.debtor.address.postal_code, city: s.debtor.address.city, country: s.debtor.address.country,
        },
      } : {}),
    }, { language: s.lang.toUpperCase() as 'DE' | 'EN' | 'FR' | 'IT' });
    bill.attachTo(doc);
  }
  doc.end();
  return done;
}

/** Side of one module of the EPC QR code, in points: 46 × 46 mm at most for the largest payload, as EPC069-12 advises. */
export const EPC_QR_MODULE_PT = 2.75;

/** The dark modules of a QR code (error correction M, as EPC069-12 asks), row by row. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => Boolean(modules.get(r, c))));
}

/**
 * The payment block of an invoice paid by SEPA transfer: the EPC QR code (GiroCode) with the
 * studio's IBAN, the amount due and the ISO 11649 reference, and the same details as text.
 */
function drawEpcTransfer(doc: PDFKit.PDFDocument, s: InvoiceSnapshot, due: number, L: typeof en, at: { left: number; y: number; width: number }): void {
  const qr = s.qr!;
  const payload = epcQrPayload({ name: s.creditor.name, iban: qr.account, amount: due, reference: qr.reference, note: `${L.invoice} ${invoiceLabel(s)}` });
  const matrix = qrMatrix(payload);
  const quiet = 4 * EPC_QR_MODULE_PT;
  const side = matrix.length * EPC_QR_MODULE_PT + 2 * quiet;
  let y = at.y;
  if (y + side + 40 > doc.page.height - 50) {
    doc.addPage();
    y = 50;
  }
  doc.font('Helvetica-Bold').fontSize(11).text(L.transfer, at.left, y, { width: at.width });
  y = doc.y + 4;
  doc.font('Helvetica').fontSize(9);
  if (s.payable_within_days) {
    doc.text(fillTemplate(L.transferWithin, { days: s.payable_within_days }), at.left, y, { width: at.width });
    y = doc.y + 6;
  }
  const x0 = at.left + quiet;
  const y0 = y + quiet;
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (dark) doc.rect(x0 + c * EPC_QR_MODULE_PT, y0 + r * EPC_QR_MODULE_PT, EPC_QR_MODULE_PT, EPC_QR_MODULE_PT);
  }));
  doc.fillColor('black').fill();
  const textLeft = at.left + side + 16;
  const textWidth = at.left + at.width - textLeft;
  const money = formatMoney(due, s.currency, documentLocale(s));
  const iban = qr.account.replace(/(.{4})/g, '$1 ').trim();
  doc.font('Helvetica').fontSize(9).text(L.scan, textLeft, y + quiet, { width: textWidth });
  doc.moveDown(0.6);
  for (const [label, value] of [[L.beneficiary, s.creditor.name], ['IBAN', iban], [L.amount, money], [L.reference, qr.reference]] as const) {
    doc.font('Helvetica-Bold').text(label, textLeft, doc.y, { width: textWidth });
    doc.font('Helvetica').text(value, textLeft, doc.y, { width: textWidth });
  }
}

/** The supplier and the recipient at the top of an invoice or a credit note. */
export function drawParties(doc: PDFKit.PDFDocument, s: InvoiceSnapshot, left: number, labels: { vatNumber: string; to: string }): void {
  doc.font('Helvetica-Bold').fontSize(14).text(s.creditor.name, left, 50);
  doc.font('Helvetica').fontSize(9);
  // Postal convention: postal code and city, the country's name on its own line only when abroad.
  for (const line of postalLines(s.creditor, s.creditor.country, s.lang)) doc.text(line);
  if (s.creditor.email) doc.text(s.creditor.email);
  if (s.creditor.vat_number) doc.text(`${labels.vatNumber} ${vatNumberText(s.creditor.vat_number)}`);
  doc.moveDown(2).font('Helvetica-Bold').fontSize(9).text(labels.to);
  doc.font('Helvetica').text(s.debtor.name);
  if (s.debtor.address) {
    for (const line of postalLines(s.debtor.address, s.creditor.country, s.lang)) doc.text(line);
  }
  doc.text(s.debtor.email);
}
