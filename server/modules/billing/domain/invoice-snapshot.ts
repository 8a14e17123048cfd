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
  number: number;
  issued_at: string;
  lang: Lang;
  /** The org's time zone: dates on the invoice are its local dates. */
  zone: string;
  currency: string;
  order_id: string;
  booking_id: string | null;
  creditor: { name: string; vat_number?: string | undefined; email?: string | undefined } & PostalAddress;
  debtor: { name: string; email: string; address?: PostalAddress | undefined };
  /** First and last session, when scheduled: the period of service. */
  service_period: { from: string; to: string } | null;
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
