/**
 * Words for the codes the booking view and the wizard show (payment methods and statuses, the
 * booking's history, who acted, a program's status), in en/de/fr/it. A code without a word (a new
 * event type, say) is shown as it is rather than hidden.
 */
import type { ConsoleLang } from './console-lang.ts';

type Words = Record<string, string>;
interface CodeWords { method: Words; payment: Words; event: Words; actor: Words; program: Words }

const en: CodeWords = {
  method: { card: 'card', twint: 'TWINT', qr_bill: 'QR-bill', bank_transfer: 'bank transfer', credits: 'class credits', test: 'test payment' },
  payment: { pending: 'pending', succeeded: 'paid', failed: 'failed', refunded: 'refunded' },
  event: {
    'booking.reserved': 'Reserved', 'booking.confirmed': 'Confirmed', 'booking.in_progress': 'Under way', 'booking.completed': 'Completed', 'booking.cancelled': 'Cancelled',
    'booking.expired': 'Validity ended', 'booking.hold_released': 'Reservation released', 'booking.settled': 'Money settled', 'booking.refunded': 'Refund given',
    'booking.confirmation_resent': 'Confirmation sent again', 'booking.payment_link_sent': 'Payment link sent', 'session.scheduled': 'Session scheduled', 'session.rescheduled': 'Session moved', 'series.rescheduled': 'Series moved',
    'session.checked_in': 'Checked in', 'session.completed': 'Session held', 'session.no_show': 'No-show', 'session.no_show_settled': 'No-show settled',
    'session.cancelled': 'Session cancelled', 'session.note_changed': 'Private note changed', 'payment.succeeded': 'Payment received', 'payment.overpaid': 'Paid more than due',
    'payment.after_cancellation': 'Paid after cancellation', 'payment.card_updated': 'Card updated', 'balance.payment_requested': 'Payment of the balance requested',
    'invoice.issued': 'Invoice issued', 'refund.created': 'Refund started', 'refund.failed': 'Refund failed', 'refund.transferred': 'Refund transferred',
    'fee.charged': 'Fee charged', 'fee.failed': 'Fee charge failed', 'fee.owed': 'Fee owed', 'credits.adjusted': 'Credits changed', 'lapse.settled': 'Unpaid reservation settled',
    'message.created': 'Message', 'progress.logged': 'Progress logged', 'homework.uploaded': 'Homework uploaded', 'homework.removed': 'Homework removed', 'review.created': 'Review asked',
  },
  actor: { owner: 'owner', manager: 'manager', instructor: 'instructor', customer: 'customer', anonymous: 'website visitor', system: 'Tandem' },
  program: { draft: 'Draft', published: 'Published', archived: 'Archived' },
};

const de: CodeWords = {
  method: { card: 'Karte', twint: 'TWINT', qr_bill: 'QR-Rechnung', bank_transfer: 'Banküberweisung', credits: 'Guthaben', test: 'Testzahlung' },
  payment: { pending: 'ausstehend', succeeded: 'bezahlt', failed: 'fehlgeschlagen', refunded: 'erstattet' },
  event: {
    'booking.reserved': 'Reserviert', 'booking.confirmed': 'Bestätigt', 'booking.in_progress': 'Läuft', 'booking.completed': 'Abgeschlossen', 'booking.cancelled': 'Storniert',
    'booking.expired': 'Gültigkeit abgelaufen', 'booking.hold_released': 'Reservierung freigegeben', 'booking.settled': 'Abgerechnet', 'booking.refunded': 'Rückerstattung gewährt',
    'booking.confirmation_resent': 'Bestätigung erneut gesendet', 'booking.payment_link_sent': 'Zahlungslink gesendet', 'session.scheduled': 'Sitzung geplant', 'session.rescheduled': 'Sitzung verschoben', 'series.rescheduled': 'Serie verschoben',
    'session.checked_in': 'Eingecheckt', 'session.completed': 'Sitzung gehalten', 'session.no_show': 'Nicht erschienen', 'session.no_show_settled': 'Nichterscheinen abgerechnet',
    'session.cancelled': 'Sitzung storniert', 'session.note_changed': 'Private Notiz geändert', 'payment.succeeded': 'Zahlung eingegangen', 'payment.overpaid': 'Mehr als fällig bezahlt',
    'payment.after_cancellation': 'Nach der Stornierung bezahlt', 'payment.card_updated': 'Karte aktualisiert', 'balance.payment_requested': 'Zahlung des Restbetrags angefordert',
    'invoice.issued': 'Rechnung ausgestellt', 'refund.created': 'Rückerstattung gestartet', 'refund.failed': 'Rückerstattung fehlgeschlagen', 'refund.transferred': 'Rückerstattung überwiesen',
    'fee.charged': 'Gebühr belastet', 'fee.failed': 'Gebühr nicht belastet', 'fee.owed': 'Gebühr geschuldet', 'credits.adjusted': 'Guthaben geändert', 'lapse.settled': 'Unbezahlte Reservierung abgerechnet',
    'message.created': 'Nachricht', 'progress.logged': 'Fortschritt erfasst', 'homework.uploaded': 'Hausaufgabe hochgeladen', 'homework.removed': 'Hausaufgabe entfernt', 'review.created': 'Bewertung angefragt',
  },
  actor: { owner: 'Inhaber/in', manager: 'Leitung', instructor: 'Lehrperson', customer: 'Kundschaft', anonymous: 'Website-Besuch', system: 'Tandem' },
  program: { draft: 'Entwurf', published: 'Veröffentlicht', archived: 'Archiviert' },
};

