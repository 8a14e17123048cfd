/** The words of the booking record in the console (refunds, invoices, credit notes, progress, messages) in en/de/fr/it. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  plan: 'Payment plan', due: 'Due', inst_scheduled: 'Scheduled', inst_paid: 'Paid', inst_failed: 'Failed', inst_overdue: 'Overdue', inst_cancelled: 'Cancelled',
  notesTitle: 'Private notes (staff only)', noteFor: 'Note on session', noteSave: 'Save the note on session', noteSaved: 'Note saved.', bookingNote: 'Note on the booking (staff only, never shown to the customer)', bookingNoteSave: 'Save the note on the booking',
  creditsTitle: 'Class credits', creditsDelta: 'Credits (negative to deduct)', creditsReason: 'Reason (the customer sees it in their ledger)', creditsDo: 'Grant or deduct', creditsDone: 'Credits changed; the balance is now {n}.',
  edit: 'Log', isDone: 'Done', artifactLink: 'Link to the artifact (https)', save: 'Save the progress', saved: 'Progress saved.', actions: 'Actions',
  resend: 'Send the confirmation again', resent: 'The confirmation is on its way again (invoice {n}).',
  money: 'Refunds, invoices and credit notes', refunds: 'Refunds', noRefunds: 'No refunds.', invoices: 'Invoices', noInvoices: 'No invoices.',
  creditNotes: 'Credit notes', noCreditNotes: 'No credit notes.', date: 'Date', amount: 'Amount', kind: 'Kind', status: 'Status', reason: 'Reason', number: 'Number', pdf: 'PDF',
  kind_provider: 'Back to the card', kind_bank_transfer: 'Bank transfer', kind_credits: 'Class credits', credits: 'credits',
  status_pending: 'Pending', status_pending_transfer: 'Transfer to send', status_succeeded: 'Done', status_failed: 'Failed',
  progress: 'Progress', noProgress: 'No milestones.', milestone: 'Milestone', done: 'Done on', open: 'Open', artifact: 'Artifact', notes: 'Notes',
  messages: 'Messages', noMessages: 'No messages yet.', loading: 'Loading…', failed: 'The messages could not be loaded:', from_customer: 'Customer', from_staff: 'Studio', from_system: 'Tandem',
  write: 'Message to the customer', send: 'Send the message', sent: 'Message sent.', mailNote: 'The customer is mailed at most once every ten minutes, with a link back to the thread.',
};
export type RecordKey = keyof typeof en;

const de: Record<RecordKey, string> = {
  plan: 'Ratenplan', due: 'Fällig', inst_scheduled: 'Geplant', inst_paid: 'Bezahlt', inst_failed: 'Fehlgeschlagen', inst_overdue: 'Überfällig', inst_cancelled: 'Storniert',
  notesTitle: 'Private Notizen (nur Studio)', noteFor: 'Notiz zu Sitzung', noteSave: 'Notiz speichern zu Sitzung', noteSaved: 'Notiz gespeichert.', bookingNote: 'Notiz zur Buchung (nur Studio, nie für die Kundschaft sichtbar)', bookingNoteSave: 'Notiz zur Buchung speichern',
  creditsTitle: 'Guthaben', creditsDelta: 'Guthaben (negativ zum Abziehen)', creditsReason: 'Grund (in den Bewegungen der Kundschaft sichtbar)', creditsDo: 'Gutschreiben oder abziehen', creditsDone: 'Guthaben geändert; der Stand ist jetzt {n}.',
  edit: 'Erfassen', isDone: 'Erledigt', artifactLink: 'Link zum Nachweis (https)', save: 'Fortschritt speichern', saved: 'Fortschritt gespeichert.', actions: 'Aktionen',
  resend: 'Bestätigung erneut senden', resent: 'Die Bestätigung ist erneut unterwegs (Rechnung {n}).',
  money: 'Rückerstattungen, Rechnungen und Gutschriften', refunds: 'Rückerstattungen', noRefunds: 'Keine Rückerstattungen.', invoices: 'Rechnungen', noInvoices: 'Keine Rechnungen.',
  creditNotes: 'Gutschriften', noCreditNotes: 'Keine Gutschriften.', date: 'Datum', amount: 'Betrag', kind: 'Art', status: 'Status', reason: 'Grund', number: 'Nummer', pdf: 'PDF',
  kind_provider: 'Zurück auf die Karte', kind_bank_transfer: 'Banküberweisung', kind_credits: 'Guthaben', credits: 'Guthaben',
  status_pending: 'Ausstehend', status_pending_transfer: 'Überweisung zu senden', status_succeeded: 'Erledigt', status_failed: 'Fehlgeschlagen',
  progress: 'Fortschritt', noProgress: 'Keine Meilensteine.', milestone: 'Meilenstein', done: 'Erledigt am', open: 'Offen', artifact: 'Nachweis', notes: 'Notizen',
  messages: 'Nachrichten', noMessages: 'Noch keine Nachrichten.', loading: 'Wird geladen…', failed: 'Die Nachrichten konnten nicht geladen werden:', from_customer: 'Kundschaft', from_staff: 'Studio', from_system: 'Tandem',
  write: 'Nachricht an die Kundschaft', send: 'Nachricht senden', sent: 'Nachricht gesendet.', mailNote: 'Die Kundschaft erhält höchstens alle zehn Minuten eine E-Mail mit einem Link zum Verlauf.',
};

const fr: Record<RecordKey, string> = {
  plan: 'Plan de paiement', due: 'Échéance', inst_scheduled: 'Prévue', inst_paid: 'Payée', inst_failed: 'Échouée', inst_overdue: 'En retard', inst_cancelled: 'Annulée',
  notesTitle: 'Notes privées (studio seulement)', noteFor: 'Note sur la séance', noteSave: 'Enregistrer la note de la séance', noteSaved: 'Note enregistrée.', bookingNote: 'Note sur la réservation (studio seulement, jamais montrée au/à la client·e)', bookingNoteSave: 'Enregistrer la note de la réservation',
  creditsTitle: 'Crédits de cours', creditsDelta: 'Crédits (négatif pour déduire)', creditsReason: 'Motif (visible dans les mouvements du/de la client·e)', creditsDo: 'Accorder ou déduire', creditsDone: 'Crédits modifiés ; le solde est maintenant de {n}.',
  edit: 'Saisir', isDone: 'Terminée', artifactLink: 'Lien vers la pièce (https)', save: 'Enregistrer la progression', saved: 'Progression enregistrée.', actions: 'Actions',
  resend: 'Renvoyer la confirmation', resent: 'La confirmation est renvoyée (facture {n}).',
  money: 'Remboursements, factures et notes de crédit', refunds: 'Remboursements', noRefunds: 'Aucun remboursement.', invoices: 'Factures', noInvoices: 'Aucune facture.',
  creditNotes: 'Notes de crédit', noCreditNotes: 'Aucune note de crédit.', date: 'Date', amount: 'Montant', kind: 'Type', status: 'Statut', reason: 'Motif', number: 'Numéro', pdf: 'PDF',
  kind_provider: 'Retour sur la carte', kind_bank_transfer: 'Virement bancaire', kind_credits: 'Crédits de cours', credits: 'crédits',
  status_pending: 'En attente', status_pending_transfer: 'Virement à envoyer', status_succeeded: 'Effectué', status_failed: 'Échoué',
  progress: 'Progression', noProgress: 'Aucune étape.', milestone: 'Étape', done: 'Terminée le', open: 'Ouverte', artifact: 'Pièce', notes: 'Notes',
  messages: 'Messages', noMessages: 'Aucun message pour l’instant.', loading: 'Chargement…', failed: 'Les messages n’ont pas pu être chargés :', from_customer: 'Client·e', from_staff: 'Studio', from_system: 'Tandem',
  write: 'Message au/à la client·e', send: 'Envoyer le message', sent: 'Message envoyé.', mailNote: 'Le/la client·e reçoit au plus un e-mail toutes les dix minutes, avec un lien vers la conversation.',
};

const it: Record<RecordKey, string> = {
  plan: 'Piano di pagamento', due: 'Scadenza', inst_scheduled: 'Prevista', inst_paid: 'Pagata', inst_failed: 'Non riuscita', inst_overdue: 'Scaduta', inst_cancelled: 'Annullata',
  notesTitle: 'Note private (solo studio)', noteFor: 'Nota sulla sessione', noteSave: 'Salva la nota della sessione', noteSaved: 'Nota salvata.', bookingNote: 'Nota sulla prenotazione (solo studio, mai mostrata al/alla cliente)', bookingNoteSave: 'Salva la nota della prenotazione',
  creditsTitle: 'Crediti lezione', creditsDelta: 'Crediti (negativo per detrarre)', creditsReason: 'Motivo (visibile nei movimenti del/della cliente)', creditsDo: 'Accredita o detrai', creditsDone: 'Crediti modificati; il saldo ora è {n}.',
  edit: 'Registra', isDone: 'Completata', artifactLink: 'Link all’allegato (https)', save: 'Salva i progressi', saved: 'Progressi salvati.', actions: 'Azioni',
  resend: 'Invia di nuovo la conferma', resent: 'La conferma è stata inviata di nuovo (fattura {n}).',
  money: 'Rimborsi, fatture e note di credito', refunds: 'Rimborsi', noRefunds: 'Nessun rimborso.', invoices: 'Fatture', noInvoices: 'Nessuna fattura.',
  creditNotes: 'Note di credito', noCreditNotes: 'Nessuna nota di credito.', date: 'Data', amount: 'Importo', kind: 'Tipo', status: 'Stato', reason: 'Motivo', number: 'Numero', pdf: 'PDF',
  kind_provider: 'Sulla carta', kind_bank_transfer: 'Bonifico bancario', kind_credits: 'Crediti lezione', credits: 'crediti',
  status_pending: 'In attesa', status_pending_transfer: 'Bonifico da inviare', status_succeeded: 'Eseguito', status_failed: 'Non riuscito',
  progress: 'Progressi', noProgress: 'Nessuna tappa.', milestone: 'Tappa', done: 'Completata il', open: 'Aperta', artifact: 'Allegato', notes: 'Note',
  messages: 'Messaggi', noMessages: 'Ancora nessun messaggio.', loading: 'Caricamento…', failed: 'Non è stato possibile caricare i messaggi:', from_customer: 'Cliente', from_staff: 'Studio', from_system: 'Tandem',
  write: 'Messaggio al/alla cliente', send: 'Invia il messaggio', sent: 'Messaggio inviato.', mailNote: 'Il/la cliente riceve al massimo un’e-mail ogni dieci minuti, con un link alla conversazione.',
};

export const recordWords: Record<ConsoleLang, Record<RecordKey, string>> = { en, de, fr, it };
