/**
 * Payment references for the Swiss QR-bill (SIX Implementation Guidelines v2.3):
 *   QRR   27 digits, the last one a modulo-10 recursive check digit; only with a QR-IBAN
 *         (institution id 30000–31999).
 *   SCOR  ISO 11649 creditor reference "RF" + 2 check digits + up to 21 characters; with a
 *         normal IBAN.
 * Both are derived from the org's invoice number, so a payment can be matched to its
 * invoice (automatically from the bank's camt.054 file for QRR).
 */

const MOD10_TABLE = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5] as const;

/** The modulo-10 recursive check digit of a string of digits. */
export function mod10Recursive(digits: string): number {
  if (!/^\d*$/.test(digits)) throw new Error('mod10Recursive takes digits only');
  let carry = 0;
  for (const ch of digits) carry = MOD10_TABLE[(carry + Number(ch)) % 10] as number;
  return (10 - carry) % 10;
}

/** QRR for an invoice: the number, zero-padded to 26 digits, plus its check digit. */
export function qrrReference(invoiceNumber: number): string {
  if (!Number.isSafeInteger(invoiceNumber) || invoiceNumber < 1) throw new Error('invoice number must be a positive integer');
  const body = String(invoiceNumber).padStart(26, '0');
  return `${body}${mod10Recursive(body)}`;
}

export function isValidQrr(reference: string): boolean {
  return /^\d{27}$/.test(reference) && mod10Recursive(reference.slice(0, 26)) === Number(reference[26]);
}

/** ISO 7064 MOD 97-10 of an alphanumeric string (letters A=10 … Z=35), as for IBANs. */
function mod97(alphanumeric: string): number {
  let rest = 0;
  for (const ch of alphanumeric.toUpperCase()) {
    const code = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of code) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** SCOR (ISO 11649) for an invoice: "RF" + check digits + the invoice number. */
export function scorReference(invoiceNumber: number): string {
  if (!Number.isSafeInteger(invoiceNumber) || invoiceNumber < 1) throw new Error('invoice number must be a positive integer');
  const body = String(invoiceNumber);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

export function isValidScor(reference: string): boolean {
  const m = /^RF(\d{2})([0-9A-Z]{1,21})$/.exec(reference.toUpperCase());
  return m !== null && mod97(`${m[2]}RF${m[1]}`) === 1;
}

/** A QR-IBAN: Swiss or Liechtenstein IBAN whose institution id (positions 5–9) is 30000–31999. */
export function isQrIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^(CH|LI)\d{7}[0-9A-Z]{12}$/.test(compact)) return false;
  const iid = Number(compact.slice(4, 9));
  return iid >= 30000 && iid <= 31999;
}

/** Which account and reference an org's QR-bill uses: QR-IBAN + QRR when it has one, else IBAN + SCOR. */
export function qrBillReference(billing: { iban?: string | undefined; qr_iban?: string | undefined }, invoiceNumber: number):
  { account: string; reference: string; type: 'QRR' | 'SCOR' } | null {
  if (billing.qr_iban && isQrIban(billing.qr_iban)) return { account: billing.qr_iban.replace(/\s+/g, ''), reference: qrrReference(invoiceNumber), type: 'QRR' };
  if (billing.iban) return { account: billing.iban.replace(/\s+/g, ''), reference: scorReference(invoiceNumber), type: 'SCOR' };
  return null;
}
