import type { Lang } from '../../../../shared/format.ts';

/** A structured postal address (QR-bill v2.3: structured addresses only). */
export interface PostalAddress {
  street: string;
  building_number?: string | undefined;
  postal_code: string;
  city: string;
  country: string;
}

/**
 * What an invoice says, frozen when it is issued (`invoices.snapshot`): the PDF is rendered
 * from this, so a later change to the studio's address or the program's title does not
 * rewrite an issued invoice. Amounts in minor units.
 */
export interface InvoiceSnapshot {
  /** The org's gapless sequence number (`invoices.number`). */
  number: number;
  /** The number as printed, e.g. `FLOW-2026-0001` (`formatInvoiceNumber`); absent on invoices issued before there was one. */
  display_number?: string | undefined;
  issued_at: string;
  lang: Lang;
  /** The org's time zone: dates on the invoice are its local dates. */
  zone: string;
  currency: string;
  order_id: string;
  booking_id: string | null;
  creditor: { name: string; vat_number?: string | undefined; email?: string | undefined } & PostalAddress;
  debtor: { name: string; email: string; address?: PostalAddress | undefined };
  /**
   * First and last scheduled session: the period of service. `to_schedule`: sessions of the
   * booking not scheduled yet (the period then runs "from" the first, open-ended).
   */
  service_period: { from: string; to: string; to_schedule?: number | undefined } | null;
  lines: {
    description: string;
    quantity: number;
    unit_price: number;
    discount: number;
    amount: number;
    vat_rate_bp: number;
    vat_amount: number;
  }[];
  subtotal: number;
  discount_total: number;
  discount_label: string | null;
  rounding_adjustment: number;
  vat_total: number;
  total: number;
  vat_by_rate: { rate_bp: number; gross: number; net: number; vat: number }[];
  /** Paid in class credits (the amounts are then zero). */
  credits?: number | undefined;
  /**
   * The account and reference to pay to; only for invoices meant to be paid by bank transfer.
   * `scheme`: the Swiss QR-bill payment part (absent: invoices issued before there was a choice),
   * or an EPC QR code (GiroCode) for a SEPA transfer in euros.
   */
  qr: { account: string; reference: string; reference_type: 'QRR' | 'SCOR'; scheme?: 'swiss_qr_bill' | 'epc' | undefined } | null;
  /** Days to pay a QR-bill invoice. */
  payable_within_days?: number | undefined;
}

/**
 * The invoice number as printed: the studio's prefix (billing settings `invoice_prefix`), the
 * year of issue in the studio's zone and the org's gapless sequence number, `FLOW-2026-0001`.
 * Without a prefix, the sequence number alone. Formatted from the stored integer, so the
 * sequence (and its gaplessness) is untouched.
 */
export function formatInvoiceNumber(number: number, issuedAt: Date, zone: string, prefix?: string | null | undefined): string {
  const p = prefix?.trim();
  if (!p) return String(number);
  const year = new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(issuedAt);
  return `${p}-${year}-${String(number).padStart(4, '0')}`;
}

/**
 * A credit note's number as printed: its own series beside the invoices', `FLOW-CN-2026-0001` (the
 * studio's prefix, `CN`, the year of issue, the gapless integer), or `CN-2026-0001` without a prefix
 * (a bare integer would read as an invoice's number).
 */
export function formatCreditNoteNumber(number: number, issuedAt: Date, zone: string, prefix?: string | null | undefined): string {
  const p = prefix?.trim();
  return formatInvoiceNumber(number, issuedAt, zone, p ? `${p}-CN` : 'CN');
}

/** The number an invoice prints: its frozen display number, else the sequence number. */
export function invoiceLabel(s: Pick<InvoiceSnapshot, 'number' | 'display_number'>): string {
  return s.display_number ?? String(s.number);
}

/**
 * A VAT number as printed after its label ("MWST-Nr.", "N° TVA"): a Swiss UID stored with its
 * register suffix (`CHE-123.456.789 MWST`) would say MWST twice, so the suffix goes.
 */
export function vatNumberText(vatNumber: string): string {
  return vatNumber.trim().replace(/\s+(MWST|TVA|IVA|VAT)$/i, '');
}
