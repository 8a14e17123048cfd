/** The console's words in en/de/fr/it (the studio person's `lang` or browser language picks). */
import { consoleLang, type ConsoleLang } from './core/console-lang.ts';

const en = {
  title: 'Studio console', signIn: 'Sign in', email: 'E-mail address', sendCode: 'Send code', code: 'Code from the e-mail',
  codeSent: 'If this address belongs to a studio, a 6-digit code is on its way.', verify: 'Sign in', chooseStudio: 'Choose a studio',
  signOut: 'Sign out', pipeline: 'Bookings', programs: 'Programs', columns: 'Columns', table: 'Table', search: 'Search customers',
  statusFilter: 'Status', all: 'All', program: 'Program', instructor: 'Instructor', customer: 'Customer', next: 'Next session', none: '—',
  exportCsv: 'Export CSV', back: 'Back', loading: 'Loading…', noBookings: 'No bookings.', sessions: 'Sessions', intake: 'Intake answers',
  order: 'Order', payments: 'Payments', events: 'History', checkIn: 'Check in', noShow: 'No-show', checkedIn: 'Checked in',
  cancelBooking: 'Cancel booking…', confirmCancel: 'Cancel with this settlement', refund: 'Refund', fee: 'Fee', total: 'Total',
  newProgram: 'New program', titleField: 'Title', slug: 'Address name (slug)', create: 'Create draft', save: 'Save', publish: 'Publish',
  missing: 'Still missing', saved: 'Saved.', published: 'Published.', steps: 'Steps', basics: 'Basics', delivery: 'Delivery', pricing: 'Pricing',
  policies: 'Policies', summary: 'Summary', description: 'Description (Markdown)', mode: 'Delivery', in_person: 'In person', online: 'Online', hybrid: 'Hybrid',
  length: 'Session length (minutes)', sessionsCount: 'Sessions', location: 'Location id', meetingUrl: 'Meeting URL', instructors: 'Instructor ids (comma-separated)',
  variantName: 'Variant', price: 'Price (minor units)', currency: 'Currency', vat: 'VAT (basis points)', freeCancel: 'Free cancellation (hours)',
  visibility: 'Visibility', public: 'Public', by_link: 'By link', hidden: 'Hidden', status: 'Status', draft: 'Draft', archived: 'Archived',
  reserved: 'Reserved', confirmed: 'Confirmed', in_progress: 'In progress', awaiting_attendance: 'Awaiting attendance', payment_overdue: 'Payment overdue',
  completed: 'Completed', cancelled: 'Cancelled', error: 'Something went wrong:', healthWithheld: 'Health answers are shown only to the instructor and managers.',
};
export type AdminKey = keyof typeof en;

