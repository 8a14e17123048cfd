/**
 * How the studio views show the API's problem: one alert with the message and each field's
 * message, and beside a field its own message (tied to the input by `aria-describedby`, the input
 * marked `aria-invalid`). Field names are the API's (`legal_name`, `iban`, …).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Problem } from './shared.ts';

export function problemAlert(problem: Problem | null, intro: string): TemplateResult {
  return html`<div role="alert">${problem ? html`<div class="error"><p>${problem.fields.length ? intro : problem.message}</p>
    ${problem.fields.length ? html`<ul>${problem.fields.map((f) => html`<li>${f.field}: ${f.message}</li>`)}</ul>` : nothing}</div>` : nothing}</div>`;
}

export function fieldMessage(problem: Problem | null, field: string): string | undefined {
  return problem?.fields.find((f) => f.field === field)?.message;
}

/** The message under a field, with the id its input names in `aria-describedby`. */
export function fieldError(problem: Problem | null, field: string, id: string): TemplateResult | typeof nothing {
  const message = fieldMessage(problem, field);
  return message ? html`<small class="error" id=${`${id}-error`}>${message}</small>` : nothing;
}
