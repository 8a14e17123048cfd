/**
 * Marketing consent, the pure part: the words next to the unticked box (per language, versioned:
 * the record keeps the words shown), the double opt-in mail, the unsubscribe footer and the pages
 * behind the two links, in en/de/fr/it. `{studio}` is the studio's name, `{url}` a link.
 */
import { frenchCatalog, type Lang } from '../../../../shared/format.ts';
import { fillTemplate } from '../../../../shared/template.ts';

/** Raised whenever a language's words change: a record says which words the customer agreed to. */
export const CONSENT_WORDING_VERSION = '2026-12-v1';

const wording: Record<Lang, string> = {
  en: 'Yes, {studio} may send me news and offers by e-mail. I can unsubscribe at any time with the link in every such mail.',
  de: 'Ja, {studio} darf mir Neuigkeiten und Angebote per E-Mail senden. Ich kann mich jederzeit über den Link in jeder dieser E-Mails abmelden.',
  fr: 'Oui, {studio} peut m’envoyer des nouvelles et des offres par e-mail. Je peux me désabonner à tout moment grâce au lien présent dans chacun de ces e-mails.',
  it: 'Sì, {studio} può inviarmi novità e offerte via e-mail. Posso annullare l’iscrizione in qualsiasi momento con il link presente in ciascuna di queste e-mail.',
};

/** The box's words for a studio, as the widget shows them and as the record stores them. */
export function consentWording(lang: Lang, studio: string): string {
  return fillTemplate(lang === 'fr' ? frenchCatalog({ w: wording.fr }).w : wording[lang], { studio });
}

/** A pending consent's confirmation link works this long; after that the box must be ticked again. */
export const CONSENT_CONFIRM_DAYS = 30;

export interface ConsentStrings {
  confirmSubject: string; confirmIntro: string; confirmLink: string; confirmQuote: string; confirmIgnore: string;
  footer: string;
  confirmTitle: string; confirmText: string; confirmButton: string; confirmedTitle: string; confirmedText: string;
  unsubscribeTitle: string; unsubscribeText: string; unsubscribeButton: string; unsubscribedTitle: string; unsubscribedText: string;
  invalidTitle: string; invalidText: string; expiredTitle: string; expiredText: string;
}

