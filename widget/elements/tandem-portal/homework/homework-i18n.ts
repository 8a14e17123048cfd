/** The homework control's sentences in the portal's four languages (loaded with the control, a small chunk). */
import type { Lang } from '../../../core/i18n/localizer.ts';

const en = {
  files: 'Your homework for “{milestone}”',
  noFiles: 'No files uploaded yet.',
  choose: 'Upload homework for “{milestone}”',
  hint: 'PDF, photos (JPEG, PNG, HEIC, WebP), audio (MP3, M4A), MP4 video, text or Word (DOCX), up to {size}.',
  upload: 'Upload',
  progress: 'Upload of {file}',
  uploading: 'Uploading {file}: {percent} %',
  uploaded: '{file} is uploaded.',
  download: 'Download {file}',
  remove: 'Remove',
  removeLabel: 'Remove {file}',
  removed: '{file} is removed.',
  noFile: 'Choose a file first.',
};

export type HomeworkKey = keyof typeof en;

const de: Record<HomeworkKey, string> = {
  files: 'Ihre Hausaufgaben zu «{milestone}»',
  noFiles: 'Noch keine Dateien hochgeladen.',
  choose: 'Hausaufgabe zu «{milestone}» hochladen',
  hint: 'PDF, Fotos (JPEG, PNG, HEIC, WebP), Ton (MP3, M4A), MP4-Video, Text oder Word (DOCX), bis {size}.',
  upload: 'Hochladen',
  progress: 'Hochladen von {file}',
  uploading: '{file} wird hochgeladen: {percent} %',
  uploaded: '{file} ist hochgeladen.',
  download: '{file} herunterladen',
  remove: 'Entfernen',
  removeLabel: '{file} entfernen',
  removed: '{file} ist entfernt.',
  noFile: 'Wählen Sie zuerst eine Datei.',
};

const fr: Record<HomeworkKey, string> = {
  files: 'Vos devoirs pour « {milestone} »',
  noFiles: 'Aucun fichier déposé pour l’instant.',
  choose: 'Déposer un devoir pour « {milestone} »',
  hint: 'PDF, photos (JPEG, PNG, HEIC, WebP), audio (MP3, M4A), vidéo MP4, texte ou Word (DOCX), jusqu’à {size}.',
  upload: 'Envoyer',
  progress: 'Envoi de {file}',
  uploading: 'Envoi de {file} : {percent} %',
  uploaded: '{file} est envoyé.',
  download: 'Télécharger {file}',
  remove: 'Retirer',
  removeLabel: 'Retirer {file}',
  removed: '{file} est retiré.',
  noFile: 'Choisissez d’abord un fichier.',
};

const it: Record<HomeworkKey, string> = {
  files: 'I suoi compiti per «{milestone}»',
  noFiles: 'Ancora nessun file caricato.',
  choose: 'Carica un compito per «{milestone}»',
  hint: 'PDF, foto (JPEG, PNG, HEIC, WebP), audio (MP3, M4A), video MP4, testo o Word (DOCX), fino a {size}.',
  upload: 'Carica',
  progress: 'Caricamento di {file}',
  uploading: 'Caricamento di {file}: {percent} %',
  uploaded: '{file} è caricato.',
  download: 'Scarica {file}',
  remove: 'Rimuovi',
  removeLabel: 'Rimuovi {file}',
  removed: '{file} è rimosso.',
  noFile: 'Scelga prima un file.',
};

export const homeworkStrings: Record<Lang, Record<HomeworkKey, string>> = { en, de, fr, it };
