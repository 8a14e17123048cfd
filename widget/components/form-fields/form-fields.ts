import { html, nothing } from 'lit';
import type { Localizer } from '../../core/i18n/localizer.ts';
import '../../core/i18n/english-later.ts';
import { FieldBlurEvent } from '../../core/events/field-blur-event.ts';
import { FieldInputEvent } from '../../core/events/field-input-event.ts';
import { validateField, type FormField } from '../../../shared/intake-form.ts';

/**
 * Form fields as templates rendered into the step's own shadow root (labels, descriptions and
 * errors are tied together by id, which cannot cross a shadow boundary). Properties in,
 * events out: each control dispatches `FieldInputEvent` (`tandem-field-input`) when its
 * value changes and `FieldBlurEvent` (`tandem-field-blur`) when left; the step listens on its form.
 */
export interface FieldView {
  field: FormField;
  value: unknown;
  /** The message shown (client-side or the server's), or ''. */
  error: string;
  /** Browser autofill hint (`name`, `email`, `tel`). */
  autocomplete?: string;
}

const emit = (e: Event, name: string, value: unknown) => e.currentTarget!.dispatchEvent(new FieldInputEvent({ name, value }));
const left = (e: Event, name: string) => e.currentTarget!.dispatchEvent(new FieldBlurEvent({ name }));

const describedBy = (id: string, f: FormField, error: string) =>
  [f.description ? `${id}-desc` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || nothing;

/** The visible required mark (the control itself says "required" to screen readers). */
const mark = (f: FormField) => (f.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing);

/** The required mark of a group (a legend), with the word for screen readers. */
const star = (f: FormField, i18n: Localizer) =>
  f.required ? html`${mark(f)}<span class="sr-only">(${i18n.t('requiredMark')})</span>` : nothing;

/** One labelled control with its description and error, wired for screen readers. */
export function renderField(v: FieldView, i18n: Localizer) {
  const { field: f, value, error } = v;
  const id = `f-${f.name}`;
  const desc = f.description ? html`<p class="desc" id="${id}-desc">${f.description}</p>` : nothing;
  const err = error ? html`<p class="error-text" id="${id}-err" part="error">${error}</p>` : nothing;
  const invalid = error ? 'true' : 'false';
  const described = describedBy(id, f, error);
  const text = (e: Event) => emit(e, f.name, (e.currentTarget as HTMLInputElement).value);
  const blur = (e: Event) => left(e, f.name);

  switch (f.kind) {
    case 'choice':
    case 'yesno': {
      const opts = f.kind === 'yesno' ? [{ value: 'true', label: i18n.t('yes') }, { value: 'false', label: i18n.t('no') }] : f.options;
      const current = f.kind === 'yesno' ? (value === undefined ? '' : String(value)) : String(value ?? '');
      if (f.kind === 'choice' && opts.length > 6) {
        return html`<div class="field" part="field">
          <label for=${id}>${f.label} ${mark(f)}</label>
          ${desc}
          <select
            id=${id}
            name=${f.name}
            part="input"
            ?required=${f.required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            @change=${text}
            @blur=${blur}
          >
            <option value="">${i18n.t('choose')}</option>
            ${opts.map((o) => html`<option .value=${o.value} ?selected=${o.value === current}>${o.label}</option>`)}
          </select>
          ${err}
        </div>`;
      }
      return html`<fieldset
        class="field"
        part="field"
        id=${id}
        role="radiogroup"
        aria-required=${f.required ? 'true' : 'false'}
        aria-invalid=${invalid}
        aria-describedby=${described}
        @focusout=${blur}
      >
        <legend>${f.label} ${star(f, i18n)}</legend>
        ${desc}
        <div class=${f.kind === 'yesno' ? 'yesno' : ''}>
          ${opts.map(
            (o) => html`<label class="choice">
              <input
                type="radio"
                name=${f.name}
                .value=${o.value}
                .checked=${o.value === current}
                @change=${(e: Event) => emit(e, f.name, f.kind === 'yesno' ? o.value === 'true' : o.value)}
              />
              <span>${o.label}</span>
            </label>`,
          )}
        </div>
        ${err}
      </fieldset>`;
    }
    case 'multi': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return html`<fieldset class="field" part="field" id=${id} aria-invalid=${invalid} aria-describedby=${described} @focusout=${blur}>
        <legend>${f.label} ${star(f, i18n)}</legend>
        ${desc}
        ${f.options.map(
          (o) => html`<label class="choice">
            <input
              type="checkbox"
              name=${f.name}
              .value=${o.value}
              .checked=${list.includes(o.value)}
              @change=${(e: Event) =>
                emit(e, f.name, (e.currentTarget as HTMLInputElement).checked ? [...list, o.value] : list.filter((x) => x !== o.value))}
            />
            <span>${o.label}</span>
          </label>`,
        )}
        ${err}
      </fieldset>`;
    }
    case 'consent':
      return html`<div class="field" part="field">
        <label class="choice">
          <input
            id=${id}
            type="checkbox"
            name=${f.name}
            .checked=${value === true}
            ?required=${f.required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            @change=${(e: Event) => emit(e, f.name, (e.currentTarget as HTMLInputElement).checked)}
            @blur=${blur}
          />
          <span>${f.label} ${mark(f)}</span>
        </label>
        ${desc} ${err}
      </div>`;
    case 'textarea':
      return html`<div class="field" part="field">
        <label for=${id}>${f.label} ${mark(f)}</label>
        ${desc}
        <textarea
          id=${id}
          name=${f.name}
          part="input"
          ?required=${f.required}
          maxlength=${f.maxLength ?? nothing}
          aria-invalid=${invalid}
          aria-describedby=${described}
          .value=${String(value ?? '')}
          @input=${text}
          @blur=${blur}
        ></textarea>
        ${err}
      </div>`;
    default: {
      const type = { text: 'text', email: 'email', tel: 'tel', number: 'text', integer: 'text', date: 'date' }[f.kind] ?? 'text';
      const numeric = f.kind === 'number' || f.kind === 'integer';
      return html`<div class="field" part="field">
        <label for=${id}>${f.label} ${f.required ? mark(f) : html`<span class="hint">(${i18n.t('optional')})</span>`}</label>
        ${desc}
        <input
          id=${id}
          name=${f.name}
          part="input"
          type=${type}
          inputmode=${numeric ? (f.kind === 'integer' ? 'numeric' : 'decimal') : nothing}
          autocomplete=${v.autocomplete ?? 'off'}
          ?required=${f.required}
          aria-invalid=${invalid}
          aria-describedby=${described}
          .value=${String(value ?? '')}
          @input=${text}
          @blur=${blur}
        />
        ${err}
      </div>`;
    }
  }
}

/** Focuses the first control of the first field in error. */
export function focusFirstInvalid(root: ParentNode): void {
  const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return;
  const target = el.matches('fieldset') ? (el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input')) : el;
  target?.focus();
}

/**
 * The message a field shows: the server's (keyed `key` in `serverErrors`, e.g. `intake.goals`)
 * first, else the client's own check once the field has been touched.
 */
export function fieldMessage(serverErrors: Record<string, string>, key: string, f: FormField, value: unknown, touched: boolean, i18n: Localizer): string {
  const server = serverErrors[key];
  if (server) return server;
  if (!touched) return '';
  const e = validateField(f, value);
  return e ? i18n.t(e.key, e.vars) : '';
}
