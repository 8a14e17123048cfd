/**
 * Which ways to pay a studio offers for a price, decided in one place: the program answer lists
 * them per variant (`payment_methods`, what the widget shows) and checkout refuses any other
 * (`payment_method_unavailable` on `method`).
 *
 *   card           always
 *   twint          CHF only
 *   qr_bill        a Swiss QR-bill: CHF or EUR, to a Swiss or Liechtenstein account (swissqrbill
 *                  and the QR-bill standard take CH/LI IBANs only)
 *   bank_transfer  an invoice with an EPC QR code (GiroCode, EPC069-12): EUR to a SEPA account
 *                  outside CH/LI (those get the QR-bill)
 *   credits        when the variant has a credit price
 *
 * and, of those, only the ones the studio allows for the variant (`allowed`, every method by default).
 */

export type OfferedMethod = 'card' | 'twint' | 'qr_bill' | 'bank_transfer' | 'credits';

/** Every method, in the order the widget lists them: a variant allows all of them unless the studio says otherwise. */
export const ALL_METHODS: readonly OfferedMethod[] = ['card', 'twint', 'qr_bill', 'bank_transfer', 'credits'];

/** The creditor account parts of a studio's billing data that decide the bank methods. */
export interface BankAccount { iban?: string | undefined; qr_iban?: string | undefined }

/** Countries of the SEPA credit transfer scheme (EPC list: EEA members plus CH, LI, GB, MC, SM, VA, AD, AL, MD, ME, MK, RS). */
const SEPA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO',
  'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'CH', 'GB', 'MC', 'SM', 'VA', 'AD', 'AL', 'MD', 'ME', 'MK', 'RS',
  // Territories that use the scheme under their country's code prefix.
  'GI', 'GG', 'JE', 'IM', 'PM', 'GF', 'GP', 'MQ', 'RE', 'YT', 'BL', 'MF', 'AX',
]);

function compact(iban: string | undefined): string {
  return (iban ?? '').replace(/\s+/g, '').toUpperCase();
}

/** ISO 7064 MOD 97-10 over an IBAN (country and check digits moved to the end): valid when it is 1. */
export function isValidIban(iban: string | undefined): boolean {
  const s = compact(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const code = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of code) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** A Swiss or Liechtenstein IBAN (the only accounts a QR-bill may name). */
export function isChLiIban(iban: string | undefined): boolean {
  return /^(CH|LI)\d{7}[A-Z0-9]{12}$/.test(compact(iban));
}

/** An IBAN of a SEPA country, valid by its check digits. */
export function isSepaIban(iban: string | undefined): boolean {
  return isValidIban(iban) && SEPA.has(compact(iban).slice(0, 2));
}

/** The account a QR-bill names: the QR-IBAN, else the IBAN, when it is Swiss or Liechtenstein. */
export function qrBillAccount(account: BankAccount | null | undefined): string | null {
  if (!account) return null;
  for (const candidate of [account.qr_iban, account.iban]) if (candidate && isChLiIban(candidate)) return compact(candidate);
  return null;
}

/** The account an EPC QR transfer goes to: a SEPA IBAN outside CH/LI. */
export function sepaTransferAccount(account: BankAccount | null | undefined): string | null {
  const iban = account?.iban;
  return iban && !isChLiIban(iban) && isSepaIban(iban) ? compact(iban) : null;
}

/** The bank method for a currency and account, if any: the QR-bill for CH/LI accounts, an EPC QR invoice for other SEPA accounts in EUR. */
export function bankMethodFor(currency: string, account: BankAccount | null | undefined): 'qr_bill' | 'bank_transfer' | null {
  if ((currency === 'CHF' || currency === 'EUR') && qrBillAccount(account)) return 'qr_bill';
  if (currency === 'EUR' && sepaTransferAccount(account)) return 'bank_transfer';
  return null;
}

/** Every method offered for a price in `currency`, in the order the widget lists them, of those the variant allows. */
export function offeredMethods(currency: string, account: BankAccount | null | undefined, creditPrice: number | null | undefined, allowed: readonly string[] = ALL_METHODS): OfferedMethod[] {
  const out: OfferedMethod[] = ['card'];
  if (currency === 'CHF') out.push('twint');
  const bank = bankMethodFor(currency, account);
  if (bank) out.push(bank);
  if (creditPrice != null) out.push('credits');
  return out.filter((m) => allowed.includes(m));
}

/**
 * The methods that carry a deposit and a payment plan: the installments are charged later to the
 * card saved with the deposit. TWINT (no saved mandate here), bank transfers and credits are paid
 * in full. The program answer lists them per variant (`plan_methods`); checkout refuses a deposit
 * with any other method (`payment_method_unavailable`, with `plan_methods` in the answer).
 */
export const PLAN_METHODS: readonly OfferedMethod[] = ['card'];

export function carriesPlan(method: string): boolean {
  return (PLAN_METHODS as readonly string[]).includes(method);
}

/** The offered methods a deposit + plan can be paid with; none without a deposit. */
export function planMethods(currency: string, account: BankAccount | null | undefined, creditPrice: number | null | undefined, hasDeposit: boolean, allowed: readonly string[] = ALL_METHODS): OfferedMethod[] {
  return hasDeposit ? offeredMethods(currency, account, creditPrice, allowed).filter(carriesPlan) : [];
}
