/**
 * The intake form model, shared by the widget (rendering, inline checks) and the server
 * (the same field paths `intake.<name>`). Pure: no DOM, no Node.
 *
 * The intake form, read from the program's JSON Schema (an `object` with `properties`,
 * `required`). Supported, per property:
 * - `type: string` → text; `format: date` → date; `format: email` → email; `format: tel` → phone;
 *   `format: textarea` / `x-widget: textarea` / `maxLength > 200` → long text;
 *   `enum` or `oneOf: [{const, title}]` → single choice (labels from `enumNames` or `title`)
 * - `type: number | integer` → number (`minimum`, `maximum`)
 * - `type: array` with `items.enum` / `items.oneOf` → multi-choice (`minItems`, `maxItems`)
 * - `type: boolean` → yes/no; with `const: true` or `x-consent: true` → a consent checkbox that must be ticked
 * - `title`, `description`; translations in `x-i18n: {de: {title, description, enumNames}}`;
 *   order from `x-order: [names]`, else the order of `properties`.
 *
 * The order is data: forms are stored as `jsonb`, which keeps no key order (PostgreSQL sorts
 * an object's keys shorter-first), so a form's questions come in the order of its `x-order`
 * array. `withFieldOrder` writes it where it is missing (the API answers every form with it).
 */
export type FieldKind = 'text' | 'textarea' | 'email' | 'tel' | 'number' | 'integer' | 'date' | 'choice' | 'multi' | 'yesno' | 'consent';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  description: string;
  required: boolean;
  options: FieldOption[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

export interface FieldError {
  key:
    | 'errRequired'
    | 'errConsent'
    | 'errNumber'
    | 'errInteger'
    | 'errMin'
    | 'errMax'
    | 'errMinLength'
    | 'errMaxLength'
    | 'errEmail'
    | 'errPhone'
    | 'errPattern'
    | 'errDate'
    | 'errChoice'
    | 'errMinItems'
    | 'errMaxItems';
  vars?: Record<string, number>;
}

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);

function options(p: Json, names: unknown): FieldOption[] {
  const labels = Array.isArray(names) ? names : [];
  if (Array.isArray(p.enum)) return p.enum.map((v, i) => ({ value: String(v), label: String(labels[i] ?? v) }));
  const alts = Array.isArray(p.oneOf) ? p.oneOf : Array.isArray(p.anyOf) ? p.anyOf : [];
  return alts.map((a, i) => {
    const o = obj(a);
    return { value: String(o.const ?? ''), label: String(labels[i] ?? o.title ?? o.const ?? '') };
  });
}

function humanize(name: string): string {
  const s = name.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The names of a form's questions in the order the studio wrote them (`x-order`, then any it does not list). */
export function fieldOrder(schema: Json): string[] {
  const props = obj(schema.properties);
  const order = Array.isArray(schema['x-order']) ? schema['x-order'].map(String) : [];
  const listed = order.filter((n, i) => Object.hasOwn(props, n) && order.indexOf(n) === i);
  return [...listed, ...Object.keys(props).filter((n) => !listed.includes(n))];
}

/** The form with its order as data (`x-order` naming every question once). */
export function withFieldOrder(schema: Json): Json {
  return { ...schema, 'x-order': fieldOrder(schema) };
}

/**
 * Stored answers as people read them (staff views, mails): in the form's order, with each
 * question's label and each choice's label in `lang`; answers to questions the form no longer
 * has come last, as they were given.
 */
export function answersForDisplay(schema: Json, answers: Record<string, unknown>, lang: string): { name: string; label: string; value: string }[] {
  const fields = fieldsFromSchema(schema, lang);
  const label = (f: FormField | undefined, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => label(f, x)).join(', ');
    return f?.options.find((o) => o.value === String(v))?.label ?? String(v);
  };
  const out = fields.filter((f) => !isEmpty(answers[f.name])).map((f) => ({ name: f.name, label: f.label, value: label(f, answers[f.name]) }));
  for (const [name, v] of Object.entries(answers)) if (!fields.some((f) => f.name === name)) out.push({ name, label: humanize(name), value: label(undefined, v) });
  return out;
}

