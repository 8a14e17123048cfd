/**
 * Per-field messages of a problem+json answer in the request's language (`Accept-Language`:
 * en, de, fr, it; English otherwise), so a German booking form never shows "must be an email
 * address". The messages are written in English where they are raised; this table says each one
 * in the other languages. A message it does not know stays English (developer-facing ones).
 */

export type MessageLang = 'en' | 'de' | 'fr' | 'it';

const LANGS: readonly MessageLang[] = ['en', 'de', 'fr', 'it'];

/** The first supported language of an `Accept-Language` header, by its q-values; English without one. */
export function requestLang(header: string | undefined | null): MessageLang {
  const ranked = (header ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, i };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((x) => (LANGS as readonly string[]).includes(x.lang))?.lang as MessageLang | undefined) ?? 'en';
}

type Said = Record<Exclude<MessageLang, 'en'>, string>;

/** English message (a pattern; `$1` carries its figure) → the same in de, fr, it. */
const TABLE: [RegExp, Said][] = [
  [/^is required$/, { de: 'ist erforderlich', fr: 'est obligatoire', it: 'è obbligatorio' }],
  [/^must be an email address$/, { de: 'muss eine E-Mail-Adresse sein', fr: 'doit être une adresse e-mail', it: 'deve essere un indirizzo e-mail' }],
  [/^must be a phone number$/, { de: 'muss eine Telefonnummer sein', fr: 'doit être un numéro de téléphone', it: 'deve essere un numero di telefono' }],
  [/^must be at least (\d+) characters$/, { de: 'muss mindestens $1 Zeichen lang sein', fr: 'doit compter au moins $1 caractères', it: 'deve avere almeno $1 caratteri' }],
  [/^must be at most (\d+) characters$/, { de: 'darf höchstens $1 Zeichen lang sein', fr: 'doit compter au plus $1 caractères', it: 'deve avere al massimo $1 caratteri' }],
  [/^must be a single line$/, { de: 'muss eine einzige Zeile sein', fr: 'doit tenir sur une seule ligne', it: 'deve stare su una sola riga' }],
  [/^must be accepted$/, { de: 'muss bestätigt werden', fr: 'doit être accepté', it: 'deve essere accettato' }],
  [/^must be one of: (.+)$/, { de: 'muss eines davon sein: $1', fr: 'doit être l’une de ces valeurs : $1', it: 'deve essere uno di questi: $1' }],
  [/^must be a valid date$/, { de: 'muss ein gültiges Datum sein', fr: 'doit être une date valide', it: 'deve essere una data valida' }],
  [/^must be a valid email$/, { de: 'muss eine E-Mail-Adresse sein', fr: 'doit être une adresse e-mail', it: 'deve essere un indirizzo e-mail' }],
  [/^must be a number$/, { de: 'muss eine Zahl sein', fr: 'doit être un nombre', it: 'deve essere un numero' }],
  [/^must be an integer$/, { de: 'muss eine ganze Zahl sein', fr: 'doit être un nombre entier', it: 'deve essere un numero intero' }],
  [/^must be >= (\S+)$/, { de: 'muss mindestens $1 sein', fr: 'doit être au moins $1', it: 'deve essere almeno $1' }],
  [/^must be <= (\S+)$/, { de: 'darf höchstens $1 sein', fr: 'doit être au plus $1', it: 'deve essere al massimo $1' }],
  [/^must be at most (\d+), what was paid and not yet refunded$/, { de: 'darf höchstens $1 sein, was bezahlt und noch nicht erstattet ist', fr: 'doit être au plus $1, ce qui a été payé et pas encore remboursé', it: 'deve essere al massimo $1, quanto pagato e non ancora rimborsato' }],
  [/^nothing is left to refund: everything paid has gone back$/, { de: 'es bleibt nichts zu erstatten: alles Bezahlte ist zurückerstattet', fr: 'plus rien à rembourser : tout ce qui a été payé a été rendu', it: 'non resta nulla da rimborsare: tutto il pagato è stato restituito' }],
  [/^is not a session of this booking$/, { de: 'ist kein Termin dieser Buchung', fr: 'n’est pas une séance de cette réservation', it: 'non è una seduta di questa prenotazione' }],
  [/^these sessions have been refunded already$/, { de: 'diese Termine sind bereits erstattet', fr: 'ces séances ont déjà été remboursées', it: 'queste sedute sono già state rimborsate' }],
  [/^is not valid$/, { de: 'ist nicht gültig', fr: 'n’est pas valide', it: 'non è valido' }],
  [/^is not a question of this form$/, { de: 'ist keine Frage dieses Formulars', fr: 'n’est pas une question de ce formulaire', it: 'non è una domanda di questo modulo' }],
  [/^must be an IANA time zone such as Europe\/Zurich$/, { de: 'muss eine Zeitzone wie Europe/Zurich sein', fr: 'doit être un fuseau horaire comme Europe/Zurich', it: 'deve essere un fuso orario come Europe/Zurich' }],
  [/^must be a 2-letter country code$/, { de: 'muss ein Ländercode aus 2 Buchstaben sein', fr: 'doit être un code pays de 2 lettres', it: 'deve essere un codice paese di 2 lettere' }],
  [/^must not contain NUL or other control characters$/, { de: 'darf keine Steuerzeichen enthalten', fr: 'ne doit pas contenir de caractères de contrôle', it: 'non deve contenere caratteri di controllo' }],
  [/^needs the e-mail address confirmed first$/, { de: 'braucht zuerst die bestätigte E-Mail-Adresse', fr: 'demande d’abord de confirmer l’adresse e-mail', it: 'richiede prima la conferma dell’indirizzo e-mail' }],
  [/^This code does not exist\.?$|^Unknown code$/, { de: 'Diesen Code gibt es nicht.', fr: 'Ce code n’existe pas.', it: 'Questo codice non esiste.' }],
  [/^This code is not valid yet$/, { de: 'Dieser Code gilt noch nicht.', fr: 'Ce code n’est pas encore valable.', it: 'Questo codice non è ancora valido.' }],
  [/^This code has expired$/, { de: 'Dieser Code ist abgelaufen.', fr: 'Ce code a expiré.', it: 'Questo codice è scaduto.' }],
  [/^This code has been used up$/, { de: 'Dieser Code ist aufgebraucht.', fr: 'Ce code a été épuisé.', it: 'Questo codice è esaurito.' }],
  [/^You have already used this code$/, { de: 'Sie haben diesen Code schon verwendet.', fr: 'Vous avez déjà utilisé ce code.', it: 'Ha già usato questo codice.' }],
  [/^This code does not apply to this program$/, { de: 'Dieser Code gilt nicht für dieses Programm.', fr: 'Ce code ne s’applique pas à ce programme.', it: 'Questo codice non vale per questo programma.' }],
  [/^This code is for another currency$/, { de: 'Dieser Code gilt für eine andere Währung.', fr: 'Ce code est pour une autre devise.', it: 'Questo codice è per un’altra valuta.' }],
  [/^The order is below this code's minimum$/, { de: 'Der Betrag liegt unter dem Minimum dieses Codes.', fr: 'Le montant est inférieur au minimum de ce code.', it: 'L’importo è inferiore al minimo di questo codice.' }],
  [/^(\{\{[a-z_]+\}\}) needs a "Grant a coupon" action before this mail$/, { de: '$1 braucht davor eine Aktion «Gutschein geben»', fr: '$1 demande une action « Offrir un bon » avant cet e-mail', it: '$1 richiede un’azione «Regala un buono» prima di questa e-mail' }],
  [/^(\{\{[a-z_]+\}\}) is no variable a mail can name$/, { de: '$1 ist keine Variable, die eine Mail nennen kann', fr: '$1 n’est pas une variable qu’un e-mail peut citer', it: '$1 non è una variabile che un’e-mail può citare' }],
];

/**
 * What valibot says by default for a field that is missing ("Invalid key: Expected "email" but
 * received undefined", "Invalid type: Expected string but received undefined"): "is required".
 */
export function plainFieldMessage(message: string): string {
  return /^Invalid (key|type): Expected .* but received undefined$/.test(message) ? 'is required' : message;
}

/** A field message in `lang`; unknown messages stay as they are. */
export function fieldMessageIn(lang: MessageLang, message: string): string {
  const plain = plainFieldMessage(message);
  if (lang === 'en') return plain;
  for (const [pattern, said] of TABLE) {
    const m = pattern.exec(plain);
    if (m) return said[lang].replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
  }
  return plain;
}
