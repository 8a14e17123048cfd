/** The payroll view's words in the console's four languages (kept apart from the console's shared list). */
import type { ConsoleLang } from './console-lang.ts';

const en = {
  payroll: 'Payroll', period: 'Period', periodPick: 'Payroll period', refresh: 'Refresh totals', exportCsv: 'Export CSV (one line per earning)',
  status: 'Status', open: 'Open', closed: 'Closed', paid: 'Paid', dates: 'Dates', closedAt: 'Closed on', paidOn: 'Paid on', reference: 'Bank reference',
  totals: 'Totals per instructor', instructor: 'Instructor', total: 'Total', statement: 'Statement (PDF)', noEarnings: 'Nothing earned in this period yet.',
  sessions: 'Sessions', bookings: 'Bookings paid per completed booking', adjustments: 'Adjustments', date: 'Date', program: 'Program', customer: 'Customer',
  session: 'Session', outcome: 'Outcome', netRevenue: 'Net revenue', rule: 'Rule', amount: 'Amount', reason: 'Reason', corrects: 'Corrects',
  completed: 'Delivered', no_show: 'No-show', late_cancel: 'Late cancellation', none: '—', sessionsDelivered: 'Sessions delivered', share: 'share',
  closePeriod: 'Close this period…', closeQuestion: 'Close the period? From then on nothing in it changes; later corrections go into the next open period.',
  closeNow: 'Close the period', keepOpen: 'Keep it open', closedNotice: 'The period is closed.', markPaid: 'Mark as paid', paidNotice: 'The period is marked as paid.',
  payout: 'Payout', rules: 'Pay rules', rulesHelp: 'A rule is never edited: a change is a new rule from a later date, and what was earned keeps the rule of its date.',
  noRules: 'No pay rules yet.', validFrom: 'Valid from', kind: 'Kind', value: 'Rate', bounds: 'Per session', allPrograms: 'All programs', state: 'State',
  inForce: 'In force', replaced: 'Replaced', upcoming: 'From a later date', inUse: 'earnings computed under it', remove: 'Remove', removed: 'The rule is removed.',
  per_session: 'Per delivered session', percent: 'Share of net revenue', flat: 'Per completed booking', ofRevenue: 'of net revenue', perSession: 'per session',
  perBooking: 'per completed booking', min: 'at least', max: 'at most', newRule: 'New pay rule', valuePercent: 'Share of net revenue (%)', valueAmount: 'Amount',
  minAmount: 'Minimum per session (optional)', maxAmount: 'Maximum per session (optional)', addRule: 'Add the rule', added: 'The rule is added.', loading: 'Loading…',
  historyOf: 'History of',
};
export type PayrollKey = keyof typeof en;

