/** The availability view's words, English and German (kept apart from the console's shared list). */
import type { AdminLang } from './i18n.ts';

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

export const availabilityWords: Record<AdminLang, Record<AvailabilityKey, string>> = { en, de };
