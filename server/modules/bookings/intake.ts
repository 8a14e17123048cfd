/**
 * Intake answers checked against the program's form (JSON Schema, draft 2020-12 subset that
 * Ajv's default draft-07 understands). Failures become per-field errors `intake.<field>`,
 * the paths the widget's form uses.
 *
 * Forms are stored as the studio wrote them, usually without `additionalProperties`; the
 * widget asks only the questions in `properties`. So every form is checked closed: an answer
 * to a question the form does not have (a junk key, a `<script>` key) is refused, never stored.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../../platform/errors.ts';
import { AppError } from '../../platform/errors.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

// strict: false — forms carry presentation keywords (`x-widget`, `title`) that are not validation.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }));

/** At most this many per-field errors in one answer (2,000 unknown keys are not 2,000 lines). */
const MAX_ERRORS = 50;

/**
 * The form with every object schema in it closed: `additionalProperties: false` (and no
 * `patternProperties`, which would open it again), whatever the stored form said. Walked
 * without recursion; the stored form is not changed.
 */
export function closedForm(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema);
  const stack: unknown[] = [copy];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) { stack.push(...node); continue; }
    if (!node || typeof node !== 'object') continue;
    const s = node as Record<string, unknown>;
    if (s.type === 'object' || (s.properties && typeof s.properties === 'object')) {
      s.additionalProperties = false;
      delete s.patternProperties;
      delete s.unevaluatedProperties;
    }
    for (const [key, value] of Object.entries(s)) {
      if (key === 'properties' && value && typeof value === 'object') stack.push(...Object.values(value));
      else if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples' || key.startsWith('x-')) continue;
      else if (value && typeof value === 'object') stack.push(value);
    }
  }
  return copy;
}

/** Compiled forms by their JSON text: forms change rarely, compiling costs milliseconds. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const text = JSON.stringify(schema);
  let fn = compiled.get(text);
  if (!fn) {
    fn = ajv.compile(closedForm(schema));
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(text, fn);
  }
  return fn;
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') path.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return ['intake', ...path].join('.');
}

function messageOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return 'is required';
    case 'const': return p.allowedValue === true ? 'must be accepted' : `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum': return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'minLength': return `must be at least ${String(p.limit)} characters`;
    case 'maxLength': return `must be at most ${String(p.limit)} characters`;
    case 'format': return `must be a valid ${String(p.format)}`;
    case 'additionalProperties': return 'is not a question of this form';
    default: return error.message ?? 'is not valid';
  }
}

/**
 * The answers to store, or a 400 `validation_failed` listing each wrong field.
 * A required form must be filled; an optional one may be skipped (no answers at all), but
 * answers given are checked. Without a form there is nothing to answer and nothing is kept.
 */
export function checkIntake(form: { schema: Record<string, unknown>; isRequired: boolean } | undefined, answers: Record<string, unknown>): Record<string, unknown> {
  if (!form) return {};
  if (!form.isRequired && Object.keys(answers).length === 0) return {};
  const validate = validatorFor(form.schema);
  if (validate(answers)) return answers;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const field = fieldOf(e);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: messageOf(e) });
    if (errors.length >= MAX_ERRORS) break;
  }
  throw new AppError('validation_failed', 'Some answers of the intake form are missing or not valid.', { errors });
}
