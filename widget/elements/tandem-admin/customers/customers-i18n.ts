/** The customers view's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  openBooking: 'Open the booking',
  nav: 'Customers', heading: 'Customers', search: 'Search by name, e-mail or phone', find: 'Search', more: 'Show more', none: 'No customers found.', loading: 'Loading…',
  name: 'Name', email: 'E-mail address', phone: 'Phone', language: 'Language', zone: 'Time zone', bookings: 'Bookings', since: 'Customer since',
  back: 'Back to the list', program: 'Program', status: 'Status', instructor: 'Instructor', total: 'Total', booked: 'Booked', intake: 'Intake answers', noAnswers: 'No answers.',
  healthWithheld: 'Health answers are shown only to the booking’s instructor and managers.', credits: 'Credits', balance: 'Balance', ledger: 'Ledger',
  change: 'Change', after: 'Balance after', reason: 'Reason', date: 'Date', noCredits: 'No credit movements.', messages: 'Messages', noMessages: 'No messages.',
  from: 'From', customer: 'Customer', staff: 'Studio', system: 'Tandem', export: 'Export the data (JSON)', erase: 'Erase personal data…',
  confirmErase: 'Erase this customer’s personal data? Name, address, phone, intake answers and message texts are replaced for good; bookings, payments and invoices stay.',
  yesErase: 'Erase for good', keep: 'Do not erase', erased: 'Personal data erased.', stillLive: 'These bookings are not over yet; cancel them first:', noBookings: 'No bookings.',
  reserved: 'Reserved', confirmed: 'Confirmed', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled',
};
export type CustomersKey = keyof typeof en;

const de: Record<CustomersKey, string> = {
  openBooking: 'Buchung öffnen',
  nav: 'Kundschaft', heading: 'Kundschaft', search: 'Suche nach Name, E-Mail oder Telefon', find: 'Suchen', more: 'Mehr anzeigen', none: 'Keine Kundschaft gefunden.', loading: 'Wird geladen…',
  name: 'Name', email: 'E-Mail-Adresse', phone: 'Telefon', language: 'Sprache', zone: 'Zeitzone', bookings: 'Buchungen', since: 'Kundin/Kunde seit',
  back: 'Zurück zur Liste', program: 'Programm', status: 'Status', instructor: 'Lehrperson', total: 'Total', booked: 'Gebucht', intake: 'Angaben zur Anmeldung', noAnswers: 'Keine Angaben.',
  healthWithheld: 'Gesundheitsangaben sehen nur die Lehrperson der Buchung und die Leitung.', credits: 'Guthaben', balance: 'Stand', ledger: 'Bewegungen',
  change: 'Änderung', after: 'Stand danach', reason: 'Grund', date: 'Datum', noCredits: 'Keine Guthabenbewegungen.', messages: 'Nachrichten', noMessages: 'Keine Nachrichten.',
  from: 'Von', customer: 'Kundschaft', staff: 'Studio', system: 'Tandem', export: 'Daten exportieren (JSON)', erase: 'Personendaten löschen…',
  confirmErase: 'Die Personendaten dieser Kundin oder dieses Kunden löschen? Name, Adresse, Telefon, Angaben und Nachrichtentexte werden endgültig ersetzt; Buchungen, Zahlungen und Rechnungen bleiben.',
  yesErase: 'Endgültig löschen', keep: 'Nicht löschen', erased: 'Personendaten gelöscht.', stillLive: 'Diese Buchungen laufen noch; bitte zuerst stornieren:', noBookings: 'Keine Buchungen.',
  reserved: 'Reserviert', confirmed: 'Bestätigt', in_progress: 'Laufend', completed: 'Abgeschlossen', cancelled: 'Storniert',
};

const fr: Record<CustomersKey, string> = {
  openBooking: 'Ouvrir la réservation',
  nav: 'Clientèle', heading: 'Clientèle', search: 'Rechercher par nom, e-mail ou téléphone', find: 'Rechercher', more: 'Afficher plus', none: 'Aucun·e client·e trouvé·e.', loading: 'Chargement…',
  name: 'Nom', email: 'Adresse e-mail', phone: 'Téléphone', language: 'Langue', zone: 'Fuseau horaire', bookings: 'Réservations', since: 'Client·e depuis',
  back: 'Retour à la liste', program: 'Programme', status: 'Statut', instructor: 'Intervenant·e', total: 'Total', booked: 'Réservé le', intake: 'Réponses d’inscription', noAnswers: 'Aucune réponse.',
  healthWithheld: 'Les réponses de santé ne sont visibles que par l’intervenant·e de la réservation et la direction.', credits: 'Crédits', balance: 'Solde', ledger: 'Mouvements',
  change: 'Variation', after: 'Solde après', reason: 'Motif', date: 'Date', noCredits: 'Aucun mouvement de crédit.', messages: 'Messages', noMessages: 'Aucun message.',
  from: 'De', customer: 'Client·e', staff: 'Studio', system: 'Tandem', export: 'Exporter les données (JSON)', erase: 'Effacer les données personnelles…',
  confirmErase: 'Effacer les données personnelles de ce·tte client·e ? Nom, adresse, téléphone, réponses et textes des messages sont remplacés définitivement ; réservations, paiements et factures restent.',
  yesErase: 'Effacer définitivement', keep: 'Ne pas effacer', erased: 'Données personnelles effacées.', stillLive: 'Ces réservations ne sont pas terminées ; annulez-les d’abord :', noBookings: 'Aucune réservation.',
  reserved: 'Réservée', confirmed: 'Confirmée', in_progress: 'En cours', completed: 'Terminée', cancelled: 'Annulée',
};

const it: Record<CustomersKey, string> = {
  openBooking: 'Apri la prenotazione',
  nav: 'Clientela', heading: 'Clientela', search: 'Cerca per nome, e-mail o telefono', find: 'Cerca', more: 'Mostra altri', none: 'Nessun cliente trovato.', loading: 'Caricamento…',
  name: 'Nome', email: 'Indirizzo e-mail', phone: 'Telefono', language: 'Lingua', zone: 'Fuso orario', bookings: 'Prenotazioni', since: 'Cliente dal',
  back: 'Torna alla lista', program: 'Programma', status: 'Stato', instructor: 'Insegnante', total: 'Totale', booked: 'Prenotato il', intake: 'Risposte d’iscrizione', noAnswers: 'Nessuna risposta.',
  healthWithheld: 'Le risposte sulla salute sono visibili solo all’insegnante della prenotazione e alla direzione.', credits: 'Crediti', balance: 'Saldo', ledger: 'Movimenti',
  change: 'Variazione', after: 'Saldo dopo', reason: 'Motivo', date: 'Data', noCredits: 'Nessun movimento di crediti.', messages: 'Messaggi', noMessages: 'Nessun messaggio.',
  from: 'Da', customer: 'Cliente', staff: 'Studio', system: 'Tandem', export: 'Esporta i dati (JSON)', erase: 'Cancella i dati personali…',
  confirmErase: 'Cancellare i dati personali di questo cliente? Nome, indirizzo, telefono, risposte e testi dei messaggi vengono sostituiti per sempre; prenotazioni, pagamenti e fatture restano.',
  yesErase: 'Cancella per sempre', keep: 'Non cancellare', erased: 'Dati personali cancellati.', stillLive: 'Queste prenotazioni non sono concluse; annullale prima:', noBookings: 'Nessuna prenotazione.',
  reserved: 'Riservata', confirmed: 'Confermata', in_progress: 'In corso', completed: 'Conclusa', cancelled: 'Annullata',
};

export const customersWords: Record<ConsoleLang, Record<CustomersKey, string>> = { en, de, fr, it };
