import { frenchCatalog, type Lang } from '../../../../shared/format.ts';

/** The sentences of the reminders and nudges, per language (`{name}` placeholders, filled by `fill`). */
export interface NudgeStrings {
  reminderSubject: string;
  reminderIntro: string;
  bookNextSubject: string;
  bookNextBody: string;
  bookNextExpiry: string;
  installmentDueSubject: string;
  installmentDueBody: string;
  installmentDueCard: string;
  abandonedSubject: string;
  abandonedBody: string;
  abandonedLink: string;
  reviewSubject: string;
  reviewBody: string;
  /** The review link's words in the HTML part. */
  reviewLink: string;
  milestoneSubject: string;
  milestoneBody: string;
  milestoneLink: string;
}

export const nudgeStrings: Record<Lang, NudgeStrings> = {
  en: {
    reminderSubject: 'Reminder: {program}, {date}',
    reminderIntro: 'a reminder of session {n} of {program} with {instructor}: {date}–{end}.',
    bookNextSubject: 'Book your next session: {program}',
    bookNextBody: '{count} session(s) of {program} with {instructor} are still to be scheduled. Choose your next time here: {url}',
    bookNextExpiry: 'Please schedule them by {date}; sessions not scheduled by then lapse.',
    installmentDueSubject: 'Installment due on {date}: {program}',
    installmentDueBody: 'the next installment of {amount} for {program} is due on {date}.',
    installmentDueCard: 'It will be charged to your saved payment method; nothing to do if it is still valid. To check or change it: {url}',
    abandonedSubject: 'Your times for {program} are still free',
    abandonedBody: 'you chose times for {program} with {instructor} but did not finish booking, so the reservation has lapsed.',
    abandonedLink: 'These times are still free at the moment. Book them here: {url}',
    reviewSubject: 'How was {program}?',
    reviewBody: 'you have completed {program} with {instructor}. We would love to hear how it went: a rating and a few words take a minute. With your permission, {studio} may show them on the program\'s page. {url}',
    reviewLink: 'Write a review',
    milestoneSubject: 'Due {date}: {milestone} ({program})',
    milestoneBody: 'a step of {program} with {instructor} is due on {date}: {milestone}.',
    milestoneLink: 'Your program and its milestones: {url}',
  },
  de: {
    reminderSubject: 'Erinnerung: {program}, {date}',
    reminderIntro: 'wir erinnern Sie an Termin {n} von {program} bei {instructor}: {date}–{end}.',
    bookNextSubject: 'Planen Sie Ihren nächsten Termin: {program}',
    bookNextBody: '{count} Termin(e) von {program} bei {instructor} sind noch nicht geplant. Wählen Sie Ihren nächsten Termin hier: {url}',
    bookNextExpiry: 'Bitte planen Sie sie bis {date}; danach verfallen ungeplante Termine.',
    installmentDueSubject: 'Rate fällig am {date}: {program}',
    installmentDueBody: 'die nächste Rate von {amount} für {program} ist am {date} fällig.',
    installmentDueCard: 'Sie wird von Ihrem gespeicherten Zahlungsmittel abgebucht; ist es noch gültig, müssen Sie nichts tun. Prüfen oder ändern: {url}',
    abandonedSubject: 'Ihre Termine für {program} sind noch frei',
    abandonedBody: 'Sie haben Termine für {program} bei {instructor} gewählt, die Buchung aber nicht abgeschlossen; die Reservation ist abgelaufen.',
    abandonedLink: 'Diese Termine sind im Moment noch frei. Hier buchen: {url}',
    reviewSubject: 'Wie war {program}?',
    reviewBody: 'Sie haben {program} bei {instructor} abgeschlossen. Wir würden gerne hören, wie es war: eine Bewertung und ein paar Worte dauern eine Minute. Mit Ihrer Erlaubnis zeigt {studio} sie auf der Seite des Programms. {url}',
    reviewLink: 'Bewertung schreiben',
    milestoneSubject: 'Fällig am {date}: {milestone} ({program})',
    milestoneBody: 'ein Schritt von {program} bei {instructor} ist am {date} fällig: {milestone}.',
    milestoneLink: 'Ihr Programm und seine Meilensteine: {url}',
  },
  fr: {
    reminderSubject: 'Rappel : {program}, {date}',
    reminderIntro: 'un rappel de la séance {n} de {program} avec {instructor} : {date}–{end}.',
    bookNextSubject: 'Réservez votre prochaine séance : {program}',
    bookNextBody: '{count} séance(s) de {program} avec {instructor} restent à planifier. Choisissez votre prochain horaire ici : {url}',
    bookNextExpiry: 'Veuillez les planifier d\'ici au {date} ; les séances non planifiées expirent ensuite.',
    installmentDueSubject: 'Échéance le {date} : {program}',
    installmentDueBody: 'la prochaine échéance de {amount} pour {program} est due le {date}.',
    installmentDueCard: 'Elle sera débitée de votre moyen de paiement enregistré ; rien à faire s\'il est toujours valable. Pour le vérifier ou le changer : {url}',
    abandonedSubject: 'Vos horaires pour {program} sont encore libres',
    abandonedBody: 'vous avez choisi des horaires pour {program} avec {instructor} sans terminer la réservation ; elle a expiré.',
    abandonedLink: 'Ces horaires sont encore libres pour le moment. Réservez-les ici : {url}',
    reviewSubject: 'Comment s\'est passé {program} ?',
    reviewBody: 'vous avez terminé {program} avec {instructor}. Nous aimerions savoir comment cela s\'est passé : une note et quelques mots prennent une minute. Avec votre accord, {studio} pourra les afficher sur la page du programme. {url}',
    reviewLink: 'Donner votre avis',
    milestoneSubject: 'Échéance le {date} : {milestone} ({program})',
    milestoneBody: 'une étape de {program} avec {instructor} est prévue pour le {date} : {milestone}.',
    milestoneLink: 'Votre programme et ses étapes : {url}',
  },
  it: {
    reminderSubject: 'Promemoria: {program}, {date}',
    reminderIntro: 'un promemoria della seduta {n} di {program} con {instructor}: {date}–{end}.',
    bookNextSubject: 'Prenoti la sua prossima seduta: {program}',
    bookNextBody: '{count} sedute di {program} con {instructor} sono ancora da pianificare. Scelga il prossimo orario qui: {url}',
    bookNextExpiry: 'Le pianifichi entro il {date}; dopo, le sedute non pianificate scadono.',
    installmentDueSubject: 'Rata in scadenza il {date}: {program}',
    installmentDueBody: 'la prossima rata di {amount} per {program} scade il {date}.',
    installmentDueCard: 'Sarà addebitata sul suo mezzo di pagamento salvato; se è ancora valido non deve fare nulla. Per verificarlo o cambiarlo: {url}',
    abandonedSubject: 'I suoi orari per {program} sono ancora liberi',
    abandonedBody: 'ha scelto degli orari per {program} con {instructor} senza completare la prenotazione; la riserva è scaduta.',
    abandonedLink: 'Questi orari sono ancora liberi al momento. Li prenoti qui: {url}',
    reviewSubject: 'Com\'è andato {program}?',
    reviewBody: 'ha completato {program} con {instructor}. Ci piacerebbe sapere com\'è andata: un voto e qualche parola richiedono un minuto. Con il suo permesso, {studio} potrà mostrarli sulla pagina del programma. {url}',
    reviewLink: 'Lasciare una recensione',
    milestoneSubject: 'Scadenza il {date}: {milestone} ({program})',
    milestoneBody: 'una tappa di {program} con {instructor} scade il {date}: {milestone}.',
    milestoneLink: 'Il suo programma e le sue tappe: {url}',
  },
};
nudgeStrings.fr = frenchCatalog(nudgeStrings.fr);
