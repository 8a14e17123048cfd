/** The retention setting's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  intro: 'Answers that an intake form marks as health data are deleted from a booking this many months after it completed; the booking and its other answers stay.',
  months: 'Months to keep health answers (1–120)', save: 'Save', saved: 'Saved: health answers are kept {n} months after a booking completed.',
  current: 'Now: {n} months.', loading: 'Loading…', problem: 'Please check the form:', managersOnly: 'Owners and managers set how long health answers are kept.',
};
export type RetentionKey = keyof typeof en;

const de: Record<RetentionKey, string> = {
  intro: 'Antworten, die ein Aufnahmeformular als Gesundheitsdaten kennzeichnet, werden so viele Monate nach dem Abschluss einer Buchung gelöscht; die Buchung und ihre übrigen Antworten bleiben.',
  months: 'Monate, die Gesundheitsangaben aufbewahrt werden (1–120)', save: 'Speichern', saved: 'Gespeichert: Gesundheitsangaben bleiben {n} Monate nach Abschluss einer Buchung.',
  current: 'Derzeit: {n} Monate.', loading: 'Wird geladen…', problem: 'Bitte prüfen Sie das Formular:', managersOnly: 'Wie lange Gesundheitsangaben bleiben, legen Inhaber und Leitung fest.',
};

const fr: Record<RetentionKey, string> = {
  intro: 'Les réponses qu’un formulaire d’accueil marque comme données de santé sont effacées d’une réservation ce nombre de mois après sa fin ; la réservation et ses autres réponses restent.',
  months: 'Mois de conservation des réponses de santé (1–120)', save: 'Enregistrer', saved: 'Enregistré : les réponses de santé sont gardées {n} mois après la fin d’une réservation.',
  current: 'Actuellement : {n} mois.', loading: 'Chargement…', problem: 'Veuillez vérifier le formulaire :', managersOnly: 'La durée de conservation des réponses de santé est fixée par les propriétaires et la direction.',
};

const it: Record<RetentionKey, string> = {
  intro: 'Le risposte che un modulo d’iscrizione segna come dati sanitari vengono cancellate da una prenotazione questo numero di mesi dopo la sua conclusione; la prenotazione e le altre risposte restano.',
  months: 'Mesi di conservazione delle risposte sanitarie (1–120)', save: 'Salva', saved: 'Salvato: le risposte sanitarie restano {n} mesi dopo la conclusione di una prenotazione.',
  current: 'Ora: {n} mesi.', loading: 'Caricamento…', problem: 'Controlli il modulo:', managersOnly: 'La durata di conservazione delle risposte sanitarie la stabiliscono titolari e direzione.',
};

export const retentionWords: Record<ConsoleLang, Record<RetentionKey, string>> = { en, de, fr, it };
