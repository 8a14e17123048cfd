/** What the studio's people are told by mail when something happens to a booking, in the studio's language. Pure. */
import { formatDateTime, frenchCatalog, zoneLabel } from '../../../../shared/format.ts';
import type { FormatLocale, Lang } from '../../../../shared/format.ts';

export type NoticeTopic = 'new_booking' | 'cancellation' | 'reschedule' | 'payment_failure' | 'message';

interface NoticeStrings { subject: Record<Exclude<NoticeTopic, 'message'>, string>; first: string; open: string; why: string }

const strings: Record<Lang, NoticeStrings> = {
  en: {
    subject: { new_booking: 'New booking: {program}, {customer}', cancellation: 'Cancelled: {program}, {customer}', reschedule: 'Moved: {program}, {customer}', payment_failure: 'Payment failed: {program}, {customer}' },
    first: 'Next session: {when}, {zone}', open: 'Open it in the console: {url}', why: 'You get this mail as staff of {studio}; choose which mails you get in the console\'s settings.',
  },
  de: {
    subject: { new_booking: 'Neue Buchung: {program}, {customer}', cancellation: 'Storniert: {program}, {customer}', reschedule: 'Verschoben: {program}, {customer}', payment_failure: 'Zahlung fehlgeschlagen: {program}, {customer}' },
    first: 'Nächster Termin: {when}, {zone}', open: 'In der Konsole öffnen: {url}', why: 'Sie erhalten diese E-Mail als Mitarbeitende von {studio}; welche E-Mails Sie erhalten, wählen Sie in den Einstellungen der Konsole.',
  },
  fr: {
    subject: { new_booking: 'Nouvelle réservation : {program}, {customer}', cancellation: 'Annulée : {program}, {customer}', reschedule: 'Déplacée : {program}, {customer}', payment_failure: 'Paiement échoué : {program}, {customer}' },
    first: 'Prochaine séance : {when}, {zone}', open: 'Ouvrir dans la console : {url}', why: 'Vous recevez cet e-mail en tant que membre de {studio} ; choisissez vos e-mails dans les réglages de la console.',
  },
  it: {
    subject: { new_booking: 'Nuova prenotazione: {program}, {customer}', cancellation: 'Annullata: {program}, {customer}', reschedule: 'Spostata: {program}, {customer}', payment_failure: 'Pagamento non riuscito: {program}, {customer}' },
    first: 'Prossima sessione: {when}, {zone}', open: 'Apri nella console: {url}', why: 'Riceve questa e-mail come membro di {studio}; scelga quali e-mail ricevere nelle impostazioni della console.',
  },
};

// French typography (a narrow no-break space before : and ;), the subjects included.
strings.fr = { ...frenchCatalog(strings.fr), subject: frenchCatalog(strings.fr.subject) };

/** The notices' sentences per language (for the typography test). */
export const staffNoticeStrings: Readonly<Record<Lang, NoticeStrings>> = strings;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function staffNoticeMail(d: {
  lang: Lang;
  /** Formats of the studio's country (`de-DE`); absent: `lang` with Swiss formats. */
  locale?: FormatLocale | undefined;
  topic: Exclude<NoticeTopic, 'message'>; studio: string; program: string; customer: string; url: string;
  next: { startsAt: Date; zone: string } | null;
}): { subject: string; text: string; html: string } {
  const S = strings[d.lang];
  const fill = (s: string) => s.replaceAll('{program}', d.program).replaceAll('{customer}', d.customer).replaceAll('{studio}', d.studio).replaceAll('{url}', d.url);
  const lines = [
    ...(d.next ? [S.first.replace('{when}', formatDateTime(d.next.startsAt, d.next.zone, d.locale ?? d.lang)).replace('{zone}', zoneLabel(d.next.startsAt, d.next.zone))] : []),
    fill(S.open), '', fill(S.why),
  ];
  return { subject: fill(S.subject[d.topic]), text: lines.join('\n'), html: lines.filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`).join('') };
}
