/** Words of the availability view's classes, calendar feeds and rooms in en/de/fr/it. */
import type { AdminLang } from '../i18n.ts';

const en = {
  classes: 'Group classes', classTitle: 'Title', starts: 'Starts', ends: 'Ends', room: 'Room', noRoom: 'No room', capacity: 'Places',
  addClass: 'Schedule the class', fromFeed: 'from a calendar feed', noClasses: 'No classes this week.',
  classInTheWay: 'The class meets these booked sessions; move them first or choose another time:', classConflict: 'The instructor or the room is taken then (time off or another class).',
  feeds: 'Calendar feeds', feedUrl: 'Address of the .ics feed', feedLabel: 'Label', addFeed: 'Import the feed', feedsHint: 'Events of the feed block the instructor\'s time. Feeds are read again every 6 hours.',
  noFeeds: 'No calendar feeds.', syncNow: 'Read now', syncQueued: 'The feed will be read in a moment.', lastRead: 'Last read', neverRead: 'not read yet', imported: 'events imported',
  rooms: 'Rooms', addRoom: 'Add the room', roomName: 'Room name', noRooms: 'No rooms.', removeFeed: 'Remove the feed',
};
export type BlocksKey = keyof typeof en;

const de: Record<BlocksKey, string> = {
  classes: 'Gruppenkurse', classTitle: 'Titel', starts: 'Beginn', ends: 'Ende', room: 'Raum', noRoom: 'Kein Raum', capacity: 'Plätze',
  addClass: 'Kurs eintragen', fromFeed: 'aus einem Kalender-Abo', noClasses: 'Keine Kurse in dieser Woche.',
  classInTheWay: 'Der Kurs trifft diese gebuchten Sitzungen; zuerst verschieben oder eine andere Zeit wählen:', classConflict: 'Die Lehrperson oder der Raum ist dann belegt (Abwesenheit oder ein anderer Kurs).',
  feeds: 'Kalender-Abos', feedUrl: 'Adresse des .ics-Kalenders', feedLabel: 'Bezeichnung', addFeed: 'Kalender importieren', feedsHint: 'Termine des Kalenders blockieren die Zeit der Lehrperson. Kalender werden alle 6 Stunden neu gelesen.',
  noFeeds: 'Keine Kalender-Abos.', syncNow: 'Jetzt lesen', syncQueued: 'Der Kalender wird gleich gelesen.', lastRead: 'Zuletzt gelesen', neverRead: 'noch nicht gelesen', imported: 'Termine importiert',
  rooms: 'Räume', addRoom: 'Raum hinzufügen', roomName: 'Name des Raums', noRooms: 'Keine Räume.', removeFeed: 'Kalender entfernen',
};

const fr: Record<BlocksKey, string> = {
  classes: 'Cours collectifs', classTitle: 'Titre', starts: 'Début', ends: 'Fin', room: 'Salle', noRoom: 'Aucune salle', capacity: 'Places',
  addClass: 'Planifier le cours', fromFeed: 'd’un calendrier importé', noClasses: 'Aucun cours cette semaine.',
  classInTheWay: 'Le cours tombe sur ces séances réservées\u202f; déplacez-les d’abord ou choisissez une autre heure\u202f:', classConflict: 'L’intervenant·e ou la salle est alors occupé·e (absence ou autre cours).',
  feeds: 'Calendriers importés', feedUrl: 'Adresse du calendrier .ics', feedLabel: 'Libellé', addFeed: 'Importer le calendrier', feedsHint: 'Les événements du calendrier bloquent le temps de l’intervenant·e. Les calendriers sont relus toutes les 6 heures.',
  noFeeds: 'Aucun calendrier importé.', syncNow: 'Lire maintenant', syncQueued: 'Le calendrier sera lu dans un instant.', lastRead: 'Dernière lecture', neverRead: 'pas encore lu', imported: 'événements importés',
  rooms: 'Salles', addRoom: 'Ajouter la salle', roomName: 'Nom de la salle', noRooms: 'Aucune salle.', removeFeed: 'Retirer le calendrier',
};

const it: Record<BlocksKey, string> = {
  classes: 'Corsi di gruppo', classTitle: 'Titolo', starts: 'Inizio', ends: 'Fine', room: 'Sala', noRoom: 'Nessuna sala', capacity: 'Posti',
  addClass: 'Pianifica il corso', fromFeed: 'da un calendario importato', noClasses: 'Nessun corso questa settimana.',
  classInTheWay: 'Il corso cade su queste sedute prenotate; spostale prima o scegli un altro orario:', classConflict: 'L’insegnante o la sala è occupata in quel momento (assenza o altro corso).',
  feeds: 'Calendari importati', feedUrl: 'Indirizzo del calendario .ics', feedLabel: 'Etichetta', addFeed: 'Importa il calendario', feedsHint: 'Gli eventi del calendario bloccano il tempo dell’insegnante. I calendari vengono riletti ogni 6 ore.',
  noFeeds: 'Nessun calendario importato.', syncNow: 'Leggi ora', syncQueued: 'Il calendario sarà letto tra poco.', lastRead: 'Ultima lettura', neverRead: 'non ancora letto', imported: 'eventi importati',
  rooms: 'Sale', addRoom: 'Aggiungi la sala', roomName: 'Nome della sala', noRooms: 'Nessuna sala.', removeFeed: 'Rimuovi il calendario',
};

export const blocksWords: Record<AdminLang, Record<BlocksKey, string>> = { en, de, fr, it };
