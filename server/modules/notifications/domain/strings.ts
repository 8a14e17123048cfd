import { frenchCatalog, type Lang } from '../../../../shared/format.ts';

/** Every sentence the booking mails use, per language. `{name}` placeholders are filled by `fill`. */
export interface MailStrings {
  hello: string;
  confirmedSubject: string;
  confirmedIntro: string;
  reservedSubject: string;
  reservedIntro: string;
  reservedPay: string;
  reservedPayTransfer: string;
  /** For an address not proven: no amount, account or invoice, only where to find them. */
  reservedSubjectUnproven: string;
  reservedPayUnproven: string;
  sessionsHeading: string;
  timesIn: string;
  sessionLine: string;
  toSchedule: string;
  place: string;
  online: string;
  instructor: string;
  paid: string;
  paidCredits: string;
  due: string;
  installment: string;
  manage: string;
  calendarNote: string;
  invoiceAttached: string;
  /** The words of the invoice link in the HTML part. */
  invoiceLink: string;
  failedSubject: string;
  failedBody: string;
  failedRetry: string;
  overdueSubject: string;
  overdueBody: string;
  overdueStaffSubject: string;
  overdueStaffBody: string;
  rescheduledSubject: string;
  rescheduledIntro: string;
  rescheduledCalendarNote: string;
  seriesMovedSubject: string;
  seriesMovedIntro: string;
  seriesMovedHeading: string;
  seriesMovedCalendarNote: string;
  newLinkSubject: string;
  newLinkIntro: string;
  newLinkNote: string;
  payLinkSubject: string;
  payLinkIntro: string;
  payLinkNote: string;
  messagesSubject: string;
  messagesIntro: string;
  messagesReply: string;
  cancelledSubject: string;
  cancelledIntro: string;
  cancelledSessionsHeading: string;
  cancelledCalendarNote: string;
  cancelledPaidNote: string;
  latePaymentSubject: string;
  latePaymentBody: string;
  latePaymentStaffSubject: string;
  latePaymentStaffBody: string;
  /** The same when the lapsed reservation's invoice was voided: the money goes back. */
  latePaymentVoidedBody: string;
  latePaymentVoidedStaffBody: string;
  /** A transfer of more than was due: the excess goes back. */
  overpaidSubject: string;
  overpaidBody: string;
  overpaidStaffSubject: string;
  overpaidStaffBody: string;
  /** A card or TWINT payment of more than the order still claimed (a charge for an installment's old amount): the excess goes back to it. */
  overpaidCardBody: string;
  overpaidCardStaffSubject: string;
  overpaidCardStaffBody: string;
  signOff: string;
  session: string;
}

