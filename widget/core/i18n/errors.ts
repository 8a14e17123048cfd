import type { Lang } from './catalogs.ts';

import { addLaterMessages } from './localizer.ts';

type Table = Record<string, string>;
interface Module {
  errors: Table;
  messages: Table;
  /** The steps' sentences (steps/steps-<lang>.ts), re-exported by each language's errors module. */
  steps: Table;
}

/**
 * A sentence per API error code, and the later steps' own sentences, per language: one small chunk
 * per language loaded with the later steps (English comes with their code, see english-later.ts).
 * The first screen's catalogs (`<lang>.ts`) hold only what the program page and the list say.
 */
const loaders: Record<Lang, () => Promise<Module>> = {
  en: () => import('./errors/errors-en.ts'),
  de: () => import('./errors/errors-de.ts'),
  fr: () => import('./errors/errors-fr.ts'),
  it: () => import('./errors/errors-it.ts'),
};

/** Makes a language's tables known (for English, from the later steps' code at once). */
export function registerTables(lang: Lang, m: Module): Table {
  loaded.set(lang, m.errors);
  addLaterMessages(lang, { ...m.steps, ...m.messages });
  return m.errors;
}
const loaded = new Map<Lang, Table>();
const loading = new Map<Lang, Promise<Table | undefined>>();

export function errorTable(lang: Lang): Table | undefined {
  return loaded.get(lang);
}

/** Loads a language's error sentences once (a failed load may be tried again). */
export function loadErrorTable(lang: Lang): Promise<Table | undefined> {
  const ready = loaded.get(lang);
  if (ready) return Promise.resolve(ready);
  let p = loading.get(lang);
  if (!p) {
    p = loaders[lang]().then(
      (m) => registerTables(lang, m),
      () => (loading.delete(lang), undefined),
    );
    loading.set(lang, p);
  }
  return p;
}
