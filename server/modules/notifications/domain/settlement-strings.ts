import { frenchCatalog, type Lang } from '../../../../shared/format.ts';

/** The sentences of the mails about money after a cancellation, a no-show or a lapsed reservation, per language. */
export interface SettlementStrings {
  refundCard: string;
  refundBank: string;
  /** A bank refund with the portal's form for the account: `{url}` ends it (it stands alone on its own line in the text part). */
  refundBankLink: string;
  /** The words of that link in the HTML part. */
  refundAccountLabel: string;
  refundCredits: string;
  feeKept: string;
  feeCharged: string;
  feeOwed: string;
  nothingBack: string;
  creditNote: string;
  rules: Record<string, string>;
  staffCancelledSubject: string;
  staffCancelledBody: string;
  byCustomer: string;
  byStudio: string;
  studioFault: string;
  staffRefundBank: string;
  staffFeeCharged: string;
  staffFeeOwed: string;
  noShowSubject: string;
  noShowIntro: string;
  /** A refund staff gave while the booking goes on (not a cancellation). */
  refundGivenSubject: string;
  refundGivenIntro: string;
  reminderSubject: string;
  reminderBody: string;
  lapsedSubject: string;
  lapsedBody: string;
  lapsedStaffSubject: string;
  lapsedStaffBody: string;
  feeDeclinedSubject: string;
  feeDeclinedBody: string;
  feeDeclinedStaffSubject: string;
  feeDeclinedStaffBody: string;
}

