/** The console's words, English and German (the studio person's browser language picks). */
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

export type AdminLang = 'en' | 'de';
export const adminWords: Record<AdminLang, Record<AdminKey, string>> = { en, de };

export function adminLang(tag: string | null | undefined): AdminLang {
  return (tag ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}
