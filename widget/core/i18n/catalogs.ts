import { en, type Messages } from '../../../shared/words/en.ts';
import { isLang, type Lang } from '../../../shared/words/localizer.ts';

export { isLang, type Lang };

/**
 * English is in the entry; German, French and Italian are small chunks loaded (in parallel
 * with the program) only by pages that speak them.
 */
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<Messages>> = {
  de: () => import('../../../shared/words/de.ts').then((m) => m.de),
  fr: () => import('../../../shared/words/fr.ts').then((m) => m.fr),
  it: () => import('../../../shared/words/it.ts').then((m) => m.it),
};

const loaded = new Map<Lang, Messages>([['en', en]]);
const loading = new Map<Lang, Promise<Messages>>();

export function catalog(lang: Lang): Messages | undefined {
  return loaded.get(lang);
}

/** Loads a language's messages; English when the chunk cannot be fetched. */
export function loadCatalog(lang: Lang): Promise<Messages> {
  const ready = loaded.get(lang);
  if (ready) return Promise.resolve(ready);
  let p = loading.get(lang);
  if (!p) {
    p = loaders[lang as Exclude<Lang, 'en'>]().then(
      (m) => {
        loaded.set(lang, m);
        return m;
      },
      () => {
        loading.delete(lang);
        return en;
      },
    );
    loading.set(lang, p);
  }
  return p;
}
