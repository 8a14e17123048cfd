/** The review page's words, per language. */
import type { PageLang } from './manage-words.ts';

export interface ReviewWords {
  title: string; intro: string; rating: string; stars: string[]; text: string; consentHint: string; send: string;
  thanksTitle: string; thanksText: string; answeredText: string;
  invalidTitle: string; invalidText: string; expiredTitle: string; expiredText: string; fix: string;
}

export const reviewWords: Record<PageLang, ReviewWords> = {
  en: {
    title: 'How was {program}?', intro: 'A rating and a few words for {studio}. It takes a minute.', rating: 'Your rating',
    stars: ['1 – poor', '2 – fair', '3 – good', '4 – very good', '5 – excellent'], text: 'In your own words (optional)',
    consentHint: 'Leave the box empty and only {studio} reads your review.', send: 'Send my review',
    thanksTitle: 'Thank you!', thanksText: 'Your review has reached {studio}.', answeredText: 'You have already answered. Thank you!',
    invalidTitle: 'This link is not valid', invalidText: 'Please use the link from your e-mail as it is.',
    expiredTitle: 'This link has expired', expiredText: 'Reviews are taken for 60 days after the program ends.', fix: 'Please check:',
  },
  de: {
    title: 'Wie war {program}?', intro: 'Eine Bewertung und ein paar Worte für {studio}. Das dauert eine Minute.', rating: 'Ihre Bewertung',
    stars: ['1 – schwach', '2 – mässig', '3 – gut', '4 – sehr gut', '5 – ausgezeichnet'], text: 'In Ihren eigenen Worten (freiwillig)',
    consentHint: 'Lassen Sie das Feld leer, liest nur {studio} Ihre Bewertung.', send: 'Bewertung senden',
    thanksTitle: 'Vielen Dank!', thanksText: 'Ihre Bewertung ist bei {studio} angekommen.', answeredText: 'Sie haben bereits geantwortet. Vielen Dank!',
    invalidTitle: 'Dieser Link ist ungültig', invalidText: 'Bitte verwenden Sie den Link aus Ihrer E-Mail unverändert.',
    expiredTitle: 'Dieser Link ist abgelaufen', expiredText: 'Bewertungen sind bis 60 Tage nach Programmende möglich.', fix: 'Bitte prüfen Sie:',
  },
  fr: {
    title: 'Comment s\'est passé {program} ?', intro: 'Une note et quelques mots pour {studio}. Cela prend une minute.', rating: 'Votre note',
    stars: ['1 – faible', '2 – moyen', '3 – bien', '4 – très bien', '5 – excellent'], text: 'Avec vos mots (facultatif)',
    consentHint: 'Si vous laissez la case vide, seul {studio} lit votre avis.', send: 'Envoyer mon avis',
    thanksTitle: 'Merci !', thanksText: 'Votre avis est bien parvenu à {studio}.', answeredText: 'Vous avez déjà répondu. Merci !',
    invalidTitle: 'Ce lien n\'est pas valide', invalidText: 'Veuillez utiliser le lien de votre e-mail tel quel.',
    expiredTitle: 'Ce lien a expiré', expiredText: 'Les avis sont possibles jusqu\'à 60 jours après la fin du programme.', fix: 'Veuillez vérifier :',
  },
  it: {
    title: 'Com\'è andato {program}?', intro: 'Un voto e qualche parola per {studio}. Richiede un minuto.', rating: 'Il suo voto',
    stars: ['1 – scarso', '2 – discreto', '3 – buono', '4 – molto buono', '5 – eccellente'], text: 'Con parole sue (facoltativo)',
    consentHint: 'Se lascia la casella vuota, solo {studio} legge la sua recensione.', send: 'Invia la recensione',
    thanksTitle: 'Grazie!', thanksText: 'La sua recensione è arrivata a {studio}.', answeredText: 'Ha già risposto. Grazie!',
    invalidTitle: 'Questo link non è valido', invalidText: 'Usi il link della sua e-mail così com\'è.',
    expiredTitle: 'Questo link è scaduto', expiredText: 'Le recensioni sono possibili fino a 60 giorni dopo la fine del programma.', fix: 'Verifichi:',
  },
};