export const settlementStrings: Record<Lang, SettlementStrings> = {
  en: {
    refundCard: 'Refund: {amount} to the card or TWINT account you paid with. It usually shows on your statement within 5 to 10 business days.',
    refundBank: 'Refund: {amount} by bank transfer. Please reply to this mail with the account holder and IBAN to send it to; {studio} transfers it within a few days of receiving them.',
    refundBankLink: 'Refund: {amount} by bank transfer; {studio} transfers it within a few days of receiving the account holder and IBAN. Please give them here: {url}',
    refundAccountLabel: 'Give your account for the refund',
    refundCredits: '{credits} class credit(s) are back on your account now.',
    feeKept: 'Fee: {amount} ({rule}, session {seq}).',
    feeCharged: 'The fee beyond what you had paid, {amount}, is charged to the card you saved with your deposit.',
    feeOwed: 'The fee beyond what you had paid, {amount}, is still owed; {studio} will send you the details.',
    nothingBack: 'Nothing was paid for this booking, so nothing is refunded; the invoice is cancelled.',
    creditNote: 'The attached credit note {number} corrects the invoice.',
    rules: { late_cancellation: 'late cancellation', no_show: 'no-show', started_before_cancellation: 'session already begun', non_refundable: 'non-refundable', completed: 'session held' },
    staffCancelledSubject: 'Cancelled: {customer}, {program}',
    staffCancelledBody: 'The booking of {program} ({variant}) for {customer} ({email}) was cancelled by {by}.',
    byCustomer: 'the customer',
    byStudio: 'the studio',
    studioFault: 'the studio (everything not delivered goes back)',
    staffRefundBank: 'A bank refund of {amount} waits for your outgoing transfer: record it in the order once sent (the customer was asked for their IBAN).',
    staffFeeCharged: 'The fee beyond what the customer had paid, {amount}, is charged to the card saved with the deposit.',
    staffFeeOwed: 'The fee beyond what the customer had paid, {amount}, is still owed on the order.',
    refundGivenSubject: 'Refund for {program}',
    refundGivenIntro: '{studio} has refunded {amount} of what you paid for {program} ({variant}). Your booking stays as it is.',
    noShowSubject: 'Missed session: {program}',
    noShowIntro: 'you did not attend session {seq} of {program} on {date}. It counts as held, and the studio\'s no-show policy applies.',
    reminderSubject: 'Reminder: please pay invoice {number} by {until}',
    reminderBody: 'your times for {program} ({variant}) with {instructor} are reserved until {until}. We have not received the payment of {amount} for invoice {number} yet. Please pay it by then with the QR-bill on the invoice; otherwise the reservation lapses and the times are released. If you have paid in the last few days, thank you: please ignore this reminder.',
    lapsedSubject: 'Reservation lapsed: {program}',
    lapsedBody: 'the payment for invoice {number} ({amount}) had not arrived by {until}, so your reservation of {program} ({variant}) with {instructor} has lapsed and its times are released. Please do not pay invoice {number} any more. If you still want to come, book new times; if you paid in the meantime, {studio} will contact you.',
    lapsedStaffSubject: 'Reservation lapsed unpaid: {customer}, {program}',
    lapsedStaffBody: 'The reservation of {program} ({variant}) for {customer} ({email}) lapsed on {until}: invoice {number} ({amount}) was not paid. Its times are free again. The invoice is voided by a credit note; a payment that still arrives is recorded and goes back to the customer.',
    feeDeclinedSubject: "Fee not paid: {program}",
    feeDeclinedBody: "the charge of {amount} to the card you saved with your deposit, for the fee of {program} ({variant}), was declined: {reason}. The amount is still owed. You can see what is owed and pay it here: {url}. If you would rather pay another way, reply to this mail and {studio} will help.",
    feeDeclinedStaffSubject: "Fee charge declined: {customer}, {program}",
    feeDeclinedStaffBody: "The charge of {amount} for the fee of {program} ({variant}) to the card {customer} ({email}) saved with the deposit was declined: {reason}. The amount is still owed on the order; the customer has been sent the link to pay it.",
  },
  de: {
    refundCard: 'Rückerstattung: {amount} auf die Karte bzw. das TWINT-Konto, mit dem Sie bezahlt haben. Sie erscheint meist innert 5 bis 10 Arbeitstagen auf Ihrer Abrechnung.',
    refundBank: 'Rückerstattung: {amount} per Banküberweisung. Bitte antworten Sie auf diese Mail mit Kontoinhaber und IBAN; {studio} überweist den Betrag wenige Tage danach.',
    refundBankLink: 'Rückerstattung: {amount} per Banküberweisung; {studio} überweist den Betrag wenige Tage nach Erhalt von Kontoinhaber und IBAN. Bitte geben Sie diese hier an: {url}',
    refundAccountLabel: 'Konto für die Rückerstattung angeben',
    refundCredits: '{credits} Guthabenpunkt(e) sind ab sofort wieder auf Ihrem Konto.',
    feeKept: 'Gebühr: {amount} ({rule}, Termin {seq}).',
    feeCharged: 'Die Gebühr über das Bezahlte hinaus, {amount}, wird der Karte belastet, die Sie mit der Anzahlung hinterlegt haben.',
    feeOwed: 'Die Gebühr über das Bezahlte hinaus, {amount}, ist noch geschuldet; {studio} sendet Ihnen die Angaben dazu.',
    nothingBack: 'Für diese Buchung wurde nichts bezahlt, also wird nichts erstattet; die Rechnung ist storniert.',
    creditNote: 'Die beiliegende Gutschrift {number} korrigiert die Rechnung.',
    rules: { late_cancellation: 'späte Absage', no_show: 'Nichterscheinen', started_before_cancellation: 'Termin bereits begonnen', non_refundable: 'nicht erstattbar', completed: 'Termin stattgefunden' },
    staffCancelledSubject: 'Abgesagt: {customer}, {program}',
    staffCancelledBody: 'Die Buchung von {program} ({variant}) für {customer} ({email}) wurde von {by} abgesagt.',
    byCustomer: 'der Kundin / dem Kunden',
    byStudio: 'dem Studio',
    studioFault: 'dem Studio (alles nicht Erbrachte wird erstattet)',
    staffRefundBank: 'Eine Rückerstattung von {amount} per Bank wartet auf Ihre Überweisung: erfassen Sie sie nach dem Senden in der Bestellung (die Kundschaft wurde um ihre IBAN gebeten).',
    staffFeeCharged: 'Die Gebühr über das Bezahlte hinaus, {amount}, wird der mit der Anzahlung hinterlegten Karte belastet.',
    staffFeeOwed: 'Die Gebühr über das Bezahlte hinaus, {amount}, ist auf der Bestellung noch offen.',
    refundGivenSubject: 'Rückerstattung für {program}',
    refundGivenIntro: '{studio} hat Ihnen {amount} von dem zurückerstattet, was Sie für {program} ({variant}) bezahlt haben. Ihre Buchung bleibt, wie sie ist.',
    noShowSubject: 'Verpasster Termin: {program}',
    noShowIntro: 'Sie sind nicht zu Termin {seq} von {program} am {date} erschienen. Er gilt als stattgefunden, und die Regel des Studios für Nichterscheinen gilt.',
    reminderSubject: 'Erinnerung: Bitte bezahlen Sie Rechnung {number} bis {until}',
    reminderBody: 'Ihre Termine für {program} ({variant}) bei {instructor} sind bis {until} reserviert. Die Zahlung von {amount} für Rechnung {number} ist noch nicht eingegangen. Bitte bezahlen Sie sie bis dahin mit dem QR-Einzahlungsschein der Rechnung; sonst verfällt die Reservation und die Termine werden freigegeben. Haben Sie in den letzten Tagen bezahlt, danke: Dann ist diese Erinnerung hinfällig.',
    lapsedSubject: 'Reservation verfallen: {program}',
    lapsedBody: 'die Zahlung für Rechnung {number} ({amount}) ist bis {until} nicht eingegangen. Ihre Reservation von {program} ({variant}) bei {instructor} ist deshalb verfallen, die Termine sind freigegeben. Bitte bezahlen Sie Rechnung {number} nicht mehr. Möchten Sie trotzdem kommen, buchen Sie neue Termine; haben Sie inzwischen bezahlt, meldet sich {studio} bei Ihnen.',
    lapsedStaffSubject: 'Reservation unbezahlt verfallen: {customer}, {program}',
    lapsedStaffBody: 'Die Reservation von {program} ({variant}) für {customer} ({email}) ist am {until} verfallen: Rechnung {number} ({amount}) wurde nicht bezahlt. Die Termine sind wieder frei. Die Rechnung wird mit einer Gutschrift storniert; eine später eintreffende Zahlung wird erfasst und zurückerstattet.',
    feeDeclinedSubject: "Gebühr nicht bezahlt: {program}",
    feeDeclinedBody: "die Belastung von {amount} auf der Karte, die Sie mit der Anzahlung hinterlegt haben, für die Gebühr von {program} ({variant}) wurde abgelehnt: {reason}. Der Betrag ist noch geschuldet. Hier sehen Sie, was offen ist, und können es bezahlen: {url}. Möchten Sie lieber anders bezahlen, antworten Sie auf diese Mail; {studio} hilft Ihnen gern.",
    feeDeclinedStaffSubject: "Gebühr abgelehnt: {customer}, {program}",
    feeDeclinedStaffBody: "Die Belastung von {amount} für die Gebühr von {program} ({variant}) auf der Karte, die {customer} ({email}) mit der Anzahlung hinterlegt hat, wurde abgelehnt: {reason}. Der Betrag ist auf der Bestellung noch offen; die Kundin oder der Kunde hat den Link zum Bezahlen erhalten.",
  },
  fr: {
    refundCard: 'Remboursement : {amount} sur la carte ou le compte TWINT utilisé pour payer. Il apparaît en général sur votre relevé sous 5 à 10 jours ouvrables.',
    refundBank: 'Remboursement : {amount} par virement bancaire. Merci de répondre à ce mail avec le titulaire du compte et l\'IBAN ; {studio} effectue le virement quelques jours après.',
    refundBankLink: "Remboursement : {amount} par virement bancaire ; {studio} effectue le virement quelques jours après avoir reçu le titulaire du compte et l'IBAN. Merci de les indiquer ici : {url}",
    refundAccountLabel: 'Indiquer votre compte pour le remboursement',
    refundCredits: '{credits} crédit(s) de cours sont de nouveau sur votre compte dès maintenant.',
    feeKept: 'Frais : {amount} ({rule}, séance {seq}).',
    feeCharged: 'Les frais au-delà de ce que vous aviez payé, {amount}, sont débités de la carte enregistrée avec votre acompte.',
    feeOwed: 'Les frais au-delà de ce que vous aviez payé, {amount}, restent dus ; {studio} vous enverra les détails.',
    nothingBack: 'Rien n\'a été payé pour cette réservation, rien n\'est donc remboursé ; la facture est annulée.',
    creditNote: 'La note de crédit {number} ci-jointe corrige la facture.',
    rules: { late_cancellation: 'annulation tardive', no_show: 'absence', started_before_cancellation: 'séance déjà commencée', non_refundable: 'non remboursable', completed: 'séance tenue' },
    staffCancelledSubject: 'Annulée : {customer}, {program}',
    staffCancelledBody: 'La réservation de {program} ({variant}) pour {customer} ({email}) a été annulée par {by}.',
    byCustomer: 'le client ou la cliente',
    byStudio: 'le studio',
    studioFault: 'le studio (tout ce qui n\'a pas été fourni est remboursé)',
    staffRefundBank: 'Un remboursement bancaire de {amount} attend votre virement : enregistrez-le dans la commande une fois envoyé (l\'IBAN a été demandé au client).',
    staffFeeCharged: 'Les frais au-delà de ce que le client avait payé, {amount}, sont débités de la carte enregistrée avec l\'acompte.',
    staffFeeOwed: 'Les frais au-delà de ce que le client avait payé, {amount}, restent dus sur la commande.',
    refundGivenSubject: 'Remboursement pour {program}',
    refundGivenIntro: '{studio} vous a remboursé {amount} sur ce que vous avez payé pour {program} ({variant}). Votre réservation reste inchangée.',
    noShowSubject: 'Séance manquée : {program}',
    noShowIntro: 'vous ne vous êtes pas présenté·e à la séance {seq} de {program} le {date}. Elle compte comme tenue, et la règle d\'absence du studio s\'applique.',
    reminderSubject: 'Rappel : merci de payer la facture {number} d\'ici le {until}',
    reminderBody: 'vos horaires pour {program} ({variant}) avec {instructor} sont réservés jusqu\'au {until}. Nous n\'avons pas encore reçu le paiement de {amount} pour la facture {number}. Merci de la payer d\'ici là avec la QR-facture ; sinon la réservation expire et les horaires sont libérés. Si vous avez payé ces derniers jours, merci : ignorez ce rappel.',
    lapsedSubject: 'Réservation expirée : {program}',
    lapsedBody: 'le paiement de la facture {number} ({amount}) n\'est pas arrivé d\'ici le {until} ; votre réservation de {program} ({variant}) avec {instructor} a donc expiré et ses horaires sont libérés. Merci de ne plus payer la facture {number}. Si vous souhaitez toujours venir, réservez de nouveaux horaires ; si vous avez payé entre-temps, {studio} vous contactera.',
    lapsedStaffSubject: 'Réservation expirée impayée : {customer}, {program}',
    lapsedStaffBody: 'La réservation de {program} ({variant}) pour {customer} ({email}) a expiré le {until} : la facture {number} ({amount}) n\'a pas été payée. Ses horaires sont de nouveau libres. La facture est annulée par une note de crédit ; un paiement qui arriverait encore est enregistré et remboursé au client.',
    feeDeclinedSubject: "Frais non payés : {program}",
    feeDeclinedBody: "le débit de {amount} sur la carte enregistrée avec votre acompte, pour les frais de {program} ({variant}), a été refusé : {reason}. Ce montant reste dû. Vous pouvez voir ce qui est dû et le payer ici : {url}. Si vous préférez payer autrement, répondez à ce mail et {studio} vous aidera.",
    feeDeclinedStaffSubject: "Débit des frais refusé : {customer}, {program}",
    feeDeclinedStaffBody: "Le débit de {amount} pour les frais de {program} ({variant}) sur la carte enregistrée par {customer} ({email}) avec l'acompte a été refusé : {reason}. Le montant reste dû sur la commande ; le lien pour le payer a été envoyé au client.",
  },
  it: {
    refundCard: 'Rimborso: {amount} sulla carta o sul conto TWINT con cui ha pagato. Di solito appare sull\'estratto conto entro 5-10 giorni lavorativi.',
    refundBank: 'Rimborso: {amount} con bonifico bancario. Risponda a questa mail indicando titolare del conto e IBAN; {studio} effettua il bonifico pochi giorni dopo.',
    refundBankLink: 'Rimborso: {amount} con bonifico bancario; {studio} effettua il bonifico pochi giorni dopo aver ricevuto titolare del conto e IBAN. Li indichi qui: {url}',
    refundAccountLabel: 'Indicare il conto per il rimborso',
    refundCredits: '{credits} credito/i di lezione sono di nuovo sul suo conto da subito.',
    feeKept: 'Penale: {amount} ({rule}, seduta {seq}).',
    feeCharged: 'La penale oltre quanto aveva pagato, {amount}, è addebitata sulla carta salvata con l\'acconto.',
    feeOwed: 'La penale oltre quanto aveva pagato, {amount}, è ancora dovuta; {studio} le invierà i dettagli.',
    nothingBack: 'Per questa prenotazione non è stato pagato nulla, quindi nulla viene rimborsato; la fattura è annullata.',
    creditNote: 'La nota di credito {number} allegata rettifica la fattura.',
    rules: { late_cancellation: 'disdetta tardiva', no_show: 'mancata presenza', started_before_cancellation: 'seduta già iniziata', non_refundable: 'non rimborsabile', completed: 'seduta svolta' },
    staffCancelledSubject: 'Annullata: {customer}, {program}',
    staffCancelledBody: 'La prenotazione di {program} ({variant}) per {customer} ({email}) è stata annullata da {by}.',
    byCustomer: 'il cliente',
    byStudio: 'lo studio',
    studioFault: 'lo studio (tutto ciò che non è stato erogato viene rimborsato)',
    staffRefundBank: 'Un rimborso bancario di {amount} attende il suo bonifico: lo registri nell\'ordine una volta inviato (al cliente è stato chiesto l\'IBAN).',
    staffFeeCharged: 'La penale oltre quanto pagato dal cliente, {amount}, è addebitata sulla carta salvata con l\'acconto.',
    staffFeeOwed: 'La penale oltre quanto pagato dal cliente, {amount}, è ancora dovuta sull\'ordine.',
    refundGivenSubject: 'Rimborso per {program}',
    refundGivenIntro: '{studio} le ha rimborsato {amount} di quanto pagato per {program} ({variant}). La sua prenotazione resta invariata.',
    noShowSubject: 'Seduta mancata: {program}',
    noShowIntro: 'non si è presentato/a alla seduta {seq} di {program} del {date}. Conta come svolta, e si applica la regola dello studio per la mancata presenza.',
    reminderSubject: 'Promemoria: paghi la fattura {number} entro il {until}',
    reminderBody: 'i suoi orari per {program} ({variant}) con {instructor} sono riservati fino al {until}. Non abbiamo ancora ricevuto il pagamento di {amount} per la fattura {number}. La paghi entro quella data con la QR-fattura; altrimenti la prenotazione scade e gli orari vengono liberati. Se ha pagato negli ultimi giorni, grazie: ignori questo promemoria.',
    lapsedSubject: 'Prenotazione scaduta: {program}',
    lapsedBody: 'il pagamento della fattura {number} ({amount}) non è arrivato entro il {until}; la sua prenotazione di {program} ({variant}) con {instructor} è quindi scaduta e gli orari sono liberati. Non paghi più la fattura {number}. Se desidera ancora venire, prenoti nuovi orari; se ha pagato nel frattempo, {studio} la contatterà.',
    lapsedStaffSubject: 'Prenotazione scaduta non pagata: {customer}, {program}',
    lapsedStaffBody: 'La prenotazione di {program} ({variant}) per {customer} ({email}) è scaduta il {until}: la fattura {number} ({amount}) non è stata pagata. I suoi orari sono di nuovo liberi. La fattura è annullata con una nota di credito; un pagamento che arrivasse ancora viene registrato e restituito al cliente.',
    feeDeclinedSubject: "Penale non pagata: {program}",
    feeDeclinedBody: "l'addebito di {amount} sulla carta salvata con l'acconto, per la penale di {program} ({variant}), è stato rifiutato: {reason}. L'importo è ancora dovuto. Può vedere quanto è dovuto e pagarlo qui: {url}. Se preferisce pagare in altro modo, risponda a questa e-mail e {studio} la aiuterà.",
    feeDeclinedStaffSubject: "Addebito della penale rifiutato: {customer}, {program}",
    feeDeclinedStaffBody: "L'addebito di {amount} per la penale di {program} ({variant}) sulla carta salvata da {customer} ({email}) con l'acconto è stato rifiutato: {reason}. L'importo è ancora dovuto sull'ordine; al cliente è stato inviato il link per pagarlo.",
  },
};
settlementStrings.fr = frenchCatalog(settlementStrings.fr);
