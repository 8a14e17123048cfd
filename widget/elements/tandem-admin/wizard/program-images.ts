/**
 * The wizard's banner and thumbnail: each shown as it is now, a file field that uploads the chosen
 * image at once (PUT /v1/admin/programs/:id/images/:role) and a remove button. The API decides what
 * an image is (by its bytes) and answers with the program, which this hands on.
 *
 * @event program-saved - detail: the program with its new images
 * @attr lang - en, de, fr or it
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base, tokens } from '../../../core/styles.ts';
import type { AdminProgramOut } from '../../../../schema/api/admin-programs.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { wizardWords, type WizardKey } from './words.ts';
import { consoleLang } from '../core/console-lang.ts';
import { attempt, type Problem } from '../core/shared.ts';

const ROLES = ['banner', 'thumbnail'] as const;
type Role = (typeof ROLES)[number];

export class TandemAdminProgramImages extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: false }) program!: AdminProgramOut;
  @property() override lang = 'en';

  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy: Role | null = null;

  private w(key: WizardKey): string {
    return wizardWords[consoleLang(this.lang)][key];
  }

  private async run(role: Role, work: () => Promise<AdminProgramOut>): Promise<void> {
    this.problem = null;
    this.notice = '';
    this.busy = role;
    const done = await attempt(work, (p) => { this.problem = p; });
    this.busy = null;
    if (!done) return;
    this.program = done;
    this.notice = this.w('uploaded');
    this.dispatchEvent(new CustomEvent('program-saved', { detail: done, bubbles: true, composed: true }));
  }

  private chosen(role: Role, e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    void this.run(role, () => this.client.upload<AdminProgramOut>(`/v1/admin/programs/${this.program.id}/images/${role}`, file)).then(() => { input.value = ''; });
  }

  override render(): TemplateResult {
    const images = this.program?.images ?? { banner: null, thumbnail: null };
    return html`<fieldset><legend>${this.w('images')}</legend>
      <p id="img-hint">${this.w('imageHint')}</p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.problem ? html`<p class="error">${this.problem.message}</p>` : nothing}</div>
      ${ROLES.map((role) => html`<div class="stack">
        <label for="img-${role}">${this.w(role)}</label>
        ${images[role] ? html`<img src=${images[role]!} alt="" width=${role === 'banner' ? 320 : 120} data-role=${role}>` : html`<p>${this.w('noImage')}</p>`}
        <input id="img-${role}" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="img-hint" ?disabled=${this.busy !== null}
          @change=${(e: Event) => this.chosen(role, e)}>
        ${images[role] ? html`<button type="button" aria-label="${this.w('removeImage')}: ${this.w(role)}"
          @click=${() => this.run(role, () => this.client.send<AdminProgramOut>('DELETE', `/v1/admin/programs/${this.program.id}/images/${role}`))}>${this.w('removeImage')}</button>` : nothing}
      </div>`)}
    </fieldset>`;
  }
}

if (!customElements.get('tandem-admin-program-images')) customElements.define('tandem-admin-program-images', TandemAdminProgramImages);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-program-images': TandemAdminProgramImages }
}
