import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { AppError, type FieldError } from '../errors.ts';

/** `a.b[0].c` from a standard-schema issue path. */
function fieldOf(issue: StandardSchemaV1.Issue, target: string): string {
  const parts = (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p));
  if (parts.length === 0) return target === 'json' ? 'body' : target;
  return parts.map(String).join('.');
}

function toFieldErrors(issues: readonly StandardSchemaV1.Issue[], target: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue, target);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/**
 * The valibot validator (through hono-openapi, so the schema also documents the
 * route) with a hook that turns failures into one 400 `validation_failed`
 * listing each field, instead of the library's raw issues.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends StandardSchemaV1>(target: Target, schema: Schema) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError('validation_failed', undefined, { errors: toFieldErrors(result.error as readonly StandardSchemaV1.Issue[], target) });
    }
  });
}
