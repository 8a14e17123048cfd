/** The mail telling the instructor that a customer uploaded homework. Pure. */
import { formatDateTime, frenchCatalog, type FormatLocale, type Lang } from '../../../../shared/format.ts';
import { inert, mailBodies, type ComposedMail } from './booking-mails.ts';
import { fill } from './strings.ts';

interface HomeworkStrings { subject: string; intro: string; file: string; open: string }

const homework: Record<Lang, HomeworkStrings> = {
  en: { subject: 'Homework from {customer}: {milestone}', intro: '{customer} uploaded homework for “{milestone}” ({program}) on {when}.', file: 'File: {file}', open: 'Open the booking in the studio console to download it: {url}' },
  de: { subject: 'Hausaufgabe von {customer}: {milestone}', intro: '{customer} hat am {when} eine Hausaufgabe zu «{milestone}» ({program}) hochgeladen.', file: 'Datei: {file}', open: 'Öffnen Sie die Buchung in der Studio-Konsole, um sie herunterzuladen: {url}' },
  fr: { subject: 'Devoir de {customer} : {milestone}', intro: '{customer} a déposé un devoir pour « {milestone} » ({program}) le {when}.', file: 'Fichier : {file}', open: 'Ouvrez la réservation dans la console du studio pour le télécharger : {url}' },
  it: { subject: 'Compito di {customer}: {milestone}', intro: '{customer} ha caricato un compito per «{milestone}» ({program}) il {when}.', file: 'File: {file}', open: 'Apra la prenotazione nella console dello studio per scaricarlo: {url}' },
};

// French typography: a narrow no-break space before : and inside « ».
homework.fr = frenchCatalog(homework.fr);

/** The homework mail's sentences per language (for the typography test). */
export const homeworkStrings: Readonly<Record<Lang, HomeworkStrings>> = homework;

export function homeworkUploadedMail(d: { lang: Lang; locale?: FormatLocale | undefined; zone: string; customer: string; program: string; milestone: string; filename: string; at: Date; url: string }): ComposedMail {
  const S = homework[d.lang];
  const vars = { customer: inert(d.customer), milestone: d.milestone, program: d.program };
  const text = [
    fill(S.intro, { ...vars, when: formatDateTime(d.at, d.zone, d.locale ?? d.lang) }),
    fill(S.file, { file: inert(d.filename) }),
    fill(S.open, { url: d.url }),
  ].join('\n\n');
  return { subject: fill(S.subject, vars), ...mailBodies(text, [d.url]) };
}
