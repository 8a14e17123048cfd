/**
 * The words and formats of the hosted pages: the widget's own catalogs and Localizer (plain data
 * and Intl, no DOM), so that the page a search engine reads and the widget that takes it over say
 * the same thing in the same format ("CHF 580.00", "8 Sitzungen", "inkl. 8.1% MWST").
 */
import { Localizer } from '../../../widget/core/i18n/localizer.ts';
import { en } from '../../../widget/core/i18n/en.ts';
import { de } from '../../../widget/core/i18n/de.ts';
import { fr } from '../../../widget/core/i18n/fr.ts';
import { it } from '../../../widget/core/i18n/it.ts';
import { langOf, type Lang } from '../../../shared/format.ts';

export { variantTerms } from '../../../widget/components/price/price.ts';
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
