/** The funnel view's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';
import type { FunnelStep } from '../../../../shared/funnel.ts';

const en = {
  nav: 'Funnel', heading: 'Conversion funnel', from: 'From', to: 'To', program: 'Program', allPrograms: 'All programs', by: 'Sources by',
  source: 'Source', medium: 'Medium', campaign: 'Campaign', referrer: 'Referring site', show: 'Show', loading: 'Loading…', csv: 'Export as CSV',
  steps: 'Steps of a visit', chart: 'Visits per step', step: 'Step', visits: 'Visits', fromPrevious: 'From the step before', fromViewed: 'Of all views',
  attribution: 'Attribution', paid: 'Paid', conversion: 'Conversion', bookings: 'Bookings', revenue: 'Revenue', none: 'No visits in this period.',
  rangeNote: 'Dates in the studio’s time zone, both included.',
  viewed: 'Viewed', time_chosen: 'Time chosen', intake_done: 'Questions answered', details_done: 'Details given', checkout_started: 'Payment started', paid_step: 'Paid',
};
export type FunnelKey = keyof typeof en;

const de: Record<FunnelKey, string> = {
  nav: 'Trichter', heading: 'Conversion-Trichter', from: 'Von', to: 'Bis', program: 'Programm', allPrograms: 'Alle Programme', by: 'Quellen nach',
  source: 'Quelle', medium: 'Medium', campaign: 'Kampagne', referrer: 'Verweisende Website', show: 'Anzeigen', loading: 'Wird geladen…', csv: 'Als CSV exportieren',
  steps: 'Schritte eines Besuchs', chart: 'Besuche pro Schritt', step: 'Schritt', visits: 'Besuche', fromPrevious: 'Vom vorherigen Schritt', fromViewed: 'Von allen Aufrufen',
  attribution: 'Herkunft', paid: 'Bezahlt', conversion: 'Konversion', bookings: 'Buchungen', revenue: 'Umsatz', none: 'Keine Besuche in diesem Zeitraum.',
  rangeNote: 'Daten in der Zeitzone des Studios, beide eingeschlossen.',
  viewed: 'Angesehen', time_chosen: 'Termin gewählt', intake_done: 'Fragen beantwortet', details_done: 'Angaben gemacht', checkout_started: 'Zahlung begonnen', paid_step: 'Bezahlt',
};

const fr: Record<FunnelKey, string> = {
  nav: 'Entonnoir', heading: 'Entonnoir de conversion', from: 'Du', to: 'Au', program: 'Programme', allPrograms: 'Tous les programmes', by: 'Sources par',
  source: 'Source', medium: 'Support', campaign: 'Campagne', referrer: 'Site référent', show: 'Afficher', loading: 'Chargement…', csv: 'Exporter en CSV',
  steps: 'Étapes d’une visite', chart: 'Visites par étape', step: 'Étape', visits: 'Visites', fromPrevious: 'Depuis l’étape précédente', fromViewed: 'Sur toutes les vues',
  attribution: 'Attribution', paid: 'Payé', conversion: 'Conversion', bookings: 'Réservations', revenue: 'Chiffre d’affaires', none: 'Aucune visite sur cette période.',
  rangeNote: 'Dates dans le fuseau horaire du studio, bornes incluses.',
  viewed: 'Vu', time_chosen: 'Horaire choisi', intake_done: 'Questions répondues', details_done: 'Coordonnées saisies', checkout_started: 'Paiement commencé', paid_step: 'Payé',
};

const it: Record<FunnelKey, string> = {
  nav: 'Imbuto', heading: 'Imbuto di conversione', from: 'Dal', to: 'Al', program: 'Programma', allPrograms: 'Tutti i programmi', by: 'Fonti per',
  source: 'Fonte', medium: 'Mezzo', campaign: 'Campagna', referrer: 'Sito di provenienza', show: 'Mostra', loading: 'Caricamento…', csv: 'Esporta in CSV',
  steps: 'Passi di una visita', chart: 'Visite per passo', step: 'Passo', visits: 'Visite', fromPrevious: 'Dal passo precedente', fromViewed: 'Su tutte le visualizzazioni',
  attribution: 'Attribuzione', paid: 'Pagato', conversion: 'Conversione', bookings: 'Prenotazioni', revenue: 'Ricavi', none: 'Nessuna visita in questo periodo.',
  rangeNote: 'Date nel fuso orario dello studio, estremi inclusi.',
  viewed: 'Visto', time_chosen: 'Orario scelto', intake_done: 'Domande risposte', details_done: 'Dati inseriti', checkout_started: 'Pagamento iniziato', paid_step: 'Pagato',
};

export const funnelWords: Record<ConsoleLang, Record<FunnelKey, string>> = { en, de, fr, it };

/** A step's name (the `paid` step has its own key: `paid` is also the attribution table's column). */
export const stepKey = (step: FunnelStep): FunnelKey => (step === 'paid' ? 'paid_step' : step);