const de: Record<PayrollKey, string> = {
  payroll: 'Löhne', period: 'Periode', periodPick: 'Lohnperiode', refresh: 'Summen aktualisieren', exportCsv: 'CSV exportieren (eine Zeile pro Verdienst)',
  status: 'Status', open: 'Offen', closed: 'Abgeschlossen', paid: 'Ausbezahlt', dates: 'Zeitraum', closedAt: 'Abgeschlossen am', paidOn: 'Ausbezahlt am', reference: 'Bankreferenz',
  totals: 'Summen pro Lehrperson', instructor: 'Lehrperson', total: 'Total', statement: 'Abrechnung (PDF)', noEarnings: 'In dieser Periode wurde noch nichts verdient.',
  sessions: 'Sitzungen', bookings: 'Pauschal pro abgeschlossener Buchung', adjustments: 'Korrekturen', date: 'Datum', program: 'Programm', customer: 'Kundin/Kunde',
  session: 'Sitzung', outcome: 'Ergebnis', netRevenue: 'Nettoumsatz', rule: 'Regel', amount: 'Betrag', reason: 'Grund', corrects: 'Korrigiert',
  completed: 'Durchgeführt', no_show: 'Nicht erschienen', late_cancel: 'Späte Stornierung', none: '—', sessionsDelivered: 'Durchgeführte Sitzungen', share: 'Anteil',
  closePeriod: 'Periode abschliessen…', closeQuestion: 'Periode abschliessen? Danach ändert sich darin nichts mehr; spätere Korrekturen kommen in die nächste offene Periode.',
  closeNow: 'Periode abschliessen', keepOpen: 'Offen lassen', closedNotice: 'Die Periode ist abgeschlossen.', markPaid: 'Als ausbezahlt markieren', paidNotice: 'Die Periode ist als ausbezahlt markiert.',
  payout: 'Auszahlung', rules: 'Lohnregeln', rulesHelp: 'Eine Regel wird nie geändert: eine Änderung ist eine neue Regel ab einem späteren Datum, und Verdientes behält die Regel seines Datums.',
  noRules: 'Noch keine Lohnregeln.', validFrom: 'Gültig ab', kind: 'Art', value: 'Ansatz', bounds: 'Pro Sitzung', allPrograms: 'Alle Programme', state: 'Stand',
  inForce: 'Gilt', replaced: 'Ersetzt', upcoming: 'Ab einem späteren Datum', inUse: 'danach wurde verdient', remove: 'Entfernen', removed: 'Die Regel ist entfernt.',
  per_session: 'Pro durchgeführte Sitzung', percent: 'Anteil am Nettoumsatz', flat: 'Pro abgeschlossene Buchung', ofRevenue: 'des Nettoumsatzes', perSession: 'pro Sitzung',
  perBooking: 'pro abgeschlossene Buchung', min: 'mindestens', max: 'höchstens', newRule: 'Neue Lohnregel', valuePercent: 'Anteil am Nettoumsatz (%)', valueAmount: 'Betrag',
  minAmount: 'Minimum pro Sitzung (optional)', maxAmount: 'Maximum pro Sitzung (optional)', addRule: 'Regel hinzufügen', added: 'Die Regel ist hinzugefügt.', loading: 'Wird geladen…',
  historyOf: 'Verlauf von',
};

const fr: Record<PayrollKey, string> = {
  payroll: 'Rémunération', period: 'Période', periodPick: 'Période de paie', refresh: 'Actualiser les totaux', exportCsv: 'Exporter en CSV (une ligne par gain)',
  status: 'Statut', open: 'Ouverte', closed: 'Clôturée', paid: 'Payée', dates: 'Dates', closedAt: 'Clôturée le', paidOn: 'Payée le', reference: 'Référence bancaire',
  totals: 'Totaux par intervenant·e', instructor: 'Intervenant·e', total: 'Total', statement: 'Relevé (PDF)', noEarnings: 'Rien n’a encore été gagné dans cette période.',
  sessions: 'Séances', bookings: 'Forfaits par réservation terminée', adjustments: 'Corrections', date: 'Date', program: 'Programme', customer: 'Client·e',
  session: 'Séance', outcome: 'Issue', netRevenue: 'Chiffre d’affaires net', rule: 'Règle', amount: 'Montant', reason: 'Motif', corrects: 'Corrige',
  completed: 'Donnée', no_show: 'Absence', late_cancel: 'Annulation tardive', none: '—', sessionsDelivered: 'Séances données', share: 'part',
  closePeriod: 'Clôturer cette période…', closeQuestion: 'Clôturer la période ? Ensuite plus rien n’y change ; les corrections ultérieures vont dans la prochaine période ouverte.',
  closeNow: 'Clôturer la période', keepOpen: 'La laisser ouverte', closedNotice: 'La période est clôturée.', markPaid: 'Marquer comme payée', paidNotice: 'La période est marquée comme payée.',
  payout: 'Versement', rules: 'Règles de rémunération', rulesHelp: 'Une règle n’est jamais modifiée : un changement est une nouvelle règle à partir d’une date ultérieure, et ce qui a été gagné garde la règle de sa date.',
  noRules: 'Aucune règle de rémunération.', validFrom: 'Valable dès', kind: 'Type', value: 'Taux', bounds: 'Par séance', allPrograms: 'Tous les programmes', state: 'État',
  inForce: 'En vigueur', replaced: 'Remplacée', upcoming: 'À partir d’une date ultérieure', inUse: 'des gains en découlent', remove: 'Supprimer', removed: 'La règle est supprimée.',
  per_session: 'Par séance donnée', percent: 'Part du chiffre d’affaires net', flat: 'Par réservation terminée', ofRevenue: 'du chiffre d’affaires net', perSession: 'par séance',
  perBooking: 'par réservation terminée', min: 'au moins', max: 'au plus', newRule: 'Nouvelle règle de rémunération', valuePercent: 'Part du chiffre d’affaires net (%)', valueAmount: 'Montant',
  minAmount: 'Minimum par séance (facultatif)', maxAmount: 'Maximum par séance (facultatif)', addRule: 'Ajouter la règle', added: 'La règle est ajoutée.', loading: 'Chargement…',
  historyOf: 'Historique de',
};

