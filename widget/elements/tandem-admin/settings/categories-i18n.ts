/** The category list's words in the console's four languages. */
import type { ConsoleLang } from '../core/console-lang.ts';

const en = {
  intro: 'The categories the program wizard offers. Each has a key and a label per language; the widget shows the label in the visitor\'s language, else in the studio\'s.',
  key: 'Key', programs: 'Programs', labels: 'Labels', save: 'Save', saved: 'Category saved.', remove: 'Delete', removed: 'Category deleted.',
  add: 'Add a category', added: 'Category added.', inUse: 'These programs still use it; give them another category first:',
  labelIn: 'Label ({lang})', keyOf: 'Key of {name}', loading: 'Loading…', problem: 'Please check the form:',
  managersOnly: 'Owners and managers edit the categories.', en: 'English', de: 'German', fr: 'French', it: 'Italian',
};
export type CategoriesKey = keyof typeof en;

const de: Record<CategoriesKey, string> = {
  intro: 'Die Kategorien, die der Programm-Assistent anbietet. Jede hat einen Schlüssel und eine Bezeichnung pro Sprache; das Widget zeigt sie in der Sprache der Besucher, sonst in der des Studios.',
  key: 'Schlüssel', programs: 'Programme', labels: 'Bezeichnungen', save: 'Speichern', saved: 'Kategorie gespeichert.', remove: 'Löschen', removed: 'Kategorie gelöscht.',
  add: 'Kategorie hinzufügen', added: 'Kategorie hinzugefügt.', inUse: 'Diese Programme nutzen sie noch; geben Sie ihnen zuerst eine andere Kategorie:',
  labelIn: 'Bezeichnung ({lang})', keyOf: 'Schlüssel von {name}', loading: 'Wird geladen…', problem: 'Bitte prüfen Sie das Formular:',
  managersOnly: 'Die Kategorien bearbeiten Inhaber und Leitung.', en: 'Englisch', de: 'Deutsch', fr: 'Französisch', it: 'Italienisch',
};

const fr: Record<CategoriesKey, string> = {
  intro: 'Les catégories que propose l’assistant de programme. Chacune a une clé et un libellé par langue ; le widget montre le libellé dans la langue du visiteur, sinon dans celle du studio.',
  key: 'Clé', programs: 'Programmes', labels: 'Libellés', save: 'Enregistrer', saved: 'Catégorie enregistrée.', remove: 'Supprimer', removed: 'Catégorie supprimée.',
  add: 'Ajouter une catégorie', added: 'Catégorie ajoutée.', inUse: 'Ces programmes l’utilisent encore ; donnez-leur d’abord une autre catégorie :',
  labelIn: 'Libellé ({lang})', keyOf: 'Clé de {name}', loading: 'Chargement…', problem: 'Veuillez vérifier le formulaire :',
  managersOnly: 'Les catégories sont modifiées par les propriétaires et la direction.', en: 'anglais', de: 'allemand', fr: 'français', it: 'italien',
};

const it: Record<CategoriesKey, string> = {
  intro: 'Le categorie che l’assistente dei programmi propone. Ognuna ha una chiave e un’etichetta per lingua; il widget mostra l’etichetta nella lingua del visitatore, altrimenti in quella dello studio.',
  key: 'Chiave', programs: 'Programmi', labels: 'Etichette', save: 'Salva', saved: 'Categoria salvata.', remove: 'Elimina', removed: 'Categoria eliminata.',
  add: 'Aggiungi una categoria', added: 'Categoria aggiunta.', inUse: 'Questi programmi la usano ancora; assegni loro prima un’altra categoria:',
  labelIn: 'Etichetta ({lang})', keyOf: 'Chiave di {name}', loading: 'Caricamento…', problem: 'Controlli il modulo:',
  managersOnly: 'Le categorie le modificano titolari e direzione.', en: 'inglese', de: 'tedesco', fr: 'francese', it: 'italiano',
};

export const categoriesWords: Record<ConsoleLang, Record<CategoriesKey, string>> = { en, de, fr, it };
