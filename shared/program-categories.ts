/**
 * Program categories' labels: the built-in list a studio starts with until it writes its own, and
 * which label a reader sees (theirs, else the studio's language, else any written, else the key).
 */
export type CategoryLang = 'en' | 'de' | 'fr' | 'it';
export type CategoryLabels = Partial<Record<CategoryLang, string>>;

export const BUILT_IN_LABELS: Record<string, CategoryLabels> = {
  coaching: { en: 'Coaching', de: 'Coaching', fr: 'Coaching', it: 'Coaching' },
  mobility: { en: 'Mobility', de: 'Beweglichkeit', fr: 'Mobilité', it: 'Mobilità' },
  reiki: { en: 'Reiki', de: 'Reiki', fr: 'Reiki', it: 'Reiki' },
  private_class: { en: 'Private class', de: 'Privatstunde', fr: 'Cours privé', it: 'Lezione privata' },
};

/** The label in `lang`, else in the studio's language, else English, else any written, else the key itself. */
export function categoryLabel(labels: CategoryLabels | undefined, lang: CategoryLang | undefined, studioLang: string | undefined, key: string): string {
  const studio = studioLang?.slice(0, 2).toLowerCase() as CategoryLang | undefined;
  return (lang && labels?.[lang]) || (studio && labels?.[studio]) || labels?.en || Object.values(labels ?? {}).find(Boolean) || key;
}
