/** The marketing view's words in the console's four languages. */
import type { ConsoleLang } from '../console-lang.ts';

const en = {
  nav: 'Marketing', heading: 'Marketing', sections: 'Marketing sections', loading: 'Loading…', problem: 'Please check these fields:',
  testTo: 'Test address (empty: yours)',
  programsBooked: 'Booked one of these programs', bookingStatuses: 'With a booking that is', bs_reserved: 'reserved', bs_confirmed: 'confirmed', bs_in_progress: 'in progress', bs_completed: 'completed', bs_cancelled: 'cancelled',
  consents: 'Consents', referrals: 'Referrals', segments: 'Segments', campaigns: 'Campaigns', reviews: 'Reviews',
  customer: 'Customer', email: 'E-mail address', status: 'Status', requested: 'Asked', confirmed: 'Confirmed', withdrawn: 'Withdrawn', actions: 'Actions', none: 'Nothing here yet.',
  st_pending: 'Pending', st_confirmed: 'Confirmed', st_withdrawn: 'Withdrawn', st_expired: 'Expired',
  recordWithdrawal: 'Record withdrawal', resend: 'Resend confirmation', withdrawalRecorded: 'Withdrawal recorded.', resent: 'Confirmation mail sent again.',
  code: 'Code', referrer: 'Referrer', uses: 'Uses', rewards: 'Rewards', noRewards: 'No rewards yet.', rw_pending: 'pending', rw_granted: 'granted', rw_void: 'void',
  rewardLine: '{referee}: {credits} credits, {status}',
  name: 'Name', members: 'Members', withConsent: 'With consent', newSegment: 'New segment', editSegment: 'Edit segment', save: 'Save', cancelEdit: 'Cancel',
  languages: 'Languages', consent: 'Marketing consent', anyConsent: 'Any', onlyConfirmed: 'Confirmed only', onlyNot: 'Not confirmed', minPaid: 'Paid at least (CHF)', bookedAfter: 'Last booking after',
  edit: 'Edit', showMembers: 'Show members', csv: 'Download CSV', saved: 'Saved.', countLine: '{count} members, {consenting} with consent', language: 'Language', paid: 'Paid', credits: 'Credits', yes: 'yes', no: 'no',
  newCampaign: 'New campaign', editCampaign: 'Edit campaign', segment: 'Segment', subject: 'Subject', body: 'Text (Markdown)', preview: 'Preview', previewOf: 'Preview ({lang})',
  when: 'When', sendNow: 'Send now', sendAt: 'Send at', sendAtTime: 'Date and time', sendTest: 'Send a test', testSent: 'Test sent to {to}.',
  cancelCampaign: 'Cancel campaign', campaignCancelled: 'Campaign cancelled.', counts: 'Sent {queued} · delivered {delivered} · skipped {skipped} · unsubscribed {unsubscribed}',
  cs_scheduled: 'Scheduled', cs_sending: 'Sending', cs_sent: 'Sent', cs_cancelled: 'Cancelled', lang_en: 'English', lang_de: 'German', lang_fr: 'French', lang_it: 'Italian', required: '(required)',
  program: 'Program', rating: 'Rating', text: 'Text', publishConsent: 'May be published', approve: 'Approve as testimonial', hide: 'Hide', rv_pending: 'Not decided', rv_approved: 'Shown', rv_rejected: 'Hidden',
  stars: '{n} out of 5 stars', approved: 'Shown on the program page.', hidden: 'Hidden from the program page.',
};
export type MarketingKey = keyof typeof en;

