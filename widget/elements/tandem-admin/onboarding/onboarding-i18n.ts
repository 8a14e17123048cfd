/** The onboarding checklist's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  nav: 'Setup',
  heading: 'Set up your studio', progress: 'done', of: 'of', done: 'Done', todo: 'To do', complete: 'All set: your studio is ready for bookings.',
  profile: 'Studio profile', program: 'First program', availability: 'Availability', origin: 'Your website', payments: 'Payments', embed: 'The booking widget on your site',
  profileHint: 'The name, address and bank account your invoices and QR-bills show.',
  legalName: 'Legal name', street: 'Street', buildingNumber: 'Number', postalCode: 'Postal code', city: 'City', country: 'Country (two letters, e.g. CH)',
  vat: 'VAT', vatRegistered: 'Registered for VAT', vatNone: 'Not registered for VAT', vatNumber: 'VAT number (e.g. CHE-123.456.789 MWST)',
  account: 'Bank account for transfers', ibanKind: 'IBAN', qrIbanKind: 'QR-IBAN (for QR-bills with a QR reference)', iban: 'IBAN', qrIban: 'QR-IBAN',
  billingEmail: 'E-mail on invoices (optional)', brandColor: 'Brand colour of your mails', brandColorHint: 'Your studio’s name is shown on this colour at the top of every mail. Leave the text empty for a neutral dark grey.', brandColorPicker: 'Choose a colour', brandColorHex: 'Colour as #rrggbb (optional)', saveProfile: 'Save profile', profileSaved: 'Profile saved.',
  programHint: 'Create a program with the wizard and publish it.', openPrograms: 'Open programs',
  availabilityHint: 'Enter the weekly hours in which sessions can be booked.', openAvailability: 'Open availability',
  originHint: 'The address of the website the booking widget will be on, such as https://studio.example.', originField: 'Website origin', allow: 'Allow this website', allowed: 'Website allowed.',
  paymentsQr: 'Customers can pay by QR-bill into the studio’s Swiss or Liechtenstein account once the profile has its IBAN or QR-IBAN.',
  paymentsStripe: 'Card payments into the studio’s own Stripe account: connecting it from the console is not possible yet.',
  embedHint: 'Paste these two lines into your website where the booking should appear.', noKey: 'The snippet needs a publishable key.',
  createKey: 'Create a publishable key', copy: 'Copy the snippet', copied: 'Snippet copied.', copyFailed: 'Copying failed: select the text and copy it by hand.',
  preview: 'Show a live preview', hidePreview: 'Hide the preview', previewTitle: 'Live preview', noProgram: 'Publish a program to see it here.',
  ownersOnly: 'An owner of the studio does this.', problem: 'Please check the form:', loading: 'Loading…', snippet: 'Embed snippet',
};
export type OnboardingKey = keyof typeof en;

const de: Record<OnboardingKey, string> = {
  nav: 'Einrichtung',
  heading: 'Studio einrichten', progress: 'erledigt', of: 'von', done: 'Erledigt', todo: 'Offen', complete: 'Alles bereit: Ihr Studio kann Buchungen annehmen.',
  profile: 'Studioprofil', program: 'Erstes Programm', availability: 'Verfügbarkeit', origin: 'Ihre Website', payments: 'Zahlungen', embed: 'Das Buchungs-Widget auf Ihrer Website',
  profileHint: 'Name, Adresse und Bankkonto, die Ihre Rechnungen und QR-Rechnungen zeigen.',
  legalName: 'Rechtlicher Name', street: 'Strasse', buildingNumber: 'Nummer', postalCode: 'PLZ', city: 'Ort', country: 'Land (zwei Buchstaben, z. B. CH)',
  vat: 'MWST', vatRegistered: 'MWST-pflichtig', vatNone: 'Nicht MWST-pflichtig', vatNumber: 'MWST-Nummer (z. B. CHE-123.456.789 MWST)',
  account: 'Bankkonto für Überweisungen', ibanKind: 'IBAN', qrIbanKind: 'QR-IBAN (für QR-Rechnungen mit QR-Referenz)', iban: 'IBAN', qrIban: 'QR-IBAN',
  billingEmail: 'E-Mail auf Rechnungen (freiwillig)', brandColor: 'Markenfarbe Ihrer E-Mails', brandColorHint: 'Der Name Ihres Studios steht oben in jeder E-Mail auf dieser Farbe. Lassen Sie den Text leer für ein neutrales Dunkelgrau.', brandColorPicker: 'Farbe wählen', brandColorHex: 'Farbe als #rrggbb (freiwillig)', saveProfile: 'Profil speichern', profileSaved: 'Profil gespeichert.',
  programHint: 'Legen Sie mit dem Assistenten ein Programm an und veröffentlichen Sie es.', openPrograms: 'Programme öffnen',
  availabilityHint: 'Tragen Sie die Wochenzeiten ein, in denen Sitzungen buchbar sind.', openAvailability: 'Verfügbarkeit öffnen',
  originHint: 'Die Adresse der Website, auf der das Buchungs-Widget steht, etwa https://studio.example.', originField: 'Website-Origin', allow: 'Diese Website zulassen', allowed: 'Website zugelassen.',
  paymentsQr: 'Kundinnen und Kunden zahlen per QR-Rechnung auf das Schweizer oder Liechtensteiner Konto des Studios, sobald das Profil IBAN oder QR-IBAN enthält.',
  paymentsStripe: 'Kartenzahlungen auf das eigene Stripe-Konto des Studios: Es lässt sich in der Konsole noch nicht verbinden.',
  embedHint: 'Fügen Sie diese zwei Zeilen dort in Ihre Website ein, wo die Buchung erscheinen soll.', noKey: 'Für den Code braucht es einen öffentlichen Schlüssel.',
  createKey: 'Öffentlichen Schlüssel erstellen', copy: 'Code kopieren', copied: 'Code kopiert.', copyFailed: 'Kopieren ging nicht: Text markieren und von Hand kopieren.',
  preview: 'Live-Vorschau zeigen', hidePreview: 'Vorschau ausblenden', previewTitle: 'Live-Vorschau', noProgram: 'Veröffentlichen Sie ein Programm, um es hier zu sehen.',
  ownersOnly: 'Das erledigt eine Inhaberin oder ein Inhaber des Studios.', problem: 'Bitte prüfen Sie das Formular:', loading: 'Wird geladen…', snippet: 'Einbettungscode',
};

const fr: Record<OnboardingKey, string> = {
  nav: 'Configuration',
  heading: 'Configurer votre studio', progress: 'faites', of: 'sur', done: 'Fait', todo: 'À faire', complete: 'Tout est prêt : votre studio peut recevoir des réservations.',
  profile: 'Profil du studio', program: 'Premier programme', availability: 'Disponibilités', origin: 'Votre site web', payments: 'Paiements', embed: 'Le widget de réservation sur votre site',
  profileHint: 'Le nom, l’adresse et le compte bancaire figurant sur vos factures et QR-factures.',
  legalName: 'Raison sociale', street: 'Rue', buildingNumber: 'Numéro', postalCode: 'NPA', city: 'Localité', country: 'Pays (deux lettres, p. ex. CH)',
  vat: 'TVA', vatRegistered: 'Assujetti à la TVA', vatNone: 'Non assujetti à la TVA', vatNumber: 'Numéro TVA (p. ex. CHE-123.456.789 TVA)',
  account: 'Compte bancaire pour les virements', ibanKind: 'IBAN', qrIbanKind: 'QR-IBAN (pour les QR-factures avec référence QR)', iban: 'IBAN', qrIban: 'QR-IBAN',
  billingEmail: 'E-mail sur les factures (facultatif)', brandColor: 'Couleur de vos e-mails', brandColorHint: 'Le nom de votre studio figure sur cette couleur en haut de chaque e-mail. Laissez le texte vide pour un gris foncé neutre.', brandColorPicker: 'Choisir une couleur', brandColorHex: 'Couleur en #rrggbb (facultatif)', saveProfile: 'Enregistrer le profil', profileSaved: 'Profil enregistré.',
  programHint: 'Créez un programme avec l’assistant et publiez-le.', openPrograms: 'Ouvrir les programmes',
  availabilityHint: 'Saisissez les heures hebdomadaires pendant lesquelles les séances sont réservables.', openAvailability: 'Ouvrir les disponibilités',
  originHint: 'L’adresse du site web qui accueillera le widget, par exemple https://studio.example.', originField: 'Origine du site web', allow: 'Autoriser ce site', allowed: 'Site autorisé.',
  paymentsQr: 'La clientèle peut payer par QR-facture sur le compte suisse ou liechtensteinois du studio dès que le profil contient l’IBAN ou le QR-IBAN.',
  paymentsStripe: 'Paiements par carte sur le propre compte Stripe du studio : il ne peut pas encore être relié depuis la console.',
  embedHint: 'Collez ces deux lignes dans votre site, là où la réservation doit apparaître.', noKey: 'Le code a besoin d’une clé publique.',
  createKey: 'Créer une clé publique', copy: 'Copier le code', copied: 'Code copié.', copyFailed: 'La copie a échoué : sélectionnez le texte et copiez-le à la main.',
  preview: 'Afficher l’aperçu en direct', hidePreview: 'Masquer l’aperçu', previewTitle: 'Aperçu en direct', noProgram: 'Publiez un programme pour le voir ici.',
  ownersOnly: 'Un ou une propriétaire du studio s’en charge.', problem: 'Veuillez vérifier le formulaire :', loading: 'Chargement…', snippet: 'Code d’intégration',
};

const it: Record<OnboardingKey, string> = {
  nav: 'Configurazione',
  heading: 'Configura il tuo studio', progress: 'fatti', of: 'su', done: 'Fatto', todo: 'Da fare', complete: 'Tutto pronto: il tuo studio può ricevere prenotazioni.',
  profile: 'Profilo dello studio', program: 'Primo programma', availability: 'Disponibilità', origin: 'Il tuo sito web', payments: 'Pagamenti', embed: 'Il widget di prenotazione sul tuo sito',
  profileHint: 'Il nome, l’indirizzo e il conto bancario che compaiono su fatture e QR-fatture.',
  legalName: 'Ragione sociale', street: 'Via', buildingNumber: 'Numero', postalCode: 'NPA', city: 'Località', country: 'Paese (due lettere, p. es. CH)',
  vat: 'IVA', vatRegistered: 'Assoggettato all’IVA', vatNone: 'Non assoggettato all’IVA', vatNumber: 'Numero IVA (p. es. CHE-123.456.789 IVA)',
  account: 'Conto bancario per i bonifici', ibanKind: 'IBAN', qrIbanKind: 'QR-IBAN (per QR-fatture con riferimento QR)', iban: 'IBAN', qrIban: 'QR-IBAN',
  billingEmail: 'E-mail sulle fatture (facoltativa)', brandColor: 'Colore delle sue e-mail', brandColorHint: 'Il nome del suo studio appare su questo colore in cima a ogni e-mail. Lasci vuoto il testo per un grigio scuro neutro.', brandColorPicker: 'Scegliere un colore', brandColorHex: 'Colore come #rrggbb (facoltativo)', saveProfile: 'Salva il profilo', profileSaved: 'Profilo salvato.',
  programHint: 'Crea un programma con l’assistente e pubblicalo.', openPrograms: 'Apri i programmi',
  availabilityHint: 'Inserisci gli orari settimanali in cui le sedute sono prenotabili.', openAvailability: 'Apri le disponibilità',
  originHint: 'L’indirizzo del sito web che ospiterà il widget, per esempio https://studio.example.', originField: 'Origine del sito web', allow: 'Autorizza questo sito', allowed: 'Sito autorizzato.',
  paymentsQr: 'La clientela può pagare con QR-fattura sul conto svizzero o liechtensteinese dello studio quando il profilo contiene l’IBAN o il QR-IBAN.',
  paymentsStripe: 'Pagamenti con carta sul conto Stripe dello studio: non si può ancora collegare dalla console.',
  embedHint: 'Incolla queste due righe nel tuo sito, dove deve apparire la prenotazione.', noKey: 'Il codice richiede una chiave pubblica.',
  createKey: 'Crea una chiave pubblica', copy: 'Copia il codice', copied: 'Codice copiato.', copyFailed: 'Copia non riuscita: seleziona il testo e copialo a mano.',
  preview: 'Mostra l’anteprima dal vivo', hidePreview: 'Nascondi l’anteprima', previewTitle: 'Anteprima dal vivo', noProgram: 'Pubblica un programma per vederlo qui.',
  ownersOnly: 'Se ne occupa un o una titolare dello studio.', problem: 'Controlla il modulo:', loading: 'Caricamento…', snippet: 'Codice da incorporare',
};

export const onboardingWords: Record<ConsoleLang, Record<OnboardingKey, string>> = { en, de, fr, it };
