/**
 * The words and formats of the hosted pages: the same catalogs and Localizer as the widget's
 * (shared/words/), so that the page a search engine reads and the widget that takes it over say
 * the same thing in the same format ("CHF 580.00", "8 Sitzungen", "inkl. 8.1% MWST").
 */
import { Localizer } from '../../../shared/words/localizer.ts';
import { en } from '../../../shared/words/en.ts';
import { de } from '../../../shared/words/de.ts';
import { fr } from '../../../shared/words/fr.ts';
import { it } from '../../../shared/words/it.ts';
import { langOf, type Lang } from '../../../shared/format.ts';

export { variantTerms } from '../../../shared/words/variant-terms.ts';
export type { Localizer, Lang };

const catalogs = { en, de, fr, it } as const;

const cache2 = new Map<string, Localizer>();

/**
 * The page's language: the studio's own (its programs are written in it), with formats of the
 * studio's country as the widget uses them (locale-controller.ts: `de` + `CH` → `de-CH`, "CHF 580.00").
 */
export function wordsFor(locale: string | null | undefined, region: string | null | undefined): Localizer {
  const lang = langOf(locale);
  const tag = region && /^[A-Z]{2}$/.test(region) ? `${lang}-${region}` : lang;
  let words = cache2.get(tag);
  if (!words) {
    words = new Localizer(tag, catalogs[lang]);
    cache2.set(tag, words);
  }
  return words;
}
