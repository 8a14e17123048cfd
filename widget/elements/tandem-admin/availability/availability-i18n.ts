/** The availability view's words in en/de/fr/it (kept apart from the console's shared list). */
import type { AdminLang } from '../i18n.ts';

const en = {
  availability: 'Availability', week: 'Week', weekOf: 'Week from', previousWeek: 'Previous week', nextWeek: 'Next week', thisWeek: 'This week',
  instructor: 'Instructor', timesIn: 'Times in', open: 'Open', session: 'Session', class: 'Class', timeOff: 'Time off', closure: 'Studio closed',
  nothing: 'Nothing', weeklyHours: 'Weekly hours', addHours: 'Add hours', remove: 'Remove', from: 'From', until: 'Until', location: 'Location', anyLocation: 'Every location',
  saveHours: 'Save weekly hours', overrides: 'Date overrides', date: 'Date', kind: 'Kind', closed: 'Closed all day', replace: 'Only these hours', extra: 'Extra hours',
  saveOverride: 'Save override', timeOffFrom: 'Starts', timeOffUntil: 'Ends', note: 'Note', addTimeOff: 'Add time off', closures: 'Studio closures',
  name: 'Name', firstDay: 'First day', lastDay: 'Last day', addClosure: 'Close the studio', saved: 'Saved.', removed: 'Removed.',
  inTheWay: 'These booked sessions would be left outside the hours:', force: 'Keep the change anyway', cancel: 'Do not change',
  keptAnyway: 'Kept. These sessions are now outside the hours; move or cancel them:', noHours: 'No weekly hours.', dayHours: 'Hours on',
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday', loading: 'Loading…',
};
export type AvailabilityKey = keyof typeof en;

const de: Record<AvailabilityKey, string> = {
  availability: 'Verfügbarkeit', week: 'Woche', weekOf: 'Woche ab', previousWeek: 'Vorherige Woche', nextWeek: 'Nächste Woche', thisWeek: 'Diese Woche',
  instructor: 'Lehrperson', timesIn: 'Zeiten in', open: 'Verfügbar', session: 'Sitzung', class: 'Kurs', timeOff: 'Abwesend', closure: 'Studio geschlossen',
  nothing: 'Nichts', weeklyHours: 'Wochenzeiten', addHours: 'Zeiten hinzufügen', remove: 'Entfernen', from: 'Von', until: 'Bis', location: 'Standort', anyLocation: 'Alle Standorte',
  saveHours: 'Wochenzeiten speichern', overrides: 'Abweichende Tage', date: 'Datum', kind: 'Art', closed: 'Ganzer Tag geschlossen', replace: 'Nur diese Zeiten', extra: 'Zusätzliche Zeiten',
  saveOverride: 'Abweichung speichern', timeOffFrom: 'Beginn', timeOffUntil: 'Ende', note: 'Notiz', addTimeOff: 'Abwesenheit eintragen', closures: 'Schliesstage des Studios',
  name: 'Bezeichnung', firstDay: 'Erster Tag', lastDay: 'Letzter Tag', addClosure: 'Studio schliessen', saved: 'Gespeichert.', removed: 'Entfernt.',
  inTheWay: 'Diese gebuchten Sitzungen lägen dann ausserhalb der Zeiten:', force: 'Trotzdem ändern', cancel: 'Nicht ändern',
  keptAnyway: 'Geändert. Diese Sitzungen liegen jetzt ausserhalb der Zeiten; bitte verschieben oder absagen:', noHours: 'Keine Wochenzeiten.', dayHours: 'Zeiten am',
  mon: 'Montag', tue: 'Dienstag', wed: 'Mittwoch', thu: 'Donnerstag', fri: 'Freitag', sat: 'Samstag', sun: 'Sonntag', loading: 'Wird geladen…',
};

