/** The settings view's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  nav: 'Settings', heading: 'Settings', sections: 'Settings sections', keys: 'API keys', origins: 'Allowed websites', staff: 'Staff', mail: 'Mail preferences', domain: 'Own domain', retention: 'Health data', categories: 'Categories',
  loading: 'Loading…', problem: 'Please check the form:', ownersOnly: 'Only an owner of the studio changes this.',
  kind: 'Kind', publishable: 'Publishable (for the website)', secret: 'Secret (for scripts)', label: 'Label', key: 'Key', created: 'Created', state: 'State',
  active: 'Active', revoked: 'Revoked', revoke: 'Revoke', confirmRevoke: 'Revoke this key? Anything using it stops working at once.', yesRevoke: 'Revoke the key',
  keepIt: 'Keep it', createKey: 'Create key', keyCreated: 'Key created.', keyRevoked: 'Key revoked.', shownOnce: 'Copy this secret key now: it is shown this once and stored nowhere.',
  newKey: 'The new key', copy: 'Copy', copied: 'Copied.', copyFailed: 'Copying failed: select the key and copy it by hand.', stored: 'I have stored it', noKeys: 'No keys yet.',
  origin: 'Website origin (such as https://studio.example)', allow: 'Allow', allowed: 'Website allowed.', remove: 'Remove', removed: 'Removed.', noOrigins: 'No website allowed yet.',
  name: 'Name', email: 'E-mail address', role: 'Role', owner: 'Owner', manager: 'Manager', instructor: 'Instructor', access: 'Access',
  deactivated: 'Deactivated', changeRole: 'Change role', roleChanged: 'Role changed.', deactivate: 'Deactivate', activate: 'Activate',
  confirmDeactivate: 'Deactivate this person? Their sessions end at once and they cannot sign in.', yesDeactivate: 'Deactivate', deactivatedDone: 'Deactivated.',
  activatedDone: 'Activated.', invite: 'Invite a manager or an instructor', inviteButton: 'Send the invitation', invited: 'Invited: they can sign in with this address.',
  you: '(you)', person: 'Person', topics: 'Mails about', new_booking: 'A new booking', cancellation: 'A cancellation', reschedule: 'A moved session',
  payment_failure: 'A failed payment', message: 'A message from a customer', savePreferences: 'Save preferences', preferencesSaved: 'Preferences saved.',
  instructorsGet: 'Instructors get these mails for the bookings they conduct.',
};
export type SettingsKey = keyof typeof en;

const de: Record<SettingsKey, string> = {
  nav: 'Einstellungen', heading: 'Einstellungen', sections: 'Bereiche der Einstellungen', keys: 'API-Schlüssel', origins: 'Zugelassene Websites', staff: 'Team', mail: 'Mail-Einstellungen', domain: 'Eigene Domain', retention: 'Gesundheitsdaten', categories: 'Kategorien',
  loading: 'Wird geladen…', problem: 'Bitte prüfen Sie das Formular:', ownersOnly: 'Das ändert nur eine Inhaberin oder ein Inhaber des Studios.',
  kind: 'Art', publishable: 'Öffentlich (für die Website)', secret: 'Geheim (für Skripte)', label: 'Bezeichnung', key: 'Schlüssel', created: 'Erstellt', state: 'Zustand',
  active: 'Aktiv', revoked: 'Widerrufen', revoke: 'Widerrufen', confirmRevoke: 'Diesen Schlüssel widerrufen? Was ihn nutzt, funktioniert sofort nicht mehr.', yesRevoke: 'Schlüssel widerrufen',
  keepIt: 'Behalten', createKey: 'Schlüssel erstellen', keyCreated: 'Schlüssel erstellt.', keyRevoked: 'Schlüssel widerrufen.', shownOnce: 'Kopieren Sie diesen geheimen Schlüssel jetzt: Er wird nur dieses eine Mal gezeigt und nirgends gespeichert.',
  newKey: 'Der neue Schlüssel', copy: 'Kopieren', copied: 'Kopiert.', copyFailed: 'Kopieren ging nicht: Schlüssel markieren und von Hand kopieren.', stored: 'Ich habe ihn gespeichert', noKeys: 'Noch keine Schlüssel.',
  origin: 'Website-Origin (etwa https://studio.example)', allow: 'Zulassen', allowed: 'Website zugelassen.', remove: 'Entfernen', removed: 'Entfernt.', noOrigins: 'Noch keine Website zugelassen.',
  name: 'Name', email: 'E-Mail-Adresse', role: 'Rolle', owner: 'Inhaber/in', manager: 'Leitung', instructor: 'Lehrperson', access: 'Zugang',
  deactivated: 'Deaktiviert', changeRole: 'Rolle ändern', roleChanged: 'Rolle geändert.', deactivate: 'Deaktivieren', activate: 'Aktivieren',
  confirmDeactivate: 'Diese Person deaktivieren? Ihre Sitzungen enden sofort und sie kann sich nicht mehr anmelden.', yesDeactivate: 'Deaktivieren', deactivatedDone: 'Deaktiviert.',
  activatedDone: 'Aktiviert.', invite: 'Leitung oder Lehrperson einladen', inviteButton: 'Einladung senden', invited: 'Eingeladen: Die Person kann sich mit dieser Adresse anmelden.',
  you: '(Sie)', person: 'Person', topics: 'Mails bei', new_booking: 'einer neuen Buchung', cancellation: 'einer Stornierung', reschedule: 'einer verschobenen Sitzung',
  payment_failure: 'einer fehlgeschlagenen Zahlung', message: 'einer Nachricht von Kundschaft', savePreferences: 'Einstellungen speichern', preferencesSaved: 'Einstellungen gespeichert.',
  instructorsGet: 'Lehrpersonen erhalten diese Mails für die Buchungen, die sie durchführen.',
};

const fr: Record<SettingsKey, string> = {
  nav: 'Réglages', heading: 'Réglages', sections: 'Sections des réglages', keys: 'Clés d’API', origins: 'Sites autorisés', staff: 'Équipe', mail: 'Préférences d’e-mail', domain: 'Domaine propre', retention: 'Données de santé', categories: 'Catégories',
  loading: 'Chargement…', problem: 'Veuillez vérifier le formulaire :', ownersOnly: 'Seul·e un·e propriétaire du studio modifie ceci.',
  kind: 'Type', publishable: 'Publique (pour le site)', secret: 'Secrète (pour les scripts)', label: 'Libellé', key: 'Clé', created: 'Créée', state: 'État',
  active: 'Active', revoked: 'Révoquée', revoke: 'Révoquer', confirmRevoke: 'Révoquer cette clé ? Ce qui l’utilise cesse aussitôt de fonctionner.', yesRevoke: 'Révoquer la clé',
  keepIt: 'La garder', createKey: 'Créer la clé', keyCreated: 'Clé créée.', keyRevoked: 'Clé révoquée.', shownOnce: 'Copiez cette clé secrète maintenant : elle n’est affichée qu’une fois et n’est conservée nulle part.',
  newKey: 'La nouvelle clé', copy: 'Copier', copied: 'Copié.', copyFailed: 'La copie a échoué : sélectionnez la clé et copiez-la à la main.', stored: 'Je l’ai conservée', noKeys: 'Aucune clé pour l’instant.',
  origin: 'Origine du site (p. ex. https://studio.example)', allow: 'Autoriser', allowed: 'Site autorisé.', remove: 'Retirer', removed: 'Retiré.', noOrigins: 'Aucun site autorisé pour l’instant.',
  name: 'Nom', email: 'Adresse e-mail', role: 'Rôle', owner: 'Propriétaire', manager: 'Direction', instructor: 'Intervenant·e', access: 'Accès',
  deactivated: 'Désactivé', changeRole: 'Changer le rôle', roleChanged: 'Rôle changé.', deactivate: 'Désactiver', activate: 'Activer',
  confirmDeactivate: 'Désactiver cette personne ? Ses sessions prennent fin aussitôt et elle ne peut plus se connecter.', yesDeactivate: 'Désactiver', deactivatedDone: 'Désactivé.',
  activatedDone: 'Activé.', invite: 'Inviter une direction ou un·e intervenant·e', inviteButton: 'Envoyer l’invitation', invited: 'Invitation envoyée : la personne peut se connecter avec cette adresse.',
  you: '(vous)', person: 'Personne', topics: 'E-mails lors', new_booking: 'd’une nouvelle réservation', cancellation: 'd’une annulation', reschedule: 'd’une séance déplacée',
  payment_failure: 'd’un paiement échoué', message: 'd’un message de la clientèle', savePreferences: 'Enregistrer les préférences', preferencesSaved: 'Préférences enregistrées.',
  instructorsGet: 'Les intervenant·es reçoivent ces e-mails pour les réservations qu’ils ou elles animent.',
};

const it: Record<SettingsKey, string> = {
  nav: 'Impostazioni', heading: 'Impostazioni', sections: 'Sezioni delle impostazioni', keys: 'Chiavi API', origins: 'Siti autorizzati', staff: 'Team', mail: 'Preferenze e-mail', domain: 'Dominio proprio', retention: 'Dati sanitari', categories: 'Categorie',
  loading: 'Caricamento…', problem: 'Controlla il modulo:', ownersOnly: 'Solo un o una titolare dello studio modifica questo.',
  kind: 'Tipo', publishable: 'Pubblica (per il sito)', secret: 'Segreta (per gli script)', label: 'Etichetta', key: 'Chiave', created: 'Creata', state: 'Stato',
  active: 'Attiva', revoked: 'Revocata', revoke: 'Revoca', confirmRevoke: 'Revocare questa chiave? Ciò che la usa smette subito di funzionare.', yesRevoke: 'Revoca la chiave',
  keepIt: 'Tienila', createKey: 'Crea la chiave', keyCreated: 'Chiave creata.', keyRevoked: 'Chiave revocata.', shownOnce: 'Copia ora questa chiave segreta: è mostrata una sola volta e non è conservata da nessuna parte.',
  newKey: 'La nuova chiave', copy: 'Copia', copied: 'Copiato.', copyFailed: 'Copia non riuscita: seleziona la chiave e copiala a mano.', stored: 'L’ho conservata', noKeys: 'Ancora nessuna chiave.',
  origin: 'Origine del sito (p. es. https://studio.example)', allow: 'Autorizza', allowed: 'Sito autorizzato.', remove: 'Rimuovi', removed: 'Rimosso.', noOrigins: 'Ancora nessun sito autorizzato.',
  name: 'Nome', email: 'Indirizzo e-mail', role: 'Ruolo', owner: 'Titolare', manager: 'Direzione', instructor: 'Insegnante', access: 'Accesso',
  deactivated: 'Disattivato', changeRole: 'Cambia ruolo', roleChanged: 'Ruolo cambiato.', deactivate: 'Disattiva', activate: 'Attiva',
  confirmDeactivate: 'Disattivare questa persona? Le sue sessioni finiscono subito e non può più accedere.', yesDeactivate: 'Disattiva', deactivatedDone: 'Disattivato.',
  activatedDone: 'Attivato.', invite: 'Invita una direzione o un o una insegnante', inviteButton: 'Invia l’invito', invited: 'Invitato: la persona può accedere con questo indirizzo.',
  you: '(tu)', person: 'Persona', topics: 'E-mail per', new_booking: 'una nuova prenotazione', cancellation: 'un annullamento', reschedule: 'una seduta spostata',
  payment_failure: 'un pagamento non riuscito', message: 'un messaggio della clientela', savePreferences: 'Salva le preferenze', preferencesSaved: 'Preferenze salvate.',
  instructorsGet: 'Gli e le insegnanti ricevono queste e-mail per le prenotazioni che conducono.',
};

export const settingsWords: Record<ConsoleLang, Record<SettingsKey, string>> = { en, de, fr, it };