const strings: Record<Lang, ConsentStrings> = {
  en: {
    confirmSubject: 'Please confirm: news from {studio}',
    confirmIntro: 'You asked to receive news and offers from {studio} by e-mail.',
    confirmLink: 'Please confirm with this link: {url}',
    confirmQuote: 'What you agreed to: “{wording}”',
    confirmIgnore: 'If it was not you, ignore this mail: without confirmation you receive no news from {studio}. Mail about your bookings is not affected.',
    footer: 'You receive this mail because you agreed to news from {studio}. Unsubscribe: {url}',
    confirmTitle: 'Confirm news from {studio}',
    confirmText: 'Confirm that {studio} may send you news and offers by e-mail. You can unsubscribe at any time.',
    confirmButton: 'Confirm',
    confirmedTitle: 'Thank you',
    confirmedText: 'You will receive news from {studio}. Every such mail has a link to unsubscribe.',
    unsubscribeTitle: 'Unsubscribe from {studio}’s news',
    unsubscribeText: 'You will receive no more news or offers from {studio}. Mail about your bookings still arrives.',
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'You are unsubscribed',
    unsubscribedText: 'You will receive no more news or offers from {studio}. Mail about your bookings still arrives.',
    invalidTitle: 'This link is not valid',
    invalidText: 'Please use the link from the mail exactly as it is.',
    expiredTitle: 'This link has expired',
    expiredText: 'Tick the box again at your next booking to receive a new link.',
  },
  de: {
    confirmSubject: 'Bitte bestätigen: Neuigkeiten von {studio}',
    confirmIntro: 'Sie möchten Neuigkeiten und Angebote von {studio} per E-Mail erhalten.',
    confirmLink: 'Bitte bestätigen Sie mit diesem Link: {url}',
    confirmQuote: 'Ihre Einwilligung: «{wording}»',
    confirmIgnore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung erhalten Sie keine Neuigkeiten von {studio}. E-Mails zu Ihren Buchungen sind davon nicht betroffen.',
    footer: 'Sie erhalten diese E-Mail, weil Sie Neuigkeiten von {studio} zugestimmt haben. Abmelden: {url}',
    confirmTitle: 'Neuigkeiten von {studio} bestätigen',
    confirmText: 'Bestätigen Sie, dass {studio} Ihnen Neuigkeiten und Angebote per E-Mail senden darf. Sie können sich jederzeit abmelden.',
    confirmButton: 'Bestätigen',
    confirmedTitle: 'Vielen Dank',
    confirmedText: 'Sie erhalten nun Neuigkeiten von {studio}. Jede dieser E-Mails enthält einen Link zum Abmelden.',
    unsubscribeTitle: 'Neuigkeiten von {studio} abbestellen',
    unsubscribeText: 'Sie erhalten dann keine Neuigkeiten oder Angebote von {studio} mehr. E-Mails zu Ihren Buchungen erhalten Sie weiterhin.',
    unsubscribeButton: 'Abmelden',
    unsubscribedTitle: 'Sie sind abgemeldet',
    unsubscribedText: 'Sie erhalten keine Neuigkeiten oder Angebote von {studio} mehr. E-Mails zu Ihren Buchungen erhalten Sie weiterhin.',
    invalidTitle: 'Dieser Link ist ungültig',
    invalidText: 'Bitte verwenden Sie den Link aus der E-Mail genau so, wie er ist.',
    expiredTitle: 'Dieser Link ist abgelaufen',
    expiredText: 'Kreuzen Sie das Feld bei Ihrer nächsten Buchung erneut an, um einen neuen Link zu erhalten.',
  },
  fr: {
    confirmSubject: 'Merci de confirmer : nouvelles de {studio}',
    confirmIntro: 'Vous avez demandé à recevoir les nouvelles et offres de {studio} par e-mail.',
    confirmLink: 'Merci de confirmer avec ce lien : {url}',
    confirmQuote: 'Ce que vous avez accepté : « {wording} »',
    confirmIgnore: 'Si ce n’était pas vous, ignorez cet e-mail : sans confirmation, vous ne recevrez aucune nouvelle de {studio}. Les e-mails concernant vos réservations ne sont pas concernés.',
    footer: 'Vous recevez cet e-mail car vous avez accepté les nouvelles de {studio}. Se désabonner : {url}',
    confirmTitle: 'Confirmer les nouvelles de {studio}',
    confirmText: 'Confirmez que {studio} peut vous envoyer des nouvelles et des offres par e-mail. Vous pouvez vous désabonner à tout moment.',
    confirmButton: 'Confirmer',
    confirmedTitle: 'Merci',
    confirmedText: 'Vous recevrez les nouvelles de {studio}. Chacun de ces e-mails contient un lien pour vous désabonner.',
    unsubscribeTitle: 'Se désabonner des nouvelles de {studio}',
    unsubscribeText: 'Vous ne recevrez plus de nouvelles ni d’offres de {studio}. Les e-mails concernant vos réservations continuent d’arriver.',
    unsubscribeButton: 'Se désabonner',
    unsubscribedTitle: 'Vous êtes désabonné·e',
    unsubscribedText: 'Vous ne recevrez plus de nouvelles ni d’offres de {studio}. Les e-mails concernant vos réservations continuent d’arriver.',
    invalidTitle: 'Ce lien n’est pas valable',
    invalidText: 'Veuillez utiliser le lien de l’e-mail tel quel.',
    expiredTitle: 'Ce lien a expiré',
    expiredText: 'Cochez à nouveau la case lors de votre prochaine réservation pour recevoir un nouveau lien.',
  },
  it: {
    confirmSubject: 'Conferma: novità da {studio}',
    confirmIntro: 'Ha chiesto di ricevere novità e offerte da {studio} via e-mail.',
    confirmLink: 'La preghiamo di confermare con questo link: {url}',
    confirmQuote: 'Ciò a cui ha acconsentito: «{wording}»',
    confirmIgnore: 'Se non è stato lei, ignori questa e-mail: senza conferma non riceverà novità da {studio}. Le e-mail sulle sue prenotazioni non cambiano.',
    footer: 'Riceve questa e-mail perché ha acconsentito alle novità di {studio}. Annullare l’iscrizione: {url}',
    confirmTitle: 'Confermare le novità di {studio}',
    confirmText: 'Confermi che {studio} può inviarle novità e offerte via e-mail. Può annullare l’iscrizione in qualsiasi momento.',
    confirmButton: 'Confermare',
    confirmedTitle: 'Grazie',
    confirmedText: 'Riceverà le novità di {studio}. Ogni e-mail di questo tipo contiene un link per annullare l’iscrizione.',
    unsubscribeTitle: 'Annullare l’iscrizione alle novità di {studio}',
    unsubscribeText: 'Non riceverà più novità né offerte da {studio}. Le e-mail sulle sue prenotazioni continuano ad arrivare.',
    unsubscribeButton: 'Annullare l’iscrizione',
    unsubscribedTitle: 'Iscrizione annullata',
    unsubscribedText: 'Non riceverà più novità né offerte da {studio}. Le e-mail sulle sue prenotazioni continuano ad arrivare.',
    invalidTitle: 'Questo link non è valido',
    invalidText: 'Usi il link dell’e-mail esattamente com’è.',
    expiredTitle: 'Questo link è scaduto',
    expiredText: 'Spunti di nuovo la casella alla prossima prenotazione per ricevere un nuovo link.',
  },
};
strings.fr = frenchCatalog(strings.fr);

export const consentStrings: Readonly<Record<Lang, ConsentStrings>> = strings;

/** The double opt-in mail's paragraphs (plain text; the link is the one URL in it). */
export function consentConfirmMail(d: { lang: Lang; studio: string; wording: string; url: string }): { subject: string; paragraphs: string[] } {
  const S = strings[d.lang];
  const v = { studio: d.studio, url: d.url, wording: d.wording };
  return {
    subject: fillTemplate(S.confirmSubject, v),
    paragraphs: [fillTemplate(S.confirmIntro, v), fillTemplate(S.confirmLink, v), fillTemplate(S.confirmQuote, v), fillTemplate(S.confirmIgnore, v), d.studio],
  };
}

/** The last paragraph of every marketing mail. */
export function unsubscribeFooter(lang: Lang, studio: string, url: string): string {
  return fillTemplate(strings[lang].footer, { studio, url });
}

/** RFC 2369 / RFC 8058: the header fields that let the mail client unsubscribe with one click (a POST to the link). */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
