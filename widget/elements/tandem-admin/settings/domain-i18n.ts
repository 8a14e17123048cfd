/** The domain settings' words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  intro: 'Serve the studio\'s pages on its own domain, such as book.studio.ch.',
  host: 'Domain', save: 'Save the domain', saved: 'Domain saved: create the DNS records below, then check them.',
  status: 'Status', pending: 'Waiting for the DNS records', verified: 'Verified: the pages answer on this domain',
  records: 'DNS records to create at the domain\'s provider', type: 'Type', name: 'Name', value: 'Value',
  check: 'Check the DNS records', checkedOk: 'The records are in place: the domain is verified.', checkedMissing: 'Not all records were found yet (DNS changes can take a while):',
  missing_cname: 'the CNAME record', missing_txt: 'the TXT record',
  lastChecked: 'Last checked', open: 'Open the pages on the domain',
  remove: 'Remove the domain', confirmRemove: 'Remove this domain? Its address stops showing the studio\'s pages at once.', yesRemove: 'Remove it', keep: 'Keep it', removed: 'Domain removed.',
  ownersOnly: 'Only an owner of the studio sets its domain.', loading: 'Loading…', problem: 'Please check the form:',
};
export type DomainKey = keyof typeof en;

const de: Record<DomainKey, string> = {
  intro: 'Die Seiten des Studios unter seiner eigenen Domain zeigen, etwa book.studio.ch.',
  host: 'Domain', save: 'Domain speichern', saved: 'Domain gespeichert: Legen Sie die DNS-Einträge unten an und prüfen Sie sie dann.',
  status: 'Status', pending: 'Wartet auf die DNS-Einträge', verified: 'Bestätigt: Die Seiten antworten unter dieser Domain',
  records: 'Beim Anbieter der Domain anzulegende DNS-Einträge', type: 'Typ', name: 'Name', value: 'Wert',
  check: 'DNS-Einträge prüfen', checkedOk: 'Die Einträge sind vorhanden: Die Domain ist bestätigt.', checkedMissing: 'Noch nicht alle Einträge gefunden (DNS-Änderungen brauchen etwas Zeit):',
  missing_cname: 'der CNAME-Eintrag', missing_txt: 'der TXT-Eintrag',
  lastChecked: 'Zuletzt geprüft', open: 'Die Seiten unter der Domain öffnen',
  remove: 'Domain entfernen', confirmRemove: 'Diese Domain entfernen? Unter ihrer Adresse erscheinen die Seiten des Studios sofort nicht mehr.', yesRemove: 'Entfernen', keep: 'Behalten', removed: 'Domain entfernt.',
  ownersOnly: 'Die Domain legt nur eine Inhaberin oder ein Inhaber des Studios fest.', loading: 'Wird geladen…', problem: 'Bitte prüfen Sie das Formular:',
};

const fr: Record<DomainKey, string> = {
  intro: 'Afficher les pages du studio sur son propre domaine, par exemple book.studio.ch.',
  host: 'Domaine', save: 'Enregistrer le domaine', saved: 'Domaine enregistré\u202f: créez les enregistrements DNS ci-dessous, puis vérifiez-les.',
  status: 'État', pending: 'En attente des enregistrements DNS', verified: 'Vérifié\u202f: les pages répondent sur ce domaine',
  records: 'Enregistrements DNS à créer chez le fournisseur du domaine', type: 'Type', name: 'Nom', value: 'Valeur',
  check: 'Vérifier les enregistrements DNS', checkedOk: 'Les enregistrements sont en place\u202f: le domaine est vérifié.', checkedMissing: 'Tous les enregistrements ne sont pas encore visibles (les changements DNS prennent du temps)\u202f:',
  missing_cname: 'l\u2019enregistrement CNAME', missing_txt: 'l\u2019enregistrement TXT',
  lastChecked: 'Dernière vérification', open: 'Ouvrir les pages sur le domaine',
  remove: 'Retirer le domaine', confirmRemove: 'Retirer ce domaine\u202f? Son adresse cesse aussitôt d\u2019afficher les pages du studio.', yesRemove: 'Le retirer', keep: 'Le garder', removed: 'Domaine retiré.',
  ownersOnly: 'Seul un propriétaire du studio choisit son domaine.', loading: 'Chargement…', problem: 'Veuillez vérifier le formulaire\u202f:',
};

const it: Record<DomainKey, string> = {
  intro: 'Mostrare le pagine dello studio sul suo dominio, per esempio book.studio.ch.',
  host: 'Dominio', save: 'Salva il dominio', saved: 'Dominio salvato: crei i record DNS qui sotto, poi li verifichi.',
  status: 'Stato', pending: 'In attesa dei record DNS', verified: 'Verificato: le pagine rispondono su questo dominio',
  records: 'Record DNS da creare presso il fornitore del dominio', type: 'Tipo', name: 'Nome', value: 'Valore',
  check: 'Verifica i record DNS', checkedOk: 'I record ci sono: il dominio è verificato.', checkedMissing: 'Non tutti i record sono ancora visibili (le modifiche DNS richiedono tempo):',
  missing_cname: 'il record CNAME', missing_txt: 'il record TXT',
  lastChecked: 'Ultima verifica', open: 'Apri le pagine sul dominio',
  remove: 'Rimuovi il dominio', confirmRemove: 'Rimuovere questo dominio? Il suo indirizzo smette subito di mostrare le pagine dello studio.', yesRemove: 'Rimuovilo', keep: 'Tienilo', removed: 'Dominio rimosso.',
  ownersOnly: 'Solo un titolare dello studio imposta il dominio.', loading: 'Caricamento…', problem: 'Verifichi il modulo:',
};

export const domainWords: Record<ConsoleLang, Record<DomainKey, string>> = { en, de, fr, it };