const fr: Record<AvailabilityKey, string> = {
  availability: 'Disponibilités', week: 'Semaine', weekOf: 'Semaine du', previousWeek: 'Semaine précédente', nextWeek: 'Semaine suivante', thisWeek: 'Cette semaine',
  instructor: 'Intervenant·e', timesIn: 'Heures en', open: 'Disponible', session: 'Séance', class: 'Cours', timeOff: 'Absence', closure: 'Studio fermé',
  nothing: 'Rien', weeklyHours: 'Horaires hebdomadaires', addHours: 'Ajouter des horaires', remove: 'Retirer', from: 'De', until: 'À', location: 'Lieu', anyLocation: 'Tous les lieux',
  saveHours: 'Enregistrer les horaires', overrides: 'Jours particuliers', date: 'Date', kind: 'Type', closed: 'Fermé toute la journée', replace: 'Seulement ces horaires', extra: 'Horaires en plus',
  saveOverride: 'Enregistrer le jour particulier', timeOffFrom: 'Début', timeOffUntil: 'Fin', note: 'Note', addTimeOff: 'Ajouter une absence', closures: 'Fermetures du studio',
  name: 'Nom', firstDay: 'Premier jour', lastDay: 'Dernier jour', addClosure: 'Fermer le studio', saved: 'Enregistré.', removed: 'Retiré.',
  inTheWay: 'Ces séances réservées seraient hors des horaires\u202f:', force: 'Changer quand même', cancel: 'Ne pas changer',
  keptAnyway: 'Changé. Ces séances sont maintenant hors des horaires\u202f; déplacez-les ou annulez-les\u202f:', noHours: 'Aucun horaire hebdomadaire.', dayHours: 'Horaires du',
  mon: 'Lundi', tue: 'Mardi', wed: 'Mercredi', thu: 'Jeudi', fri: 'Vendredi', sat: 'Samedi', sun: 'Dimanche', loading: 'Chargement…',
};

const it: Record<AvailabilityKey, string> = {
  availability: 'Disponibilità', week: 'Settimana', weekOf: 'Settimana dal', previousWeek: 'Settimana precedente', nextWeek: 'Settimana successiva', thisWeek: 'Questa settimana',
  instructor: 'Insegnante', timesIn: 'Orari in', open: 'Disponibile', session: 'Seduta', class: 'Corso', timeOff: 'Assenza', closure: 'Studio chiuso',
  nothing: 'Niente', weeklyHours: 'Orari settimanali', addHours: 'Aggiungi orari', remove: 'Rimuovi', from: 'Dalle', until: 'Alle', location: 'Sede', anyLocation: 'Tutte le sedi',
  saveHours: 'Salva gli orari settimanali', overrides: 'Giorni particolari', date: 'Data', kind: 'Tipo', closed: 'Chiuso tutto il giorno', replace: 'Solo questi orari', extra: 'Orari in più',
  saveOverride: 'Salva il giorno particolare', timeOffFrom: 'Inizio', timeOffUntil: 'Fine', note: 'Nota', addTimeOff: 'Aggiungi un’assenza', closures: 'Chiusure dello studio',
  name: 'Nome', firstDay: 'Primo giorno', lastDay: 'Ultimo giorno', addClosure: 'Chiudi lo studio', saved: 'Salvato.', removed: 'Rimosso.',
  inTheWay: 'Queste sedute prenotate resterebbero fuori dagli orari:', force: 'Cambia comunque', cancel: 'Non cambiare',
  keptAnyway: 'Cambiato. Queste sedute sono ora fuori dagli orari; spostale o annullale:', noHours: 'Nessun orario settimanale.', dayHours: 'Orari di',
  mon: 'Lunedì', tue: 'Martedì', wed: 'Mercoledì', thu: 'Giovedì', fri: 'Venerdì', sat: 'Sabato', sun: 'Domenica', loading: 'Caricamento…',
};

export const availabilityWords: Record<AdminLang, Record<AvailabilityKey, string>> = { en, de, fr, it };
