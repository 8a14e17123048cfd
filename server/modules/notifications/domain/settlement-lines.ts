/** The money part of the mails after a cancellation or a no-show: what went back, how and when, the fees and why, the credit note. */
import { formatMoney, type FormatLocale, type Lang } from '../../../../shared/format.ts';
import { fill } from './strings.ts';
import { settlementStrings } from './settlement-strings.ts';

/** What a settlement did, as the mails tell it. Amounts in minor units of `currency`. */
export interface SettlementMailData {
  currency: string;
  paid: number;
  /** One per refund row: `provider` is `bank_transfer` for a QR-bill or transfer payment, `credits` for class credits, else the card provider. */
  refunds: { amount: number; provider: string }[];
  creditsBack: number;
  /** Fees per session, by the rule that made them. */
  fees: { seq: number; rule: string; fee: number }[];
  /** What is owed beyond what was paid, and how it is collected. */
  feeCollection: { amount: number; collection: 'charge' | 'balance' } | null;
  creditNote: { number: string } | null;
  /** Where the customer gives the account for a bank refund (the portal's form); absent: they are asked to reply with it. */
  refundAccountUrl?: string | null | undefined;
}

/**
 * Paragraphs: each refund (how much, how, when), credits back, each fee and why, the fee beyond what
 * was paid, the credit note. Sentences in `lang`, amounts in `locale` (the reader's language with the
 * studio's country, `de-DE`: `1.080,00 €`); a bare `lang` means Swiss formats.
 */
export function settlementParagraphs(lang: Lang, studio: string, d: SettlementMailData, locale: FormatLocale = lang): string[] {
  const T = settlementStrings[lang];
  const money = (n: number) => formatMoney(n, d.currency, locale);
  const out: string[] = [];
  const bank = d.refunds.filter((r) => r.provider === 'bank_transfer').reduce((a, r) => a + r.amount, 0);
  const card = d.refunds.filter((r) => r.provider !== 'bank_transfer' && r.provider !== 'credits').reduce((a, r) => a + r.amount, 0);
  if (card > 0) out.push(fill(T.refundCard, { amount: money(card) }));
  if (bank > 0) out.push(fill(d.refundAccountUrl ? T.refundBankLink : T.refundBank, { amount: money(bank), studio, url: d.refundAccountUrl ?? '' }));
  if (d.creditsBack > 0) out.push(fill(T.refundCredits, { credits: d.creditsBack }));
  const fees = d.fees.filter((f) => f.fee > 0).map((f) => fill(T.feeKept, { amount: d.creditsBack > 0 ? String(f.fee) : money(f.fee), rule: T.rules[f.rule] ?? f.rule, seq: f.seq }));
  if (fees.length) out.push(fees.join('\n'));
  if (d.feeCollection && d.feeCollection.amount > 0) {
    out.push(fill(d.feeCollection.collection === 'charge' ? T.feeCharged : T.feeOwed, { amount: money(d.feeCollection.amount), studio }));
  }
  if (d.paid === 0 && d.refunds.length === 0 && d.creditsBack === 0 && d.creditNote) out.push(T.nothingBack);
  if (d.creditNote) out.push(fill(T.creditNote, { number: d.creditNote.number }));
  return out;
}


/** The link to the refund account form, labelled, for `mailBodies`; null without one. */
export function refundAccountLink(lang: Lang, d: SettlementMailData | undefined): { url: string; label: string } | null {
  const bank = d?.refunds.some((r) => r.provider === 'bank_transfer' && r.amount > 0);
  return bank && d?.refundAccountUrl ? { url: d.refundAccountUrl, label: settlementStrings[lang].refundAccountLabel } : null;
}
