/**
 * `<tandem-admin-retention>`: how many months health answers are kept after a booking completed
 * (GET and PUT /v1/admin/studio/retention; owners and managers, 1–120). The API's field message
 * shows beside the field.
 *
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor (instructors neither read nor change it)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { RetentionOut } from '../../../../schema/api/admin-customers.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { retentionWords, type RetentionKey } from './retention-i18n.ts';

const PATH = '/v1/admin/studio/retention';

export class TandemAdminRetention extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole = 'instructor';

  @state() months: number | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: RetentionKey, n?: number): string {
    return retentionWords[this.language][key].replace('{n}', String(n ?? ''));
  }

  private get allowed(): boolean {
    return this.staffRole === 'owner' || this.staffRole === 'manager';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.allowed) void this.load();
  }

  private fail = (p: Problem): void => { this.problem = p; };

  async load(): Promise<void> {
    const r = await attempt(() => this.client.get<RetentionOut>(PATH), this.fail);
    if (r) this.months = r.health_months;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.problem = null;
    this.notice = '';
    const raw = String(new FormData(e.target as HTMLFormElement).get('health_months') ?? '').trim();
    // A blank or non-number goes as it is typed, so the API's own field message says what is wrong.
    const value = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    const r = await attempt(() => this.client.send<RetentionOut>('PUT', PATH, { health_months: value }), this.fail);
    if (r) { this.months = r.health_months; this.notice = this.t('saved', r.health_months); }
  }

  override render(): TemplateResult {
    if (!this.allowed) return html`<p>${this.t('managersOnly')}</p>`;
    const bad = fieldMessage(this.problem, 'health_months');
    return html`<p>${this.t('intro')}</p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      ${this.months === null ? html`<p>${this.t('loading')}</p>` : html`<p>${this.t('current', this.months)}</p>
        <form class="stack" @submit=${this.save} novalidate>
          <label for="health-months">${this.t('months')}</label>
          <input id="health-months" name="health_months" type="number" inputmode="numeric" min="1" max="120" step="1" required .value=${String(this.months)}
            aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? 'health-months-error' : nothing}>
          ${fieldError(this.problem, 'health_months', 'health-months')}
          <button class="primary" type="submit">${this.t('save')}</button>
        </form>`}`;
  }
}

define('tandem-admin-retention', TandemAdminRetention);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-retention': TandemAdminRetention }
}
