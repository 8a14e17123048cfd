import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { textProblem } from '../../../schema/api/common.ts';
import { AppError, type FieldError } from '../errors.ts';

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 32;
/** The largest JSON body, in bytes (the app's body limit says the same for every /v1 route). */
export const MAX_JSON_BYTES = 256 * 1024;
/** At most this many per-field errors in one answer. */
const MAX_FIELD_ERRORS = 50;

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * How deeply `text` nests arrays and objects, scanned without recursion and without parsing
 * (brackets inside strings do not count), stopping as soon as `limit` is passed: so a body
 * nested 5,000 deep is refused before anything recursive (JSON.stringify, a hash) sees it.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) { if (++depth > limit) return true; }
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Every string and every key of `value` that breaks the rule for all text (NUL, other C0
 * controls but tab, line feed and carriage return, unpaired surrogates), by field, walked
 * iteratively. A bad key is reported on the object that has it.
 */
export function textErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length && errors.length < MAX_FIELD_ERRORS) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) errors.push({ field: path || root, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (const key of keys) {
        if (textProblem(key)) { errors.push({ field: path || root, message: 'has a key with a control character or an unpaired surrogate' }); break; }
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (!textProblem(key)) stack.push({ v: (v as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key });
      }
    }
  }
  return errors;
}

/** `a.b[0].c` from a standard-schema issue path. */
function fieldOf(issue: StandardSchemaV1.Issue, target: string): string {
  const parts = (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p));
  if (parts.length === 0) return target === 'json' ? 'body' : target;
  return parts.map(String).join('.');
}

function merged(first: FieldError[], issues: readonly StandardSchemaV1.Issue[], target: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  const add = (e: FieldError) => {
    if (seen.has(e.field) || errors.length >= MAX_FIELD_ERRORS) return;
    seen.add(e.field);
    errors.push(e);
  };
  first.forEach(add);
  for (const issue of issues) add({ field: fieldOf(issue, target), message: issue.message });
  return errors;
}

/** The raw input of a target, as the validator will see it (the body already read as text). */
async function rawInput(c: Context, target: keyof ValidationTargets): Promise<unknown> {
  switch (target) {
    case 'json': {
      const media = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
      if (!JSON_MEDIA.test(media)) return undefined;
      const text = await c.req.text();
      if (text.length > MAX_JSON_BYTES && new TextEncoder().encode(text).length > MAX_JSON_BYTES) throw new AppError('payload_too_large');
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new AppError('json_too_deep', `Arrays and objects may be nested at most ${MAX_JSON_DEPTH} deep.`);
      try {
        return JSON.parse(text);
      } catch {
        return undefined; // the validator answers malformed_json
      }
    }
    case 'query': return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    case 'param': return c.req.param();
    default: return undefined;
  }
}

/**
 * The valibot validator (through hono-openapi, so the schema also documents the route) with
 * a hook that turns failures into one 400 `validation_failed` listing each field, instead of
 * the library's raw issues. Before it, for every target: a JSON body is refused when nested
 * deeper than MAX_JSON_DEPTH (400 `json_too_deep`) or larger than MAX_JSON_BYTES, and every
 * string and key of the input must be text (`textProblem`), whatever the field's schema says.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends StandardSchemaV1>(target: Target, schema: Schema) {
  const textIssues = new WeakMap<Context, FieldError[]>();
  const inner = validator(target, schema, (result, c) => {
    const text = textIssues.get(c) ?? [];
    if (!result.success || text.length) {
      throw new AppError('validation_failed', undefined, { errors: merged(text, result.success ? [] : result.error as readonly StandardSchemaV1.Issue[], target) });
    }
  });
  const middleware: MiddlewareHandler = async (c, next) => {
    const raw = await rawInput(c, target);
    textIssues.set(c, textErrors(raw, target === 'json' ? 'body' : target));
    return inner(c, next);
  };
  Object.defineProperty(middleware, 'name', { value: 'validator', configurable: true });
  return Object.assign(middleware, { [uniqueSymbol]: (inner as unknown as Record<symbol, unknown>)[uniqueSymbol] }) as unknown as typeof inner;
}
