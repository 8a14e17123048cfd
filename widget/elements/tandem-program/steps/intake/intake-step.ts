import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../../../core/define.ts';
import { base } from '../../../../core/styles.ts';
import { answersOf, fieldsFromSchema, type FormField } from '../../../../../shared/intake-form.ts';
import { fieldMessage, focusFirstInvalid, renderField } from '../../../../components/form-fields/form-fields.ts';
import type { FieldBlurEvent } from '../../../../core/events/field-blur-event.ts';
import type { FieldInputEvent } from '../../../../core/events/field-input-event.ts';
import { intakeStepStyles } from './intake-step.styles.ts';

/** Kinds whose value is typed: their check waits until the field is left. */
const TYPED = new Set(['text', 'textarea', 'email', 'tel', 'number', 'integer']);

/**
 * Step 3: the intake form rendered from the program's JSON Schema, with required marks,
 * inline validation (on leaving a field and on continue) and the server's per-field errors
 * (`intake.<name>`) shown on their fields. Renders from `state` (program, answers, field
 * errors) and `i18n`; the answers go up with a BookingChangeEvent.
 * @internal
 */
export class TandemIntakeStep extends StepElement {
  static override styles = [base, intakeStepStyles];

  @state() private values: Record<string, unknown> = {};
  @state() private touched = new Set<string>();
  @state() private summary = '';
  private loaded = false;

  private fields(): FormField[] {
    const form = this.state?.program?.intake_form;
    return form && this.i18n ? fieldsFromSchema(form.schema, this.i18n.lang) : [];
  }

  protected override willUpdate(): void {
    if (!this.loaded && this.state) {
      this.loaded = true;
      this.values = { ...this.state.intake };
      const serverErrors = Object.keys(this.state.fieldErrors).filter((k) => k.startsWith('intake.'));
      if (serverErrors.length) this.touched = new Set(serverErrors.map((k) => k.slice(7)));
    }
  }

  /** Back from the server with errors on the answers: focus goes to the first of them, not the heading. */
  override focusHeading(): void {
    if (Object.keys(this.state?.fieldErrors ?? {}).some((k) => k.startsWith('intake.'))) focusFirstInvalid(this.renderRoot);
    else super.focusHeading();
  }

  private errorFor(f: FormField): string {
    return fieldMessage(this.state!.fieldErrors, `intake.${f.name}`, f, this.values[f.name], this.touched.has(f.name), this.i18n!);
  }

  private onInput(e: FieldInputEvent): void {
    const { name, value } = e.detail;
    this.values = { ...this.values, [name]: value };
    this.clearServerError(`intake.${name}`);
    const f = this.fields().find((x) => x.name === name);
    if (f && !TYPED.has(f.kind)) this.touched = new Set([...this.touched, name]);
  }

  private onBlur(e: FieldBlurEvent): void {
    this.touched = new Set([...this.touched, e.detail.name]);
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const fields = this.fields();
    this.touched = new Set(fields.map((f) => f.name));
    const bad = fields.filter((f) => this.errorFor(f));
    if (bad.length) {
      this.summary = this.i18n!.plural('errSummary', bad.length);
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    this.summary = '';
    this.change({ intake: answersOf(fields, this.values) });
    this.goTo('checkout');
  }

  private back(): void {
    this.change({ intake: answersOf(this.fields(), this.values) });
    this.goTo('time');
  }

  protected override render() {
    const i18n = this.i18n;
    if (!this.state?.program || !i18n) return nothing;
    const fields = this.fields();
    return html`
      <h2 tabindex="-1" part="heading">${i18n.t('intakeHeading')}</h2>
      <p class="muted">${i18n.t('requiredNote')}</p>
      <div role="alert">${this.summary ? html`<div class="notice error" part="error"><p>${this.summary}</p></div>` : nothing}</div>
      <form novalidate @submit=${this.submit} @tandem-field-input=${this.onInput} @tandem-field-blur=${this.onBlur}>
        ${fields.map((f) => renderField({ field: f, value: this.values[f.name], error: this.errorFor(f) }, i18n))}
        <div class="actions">
          <button type="button" class="btn" part="button" @click=${this.back}>${i18n.t('back')}</button>
          <button
            type="submit"
            class="btn primary"
            part="button button-primary"
            @pointerenter=${() => this.prefetch('checkout')}
            @focus=${() => this.prefetch('checkout')}
          >
            ${i18n.t('continue')}
          </button>
        </div>
      </form>
    `;
  }
}

define('tandem-intake-step', TandemIntakeStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-intake-step': TandemIntakeStep;
  }
}
