/** The referral reward setting's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  legend: 'What a referrer receives per new customer', credits: 'Class credits', coupon: 'A coupon of their own',
  creditsCount: 'Class credits per new customer', percentOff: 'Percent off', amountOff: 'Amount off', percent: 'Percent', amount: 'Amount', currency: 'Currency',
  validDays: 'Valid for (days)', couponNote: 'Single use; only the referrer can redeem it. Their mail carries the code.', save: 'Save reward', saved: 'Reward saved.',
  problem: 'Please check these fields:', couponLine: '{referee}: coupon {code}, {status}', couponPending: '{referee}: coupon, {status}',
};
export type RewardKey = keyof typeof en;

const de: Record<RewardKey, string> = {
  legend: 'Was eine empfehlende Person pro neuer Kundin, neuem Kunden erhält', credits: 'Guthaben für Stunden', coupon: 'Einen eigenen Gutscheincode',
  creditsCount: 'Guthaben pro neuer Kundschaft', percentOff: 'Prozent Rabatt', amountOff: 'Betrag Rabatt', percent: 'Prozent', amount: 'Betrag', currency: 'Währung',
  validDays: 'Gültig (Tage)', couponNote: 'Einmal einlösbar, nur von der empfehlenden Person. Der Code steht in ihrer E-Mail.', save: 'Belohnung speichern', saved: 'Belohnung gespeichert.',
  problem: 'Bitte prüfen Sie diese Felder:', couponLine: '{referee}: Gutschein {code}, {status}', couponPending: '{referee}: Gutschein, {status}',
};
const fr: Record<RewardKey, string> = {
  legend: 'Ce que reçoit le parrain ou la marraine par nouveau client', credits: 'Des crédits de cours', coupon: 'Un code de réduction personnel',
  creditsCount: 'Crédits de cours par nouveau client', percentOff: 'Pourcentage de réduction', amountOff: 'Montant de réduction', percent: 'Pourcentage', amount: 'Montant', currency: 'Devise',
  validDays: 'Valable (jours)', couponNote: 'Utilisable une fois, par le parrain ou la marraine seulement. Son e-mail contient le code.', save: 'Enregistrer la récompense', saved: 'Récompense enregistrée.',
  problem: 'Veuillez vérifier ces champs\u202f:', couponLine: '{referee}\u202f: code {code}, {status}', couponPending: '{referee}\u202f: code de réduction, {status}',
};
const it: Record<RewardKey, string> = {
  legend: 'Cosa riceve chi raccomanda per ogni nuovo cliente', credits: 'Crediti per lezioni', coupon: 'Un codice sconto personale',
  creditsCount: 'Crediti per ogni nuovo cliente', percentOff: 'Sconto in percentuale', amountOff: 'Sconto in importo', percent: 'Percentuale', amount: 'Importo', currency: 'Valuta',
  validDays: 'Valido (giorni)', couponNote: 'Utilizzabile una volta, solo da chi raccomanda. Il codice è nella sua e-mail.', save: 'Salva il premio', saved: 'Premio salvato.',
  problem: 'Controlli questi campi:', couponLine: '{referee}: codice {code}, {status}', couponPending: '{referee}: codice sconto, {status}',
};

export const rewardWords: Readonly<Record<ConsoleLang, Readonly<Record<RewardKey, string>>>> = { en, de, fr, it };