const de: Record<MarketingKey, string> = {
  nav: 'Marketing', heading: 'Marketing', sections: 'Marketing-Bereiche', loading: 'Wird geladen…', problem: 'Bitte prüfen Sie diese Felder:',
  testTo: 'Testadresse (leer: Ihre)',
  programsBooked: 'Hat eines dieser Programme gebucht', bookingStatuses: 'Mit einer Buchung, die', bs_reserved: 'reserviert ist', bs_confirmed: 'bestätigt ist', bs_in_progress: 'läuft', bs_completed: 'abgeschlossen ist', bs_cancelled: 'storniert ist',
  consents: 'Einwilligungen', referrals: 'Empfehlungen', segments: 'Segmente', campaigns: 'Kampagnen', reviews: 'Bewertungen',
  customer: 'Kunde/Kundin', email: 'E-Mail-Adresse', status: 'Status', requested: 'Angefragt', confirmed: 'Bestätigt', withdrawn: 'Widerrufen', actions: 'Aktionen', none: 'Noch nichts da.',
  st_pending: 'Ausstehend', st_confirmed: 'Bestätigt', st_withdrawn: 'Widerrufen', st_expired: 'Abgelaufen',
  recordWithdrawal: 'Widerruf erfassen', resend: 'Bestätigung erneut senden', withdrawalRecorded: 'Widerruf erfasst.', resent: 'Bestätigungsmail erneut gesendet.',
  code: 'Code', referrer: 'Empfehlende Person', uses: 'Verwendungen', rewards: 'Belohnungen', noRewards: 'Noch keine Belohnungen.', rw_pending: 'ausstehend', rw_granted: 'gutgeschrieben', rw_void: 'verfallen',
  rewardLine: '{referee}: {credits} Guthaben, {status}',
  name: 'Name', members: 'Mitglieder', withConsent: 'Mit Einwilligung', newSegment: 'Neues Segment', editSegment: 'Segment bearbeiten', save: 'Speichern', cancelEdit: 'Abbrechen',
  languages: 'Sprachen', consent: 'Marketing-Einwilligung', anyConsent: 'Alle', onlyConfirmed: 'Nur bestätigte', onlyNot: 'Nicht bestätigt', minPaid: 'Mindestens bezahlt (CHF)', bookedAfter: 'Letzte Buchung nach',
  edit: 'Bearbeiten', showMembers: 'Mitglieder zeigen', csv: 'CSV herunterladen', saved: 'Gespeichert.', countLine: '{count} Mitglieder, {consenting} mit Einwilligung', language: 'Sprache', paid: 'Bezahlt', credits: 'Guthaben', yes: 'ja', no: 'nein',
  newCampaign: 'Neue Kampagne', editCampaign: 'Kampagne bearbeiten', segment: 'Segment', subject: 'Betreff', body: 'Text (Markdown)', preview: 'Vorschau', previewOf: 'Vorschau ({lang})',
  when: 'Wann', sendNow: 'Jetzt senden', sendAt: 'Senden am', sendAtTime: 'Datum und Uhrzeit', sendTest: 'Test senden', testSent: 'Test an {to} gesendet.',
  cancelCampaign: 'Kampagne absagen', campaignCancelled: 'Kampagne abgesagt.', counts: 'Gesendet {queued} · zugestellt {delivered} · übersprungen {skipped} · abgemeldet {unsubscribed}',
  cs_scheduled: 'Geplant', cs_sending: 'Wird gesendet', cs_sent: 'Gesendet', cs_cancelled: 'Abgesagt', lang_en: 'Englisch', lang_de: 'Deutsch', lang_fr: 'Französisch', lang_it: 'Italienisch', required: '(Pflicht)',
  program: 'Programm', rating: 'Bewertung', text: 'Text', publishConsent: 'Darf veröffentlicht werden', approve: 'Als Referenz freigeben', hide: 'Ausblenden', rv_pending: 'Nicht entschieden', rv_approved: 'Angezeigt', rv_rejected: 'Ausgeblendet',
  stars: '{n} von 5 Sternen', approved: 'Wird auf der Programmseite angezeigt.', hidden: 'Von der Programmseite ausgeblendet.',
};

const fr: Record<MarketingKey, string> = {
  nav: 'Marketing', heading: 'Marketing', sections: 'Rubriques du marketing', loading: 'Chargement…', problem: 'Veuillez vérifier ces champs\u202f:',
  testTo: 'Adresse de test (vide\u202f: la vôtre)',
  programsBooked: 'A réservé l’un de ces programmes', bookingStatuses: 'Avec une réservation', bs_reserved: 'réservée', bs_confirmed: 'confirmée', bs_in_progress: 'en cours', bs_completed: 'terminée', bs_cancelled: 'annulée',
  consents: 'Consentements', referrals: 'Parrainages', segments: 'Segments', campaigns: 'Campagnes', reviews: 'Avis',
  customer: 'Client·e', email: 'Adresse e-mail', status: 'Statut', requested: 'Demandé', confirmed: 'Confirmé', withdrawn: 'Retiré', actions: 'Actions', none: 'Rien pour l’instant.',
  st_pending: 'En attente', st_confirmed: 'Confirmé', st_withdrawn: 'Retiré', st_expired: 'Expiré',
  recordWithdrawal: 'Enregistrer le retrait', resend: 'Renvoyer la confirmation', withdrawalRecorded: 'Retrait enregistré.', resent: 'E-mail de confirmation renvoyé.',
  code: 'Code', referrer: 'Parrain·e', uses: 'Utilisations', rewards: 'Récompenses', noRewards: 'Pas encore de récompense.', rw_pending: 'en attente', rw_granted: 'accordée', rw_void: 'annulée',
  rewardLine: '{referee}\u202f: {credits} crédits, {status}',
  name: 'Nom', members: 'Membres', withConsent: 'Avec consentement', newSegment: 'Nouveau segment', editSegment: 'Modifier le segment', save: 'Enregistrer', cancelEdit: 'Annuler',
  languages: 'Langues', consent: 'Consentement marketing', anyConsent: 'Tous', onlyConfirmed: 'Confirmés seulement', onlyNot: 'Non confirmés', minPaid: 'Payé au moins (CHF)', bookedAfter: 'Dernière réservation après',
  edit: 'Modifier', showMembers: 'Voir les membres', csv: 'Télécharger le CSV', saved: 'Enregistré.', countLine: '{count} membres, {consenting} avec consentement', language: 'Langue', paid: 'Payé', credits: 'Crédits', yes: 'oui', no: 'non',
  newCampaign: 'Nouvelle campagne', editCampaign: 'Modifier la campagne', segment: 'Segment', subject: 'Objet', body: 'Texte (Markdown)', preview: 'Aperçu', previewOf: 'Aperçu ({lang})',
  when: 'Quand', sendNow: 'Envoyer maintenant', sendAt: 'Envoyer le', sendAtTime: 'Date et heure', sendTest: 'Envoyer un test', testSent: 'Test envoyé à {to}.',
  cancelCampaign: 'Annuler la campagne', campaignCancelled: 'Campagne annulée.', counts: 'Envoyés {queued} · remis {delivered} · ignorés {skipped} · désabonnés {unsubscribed}',
  cs_scheduled: 'Planifiée', cs_sending: 'En cours d’envoi', cs_sent: 'Envoyée', cs_cancelled: 'Annulée', lang_en: 'Anglais', lang_de: 'Allemand', lang_fr: 'Français', lang_it: 'Italien', required: '(obligatoire)',
  program: 'Programme', rating: 'Note', text: 'Texte', publishConsent: 'Publication autorisée', approve: 'Approuver comme témoignage', hide: 'Masquer', rv_pending: 'Non décidé', rv_approved: 'Affiché', rv_rejected: 'Masqué',
  stars: '{n} étoiles sur 5', approved: 'Affiché sur la page du programme.', hidden: 'Masqué de la page du programme.',
};

