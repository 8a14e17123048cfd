import type { PortalMessages } from './en.ts';

export const portalDe: PortalMessages = {
  heading: 'Ihre Buchungen', none: 'Sie haben noch keine Buchungen bei diesem Studio.', open: 'Öffnen', back: 'Alle Buchungen',
  signIn: 'Anmelden, um Ihre Buchungen zu sehen', signInNote: 'Wir senden einen 6-stelligen Code an die E-Mail-Adresse Ihrer Buchung.',
  email: 'E-Mail-Adresse', code: 'Code aus der E-Mail', sendCode: 'Code senden', confirm: 'Anmelden', signOut: 'Abmelden', signedOut: 'Sie sind abgemeldet.',
  nextSession: 'Nächster Termin: {date}', toSchedule: '{count} noch zu planen', sessions: 'Termine', sessionN: 'Termin {n}',
  stateScheduled: 'Geplant', stateToSchedule: 'Noch zu planen', stateAttended: 'Besucht', stateNoShow: 'Verpasst', stateCancelled: 'Abgesagt',
  changeUntil: 'Kostenlos verschieben oder absagen bis {date}', joinOnline: 'Online teilnehmen', bookNext: 'Nächsten Termin buchen', reschedule: 'Verschieben',
  moveSeriesLater: 'Alle restlichen eine Woche später', moveSeriesEarlier: 'Eine Woche früher', cancelSession: 'Termin absagen', cancelBooking: 'Buchung stornieren',
  quoteHeading: 'Was die Absage bedeutet', quoteRefund: 'Zurück an Sie', quoteFee: 'Gebühr', quoteCredits: 'Guthaben zurück', quoteDue: 'Noch offen',
  ruleCancelledInTime: 'rechtzeitig: kostenlos', ruleLateCancellation: 'kurzfristig: Gebühr', ruleNoShow: 'verpasst', ruleCompleted: 'besucht',
  ruleNotScheduled: 'nicht geplant', ruleOther: 'nach den Regeln des Studios',
  unscheduleNote: 'Der Termin wird wieder «noch zu planen»; es fliesst kein Geld.', confirmCancel: 'Absage bestätigen', keep: 'Behalten', done: 'Erledigt.',
  milestones: 'Meilensteine', due: 'Fällig am {date}', completed: 'Erreicht', money: 'Zahlungen', paid: 'Bezahlt', total: 'Total', balance: 'Offener Betrag',
  nextInstallment: 'Nächste Rate: {amount} am {date}', documents: 'Rechnungen und Gutschriften', invoice: 'Rechnung {number}', creditNote: 'Gutschrift {number}',
  download: 'Herunterladen', pickTime: 'Zeit wählen', close: 'Schliessen', moved: 'Verschoben.', booked: 'Gebucht.',
  messages: 'Nachrichten', noMessages: 'Noch keine Nachrichten. Schreiben Sie hier Ihrer Lehrperson.', you: 'Sie', write: 'Ihre Nachricht', sendMessage: 'Senden', sent: 'Gesendet.',
  calendar: 'Kalender', subscribe: 'Kalender-Abo-Link erstellen', subscribeNote: 'Fügen Sie diese Adresse in Ihrer Kalender-App hinzu (Abonnement per URL): Ihre Termine bleiben dort aktuell. Ein neuer Link ersetzt den alten.',
  bookRemaining: 'Alle restlichen Termine buchen', moveSeries: 'Serie auf ein neues erstes Datum verschieben', seriesNote: 'Wählen Sie das erste Datum; die weiteren folgen im Rhythmus des Programms.', addToCalendar: 'Zum Kalender hinzufügen', updateCard: 'Karte ändern', cardNote: 'Die Karte wird für die nächsten Raten gespeichert; jetzt wird nichts belastet.', saveCard: 'Karte speichern', testCard: 'Testmodus: Es wird keine echte Karte gespeichert.', cardSaved: 'Karte gespeichert.', payBalance: 'Offenen Betrag bezahlen ({amount})', payOnce: 'Jetzt {amount} mit Karte bezahlen', payOnceTest: 'Testmodus: Eine Einmalzahlung braucht Stripe; nutzen Sie «Offenen Betrag bezahlen» mit der gespeicherten Karte.', balancePaid: 'Danke: Ihre Zahlung wird bestätigt und erscheint gleich hier.', balanceCharging: 'Zahlung von {amount} ausgelöst: Sie erscheint hier, sobald sie durch ist.', payNowIntro: 'Für Sie reserviert bis {date}: Bezahlen Sie {amount}, um die Buchung zu bestätigen.', payNow: 'Jetzt {amount} bezahlen', payNowTest: 'Testmodus: Es wird keine echte Karte belastet.', linkPaid: 'Bezahlt: Ihre Buchung ist bestätigt.',
  referralHeading: 'Freunde empfehlen', referralNote: 'Wer mit Ihrem Code bucht, erhält {discount} Rabatt auf die erste Buchung. Sobald diese Buchung bezahlt ist und nicht mehr kostenlos storniert werden kann, erhalten Sie Guthaben: {credits}.', referralCode: 'Ihr Code', referralLink: 'Ihr Link', copyLink: 'Link kopieren', copied: 'Link kopiert.', referralEarned: 'Erhaltenes Guthaben: {granted}. Wartet auf das Ende der kostenlosen Stornofrist: {pending}.',
};
