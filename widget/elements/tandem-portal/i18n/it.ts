import type { PortalMessages } from './en.ts';

export const portalIt: PortalMessages = {
  heading: 'Le sue prenotazioni', none: 'Non ha ancora prenotazioni presso questo studio.', open: 'Apri', back: 'Tutte le prenotazioni',
  signIn: 'Acceda per vedere le sue prenotazioni', signInNote: 'Inviamo un codice di 6 cifre all’indirizzo e-mail della prenotazione.',
  email: 'Indirizzo e-mail', code: 'Codice ricevuto per e-mail', sendCode: 'Inviami un codice', confirm: 'Accedi', signOut: 'Esci', signedOut: 'È uscito/a.',
  nextSession: 'Prossima seduta: {date}', toSchedule: '{count} da pianificare', sessions: 'Sedute', sessionN: 'Seduta {n}',
  stateScheduled: 'Pianificata', stateToSchedule: 'Da pianificare', stateAttended: 'Svolta', stateNoShow: 'Mancata', stateCancelled: 'Annullata',
  changeUntil: 'Spostamento o annullamento gratuiti fino al {date}', joinOnline: 'Partecipa online', bookNext: 'Prenoti la prossima seduta', reschedule: 'Sposta',
  moveSeriesLater: 'Tutte le restanti una settimana dopo', moveSeriesEarlier: 'Una settimana prima', cancelSession: 'Annulla la seduta', cancelBooking: 'Annulla la prenotazione',
  quoteHeading: 'Cosa comporta l’annullamento', quoteRefund: 'Rimborsato', quoteFee: 'Penale trattenuta', quoteCredits: 'Crediti restituiti', quoteDue: 'Ancora dovuto',
  ruleCancelledInTime: 'in tempo: gratuito', ruleLateCancellation: 'tardivo: penale', ruleNoShow: 'mancata', ruleCompleted: 'svolta',
  ruleNotScheduled: 'non pianificata', ruleOther: 'secondo le regole dello studio',
  unscheduleNote: 'La seduta torna «da pianificare»; nessun movimento di denaro.', confirmCancel: 'Conferma l’annullamento', keep: 'Mantieni', done: 'Fatto.',
  milestones: 'Traguardi', due: 'Scadenza il {date}', completed: 'Raggiunto', money: 'Pagamenti', paid: 'Pagato', total: 'Totale', balance: 'Saldo aperto',
  nextInstallment: 'Prossima rata: {amount} il {date}', documents: 'Fatture e note di credito', invoice: 'Fattura {number}', creditNote: 'Nota di credito {number}',
  download: 'Scarica', pickTime: 'Scelga un orario', close: 'Chiudi', moved: 'Spostata.', booked: 'Prenotata.',
  messages: 'Messaggi', noMessages: 'Ancora nessun messaggio. Scriva qui al suo insegnante.', you: 'Lei', write: 'Il suo messaggio', sendMessage: 'Invia', sent: 'Inviato.',
  calendar: 'Calendario', subscribe: 'Crea un link di abbonamento', subscribeNote: 'Aggiunga questo indirizzo alla sua app di calendario (abbonamento via URL): le sedute restano aggiornate. Un nuovo link sostituisce il precedente.',
  bookRemaining: 'Prenota tutte le sedute rimanenti', moveSeries: 'Sposta la serie a una nuova prima data', seriesNote: 'Scelga la prima data; le altre seguono al ritmo del programma.', addToCalendar: 'Aggiungi al calendario', updateCard: 'Cambia carta', cardNote: 'La carta viene salvata per le prossime rate; ora non viene addebitato nulla.', saveCard: 'Salva la carta', testCard: 'Modalità di prova: non viene salvata nessuna carta vera.', cardSaved: 'Carta salvata.', payBalance: 'Paga il saldo aperto ({amount})', payOnce: 'Paga ora {amount} con la carta', payOnceTest: 'Modalità di prova: un pagamento unico richiede Stripe; usi «Paga il saldo aperto» con la carta salvata.', balancePaid: 'Grazie: il pagamento è in conferma e appare qui tra un momento.', balanceCharging: 'Pagamento di {amount} avviato: appare qui appena è andato a buon fine.', payNowIntro: 'Riservato per lei fino al {date}: paghi {amount} per confermare la prenotazione.', payNow: 'Paga ora {amount}', payNowTest: 'Modalità di prova: non viene addebitata nessuna carta vera.', linkPaid: 'Pagato: la prenotazione è confermata.',
  referralHeading: 'Consigli un amico', referralNote: 'Chi prenota con il suo codice riceve uno sconto di {discount} sulla prima prenotazione. Appena quella prenotazione è pagata e non si può più annullare gratuitamente, lei riceve crediti: {credits}.', referralCode: 'Il suo codice', referralLink: 'Il suo link', copyLink: 'Copia il link', copied: 'Link copiato.', referralEarned: 'Crediti ricevuti: {granted}. In attesa della fine del periodo di annullamento gratuito: {pending}.',
};