export function fieldsFromSchema(schema: Json, lang: string): FormField[] {
  const props = obj(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const names = fieldOrder(schema);
  return names.map((name) => {
    const p = obj(props[name]);
    const tr = obj(obj(p['x-i18n'])[lang]);
    const type = Array.isArray(p.type) ? String(p.type.find((t) => t !== 'null') ?? 'string') : String(p.type ?? 'string');
    const format = str(p.format) ?? str(p['x-widget']) ?? '';
    const items = obj(p.items);
    let kind: FieldKind = 'text';
    let opts: FieldOption[] = [];
    if (type === 'boolean') kind = p.const === true || p['x-consent'] === true || format === 'consent' ? 'consent' : 'yesno';
    else if (type === 'array') {
      kind = 'multi';
      opts = options(items, tr.enumNames ?? p.enumNames ?? items.enumNames);
    } else if (type === 'number' || type === 'integer') kind = type;
    else if (Array.isArray(p.enum) || Array.isArray(p.oneOf) || Array.isArray(p.anyOf)) {
      kind = 'choice';
      opts = options(p, tr.enumNames ?? p.enumNames);
    } else if (format === 'date') kind = 'date';
    else if (format === 'email') kind = 'email';
    else if (format === 'tel' || format === 'phone') kind = 'tel';
    else if (format === 'textarea' || format === 'multiline' || (num(p.maxLength) ?? 0) > 200) kind = 'textarea';
    return {
      name,
      kind,
      label: str(tr.title) ?? str(p.title) ?? humanize(name),
      description: str(tr.description) ?? str(p.description) ?? '',
      required: required.has(name),
      options: opts,
      minimum: num(p.minimum),
      maximum: num(p.maximum),
      minLength: num(p.minLength),
      maxLength: num(p.maxLength),
      pattern: str(p.pattern),
      minItems: num(p.minItems),
      maxItems: num(p.maxItems),
    };
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The first thing wrong with a value, or null. */
export function validateField(f: FormField, v: unknown): FieldError | null {
  if (f.kind === 'consent') return f.required && v !== true ? { key: 'errConsent' } : null;
  if (isEmpty(v)) {
    if (!f.required) return null;
    return { key: f.kind === 'choice' || f.kind === 'yesno' || f.kind === 'multi' ? 'errChoice' : 'errRequired' };
  }
  switch (f.kind) {
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
      if (!Number.isFinite(n)) return { key: 'errNumber' };
      if (f.kind === 'integer' && !Number.isInteger(n)) return { key: 'errInteger' };
      if (f.minimum !== undefined && n < f.minimum) return { key: 'errMin', vars: { min: f.minimum } };
      if (f.maximum !== undefined && n > f.maximum) return { key: 'errMax', vars: { max: f.maximum } };
      return null;
    }
    case 'multi': {
      const n = Array.isArray(v) ? v.length : 0;
      if (f.minItems !== undefined && n < f.minItems) return { key: 'errMinItems', vars: { min: f.minItems } };
      if (f.maxItems !== undefined && n > f.maxItems) return { key: 'errMaxItems', vars: { max: f.maxItems } };
      return null;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(v)) && !Number.isNaN(Date.parse(String(v))) ? null : { key: 'errDate' };
    case 'choice':
    case 'yesno':
      return null;
    default: {
      const s = String(v).trim();
      if (f.minLength !== undefined && s.length < f.minLength) return { key: 'errMinLength', vars: { min: f.minLength } };
      if (f.maxLength !== undefined && s.length > f.maxLength) return { key: 'errMaxLength', vars: { max: f.maxLength } };
      if (f.kind === 'email' && !EMAIL.test(s)) return { key: 'errEmail' };
      if (f.kind === 'tel' && !PHONE.test(s)) return { key: 'errPhone' };
      if (f.pattern) {
        try {
          if (!new RegExp(f.pattern, 'u').test(s)) return { key: 'errPattern' };
        } catch {
          /* a pattern the browser cannot compile: the server checks it */
        }
      }
      return null;
    }
  }
}

/** The answer as the server expects it (numbers as numbers, empty answers left out). */
export function normalize(f: FormField, v: unknown): unknown {
  if (isEmpty(v)) return undefined;
  if (f.kind === 'number' || f.kind === 'integer') return Number(String(v).replace(',', '.'));
  if (typeof v === 'string') return v.trim();
  return v;
}

/** The answers to send: every field's normalized value, empty answers left out. */
export function answersOf(fields: FormField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = normalize(f, values[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}