const de: Record<AdminKey, string> = {
  title: 'Studio-Konsole', signIn: 'Anmelden', email: 'E-Mail-Adresse', sendCode: 'Code senden', code: 'Code aus der E-Mail',
  codeSent: 'Falls diese Adresse zu einem Studio gehört, ist ein 6-stelliger Code unterwegs.', verify: 'Anmelden', chooseStudio: 'Studio wählen',
  signOut: 'Abmelden', pipeline: 'Buchungen', programs: 'Programme', columns: 'Spalten', table: 'Tabelle', search: 'Kundschaft suchen',
  statusFilter: 'Status', all: 'Alle', program: 'Programm', instructor: 'Lehrperson', customer: 'Kundin/Kunde', next: 'Nächste Sitzung', none: '—',
  exportCsv: 'CSV exportieren', back: 'Zurück', loading: 'Wird geladen…', noBookings: 'Keine Buchungen.', sessions: 'Sitzungen', intake: 'Angaben zur Anmeldung',
  order: 'Bestellung', payments: 'Zahlungen', events: 'Verlauf', checkIn: 'Einchecken', noShow: 'Nicht erschienen', checkedIn: 'Eingecheckt',
  cancelBooking: 'Buchung stornieren…', confirmCancel: 'Mit dieser Abrechnung stornieren', refund: 'Rückerstattung', fee: 'Gebühr', total: 'Total',
  newProgram: 'Neues Programm', titleField: 'Titel', slug: 'Adressname (Slug)', create: 'Entwurf anlegen', save: 'Speichern', publish: 'Veröffentlichen',
  missing: 'Es fehlt noch', saved: 'Gespeichert.', published: 'Veröffentlicht.', steps: 'Schritte', basics: 'Grundlagen', delivery: 'Durchführung', pricing: 'Preise',
  policies: 'Bedingungen', summary: 'Kurzbeschreibung', description: 'Beschreibung (Markdown)', mode: 'Durchführung', in_person: 'Vor Ort', online: 'Online', hybrid: 'Hybrid',
  length: 'Sitzungsdauer (Minuten)', sessionsCount: 'Sitzungen', location: 'Standort-ID', meetingUrl: 'Meeting-URL', instructors: 'Lehrpersonen-IDs (mit Komma getrennt)',
  variantName: 'Variante', price: 'Preis (Rappen/Cent)', currency: 'Währung', vat: 'MWST (Basispunkte)', freeCancel: 'Kostenlose Stornierung (Stunden)',
  visibility: 'Sichtbarkeit', public: 'Öffentlich', by_link: 'Mit Link', hidden: 'Versteckt', status: 'Status', draft: 'Entwurf', archived: 'Archiviert',
  reserved: 'Reserviert', confirmed: 'Bestätigt', in_progress: 'Laufend', awaiting_attendance: 'Anwesenheit offen', payment_overdue: 'Zahlung überfällig',
  completed: 'Abgeschlossen', cancelled: 'Storniert', error: 'Etwas ist schiefgelaufen:', healthWithheld: 'Gesundheitsangaben sehen nur die Lehrperson und die Leitung.',
};

const fr: Record<AdminKey, string> = {
  title: 'Console du studio', signIn: 'Se connecter', email: 'Adresse e-mail', sendCode: 'Envoyer le code', code: 'Code reçu par e-mail',
  codeSent: 'Si cette adresse appartient à un studio, un code à 6 chiffres est en route.', verify: 'Se connecter', chooseStudio: 'Choisir un studio',
  signOut: 'Se déconnecter', pipeline: 'Réservations', programs: 'Programmes', columns: 'Colonnes', table: 'Tableau', search: 'Chercher un·e client·e',
  statusFilter: 'Statut', all: 'Toutes', program: 'Programme', instructor: 'Intervenant·e', customer: 'Client·e', next: 'Prochaine séance', none: '—',
  exportCsv: 'Exporter en CSV', back: 'Retour', loading: 'Chargement…', noBookings: 'Aucune réservation.', sessions: 'Séances', intake: 'Réponses au formulaire',
  order: 'Commande', payments: 'Paiements', events: 'Historique', checkIn: 'Enregistrer la présence', noShow: 'Absence', checkedIn: 'Présence enregistrée',
  cancelBooking: 'Annuler la réservation…', confirmCancel: 'Annuler avec ce décompte', refund: 'Remboursement', fee: 'Frais', total: 'Total',
  newProgram: 'Nouveau programme', titleField: 'Titre', slug: 'Nom d’adresse (slug)', create: 'Créer le brouillon', save: 'Enregistrer', publish: 'Publier',
  missing: 'Il manque encore', saved: 'Enregistré.', published: 'Publié.', steps: 'Étapes', basics: 'Bases', delivery: 'Déroulement', pricing: 'Prix',
  policies: 'Conditions', summary: 'Résumé', description: 'Description (Markdown)', mode: 'Déroulement', in_person: 'Sur place', online: 'En ligne', hybrid: 'Hybride',
  length: 'Durée d’une séance (minutes)', sessionsCount: 'Séances', location: 'ID du lieu', meetingUrl: 'URL de la réunion', instructors: 'ID des intervenant·es (séparés par des virgules)',
  variantName: 'Variante', price: 'Prix (centimes)', currency: 'Monnaie', vat: 'TVA (points de base)', freeCancel: 'Annulation gratuite (heures)',
  visibility: 'Visibilité', public: 'Public', by_link: 'Par lien', hidden: 'Masqué', status: 'Statut', draft: 'Brouillon', archived: 'Archivé',
  reserved: 'Réservée', confirmed: 'Confirmée', in_progress: 'En cours', awaiting_attendance: 'Présence à saisir', payment_overdue: 'Paiement en retard',
  completed: 'Terminée', cancelled: 'Annulée', error: 'Un problème est survenu\u202f:', healthWithheld: 'Seuls l’intervenant·e et la direction voient les réponses de santé.',
};

