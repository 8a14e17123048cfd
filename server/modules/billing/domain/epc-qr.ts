/**
 * The EPC QR code ("GiroCode", EPC069-12 v2.1, version 002) for a SEPA credit transfer: what a
 * banking app scans to fill in a transfer. Lines, separated by LF:
 *
 *   1 BCD   2 002 (version)   3 1 (UTF-8)   4 SCT
 *   5 BIC (optional in version 002 within the EEA)   6 beneficiary name (≤ 70)   7 IBAN
 *   8 EUR amount (EUR0.01–EUR999999999.99)   9 purpose code (optional)
 *   10 structured creditor reference (ISO 11649 "RF…", ≤ 35) — or — 11 unstructured text (≤ 140)
 *   12 beneficiary-to-originator information (optional, ≤ 70)
 *
 * At most 331 bytes; trailing empty lines may be left out. Error correction level M.
 */

export interface EpcTransfer {
  name: string;
  iban: string;
  bic?: string | undefined;
  /** Euro cents. */
  amount: number;
  /** ISO 11649 creditor reference (RF…), else `text` is used. */
  reference?: string | undefined;
  text?: string | undefined;
  /** Shown to the payer by some apps. */
  note?: string | undefined;
}

/** Characters a line may not carry: line breaks and other control characters. */
function clean(value: string, max: number): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
}

export function epcQrPayload(t: EpcTransfer): string {
  if (!Number.isSafeInteger(t.amount) || t.amount < 1 || t.amount > 99_999_999_999) throw new Error('EPC QR amount must be between EUR 0.01 and EUR 999,999,999.99');
  const iban = t.iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) throw new Error('EPC QR needs an IBAN');
  const euros = Math.floor(t.amount / 100);
  const cents = t.amount % 100;
  const amount = `EUR${euros}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
  const reference = t.reference ? clean(t.reference, 35).replace(/\s+/g, '').toUpperCase() : '';
  const lines = [
    'BCD', '002', '1', 'SCT',
    clean(t.bic ?? '', 11).toUpperCase(),
    clean(t.name, 70),
    iban,
    amount,
    '',
    reference,
    reference ? '' : clean(t.text ?? '', 140),
    clean(t.note ?? '', 70),
  ];
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  if (new TextEncoder().encode(payload).length > 331) throw new Error('EPC QR payload longer than 331 bytes');
  return payload;
}