const it: Record<MarketingKey, string> = {
  nav: 'Marketing', heading: 'Marketing', sections: 'Sezioni del marketing', loading: 'Caricamento…', problem: 'Controlli questi campi:',
  testTo: 'Indirizzo di test (vuoto: il suo)',
  programsBooked: 'Ha prenotato uno di questi programmi', bookingStatuses: 'Con una prenotazione', bs_reserved: 'riservata', bs_confirmed: 'confermata', bs_in_progress: 'in corso', bs_completed: 'conclusa', bs_cancelled: 'annullata',
  consents: 'Consensi', referrals: 'Raccomandazioni', segments: 'Segmenti', campaigns: 'Campagne', reviews: 'Recensioni',
  customer: 'Cliente', email: 'Indirizzo e-mail', status: 'Stato', requested: 'Richiesto', confirmed: 'Confermato', withdrawn: 'Revocato', actions: 'Azioni', none: 'Ancora niente.',
  st_pending: 'In attesa', st_confirmed: 'Confermato', st_withdrawn: 'Revocato', st_expired: 'Scaduto',
  recordWithdrawal: 'Registra la revoca', resend: 'Invia di nuovo la conferma', withdrawalRecorded: 'Revoca registrata.', resent: 'E-mail di conferma inviata di nuovo.',
  code: 'Codice', referrer: 'Chi raccomanda', uses: 'Utilizzi', rewards: 'Premi', noRewards: 'Ancora nessun premio.', rw_pending: 'in attesa', rw_granted: 'accreditato', rw_void: 'annullato',
  rewardLine: '{referee}: {credits} crediti, {status}',
  name: 'Nome', members: 'Membri', withConsent: 'Con consenso', newSegment: 'Nuovo segmento', editSegment: 'Modifica il segmento', save: 'Salva', cancelEdit: 'Annulla',
  languages: 'Lingue', consent: 'Consenso marketing', anyConsent: 'Tutti', onlyConfirmed: 'Solo confermati', onlyNot: 'Non confermati', minPaid: 'Pagato almeno (CHF)', bookedAfter: 'Ultima prenotazione dopo',
  edit: 'Modifica', showMembers: 'Mostra i membri', csv: 'Scarica il CSV', saved: 'Salvato.', countLine: '{count} membri, {consenting} con consenso', language: 'Lingua', paid: 'Pagato', credits: 'Crediti', yes: 'sì', no: 'no',
  newCampaign: 'Nuova campagna', editCampaign: 'Modifica la campagna', segment: 'Segmento', subject: 'Oggetto', body: 'Testo (Markdown)', preview: 'Anteprima', previewOf: 'Anteprima ({lang})',
  when: 'Quando', sendNow: 'Invia ora', sendAt: 'Invia il', sendAtTime: 'Data e ora', sendTest: 'Invia un test', testSent: 'Test inviato a {to}.',
  cancelCampaign: 'Annulla la campagna', campaignCancelled: 'Campagna annullata.', counts: 'Inviati {queued} · recapitati {delivered} · saltati {skipped} · disiscritti {unsubscribed}',
  cs_scheduled: 'Pianificata', cs_sending: 'In invio', cs_sent: 'Inviata', cs_cancelled: 'Annullata', lang_en: 'Inglese', lang_de: 'Tedesco', lang_fr: 'Francese', lang_it: 'Italiano', required: '(obbligatorio)',
  program: 'Programma', rating: 'Valutazione', text: 'Testo', publishConsent: 'Pubblicabile', approve: 'Approva come testimonianza', hide: 'Nascondi', rv_pending: 'Non deciso', rv_approved: 'Mostrata', rv_rejected: 'Nascosta',
  stars: '{n} stelle su 5', approved: 'Mostrata nella pagina del programma.', hidden: 'Nascosta dalla pagina del programma.',
};

export const marketingWords: Record<ConsoleLang, Record<MarketingKey, string>> = { en, de, fr, it };