const it: Record<AdminKey, string> = {
  title: 'Console dello studio', signIn: 'Accedi', email: 'Indirizzo e-mail', sendCode: 'Invia il codice', code: 'Codice ricevuto per e-mail',
  codeSent: 'Se questo indirizzo appartiene a uno studio, un codice di 6 cifre è in arrivo.', verify: 'Accedi', chooseStudio: 'Scegli uno studio',
  signOut: 'Esci', pipeline: 'Prenotazioni', programs: 'Programmi', columns: 'Colonne', table: 'Tabella', search: 'Cerca clienti',
  statusFilter: 'Stato', all: 'Tutte', program: 'Programma', instructor: 'Insegnante', customer: 'Cliente', next: 'Prossima seduta', none: '—',
  exportCsv: 'Esporta CSV', back: 'Indietro', loading: 'Caricamento…', noBookings: 'Nessuna prenotazione.', sessions: 'Sedute', intake: 'Risposte al modulo',
  order: 'Ordine', payments: 'Pagamenti', events: 'Cronologia', checkIn: 'Registra la presenza', noShow: 'Assenza', checkedIn: 'Presenza registrata',
  cancelBooking: 'Annulla la prenotazione…', confirmCancel: 'Annulla con questo conteggio', refund: 'Rimborso', fee: 'Penale', total: 'Totale',
  newProgram: 'Nuovo programma', titleField: 'Titolo', slug: 'Nome nell’indirizzo (slug)', create: 'Crea la bozza', save: 'Salva', publish: 'Pubblica',
  missing: 'Manca ancora', saved: 'Salvato.', published: 'Pubblicato.', steps: 'Passi', basics: 'Dati di base', delivery: 'Svolgimento', pricing: 'Prezzi',
  policies: 'Condizioni', summary: 'Riassunto', description: 'Descrizione (Markdown)', mode: 'Svolgimento', in_person: 'In presenza', online: 'Online', hybrid: 'Ibrido',
  length: 'Durata della seduta (minuti)', sessionsCount: 'Sedute', location: 'ID della sede', meetingUrl: 'URL della riunione', instructors: 'ID degli insegnanti (separati da virgole)',
  variantName: 'Variante', price: 'Prezzo (centesimi)', currency: 'Valuta', vat: 'IVA (punti base)', freeCancel: 'Annullamento gratuito (ore)',
  visibility: 'Visibilità', public: 'Pubblico', by_link: 'Con link', hidden: 'Nascosto', status: 'Stato', draft: 'Bozza', archived: 'Archiviato',
  reserved: 'Riservata', confirmed: 'Confermata', in_progress: 'In corso', awaiting_attendance: 'Presenza da registrare', payment_overdue: 'Pagamento scaduto',
  completed: 'Conclusa', cancelled: 'Annullata', error: 'Qualcosa è andato storto:', healthWithheld: 'Le risposte sulla salute sono visibili solo all’insegnante e alla direzione.',
};

/** The console's four languages (./console-lang.ts). */
export type AdminLang = ConsoleLang;
export const adminWords: Record<AdminLang, Record<AdminKey, string>> = { en, de, fr, it };

export function adminLang(tag: string | null | undefined): AdminLang {
  return consoleLang(tag);
}
