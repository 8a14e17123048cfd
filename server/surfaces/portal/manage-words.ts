/** The manage page's own words (the portal element brings the rest), per language. */
export type PageLang = 'en' | 'de' | 'fr' | 'it';

export interface ManageWords {
  title: string;
  loading: string;
  noScript: string;
  expiredTitle: string;
  expiredText: string;
  email: string;
  send: string;
  sentTitle: string;
  sentText: string;
}

export const manageWords: Record<PageLang, ManageWords> = {
  en: {
    title: 'Your booking', loading: 'Loading your booking…', noScript: 'Please turn on JavaScript to manage your booking here.',
    expiredTitle: 'This link has expired', expiredText: 'Send me a new one: enter the e-mail address you booked with, and we will mail you a fresh link.',
    email: 'E-mail address', send: 'Send me a new link',
    sentTitle: 'Check your inbox', sentText: 'If this address belongs to the booking, a new link is on its way. It can take a minute or two.',
  },
  de: {
    title: 'Ihre Buchung', loading: 'Ihre Buchung wird geladen…', noScript: 'Bitte aktivieren Sie JavaScript, um Ihre Buchung hier zu verwalten.',
    expiredTitle: 'Dieser Link ist abgelaufen', expiredText: 'Schicken Sie mir einen neuen: Geben Sie die E-Mail-Adresse Ihrer Buchung ein, und wir senden Ihnen einen neuen Link.',
    email: 'E-Mail-Adresse', send: 'Neuen Link senden',
    sentTitle: 'Schauen Sie in Ihr Postfach', sentText: 'Wenn diese Adresse zur Buchung gehört, ist ein neuer Link unterwegs. Das kann ein, zwei Minuten dauern.',
  },
  fr: {
    title: 'Votre réservation', loading: 'Chargement de votre réservation…', noScript: 'Veuillez activer JavaScript pour gérer votre réservation ici.',
    expiredTitle: 'Ce lien a expiré', expiredText: 'Envoyez-m’en un nouveau : saisissez l’adresse e-mail de votre réservation et nous vous enverrons un nouveau lien.',
    email: 'Adresse e-mail', send: 'M’envoyer un nouveau lien',
    sentTitle: 'Consultez votre boîte de réception', sentText: 'Si cette adresse correspond à la réservation, un nouveau lien est en route. Cela peut prendre une ou deux minutes.',
  },
  it: {
    title: 'La sua prenotazione', loading: 'Caricamento della prenotazione…', noScript: 'Attivi JavaScript per gestire qui la sua prenotazione.',
    expiredTitle: 'Questo link è scaduto', expiredText: 'Me ne mandi uno nuovo: inserisca l’indirizzo e-mail della prenotazione e le invieremo un nuovo link.',
    email: 'Indirizzo e-mail', send: 'Inviami un nuovo link',
    sentTitle: 'Controlli la sua casella di posta', sentText: 'Se questo indirizzo appartiene alla prenotazione, un nuovo link è in arrivo. Può richiedere un paio di minuti.',
  },
};

export function pageLang(tag: string | null | undefined): PageLang {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'de' || primary === 'fr' || primary === 'it' ? primary : 'en';
}
