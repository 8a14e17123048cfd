/** The refund account form's sentences in the portal's four languages (loaded with the form, a small chunk). */
import type { Lang } from '../../../core/i18n/localizer.ts';

const en = {
  heading: 'Refund of {amount} by bank transfer',
  waiting: 'Tell us where to send it: the studio transfers it within a few days.',
  given: 'It goes to {holder}, IBAN ending {last4}.',
  change: 'You can still change the account until the transfer is made.',
  transferred: 'Transferred to {holder}, IBAN ending {last4}.',
  holder: 'Account holder',
  iban: 'IBAN',
  ibanHint: 'As on your bank statement; spaces are fine.',
  save: 'Save the account',
  saved: 'Saved: the refund goes to {holder}, IBAN ending {last4}.',
  holderInvalid: 'Enter the account holder\'s name as the bank knows it.',
  ibanInvalid: 'This IBAN is not valid: check it against your bank statement.',
};

export type RefundAccountKey = keyof typeof en;

const de: Record<RefundAccountKey, string> = {
  heading: 'Rückerstattung von {amount} per Banküberweisung',
  waiting: 'Sagen Sie uns, wohin: Das Studio überweist den Betrag innert weniger Tage.',
  given: 'Sie geht an {holder}, IBAN endend auf {last4}.',
  change: 'Bis zur Überweisung können Sie das Konto noch ändern.',
  transferred: 'Überwiesen an {holder}, IBAN endend auf {last4}.',
  holder: 'Kontoinhaber',
  iban: 'IBAN',
  ibanHint: 'Wie auf Ihrem Kontoauszug; Leerzeichen sind erlaubt.',
  save: 'Konto speichern',
  saved: 'Gespeichert: Die Rückerstattung geht an {holder}, IBAN endend auf {last4}.',
  holderInvalid: 'Geben Sie den Namen des Kontoinhabers an, wie ihn die Bank kennt.',
  ibanInvalid: 'Diese IBAN ist ungültig: Bitte prüfen Sie sie anhand Ihres Kontoauszugs.',
};

const fr: Record<RefundAccountKey, string> = {
  heading: 'Remboursement de {amount} par virement bancaire',
  waiting: 'Indiquez-nous où l’envoyer : le studio effectue le virement en quelques jours.',
  given: 'Il sera versé à {holder}, IBAN se terminant par {last4}.',
  change: 'Vous pouvez encore changer le compte jusqu’au virement.',
  transferred: 'Versé à {holder}, IBAN se terminant par {last4}.',
  holder: 'Titulaire du compte',
  iban: 'IBAN',
  ibanHint: 'Comme sur votre relevé ; les espaces sont acceptés.',
  save: 'Enregistrer le compte',
  saved: 'Enregistré : le remboursement sera versé à {holder}, IBAN se terminant par {last4}.',
  holderInvalid: 'Indiquez le nom du titulaire du compte tel que la banque le connaît.',
  ibanInvalid: 'Cet IBAN n’est pas valide : vérifiez-le sur votre relevé bancaire.',
};

const it: Record<RefundAccountKey, string> = {
  heading: 'Rimborso di {amount} con bonifico bancario',
  waiting: 'Ci indichi dove inviarlo: lo studio effettua il bonifico entro pochi giorni.',
  given: 'Sarà versato a {holder}, IBAN che termina con {last4}.',
  change: 'Può ancora cambiare il conto fino al bonifico.',
  transferred: 'Versato a {holder}, IBAN che termina con {last4}.',
  holder: 'Titolare del conto',
  iban: 'IBAN',
  ibanHint: 'Come sul suo estratto conto; gli spazi sono ammessi.',
  save: 'Salvare il conto',
  saved: 'Salvato: il rimborso sarà versato a {holder}, IBAN che termina con {last4}.',
  holderInvalid: 'Indichi il nome del titolare del conto come lo conosce la banca.',
  ibanInvalid: 'Questo IBAN non è valido: lo verifichi sul suo estratto conto.',
};

export const refundAccountStrings: Record<Lang, Record<RefundAccountKey, string>> = { en, de, fr, it };
