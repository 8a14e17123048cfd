/** A hosted program as the page and its share image both read it: the same rules for what exists. */
import type { AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { getProgramDetail, studioProfile, type StudioRef } from '../../modules/catalog/index.ts';
import { programDetailOut } from '../embed/programs.out.ts';
import { findStudio, programLangs, SLUG } from './studio.ts';
import { langOf } from '../../../shared/format.ts';
import type { ContentLang } from '../../../schema/db/index.ts';

export interface LoadedProgram {
  studio: StudioRef;
  studioName: string;
  /** The studio's own language and each other one the program is written in (the studio's first). */
  own: ContentLang;
  langs: ContentLang[];
  /** The one asked for (`?lang=`) when the program has it, else the studio's own. */
  lang: ContentLang;
  program: ReturnType<typeof programDetailOut>;
}

/**
 * Read as the studio's anonymous caller (the policies decide what exists: hidden, inactive or a
 * private program without its token is undefined, the same as a missing one).
 */
export async function loadHostedProgram(deps: AppDeps, studioSlug: string, slug: string, link: string | undefined, asked: string | undefined): Promise<LoadedProgram | undefined> {
  if (!SLUG.test(slug) || (link !== undefined && (link.length === 0 || link.length > 200))) return undefined;
  const studio = await findStudio(deps.db, studioSlug);
  if (!studio) return undefined;
  const found = await withCaller(deps.db, { orgId: studio.orgId, role: 'anonymous', linkToken: link }, async (tx) => {
    const view = await getProgramDetail(tx, studio.orgId, slug);
    return view ? { view, profile: await studioProfile(tx, studio.orgId) } : undefined;
  });
  if (!found?.profile) return undefined;
  const own = langOf(found.profile.defaultLocale);
  const langs = programLangs(own, found.view.program.translations);
  // Any other `lang` is the studio's own page (its canonical address says so).
  const lang = langs.find((l) => l === asked) ?? own;
  return { studio, studioName: found.profile.name, own, langs, lang, program: programDetailOut(found.view, lang === own ? undefined : lang) };
}
