/**
 * Counted words come from the shared catalogs' plurals (`<key>_one` / `<key>_other`, Intl.PluralRules):
 * the studio card's "3 programs" (server/surfaces/pages/studio-share-image.ts) says per language
 * what its own table used to say, for every count a studio can have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Localizer } from '../../../shared/words/localizer.ts';
import { en } from '../../../shared/words/en.ts';
import { de } from '../../../shared/words/de.ts';
import { fr } from '../../../shared/words/fr.ts';
import { it } from '../../../shared/words/it.ts';
import { programsCount } from '../../../server/surfaces/pages/studio-share-image.ts';

const catalogs = { en, de, fr, it } as const;

test('programs: one and other in each language (French counts 0 and 1 as one)', () => {
  const said = Object.entries(catalogs).map(([lang, messages]) => {
    const words = new Localizer(lang, messages);
    return [lang, [0, 1, 2, 21].map((n) => words.plural('programs', n))];
  });
  assert.deepEqual(Object.fromEntries(said), {
    en: ['0 programs', '1 program', '2 programs', '21 programs'],
    de: ['0 Programme', '1 Programm', '2 Programme', '21 Programme'],
    fr: ['0 programme', '1 programme', '2 programmes', '21 programmes'],
    it: ['0 programmi', '1 programma', '2 programmi', '21 programmi'],
  });
});

test('the studio card\'s count is the shared plural, word for word as its former table for 1 to 999', () => {
  const former = {
    en: { one: '1 program', other: '{n} programs' },
    de: { one: '1 Programm', other: '{n} Programme' },
    fr: { one: '1 programme', other: '{n} programmes' },
    it: { one: '1 programma', other: '{n} programmi' },
  } as const;
  for (const lang of ['en', 'de', 'fr', 'it'] as const) {
    for (let n = 1; n < 1000; n += 1) {
      const w = former[lang];
      const before = (new Intl.PluralRules(lang).select(n) === 'one' ? w.one : w.other).replace('{n}', String(n));
      assert.equal(programsCount(lang, n), before, `${lang} ${n}`);
    }
  }
});
