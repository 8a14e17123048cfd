/** The staff sign-in code mail (the console at /admin), in the four languages of the other mails. Pure. */
import { frenchCatalog } from '../../../../shared/format.ts';

type Lang = 'en' | 'de' | 'fr' | 'it';

interface Strings { subject: string; intro: string; studios: string; validity: string; ignore: string }

const strings: Record<Lang, Strings> = {
  en: {
    subject: 'Your sign-in code for Tandem',
    intro: 'Your code to sign in to the studio console is:',
    studios: 'It signs you in to: {studios}.',
    validity: 'It is valid for 10 minutes and can be used once.',
    ignore: 'If you did not ask for it, you can ignore this mail: nobody signs in without the code.',
  },
  de: {
    subject: 'Ihr Anmeldecode für Tandem',
    intro: 'Ihr Code für die Anmeldung in der Studio-Konsole lautet:',
    studios: 'Er meldet Sie an bei: {studios}.',
    validity: 'Er ist 10 Minuten gültig und kann einmal verwendet werden.',
    ignore: 'Falls Sie ihn nicht angefordert haben, können Sie diese E-Mail ignorieren: Ohne den Code meldet sich niemand an.',
  },
  fr: {
    subject: 'Votre code de connexion à Tandem',
    intro: 'Votre code pour vous connecter à la console du studio est :',
    studios: 'Il vous connecte à : {studios}.',
    validity: 'Il est valable 10 minutes et ne peut être utilisé qu’une fois.',
    ignore: 'Si vous ne l’avez pas demandé, ignorez ce message : personne ne se connecte sans le code.',
  },
  it: {
    subject: 'Il suo codice di accesso a Tandem',
    intro: 'Il suo codice per accedere alla console dello studio è:',
    studios: 'La collega a: {studios}.',
    validity: 'È valido 10 minuti e si può usare una volta sola.',
    ignore: 'Se non l’ha richiesto, può ignorare questa e-mail: senza il codice nessuno accede.',
  },
};
strings.fr = frenchCatalog(strings.fr);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function staffCodeLang(locale: string | null | undefined): Lang {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'de' || l === 'fr' || l === 'it' ? l : 'en';
}

/** The mail carrying a staff sign-in code; `studios` are the studios the address works for. */
export function staffCodeMail(d: { lang: Lang; studios: string[]; code: string }): { subject: string; text: string; html: string } {
  const S = strings[d.lang];
  const studios = S.studios.replace('{studios}', d.studios.join(', '));
  const text = [S.intro, '', d.code, '', studios, S.validity, S.ignore].join('\n');
  const html = `<p>${escapeHtml(S.intro)}</p><p style="font-size:1.6em;letter-spacing:.2em"><strong>${d.code}</strong></p>`
    + `<p>${escapeHtml(studios)}<br>${escapeHtml(S.validity)}<br>${escapeHtml(S.ignore)}</p>`;
  return { subject: S.subject, text, html };
}

interface InviteStrings { subject: string; intro: string; how: string; signIn: string }

const invite: Record<Lang, InviteStrings> = {
  en: { subject: 'You are invited to {studio} on Tandem', intro: '{inviter} added you to {studio} as {role}.', how: 'Sign in with this e-mail address: you will get a code by mail, no password needed.', signIn: 'Sign in to {studio}' },
  de: { subject: 'Einladung zu {studio} auf Tandem', intro: '{inviter} hat Sie bei {studio} als {role} hinzugefügt.', how: 'Melden Sie sich mit dieser E-Mail-Adresse an: Sie erhalten einen Code per E-Mail, ohne Passwort.', signIn: 'Bei {studio} anmelden' },
  fr: { subject: 'Invitation à {studio} sur Tandem', intro: '{inviter} vous a ajouté·e à {studio} en tant que {role}.', how: 'Connectez-vous avec cette adresse : vous recevrez un code par e-mail, sans mot de passe.', signIn: 'Se connecter à {studio}' },
  it: { subject: 'Invito a {studio} su Tandem', intro: '{inviter} l’ha aggiunta a {studio} come {role}.', how: 'Acceda con questo indirizzo e-mail: riceverà un codice per e-mail, senza password.', signIn: 'Accedere a {studio}' },
};
invite.fr = frenchCatalog(invite.fr);

const roleNames: Record<Lang, Record<'manager' | 'instructor', string>> = {
  en: { manager: 'manager', instructor: 'instructor' },
  de: { manager: 'Leitung', instructor: 'Lehrperson' },
  fr: { manager: 'responsable', instructor: 'enseignant·e' },
  it: { manager: 'responsabile', instructor: 'insegnante' },
};

/** The mail telling someone they were added to a studio's staff, and how to sign in. */
export function staffInviteMail(d: { lang: Lang; studio: string; inviter: string; role: 'manager' | 'instructor'; url: string }): { subject: string; text: string; html: string } {
  const S = invite[d.lang];
  const fill = (s: string) => s.replaceAll('{studio}', d.studio).replaceAll('{inviter}', d.inviter).replaceAll('{role}', roleNames[d.lang][d.role]).replaceAll('{url}', d.url);
  return {
    subject: fill(S.subject),
    // The sign-in address alone on its line in the text part; in the HTML part, words that say where it leads.
    text: [fill(S.intro), '', fill(S.how), d.url].join('\n'),
    html: `<p>${escapeHtml(fill(S.intro))}</p><p>${escapeHtml(fill(S.how))}</p><p><a href="${escapeHtml(d.url)}">${escapeHtml(fill(S.signIn))}</a></p>`,
  };
}