const fr: CodeWords = {
  method: { card: 'carte', twint: 'TWINT', qr_bill: 'QR-facture', bank_transfer: 'virement bancaire', credits: 'crédits de cours', test: 'paiement de test' },
  payment: { pending: 'en attente', succeeded: 'payé', failed: 'échoué', refunded: 'remboursé' },
  event: {
    'booking.reserved': 'Réservée', 'booking.confirmed': 'Confirmée', 'booking.in_progress': 'En cours', 'booking.completed': 'Terminée', 'booking.cancelled': 'Annulée',
    'booking.expired': 'Validité échue', 'booking.hold_released': 'Réservation libérée', 'booking.settled': 'Décompte fait', 'booking.refunded': 'Remboursement accordé',
    'booking.confirmation_resent': 'Confirmation renvoyée', 'booking.payment_link_sent': 'Lien de paiement envoyé', 'session.scheduled': 'Séance planifiée', 'session.rescheduled': 'Séance déplacée', 'series.rescheduled': 'Série déplacée',
    'session.checked_in': 'Présence enregistrée', 'session.completed': 'Séance tenue', 'session.no_show': 'Absence', 'session.no_show_settled': 'Absence décomptée',
    'session.cancelled': 'Séance annulée', 'session.note_changed': 'Note privée modifiée', 'payment.succeeded': 'Paiement reçu', 'payment.overpaid': 'Payé plus que dû',
    'payment.after_cancellation': 'Payé après l’annulation', 'payment.card_updated': 'Carte mise à jour', 'balance.payment_requested': 'Paiement du solde demandé',
    'invoice.issued': 'Facture émise', 'refund.created': 'Remboursement lancé', 'refund.failed': 'Remboursement échoué', 'refund.transferred': 'Remboursement viré',
    'fee.charged': 'Frais débités', 'fee.failed': 'Frais non débités', 'fee.owed': 'Frais dus', 'credits.adjusted': 'Crédits modifiés', 'lapse.settled': 'Réservation impayée décomptée',
    'message.created': 'Message', 'progress.logged': 'Progression saisie', 'homework.uploaded': 'Devoir déposé', 'homework.removed': 'Devoir retiré', 'review.created': 'Avis demandé',
  },
  actor: { owner: 'propriétaire', manager: 'gérance', instructor: 'enseignant·e', customer: 'client·e', anonymous: 'visite du site', system: 'Tandem' },
  program: { draft: 'Brouillon', published: 'Publié', archived: 'Archivé' },
};

const it: CodeWords = {
  method: { card: 'carta', twint: 'TWINT', qr_bill: 'QR-fattura', bank_transfer: 'bonifico bancario', credits: 'crediti lezione', test: 'pagamento di prova' },
  payment: { pending: 'in attesa', succeeded: 'pagato', failed: 'non riuscito', refunded: 'rimborsato' },
  event: {
    'booking.reserved': 'Riservata', 'booking.confirmed': 'Confermata', 'booking.in_progress': 'In corso', 'booking.completed': 'Conclusa', 'booking.cancelled': 'Annullata',
    'booking.expired': 'Validità scaduta', 'booking.hold_released': 'Prenotazione liberata', 'booking.settled': 'Conteggio fatto', 'booking.refunded': 'Rimborso concesso',
    'booking.confirmation_resent': 'Conferma inviata di nuovo', 'booking.payment_link_sent': 'Link di pagamento inviato', 'session.scheduled': 'Sessione pianificata', 'session.rescheduled': 'Sessione spostata', 'series.rescheduled': 'Serie spostata',
    'session.checked_in': 'Presenza registrata', 'session.completed': 'Sessione tenuta', 'session.no_show': 'Assenza', 'session.no_show_settled': 'Assenza conteggiata',
    'session.cancelled': 'Sessione annullata', 'session.note_changed': 'Nota privata modificata', 'payment.succeeded': 'Pagamento ricevuto', 'payment.overpaid': 'Pagato più del dovuto',
    'payment.after_cancellation': 'Pagato dopo l’annullamento', 'payment.card_updated': 'Carta aggiornata', 'balance.payment_requested': 'Pagamento del saldo richiesto',
    'invoice.issued': 'Fattura emessa', 'refund.created': 'Rimborso avviato', 'refund.failed': 'Rimborso non riuscito', 'refund.transferred': 'Rimborso bonificato',
    'fee.charged': 'Penale addebitata', 'fee.failed': 'Penale non addebitata', 'fee.owed': 'Penale dovuta', 'credits.adjusted': 'Crediti modificati', 'lapse.settled': 'Prenotazione non pagata conteggiata',
    'message.created': 'Messaggio', 'progress.logged': 'Progressi registrati', 'homework.uploaded': 'Compito caricato', 'homework.removed': 'Compito rimosso', 'review.created': 'Recensione richiesta',
  },
  actor: { owner: 'titolare', manager: 'direzione', instructor: 'insegnante', customer: 'cliente', anonymous: 'visita del sito', system: 'Tandem' },
  program: { draft: 'Bozza', published: 'Pubblicato', archived: 'Archiviato' },
};

const words: Record<ConsoleLang, CodeWords> = { en, de, fr, it };

/** The word for a code in the console's language, or the code itself when there is none. */
export function codeWord(lang: ConsoleLang, kind: keyof CodeWords, code: string): string {
  return words[lang][kind][code] ?? code;
}
