/** A studio's hosted page as the page and its share image both read it: its public programs in the language asked for. */
import type { AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { listPrograms, studioProfile, type StudioRef } from '../../modules/catalog/index.ts';
import { programSummaryOut } from '../embed/programs.out.ts';
import { findStudio, programLangs, studioLangs } from './studio.ts';
import { langOf } from '../../../shared/format.ts';
import type { ContentLang } from '../../../schema/db/index.ts';
import type { ProgramSummary } from '../../../schema/api/embed-programs.ts';

export interface LoadedStudio {
  studio: StudioRef;
  name: string;
  /** ISO 3166 alpha-2 of the studio's billing address: the formats of its country. */
  region: string | null;
  /** `#rrggbb`, when the studio chose one. */
  brandColor: string | null;
  own: ContentLang;
  /** The studio's own language and each other one any of its programs is written in (the studio's first). */
  langs: ContentLang[];
  /** The one asked for (`?lang=`) when some program has it, else the studio's own. */
  lang: ContentLang;
  /** Each program in `lang` where it is written in it, with the languages of its own page. */
  programs: (ProgramSummary & { langs: ContentLang[] })[];
}

/** Read as the studio's anonymous caller: only active public programs (the policies and the listing decide). */
export async function loadHostedStudio(deps: AppDeps, slug: string, asked: string | undefined): Promise<LoadedStudio | undefined> {
  const studio = await findStudio(deps.db, slug);
  if (!studio) return undefined;
  const found = await withCaller(deps.db, { orgId: studio.orgId, role: 'anonymous' }, async (tx) => {
    const profile = await studioProfile(tx, studio.orgId);
    return profile ? { profile, listings: await listPrograms(tx, studio.orgId) } : undefined;
  });
  if (!found) return undefined;
  const own = langOf(found.profile.defaultLocale);
  const perProgram = found.listings.map((l) => programLangs(own, l.program.translations));
  const langs = studioLangs(own, perProgram);
  const lang = langs.find((l) => l === asked) ?? own;
  const color = found.profile.billing?.brand_color;
  return {
    studio, name: found.profile.name, region: found.profile.billing?.country ?? null,
    brandColor: color && /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : null,
    own, langs, lang,
    programs: found.listings.map((l, i) => {
      const has = perProgram[i]!.includes(lang);
      return { ...programSummaryOut(l, has && lang !== own ? lang : undefined), langs: perProgram[i]! };
    }),
  };
}

/** The lowest "from" price of the programs, in the currency most of them are priced in. */
export function studioFromPrice(programs: readonly ProgramSummary[]): { amount: number; currency: string } | null {
  const prices = programs.flatMap((p) => (p.from_price ? [p.from_price] : []));
  if (!prices.length) return null;
  const count = (c: string) => prices.filter((p) => p.currency === c).length;
  const currency = prices.map((p) => p.currency).reduce((a, b) => (count(b) > count(a) ? b : a));
  return prices.filter((p) => p.currency === currency).reduce((a, b) => (b.amount < a.amount ? b : a));
}
