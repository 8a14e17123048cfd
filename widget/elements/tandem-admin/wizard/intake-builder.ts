/**
 * The intake form builder's model: questions as the studio edits them (ordered, typed, required,
 * labels and choices per language) to and from the JSON Schema the API stores (`x-order` keeps the
 * order, `x-i18n` the other languages, `x-consent` a box that must be ticked). Pure.
 */
import { fieldOrder, fieldsFromSchema } from '../../../../shared/intake-form.ts';

export const LANGS = ['en', 'de', 'fr', 'it'] as const;
export type Lang = (typeof LANGS)[number];
export const KINDS = ['text', 'textarea', 'choice', 'multi', 'yesno', 'number', 'date', 'consent'] as const;
export type Kind = (typeof KINDS)[number];

export interface QuestionDraft {
  name: string;
  kind: Kind;
  required: boolean;
  /** The question per language (English is the form's own). */
  labels: Record<Lang, string>;
  /** Choices per language, one per line, line n in every language being the same choice. */
  options: Record<Lang, string>;
  /** The stored value of each choice, by line (kept when a label changes, so answers keep meaning). */
  values: string[];
  /** Kept as they were: `x-health` and whatever else the builder does not edit. */
  extra: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});
const emptyLangs = (): Record<Lang, string> => ({ en: '', de: '', fr: '', it: '' });

export function blankQuestion(): QuestionDraft {
  return { name: '', kind: 'text', required: false, labels: emptyLangs(), options: emptyLangs(), values: [], extra: {} };
}

function kindOf(k: string): Kind {
  if (k === 'integer') return 'number';
  if (k === 'email' || k === 'tel') return 'text';
  return (KINDS as readonly string[]).includes(k) ? k as Kind : 'text';
}

export function questionsFromSchema(schema: Json | null): QuestionDraft[] {
  if (!schema) return [];
  const props = obj(schema.properties);
  const byLang = Object.fromEntries(LANGS.map((l) => [l, fieldsFromSchema(schema, l)])) as Record<Lang, ReturnType<typeof fieldsFromSchema>>;
  return fieldOrder(schema).map((name, i) => {
    const p = obj(props[name]);
    const i18n = obj(p['x-i18n']);
    const en = byLang.en[i]!;
    const labels = emptyLangs();
    const options = emptyLangs();
    for (const l of LANGS) {
      const tr = obj(i18n[l]);
      labels[l] = l === 'en' ? String(p.title ?? '') : String(tr.title ?? '');
      options[l] = l === 'en' || tr.enumNames ? byLang[l][i]!.options.map((o) => o.label).join('\n') : '';
    }
    const { type: _t, title: _ti, enum: _e, enumNames: _n, items: _it, format: _f, 'x-i18n': _x, 'x-consent': _c, ...extra } = p;
    return { name, kind: kindOf(en.kind), required: en.required, labels, options, values: en.options.map((o) => o.value), extra };
  });
}

const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The JSON Schema for the questions, in their order. Unnamed questions get a name from their English label. */
export function schemaFromQuestions(questions: QuestionDraft[]): Json {
  const properties: Json = {};
  const order: string[] = [];
  const required: string[] = [];
  for (const [i, q] of questions.entries()) {
    let name = q.name || slug(q.labels.en) || `question_${i + 1}`;
    while (order.includes(name)) name = `${name}_${i + 1}`;
    const enLabels = lines(q.options.en);
    const values = enLabels.map((label, j) => q.values[j] ?? (slug(label) || `choice_${j + 1}`));
    const i18n: Json = {};
    for (const l of LANGS) {
      if (l === 'en') continue;
      const tr: Json = {};
      if (q.labels[l].trim()) tr.title = q.labels[l].trim();
      const ls = lines(q.options[l]);
      if (ls.length) tr.enumNames = ls;
      if (Object.keys(tr).length) i18n[l] = tr;
    }
    const base: Json = (() => {
      switch (q.kind) {
        case 'text': return { type: 'string', maxLength: 200 };
        case 'textarea': return { type: 'string', format: 'textarea', maxLength: 5000 };
        case 'choice': return { type: 'string', enum: values, enumNames: enLabels };
        case 'multi': return { type: 'array', items: { type: 'string', enum: values }, enumNames: enLabels };
        case 'yesno': return { type: 'boolean' };
        case 'number': return { type: 'number' };
        case 'date': return { type: 'string', format: 'date' };
        case 'consent': return { type: 'boolean', 'x-consent': true };
      }
    })();
    properties[name] = { ...q.extra, ...base, title: q.labels.en.trim() || name, ...(Object.keys(i18n).length ? { 'x-i18n': i18n } : {}) };
    order.push(name);
    if (q.required || q.kind === 'consent') required.push(name);
  }
  return { type: 'object', properties, required, 'x-order': order };
}