const it: Record<PayrollKey, string> = {
  payroll: 'Compensi', period: 'Periodo', periodPick: 'Periodo di paga', refresh: 'Aggiorna i totali', exportCsv: 'Esporta CSV (una riga per compenso)',
  status: 'Stato', open: 'Aperto', closed: 'Chiuso', paid: 'Pagato', dates: 'Date', closedAt: 'Chiuso il', paidOn: 'Pagato il', reference: 'Riferimento bancario',
  totals: 'Totali per insegnante', instructor: 'Insegnante', total: 'Totale', statement: 'Rendiconto (PDF)', noEarnings: 'In questo periodo non è ancora stato guadagnato nulla.',
  sessions: 'Sessioni', bookings: 'Forfait per prenotazione completata', adjustments: 'Rettifiche', date: 'Data', program: 'Programma', customer: 'Cliente',
  session: 'Sessione', outcome: 'Esito', netRevenue: 'Ricavo netto', rule: 'Regola', amount: 'Importo', reason: 'Motivo', corrects: 'Rettifica',
  completed: 'Svolta', no_show: 'Assenza', late_cancel: 'Disdetta tardiva', none: '—', sessionsDelivered: 'Sessioni svolte', share: 'quota',
  closePeriod: 'Chiudi questo periodo…', closeQuestion: 'Chiudere il periodo? Da allora nulla vi cambia; le rettifiche successive vanno nel prossimo periodo aperto.',
  closeNow: 'Chiudi il periodo', keepOpen: 'Lascialo aperto', closedNotice: 'Il periodo è chiuso.', markPaid: 'Segna come pagato', paidNotice: 'Il periodo è segnato come pagato.',
  payout: 'Pagamento', rules: 'Regole di compenso', rulesHelp: 'Una regola non si modifica mai: un cambiamento è una nuova regola da una data successiva, e quanto guadagnato mantiene la regola della sua data.',
  noRules: 'Ancora nessuna regola di compenso.', validFrom: 'Valida dal', kind: 'Tipo', value: 'Tariffa', bounds: 'Per sessione', allPrograms: 'Tutti i programmi', state: 'Stato',
  inForce: 'In vigore', replaced: 'Sostituita', upcoming: 'Da una data successiva', inUse: 'vi sono compensi calcolati', remove: 'Rimuovi', removed: 'La regola è rimossa.',
  per_session: 'Per sessione svolta', percent: 'Quota del ricavo netto', flat: 'Per prenotazione completata', ofRevenue: 'del ricavo netto', perSession: 'per sessione',
  perBooking: 'per prenotazione completata', min: 'almeno', max: 'al massimo', newRule: 'Nuova regola di compenso', valuePercent: 'Quota del ricavo netto (%)', valueAmount: 'Importo',
  minAmount: 'Minimo per sessione (facoltativo)', maxAmount: 'Massimo per sessione (facoltativo)', addRule: 'Aggiungi la regola', added: 'La regola è aggiunta.', loading: 'Caricamento…',
  historyOf: 'Storico di',
};

export const payrollWords: Record<ConsoleLang, Record<PayrollKey, string>> = { en, de, fr, it };
