/**
 * The e-mail one-time code mail, in the four languages of the other mails. Pure: the code is
 * put into the mail's text and nowhere else (no subject, no log, no event).
 */
import { frenchCatalog } from '../../../../shared/format.ts';

type Lang = 'en' | 'de' | 'fr' | 'it';

interface LoginCodeStrings { subject: string; intro: string; validity: string; ignore: string; signOff: string }

const loginCode: Record<Lang, LoginCodeStrings> = {
  en: {
    subject: 'Your code for {studio}',
    intro: 'Your code to confirm your e-mail address with {studio} is:',
    validity: 'It is valid for 10 minutes and can be used once.',
    ignore: 'If you did not ask for it, you can ignore this mail: nothing happens without the code.',
    signOff: '{studio}',
  },
  de: {
    subject: 'Ihr Code für {studio}',
    intro: 'Ihr Code zur Bestätigung Ihrer E-Mail-Adresse bei {studio} lautet:',
    validity: 'Er ist 10 Minuten gültig und kann einmal verwendet werden.',
    ignore: 'Falls Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren: Ohne den Code geschieht nichts.',
    signOff: '{studio}',
  },
  fr: {
    subject: 'Votre code pour {studio}',
    intro: 'Votre code pour confirmer votre adresse e-mail auprès de {studio} est :',
    validity: 'Il est valable 10 minutes et ne peut être utilisé qu’une fois.',
    ignore: 'Si vous ne l’avez pas demandé, ignorez ce message : rien ne se passe sans le code.',
    signOff: '{studio}',
  },
  it: {
    subject: 'Il suo codice per {studio}',
    intro: 'Il suo codice per confermare il suo indirizzo e-mail presso {studio} è:',
    validity: 'È valido 10 minuti e si può usare una volta sola.',
    ignore: 'Se non l’ha richiesto, può ignorare questa e-mail: senza il codice non succede nulla.',
    signOff: '{studio}',
  },
};
loginCode.fr = frenchCatalog(loginCode.fr);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fill = (s: string, studio: string) => s.replaceAll('{studio}', studio);

export function loginCodeLang(locale: string | null | undefined): Lang {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'de' || l === 'fr' || l === 'it' ? l : 'en';
}

/** The mail carrying a one-time code. */
export function loginCodeMail(d: { lang: Lang; studio: string; code: string }): { subject: string; text: string; html: string } {
  const S = loginCode[d.lang];
  const lines = [fill(S.intro, d.studio), '', d.code, '', S.validity, S.ignore, '', fill(S.signOff, d.studio)];
  const text = lines.join('\n');
  const html = `<p>${escapeHtml(fill(S.intro, d.studio))}</p><p style="font-size:1.6em;letter-spacing:.2em"><strong>${d.code}</strong></p>`
    + `<p>${escapeHtml(S.validity)}<br>${escapeHtml(S.ignore)}</p><p>${escapeHtml(fill(S.signOff, d.studio))}</p>`;
  return { subject: fill(S.subject, d.studio), text, html };
}
