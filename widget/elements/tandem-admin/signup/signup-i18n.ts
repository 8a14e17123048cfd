/** The sign-up view's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  newStudio: 'A new studio?',
  heading: 'Sign your studio up', intro: 'Tell us about the studio and who owns it. We send the owner a code to confirm the address.',
  studioName: 'Studio name', ownerName: 'Your name (owner)', email: 'Your e-mail address', country: 'Country', currency: 'Currency',
  language: 'Studio language', timezone: 'Time zone', create: 'Create the studio', codeHeading: 'Confirm your e-mail address',
  codeSent: 'If the address can receive mail, a 6-digit code is on its way to', codeValid: 'It is valid for 10 minutes.',
  code: 'Code from the e-mail', verify: 'Confirm and sign in', resend: 'Send a new code', resent: 'A new code is on its way.',
  changeDetails: 'Change the details', haveStudio: 'Your studio already uses Tandem?', signIn: 'Sign in',
  en: 'English', de: 'German', fr: 'French', it: 'Italian', problem: 'Please check the form:', sending: 'Sending…',
};
export type SignUpKey = keyof typeof en;

const de: Record<SignUpKey, string> = {
  newStudio: 'Ein neues Studio?',
  heading: 'Studio registrieren', intro: 'Erzählen Sie uns vom Studio und wem es gehört. Die Inhaberin oder der Inhaber erhält einen Code zur Bestätigung der Adresse.',
  studioName: 'Name des Studios', ownerName: 'Ihr Name (Inhaber/in)', email: 'Ihre E-Mail-Adresse', country: 'Land', currency: 'Währung',
  language: 'Sprache des Studios', timezone: 'Zeitzone', create: 'Studio anlegen', codeHeading: 'E-Mail-Adresse bestätigen',
  codeSent: 'Falls die Adresse Mail empfangen kann, ist ein 6-stelliger Code unterwegs an', codeValid: 'Er gilt 10 Minuten.',
  code: 'Code aus der E-Mail', verify: 'Bestätigen und anmelden', resend: 'Neuen Code senden', resent: 'Ein neuer Code ist unterwegs.',
  changeDetails: 'Angaben ändern', haveStudio: 'Ihr Studio arbeitet schon mit Tandem?', signIn: 'Anmelden',
  en: 'Englisch', de: 'Deutsch', fr: 'Französisch', it: 'Italienisch', problem: 'Bitte prüfen Sie das Formular:', sending: 'Wird gesendet…',
};

const fr: Record<SignUpKey, string> = {
  newStudio: 'Un nouveau studio ?',
  heading: 'Inscrire votre studio', intro: 'Présentez le studio et son ou sa propriétaire. Nous envoyons un code pour confirmer l’adresse.',
  studioName: 'Nom du studio', ownerName: 'Votre nom (propriétaire)', email: 'Votre adresse e-mail', country: 'Pays', currency: 'Monnaie',
  language: 'Langue du studio', timezone: 'Fuseau horaire', create: 'Créer le studio', codeHeading: 'Confirmez votre adresse e-mail',
  codeSent: 'Si l’adresse peut recevoir des messages, un code à 6 chiffres est en route vers', codeValid: 'Il est valable 10 minutes.',
  code: 'Code reçu par e-mail', verify: 'Confirmer et se connecter', resend: 'Envoyer un nouveau code', resent: 'Un nouveau code est en route.',
  changeDetails: 'Modifier les données', haveStudio: 'Votre studio utilise déjà Tandem ?', signIn: 'Se connecter',
  en: 'anglais', de: 'allemand', fr: 'français', it: 'italien', problem: 'Veuillez vérifier le formulaire :', sending: 'Envoi…',
};

const it: Record<SignUpKey, string> = {
  newStudio: 'Un nuovo studio?',
  heading: 'Registra il tuo studio', intro: 'Presenta lo studio e chi ne è titolare. Inviamo un codice per confermare l’indirizzo.',
  studioName: 'Nome dello studio', ownerName: 'Il tuo nome (titolare)', email: 'Il tuo indirizzo e-mail', country: 'Paese', currency: 'Valuta',
  language: 'Lingua dello studio', timezone: 'Fuso orario', create: 'Crea lo studio', codeHeading: 'Conferma il tuo indirizzo e-mail',
  codeSent: 'Se l’indirizzo può ricevere posta, un codice di 6 cifre è in arrivo a', codeValid: 'È valido 10 minuti.',
  code: 'Codice dall’e-mail', verify: 'Conferma e accedi', resend: 'Invia un nuovo codice', resent: 'Un nuovo codice è in arrivo.',
  changeDetails: 'Modifica i dati', haveStudio: 'Il tuo studio usa già Tandem?', signIn: 'Accedi',
  en: 'inglese', de: 'tedesco', fr: 'francese', it: 'italiano', problem: 'Controlla il modulo:', sending: 'Invio…',
};

export const signUpWords: Record<ConsoleLang, Record<SignUpKey, string>> = { en, de, fr, it };
