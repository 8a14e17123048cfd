import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../shared/define.ts';
import { base } from '../../shared/styles.ts';
import { fieldsFromSchema, normalize, type FormField } from './schema-form.ts';
import { clearServerError, fieldMessage, focusFirstInvalid, renderField } from './form-fields.ts';
import { intakeStyles } from './intake-step.styles.ts';

/**
 * Step 3: the intake form rendered from the program's JSON Schema, with required marks,
 * inline validation (on leaving a field and on continue) and the server's per-field errors
 * (`intake.<name>`) shown on their fields.
 * @internal
 */
export class TandemIntakeStep extends StepElement {
  static override styles = [base, intakeStyles];

  @state() private values: Record<string, unknown> = {};
  @state() private touched = new Set<string>();
  @state() private summary = '';
  private loaded = false;

  private fields(): FormField[] {
    const form = this.ctx?.state.program?.intake_form;
    return form ? fieldsFromSchema(form.schema, this.ctx!.i18n.lang) : [];
  }

  protected override willUpdate(): void {
    if (!this.loaded && this.ctx) {
      this.loaded = true;
      this.values = { ...this.ctx.state.intake };
      const serverErrors = Object.keys(this.ctx.state.fieldErrors).filter((k) => k.startsWith('intake.'));
      if (serverErrors.length) this.touched = new Set(serverErrors.map((k) => k.slice(7)));
    }
  }

  /** Back from the server with errors on the answers: focus goes to the first of them, not the heading. */
  override focusHeading(): void {
    if (Object.keys(this.ctx?.state.fieldErrors ?? {}).some((k) => k.startsWith('intake.'))) focusFirstInvalid(this.renderRoot);
    else super.focusHeading();
  }

  private errorFor(f: FormField): string {
    return fieldMessage(this.ctx!, `intake.${f.name}`, f, this.values[f.name], this.touched.has(f.name));
  }

  private setValue(f: FormField, value: unknown): void {
    this.values = { ...this.values, [f.name]: value };
    clearServerError(this.ctx!, `intake.${f.name}`);
  }

  private answers(fields: FormField[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = normalize(f, this.values[f.name]);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const ctx = this.ctx!;
    const fields = this.fields();
    this.touched = new Set(fields.map((f) => f.name));
    const bad = fields.filter((f) => this.errorFor(f));
    if (bad.length) {
      this.summary = ctx.i18n.plural('errSummary', bad.length);
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    this.summary = '';
    ctx.actions.update({ intake: this.answers(fields) });
    ctx.actions.go('checkout');
  }

  private back(): void {
    this.ctx!.actions.update({ intake: this.answers(this.fields()) });
    this.ctx!.actions.go('time');
  }

  protected override render() {
    const ctx = this.ctx;
    if (!ctx?.state.program) return nothing;
    const i18n = ctx.i18n;
    const fields = this.fields();
    return html`
      <h2 tabindex="-1" part="heading">${i18n.t('intakeHeading')}</h2>
      <p class="muted">${i18n.t('requiredNote')}</p>
      <div role="alert">${this.summary ? html`<div class="notice error" part="error"><p>${this.summary}</p></div>` : nothing}</div>
      <form novalidate @submit=${this.submit}>
        ${fields.map((f) =>
          renderField(
            {
              field: f,
              value: this.values[f.name],
              error: this.errorFor(f),
              onValue: (v) => {
                this.setValue(f, v);
                if (f.kind !== 'text' && f.kind !== 'textarea' && f.kind !== 'email' && f.kind !== 'tel' && f.kind !== 'number' && f.kind !== 'integer')
                  this.touched = new Set([...this.touched, f.name]);
              },
              onBlur: () => (this.touched = new Set([...this.touched, f.name])),
            },
            i18n,
          ),
        )}
        <div class="actions">
          <button type="button" class="btn" part="button" @click=${this.back}>${i18n.t('back')}</button>
          <button
            type="submit"
            class="btn primary"
            part="button button-primary"
            @pointerenter=${() => ctx.actions.prefetch('checkout')}
            @focus=${() => ctx.actions.prefetch('checkout')}
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