export const strings: Record<Lang, MailStrings> = {
  en: {
    hello: 'Hello {name},',
    confirmedSubject: 'Booking confirmed: {program}',
    confirmedIntro: 'your booking of {program} ({variant}) with {instructor} is confirmed.',
    reservedSubject: 'Your invoice {number}: {program}',
    reservedIntro: 'thank you for booking {program} ({variant}) with {instructor}. Your times are reserved until {until}.',
    reservedPay: 'Please pay {amount} with the QR-bill in the attached invoice {number}. The booking is confirmed as soon as the payment has arrived.',
    reservedPayTransfer: 'Please transfer {amount} to the account on the attached invoice {number}, with its reference (or scan its QR code with your banking app). The booking is confirmed as soon as the payment has arrived.',
    reservedSubjectUnproven: 'Reserved: {program}',
    reservedPayUnproven: 'Your invoice, with the details for the payment, is on the booking page where you booked; download it there. The booking is confirmed as soon as the payment has arrived.',
    sessionsHeading: 'Your sessions',
    timesIn: 'Times are in {zone}.',
    sessionLine: '{n}. {date}–{end}',
    toSchedule: '{count} more session(s) to schedule later, with the link below.',
    place: 'Place: {place}',
    online: 'Online: {url}',
    instructor: 'Instructor: {name}',
    paid: 'Paid: {amount}',
    paidCredits: 'Paid with {credits} class credits.',
    due: 'Still due: {amount}',
    installment: '  {amount} on {date}',
    manage: 'See, reschedule or cancel your booking and write to {instructor}: {url}',
    calendarNote: 'The attached calendar files (one per session: session-1.ics, …) add your sessions to your calendar.',
    invoiceAttached: 'Your invoice {number} is attached.',
    invoiceLink: 'Open the invoice',
    failedSubject: 'Payment not received: {program}',
    failedBody: 'the installment of {amount} for {program} could not be charged to your saved payment method ({reason}).',
    failedRetry: 'We will try again on {date}. If your card has changed, please update it or contact us: {url}',
    overdueSubject: 'Payment overdue: {program}',
    overdueBody: 'the installment of {amount} for {program} is overdue: we could not charge it after several attempts. Please contact {studio} to settle it: {url}',
    overdueStaffSubject: 'Installment overdue: {customer}, {program}',
    overdueStaffBody: 'The installment of {amount} due on {date} for {customer} ({email}), {program}, could not be charged after {attempts} attempts. The booking is marked "payment overdue". Last error: {reason}',
    rescheduledSubject: 'Session moved: {program}, {date}',
    rescheduledIntro: 'session {n} of {program} with {instructor} has been moved to {date}–{end} (it was {previous}).',
    rescheduledCalendarNote: 'The attached calendar file moves the session in your calendar.',
    seriesMovedSubject: 'Sessions moved: {program}',
    seriesMovedIntro: '{count} sessions of {program} with {instructor} have been moved.',
    seriesMovedHeading: 'The new times',
    seriesMovedCalendarNote: 'The attached calendar files move each session in your calendar.',
    newLinkSubject: 'Your link to {program}',
    newLinkIntro: 'here is your new link to see, reschedule or cancel your booking of {program} and to write to {instructor}:',
    newLinkNote: 'The link is personal: please do not forward it. If you did not ask for it, you can ignore this e-mail.',
    payLinkSubject: 'Your booking of {program}: pay by {until}',
    payLinkIntro: '{studio} has reserved {program} ({variant}) with {instructor} for you. To confirm it, please pay {amount} by {until} with this link:',
    payLinkNote: 'The times are held for you until then; unpaid, they are released. The link is personal: please do not forward it.',
    messagesSubject: 'New message about {program}',
    messagesIntro: '{from} wrote about {program}:',
    messagesReply: 'Read and answer in the thread: {url}',
    cancelledSubject: 'Booking cancelled: {program}',
    cancelledIntro: 'your booking of {program} ({variant}) with {instructor} has been cancelled.',
    cancelledSessionsHeading: 'Cancelled sessions',
    cancelledCalendarNote: 'The attached calendar files (one per session: cancel-….ics) remove these sessions from your calendar.',
    cancelledPaidNote: 'You have paid {amount} for this booking; {studio} will get in touch about it.',
    latePaymentSubject: 'Payment received, reservation expired: {program}',
    latePaymentBody: 'thank you for your payment of {amount} for {program}. It arrived after your reservation had expired, and the reserved times are no longer free. {studio} will contact you to find new times or refund the payment.',
    latePaymentStaffSubject: 'Payment after expiry: {customer}, {program}',
    latePaymentStaffBody: 'A payment of {amount} from {customer} ({email}) for {program} arrived after the reservation had expired. The booking could not be restored because its times are taken or past, so it stays cancelled. Please re-book the customer or refund the payment.',
    latePaymentVoidedBody: "thank you for your payment of {amount} for {program}. It arrived after your reservation had lapsed and its invoice had been cancelled, so it goes back to you: please reply to this mail with the account holder and IBAN to send it to. If you would like to book new times, {studio} is glad to help.",
    latePaymentVoidedStaffBody: "A payment of {amount} from {customer} ({email}) for {program} arrived after the reservation had lapsed and its invoice had been voided by a credit note. It is recorded and waits to go back to the customer as a bank refund: record the outgoing transfer once it is done.",
    overpaidSubject: 'Payment received: {program}',
    overpaidBody: 'thank you for your transfer of {amount} for {program}. It is {excess} more than was due, and that goes back to you: please give the account holder and IBAN to send it to here: {url}',
    overpaidStaffSubject: 'Overpayment to refund: {customer}, {program}',
    overpaidStaffBody: 'A transfer of {amount} from {customer} ({email}) for {program} (reference {reference}) was {excess} more than was due. It is recorded in full; the {excess} waits to go back to the customer as a bank refund: record the outgoing transfer once it is done.',
    overpaidCardBody: 'thank you for your payment of {amount} for {program}. It is {excess} more than was due (the amount still owed had changed while the payment was under way), and that goes back to the card or TWINT account you paid with; it reaches you within a few days.',
    overpaidCardStaffSubject: 'Overpayment refunded: {customer}, {program}',
    overpaidCardStaffBody: 'A payment of {amount} from {customer} ({email}) for {program} was {excess} more than the order still claimed (it was under way when the amount owed changed). It is recorded in full; the {excess} goes back to the customer\'s card or TWINT account by itself. Nothing to do.',
    signOff: 'See you soon,\n{studio}',
    session: 'session',
  },
  de: {
    hello: 'Guten Tag {name}',
    confirmedSubject: 'Buchung bestätigt: {program}',
    confirmedIntro: 'Ihre Buchung von {program} ({variant}) bei {instructor} ist bestätigt.',
    reservedSubject: 'Ihre Rechnung {number}: {program}',
    reservedIntro: 'vielen Dank für Ihre Buchung von {program} ({variant}) bei {instructor}. Ihre Termine sind bis {until} reserviert.',
    reservedPay: 'Bitte bezahlen Sie {amount} mit dem QR-Einzahlungsschein der beiliegenden Rechnung {number}. Die Buchung wird bestätigt, sobald die Zahlung eingetroffen ist.',
    reservedPayTransfer: 'Bitte überweisen Sie {amount} auf das Konto der beiliegenden Rechnung {number}, mit deren Referenz (oder scannen Sie ihren QR-Code mit Ihrer Banking-App). Die Buchung wird bestätigt, sobald die Zahlung eingetroffen ist.',
    reservedSubjectUnproven: 'Reserviert: {program}',
    reservedPayUnproven: 'Ihre Rechnung mit den Angaben zur Zahlung finden Sie auf der Seite, auf der Sie gebucht haben; laden Sie sie dort herunter. Die Buchung wird bestätigt, sobald die Zahlung eingetroffen ist.',
    sessionsHeading: 'Ihre Termine',
    timesIn: 'Zeiten in {zone}.',
    sessionLine: '{n}. {date}–{end}',
    toSchedule: '{count} weitere Termin(e) planen Sie später über den Link unten.',
    place: 'Ort: {place}',
    online: 'Online: {url}',
    instructor: 'Leitung: {name}',
    paid: 'Bezahlt: {amount}',
    paidCredits: 'Bezahlt mit {credits} Guthaben-Einheiten.',
    due: 'Noch offen: {amount}',
    installment: '  {amount} am {date}',
    manage: 'Buchung ansehen, verschieben oder absagen und {instructor} schreiben: {url}',
    calendarNote: 'Die beiliegenden Kalenderdateien (eine pro Termin: session-1.ics, …) tragen Ihre Termine in Ihren Kalender ein.',
    invoiceAttached: 'Ihre Rechnung {number} liegt bei.',
    invoiceLink: 'Rechnung öffnen',
    failedSubject: 'Zahlung nicht erhalten: {program}',
    failedBody: 'die Rate von {amount} für {program} konnte nicht von Ihrem gespeicherten Zahlungsmittel abgebucht werden ({reason}).',
    failedRetry: 'Wir versuchen es am {date} erneut. Falls Ihre Karte geändert hat, aktualisieren Sie sie bitte oder melden Sie sich: {url}',
    overdueSubject: 'Zahlung überfällig: {program}',
    overdueBody: 'die Rate von {amount} für {program} ist überfällig: Wir konnten sie nach mehreren Versuchen nicht abbuchen. Bitte melden Sie sich bei {studio}: {url}',
    overdueStaffSubject: 'Rate überfällig: {customer}, {program}',
    overdueStaffBody: 'Die Rate von {amount}, fällig am {date}, von {customer} ({email}) für {program} konnte nach {attempts} Versuchen nicht abgebucht werden. Die Buchung ist als «Zahlung überfällig» markiert. Letzter Fehler: {reason}',
    rescheduledSubject: 'Termin verschoben: {program}, {date}',
    rescheduledIntro: 'Termin {n} von {program} bei {instructor} wurde auf {date}–{end} verschoben (bisher {previous}).',
    rescheduledCalendarNote: 'Die beiliegende Kalenderdatei verschiebt den Termin in Ihrem Kalender.',
    seriesMovedSubject: 'Termine verschoben: {program}',
    seriesMovedIntro: '{count} Termine von {program} bei {instructor} wurden verschoben.',
    seriesMovedHeading: 'Die neuen Zeiten',
    seriesMovedCalendarNote: 'Die beiliegenden Kalenderdateien verschieben jeden Termin in Ihrem Kalender.',
    newLinkSubject: 'Ihr Link zu {program}',
    newLinkIntro: 'hier ist Ihr neuer Link, um Ihre Buchung von {program} anzusehen, zu verschieben oder abzusagen und {instructor} zu schreiben:',
    newLinkNote: 'Der Link ist persönlich: Bitte leiten Sie ihn nicht weiter. Wenn Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren.',
    payLinkSubject: 'Ihre Buchung von {program}: bitte bis {until} bezahlen',
    payLinkIntro: '{studio} hat {program} ({variant}) bei {instructor} für Sie reserviert. Um die Buchung zu bestätigen, bezahlen Sie bitte {amount} bis {until} über diesen Link:',
    payLinkNote: 'Die Termine bleiben bis dahin für Sie reserviert; ohne Zahlung werden sie freigegeben. Der Link ist persönlich: Bitte leiten Sie ihn nicht weiter.',
    messagesSubject: 'Neue Nachricht zu {program}',
    messagesIntro: '{from} hat zu {program} geschrieben:',
    messagesReply: 'Lesen und antworten im Verlauf: {url}',
    cancelledSubject: 'Buchung abgesagt: {program}',
    cancelledIntro: 'Ihre Buchung von {program} ({variant}) bei {instructor} wurde abgesagt.',
    cancelledSessionsHeading: 'Abgesagte Termine',
    cancelledCalendarNote: 'Die beiliegenden Kalenderdateien (eine pro Termin: cancel-….ics) entfernen diese Termine aus Ihrem Kalender.',
    cancelledPaidNote: 'Sie haben für diese Buchung {amount} bezahlt; {studio} meldet sich dazu bei Ihnen.',
    latePaymentSubject: 'Zahlung erhalten, Reservation abgelaufen: {program}',
    latePaymentBody: 'vielen Dank für Ihre Zahlung von {amount} für {program}. Sie ist nach Ablauf Ihrer Reservation eingetroffen, und die reservierten Termine sind nicht mehr frei. {studio} meldet sich bei Ihnen, um neue Termine zu finden oder die Zahlung zurückzuerstatten.',
    latePaymentStaffSubject: 'Zahlung nach Ablauf: {customer}, {program}',
    latePaymentStaffBody: 'Eine Zahlung von {amount} von {customer} ({email}) für {program} ist nach Ablauf der Reservation eingetroffen. Die Buchung liess sich nicht wiederherstellen, weil ihre Termine belegt oder vorbei sind; sie bleibt abgesagt. Bitte buchen Sie neu oder erstatten Sie die Zahlung zurück.',
    latePaymentVoidedBody: "vielen Dank für Ihre Zahlung von {amount} für {program}. Sie ist eingetroffen, nachdem Ihre Reservation verfallen und die Rechnung storniert war; wir erstatten sie Ihnen zurück: Bitte antworten Sie auf diese Mail mit Kontoinhaber und IBAN. Möchten Sie neue Termine buchen, hilft Ihnen {studio} gern.",
    latePaymentVoidedStaffBody: "Eine Zahlung von {amount} von {customer} ({email}) für {program} ist eingetroffen, nachdem die Reservation verfallen und die Rechnung mit einer Gutschrift storniert war. Sie ist erfasst und wartet auf die Rückerstattung per Überweisung: Bitte erfassen Sie die ausgehende Überweisung, sobald sie erledigt ist.",
    overpaidSubject: 'Zahlung erhalten: {program}',
    overpaidBody: 'vielen Dank für Ihre Überweisung von {amount} für {program}. Sie ist {excess} höher als geschuldet; diesen Betrag erstatten wir Ihnen zurück: Bitte geben Sie Kontoinhaber und IBAN hier an: {url}',
    overpaidStaffSubject: 'Zu viel bezahlt, zurückzuerstatten: {customer}, {program}',
    overpaidStaffBody: 'Eine Überweisung von {amount} von {customer} ({email}) für {program} (Referenz {reference}) war {excess} höher als geschuldet. Sie ist vollständig erfasst; die {excess} warten auf die Rückerstattung per Überweisung: Bitte erfassen Sie die ausgehende Überweisung, sobald sie erledigt ist.',
    overpaidCardBody: 'vielen Dank für Ihre Zahlung von {amount} für {program}. Sie ist {excess} höher als geschuldet (der offene Betrag hatte sich geändert, während die Zahlung unterwegs war); diesen Betrag erstatten wir auf die Karte oder das TWINT-Konto zurück, mit dem Sie bezahlt haben. Er ist in wenigen Tagen bei Ihnen.',
    overpaidCardStaffSubject: 'Zu viel bezahlt, zurückerstattet: {customer}, {program}',
    overpaidCardStaffBody: 'Eine Zahlung von {amount} von {customer} ({email}) für {program} war {excess} höher, als die Bestellung noch forderte (sie war unterwegs, als sich der offene Betrag änderte). Sie ist vollständig erfasst; die {excess} gehen von selbst auf die Karte oder das TWINT-Konto zurück. Nichts zu tun.',
    signOff: 'Bis bald\n{studio}',
    session: 'Termin',
  },
  fr: {
    hello: 'Bonjour {name},',
    confirmedSubject: 'Réservation confirmée : {program}',
    confirmedIntro: 'votre réservation de {program} ({variant}) avec {instructor} est confirmée.',
    reservedSubject: 'Votre facture {number} : {program}',
    reservedIntro: 'merci d\'avoir réservé {program} ({variant}) avec {instructor}. Vos horaires sont réservés jusqu\'au {until}.',
    reservedPay: 'Veuillez payer {amount} avec la QR-facture jointe (facture {number}). La réservation sera confirmée dès réception du paiement.',
    reservedPayTransfer: 'Veuillez virer {amount} sur le compte indiqué dans la facture jointe {number}, avec sa référence (ou scannez son code QR avec votre application bancaire). La réservation sera confirmée dès réception du paiement.',
    reservedSubjectUnproven: 'Réservé : {program}',
    reservedPayUnproven: 'Votre facture, avec les indications pour le paiement, se trouve sur la page où vous avez réservé ; téléchargez-la là. La réservation sera confirmée dès réception du paiement.',
    sessionsHeading: 'Vos séances',
    timesIn: 'Heures en {zone}.',
    sessionLine: '{n}. {date}–{end}',
    toSchedule: '{count} séance(s) à planifier plus tard, avec le lien ci-dessous.',
    place: 'Lieu : {place}',
    online: 'En ligne : {url}',
    instructor: 'Intervenant·e : {name}',
    paid: 'Payé : {amount}',
    paidCredits: 'Payé avec {credits} crédits.',
    due: 'Reste dû : {amount}',
    installment: '  {amount} le {date}',
    manage: 'Voir, déplacer ou annuler votre réservation et écrire à {instructor} : {url}',
    calendarNote: 'Les fichiers calendrier joints (un par séance : session-1.ics, …) ajoutent vos séances à votre agenda.',
    invoiceAttached: 'Votre facture {number} est jointe.',
    invoiceLink: 'Ouvrir la facture',
    failedSubject: 'Paiement non reçu : {program}',
    failedBody: 'l\'échéance de {amount} pour {program} n\'a pas pu être débitée de votre moyen de paiement enregistré ({reason}).',
    failedRetry: 'Nous réessaierons le {date}. Si votre carte a changé, veuillez la mettre à jour ou nous contacter : {url}',
    overdueSubject: 'Paiement en retard : {program}',
    overdueBody: 'l\'échéance de {amount} pour {program} est en retard : nous n\'avons pas pu la débiter après plusieurs tentatives. Veuillez contacter {studio} : {url}',
    overdueStaffSubject: 'Échéance en retard : {customer}, {program}',
    overdueStaffBody: 'L\'échéance de {amount} du {date} de {customer} ({email}) pour {program} n\'a pas pu être débitée après {attempts} tentatives. La réservation est marquée « paiement en retard ». Dernière erreur : {reason}',
    rescheduledSubject: 'Séance déplacée : {program}, {date}',
    rescheduledIntro: 'la séance {n} de {program} avec {instructor} a été déplacée au {date}–{end} (auparavant {previous}).',
    rescheduledCalendarNote: 'Le fichier calendrier joint déplace la séance dans votre agenda.',
    seriesMovedSubject: 'Séances déplacées : {program}',
    seriesMovedIntro: '{count} séances de {program} avec {instructor} ont été déplacées.',
    seriesMovedHeading: 'Les nouveaux horaires',
    seriesMovedCalendarNote: 'Les fichiers calendrier joints déplacent chaque séance dans votre agenda.',
    newLinkSubject: 'Votre lien vers {program}',
    newLinkIntro: 'voici votre nouveau lien pour consulter, déplacer ou annuler votre réservation de {program} et écrire à {instructor} :',
    newLinkNote: 'Ce lien est personnel : merci de ne pas le transférer. Si vous ne l’avez pas demandé, ignorez simplement cet e-mail.',
    payLinkSubject: 'Votre réservation de {program} : à payer avant le {until}',
    payLinkIntro: '{studio} a réservé pour vous {program} ({variant}) avec {instructor}. Pour la confirmer, merci de payer {amount} avant le {until} avec ce lien :',
    payLinkNote: 'Les horaires vous sont réservés jusque-là ; sans paiement, ils sont libérés. Ce lien est personnel : merci de ne pas le transférer.',
    messagesSubject: 'Nouveau message concernant {program}',
    messagesIntro: '{from} a écrit au sujet de {program} :',
    messagesReply: 'Lire et répondre dans la conversation : {url}',
    cancelledSubject: 'Réservation annulée : {program}',
    cancelledIntro: 'votre réservation de {program} ({variant}) avec {instructor} a été annulée.',
    cancelledSessionsHeading: 'Séances annulées',
    cancelledCalendarNote: 'Les fichiers calendrier joints (un par séance : cancel-….ics) retirent ces séances de votre agenda.',
    cancelledPaidNote: 'Vous avez payé {amount} pour cette réservation ; {studio} vous contactera à ce sujet.',
    latePaymentSubject: 'Paiement reçu, réservation expirée : {program}',
    latePaymentBody: 'merci pour votre paiement de {amount} pour {program}. Il est arrivé après l\'expiration de votre réservation, et les horaires réservés ne sont plus libres. {studio} vous contactera pour trouver de nouveaux horaires ou rembourser le paiement.',
    latePaymentStaffSubject: 'Paiement après expiration : {customer}, {program}',
    latePaymentStaffBody: 'Un paiement de {amount} de {customer} ({email}) pour {program} est arrivé après l\'expiration de la réservation. La réservation n\'a pas pu être rétablie, ses horaires étant pris ou passés ; elle reste annulée. Veuillez réserver à nouveau ou rembourser le paiement.',
    latePaymentVoidedBody: "merci pour votre paiement de {amount} pour {program}. Il est arrivé après l'expiration de votre réservation et l'annulation de sa facture ; il vous sera donc remboursé : merci de répondre à ce mail avec le titulaire du compte et l'IBAN. Si vous souhaitez réserver de nouveaux horaires, {studio} vous aidera volontiers.",
    latePaymentVoidedStaffBody: "Un paiement de {amount} de {customer} ({email}) pour {program} est arrivé après l'expiration de la réservation et l'annulation de sa facture par une note de crédit. Il est enregistré et attend d'être remboursé par virement : enregistrez le virement sortant une fois effectué.",
    overpaidSubject: 'Paiement reçu : {program}',
    overpaidBody: "merci pour votre virement de {amount} pour {program}. Il dépasse de {excess} le montant dû ; cette somme vous sera remboursée : merci d'indiquer le titulaire du compte et l'IBAN ici : {url}",
    overpaidStaffSubject: 'Trop-perçu à rembourser : {customer}, {program}',
    overpaidStaffBody: "Un virement de {amount} de {customer} ({email}) pour {program} (référence {reference}) dépassait de {excess} le montant dû. Il est enregistré en entier ; les {excess} attendent d'être remboursés par virement : enregistrez le virement sortant une fois effectué.",
    overpaidCardBody: 'merci pour votre paiement de {amount} pour {program}. Il dépasse de {excess} le montant dû (le montant restant avait changé pendant que le paiement était en cours) ; cette somme est remboursée sur la carte ou le compte TWINT utilisé et vous parviendra d\'ici quelques jours.',
    overpaidCardStaffSubject: 'Trop-perçu remboursé : {customer}, {program}',
    overpaidCardStaffBody: 'Un paiement de {amount} de {customer} ({email}) pour {program} dépassait de {excess} ce que la commande réclamait encore (il était en cours quand le montant dû a changé). Il est enregistré en entier ; les {excess} retournent d\'eux-mêmes sur la carte ou le compte TWINT du client. Rien à faire.',
    signOff: 'À bientôt,\n{studio}',
    session: 'séance',
  },
  it: {
    hello: 'Buongiorno {name},',
    confirmedSubject: 'Prenotazione confermata: {program}',
    confirmedIntro: 'la sua prenotazione di {program} ({variant}) con {instructor} è confermata.',
    reservedSubject: 'La sua fattura {number}: {program}',
    reservedIntro: 'grazie per aver prenotato {program} ({variant}) con {instructor}. I suoi orari sono riservati fino al {until}.',
    reservedPay: 'La preghiamo di pagare {amount} con la QR-fattura allegata (fattura {number}). La prenotazione sarà confermata appena ricevuto il pagamento.',
    reservedPayTransfer: 'La preghiamo di bonificare {amount} sul conto indicato nella fattura allegata {number}, con il suo riferimento (o scansioni il codice QR con la sua app bancaria). La prenotazione sarà confermata appena ricevuto il pagamento.',
    reservedSubjectUnproven: 'Riservato: {program}',
    reservedPayUnproven: 'La sua fattura, con i dati per il pagamento, si trova sulla pagina dove ha prenotato; la scarichi lì. La prenotazione sarà confermata appena ricevuto il pagamento.',
    sessionsHeading: 'Le sue sedute',
    timesIn: 'Orari in {zone}.',
    sessionLine: '{n}. {date}–{end}',
    toSchedule: '{count} sedute da pianificare più tardi, con il link qui sotto.',
    place: 'Luogo: {place}',
    online: 'Online: {url}',
    instructor: 'Con: {name}',
    paid: 'Pagato: {amount}',
    paidCredits: 'Pagato con {credits} crediti.',
    due: 'Ancora da pagare: {amount}',
    installment: '  {amount} il {date}',
    manage: 'Vedere, spostare o annullare la prenotazione e scrivere a {instructor}: {url}',
    calendarNote: 'I file calendario allegati (uno per seduta: session-1.ics, …) aggiungono le sedute alla sua agenda.',
    invoiceAttached: 'La sua fattura {number} è allegata.',
    invoiceLink: 'Apri la fattura',
    failedSubject: 'Pagamento non ricevuto: {program}',
    failedBody: 'la rata di {amount} per {program} non è stata addebitata sul suo mezzo di pagamento salvato ({reason}).',
    failedRetry: 'Riproveremo il {date}. Se la sua carta è cambiata, la aggiorni o ci contatti: {url}',
    overdueSubject: 'Pagamento scaduto: {program}',
    overdueBody: 'la rata di {amount} per {program} è scaduta: non è stato possibile addebitarla dopo diversi tentativi. Contatti {studio}: {url}',
    overdueStaffSubject: 'Rata scaduta: {customer}, {program}',
    overdueStaffBody: 'La rata di {amount} del {date} di {customer} ({email}) per {program} non è stata addebitata dopo {attempts} tentativi. La prenotazione è segnata «pagamento scaduto». Ultimo errore: {reason}',
    rescheduledSubject: 'Seduta spostata: {program}, {date}',
    rescheduledIntro: 'la seduta {n} di {program} con {instructor} è stata spostata a {date}–{end} (prima {previous}).',
    rescheduledCalendarNote: 'Il file calendario allegato sposta la seduta nella sua agenda.',
    seriesMovedSubject: 'Sedute spostate: {program}',
    seriesMovedIntro: '{count} sedute di {program} con {instructor} sono state spostate.',
    seriesMovedHeading: 'I nuovi orari',
    seriesMovedCalendarNote: 'I file calendario allegati spostano ogni seduta nella sua agenda.',
    newLinkSubject: 'Il suo link a {program}',
    newLinkIntro: 'ecco il suo nuovo link per vedere, spostare o annullare la prenotazione di {program} e scrivere a {instructor}:',
    newLinkNote: 'Il link è personale: non lo inoltri. Se non l’ha richiesto, può ignorare questa e-mail.',
    payLinkSubject: 'La sua prenotazione di {program}: da pagare entro il {until}',
    payLinkIntro: '{studio} ha riservato per lei {program} ({variant}) con {instructor}. Per confermarla, paghi {amount} entro il {until} con questo link:',
    payLinkNote: 'Gli orari restano riservati per lei fino ad allora; senza pagamento vengono liberati. Il link è personale: non lo inoltri.',
    messagesSubject: 'Nuovo messaggio su {program}',
    messagesIntro: '{from} ha scritto su {program}:',
    messagesReply: 'Legga e risponda nella conversazione: {url}',
    cancelledSubject: 'Prenotazione annullata: {program}',
    cancelledIntro: 'la sua prenotazione di {program} ({variant}) con {instructor} è stata annullata.',
    cancelledSessionsHeading: 'Sedute annullate',
    cancelledCalendarNote: 'I file calendario allegati (uno per seduta: cancel-….ics) tolgono queste sedute dalla sua agenda.',
    cancelledPaidNote: 'Ha pagato {amount} per questa prenotazione; {studio} la contatterà in merito.',
    latePaymentSubject: 'Pagamento ricevuto, prenotazione scaduta: {program}',
    latePaymentBody: 'grazie per il pagamento di {amount} per {program}. È arrivato dopo la scadenza della sua prenotazione e gli orari riservati non sono più liberi. {studio} la contatterà per trovare nuovi orari o rimborsare il pagamento.',
    latePaymentStaffSubject: 'Pagamento dopo la scadenza: {customer}, {program}',
    latePaymentStaffBody: 'Un pagamento di {amount} di {customer} ({email}) per {program} è arrivato dopo la scadenza della prenotazione. La prenotazione non è stata ripristinata perché i suoi orari sono occupati o passati; resta annullata. La preghiamo di prenotare di nuovo o rimborsare il pagamento.',
    latePaymentVoidedBody: "grazie per il pagamento di {amount} per {program}. È arrivato dopo la scadenza della sua prenotazione e l'annullamento della fattura, quindi le verrà restituito: risponda a questa e-mail indicando il titolare del conto e l'IBAN. Se desidera prenotare nuovi orari, {studio} la aiuterà volentieri.",
    latePaymentVoidedStaffBody: "Un pagamento di {amount} da {customer} ({email}) per {program} è arrivato dopo la scadenza della prenotazione e l'annullamento della fattura con una nota di credito. È registrato e attende di essere restituito con un bonifico: registri il bonifico in uscita una volta eseguito.",
    overpaidSubject: 'Pagamento ricevuto: {program}',
    overpaidBody: "grazie per il bonifico di {amount} per {program}. Supera di {excess} l'importo dovuto; questa somma le verrà restituita: indichi il titolare del conto e l'IBAN qui: {url}",
    overpaidStaffSubject: 'Pagamento in eccesso da rimborsare: {customer}, {program}',
    overpaidStaffBody: "Un bonifico di {amount} da {customer} ({email}) per {program} (riferimento {reference}) superava di {excess} l'importo dovuto. È registrato per intero; i {excess} attendono di essere restituiti con un bonifico: registri il bonifico in uscita una volta eseguito.",
    overpaidCardBody: 'grazie per il pagamento di {amount} per {program}. Supera di {excess} l\'importo dovuto (l\'importo ancora da pagare era cambiato mentre il pagamento era in corso); questa somma viene restituita sulla carta o sul conto TWINT con cui ha pagato e le arriverà entro pochi giorni.',
    overpaidCardStaffSubject: 'Pagamento in eccesso rimborsato: {customer}, {program}',
    overpaidCardStaffBody: 'Un pagamento di {amount} da {customer} ({email}) per {program} superava di {excess} quanto l\'ordine chiedeva ancora (era in corso quando l\'importo dovuto è cambiato). È registrato per intero; i {excess} tornano da soli sulla carta o sul conto TWINT del cliente. Nulla da fare.',
    signOff: 'A presto,\n{studio}',
    session: 'seduta',
  },
};
strings.fr = frenchCatalog(strings.fr);

/** The mails' name for the one placeholder filler. */
export { fillTemplate as fill } from '../../../../shared/template.ts';
