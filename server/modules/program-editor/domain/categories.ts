/** The built-in categories' labels: what a studio starts with until it writes its own list. */
type ContentLang = 'en' | 'de' | 'fr' | 'it';

export const BUILT_IN_LABELS: Record<string, Partial<Record<ContentLang, string>>> = {
  coaching: { en: 'Coaching', de: 'Coaching', fr: 'Coaching', it: 'Coaching' },
  mobility: { en: 'Mobility', de: 'Beweglichkeit', fr: 'Mobilité', it: 'Mobilità' },
  reiki: { en: 'Reiki', de: 'Reiki', fr: 'Reiki', it: 'Reiki' },
  private_class: { en: 'Private class', de: 'Privatstunde', fr: 'Cours privé', it: 'Lezione privata' },
};

/** A label in `lang`, else English, else any, else the key. */
export function categoryLabel(labels: Partial<Record<ContentLang, string>> | undefined, lang: ContentLang, key: string): string {
  return labels?.[lang] || labels?.en || Object.values(labels ?? {}).find(Boolean) || key;
}
