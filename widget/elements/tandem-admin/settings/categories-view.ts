/**
 * `<tandem-admin-categories>`: the studio's program categories (GET, POST, PATCH, DELETE
 * /v1/admin/categories): rename one (its key; the programs filed under it move along), write its
 * label per language, delete one (the API's 409 lists the programs still using it), add one.
 * Owners and managers.
 *
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor (instructors change nothing)
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { CategoriesOut } from '../../../../schema/api/admin-programs.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { CONSOLE_LANGS, consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { problemAlert } from '../core/form-problem.ts';
import { categoriesWords, type CategoriesKey } from './categories-i18n.ts';

const PATH = '/v1/admin/categories';
type InUse = { key: string; programs: { id: string; slug: string; title: string }[] };

export class TandemAdminCategories extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    .category { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    .category h4 { margin: 0 0 0.5rem; }
    .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.5rem; }
    .fields label { display: grid; gap: 0.2rem; font-weight: normal; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole = 'instructor';

  @state() categories: CategoriesOut['categories'] | null = null;
  @state() problem: Problem | null = null;
  @state() inUse: InUse | null = null;
  @state() notice = '';

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: CategoriesKey, vars: Record<string, string> = {}): string {
    return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), categoriesWords[this.language][key]);
  }

  private get editor(): boolean {
    return this.staffRole === 'owner' || this.staffRole === 'manager';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const list = await attempt(() => this.client.get<CategoriesOut>(PATH), (p) => { this.problem = p; });
    if (list) this.categories = list.categories;
  }

  /** Sends a change; the answer is the whole list. A 409 `category_in_use` keeps its programs to show. */
  private async change(key: string | null, work: () => Promise<CategoriesOut>, done: CategoriesKey): Promise<boolean> {
    this.problem = null;
    this.inUse = null;
    this.notice = '';
    try {
      this.categories = (await work()).categories;
      this.notice = this.t(done);
      return true;
    } catch (e) {
      if (e instanceof AdminApiError && e.code === 'category_in_use' && key) this.inUse = { key, programs: (e.body.programs ?? []) as InUse['programs'] };
      await attempt(() => Promise.reject(e), (p) => { this.problem = p; });
      return false;
    }
  }

  private labelsOf(form: HTMLFormElement): Record<string, string> {
    const d = new FormData(form);
    return Object.fromEntries(CONSOLE_LANGS.map((l) => [l, String(d.get(`label-${l}`) ?? '').trim()]).filter(([, v]) => v));
  }

  private save(e: SubmitEvent, key: string): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const next = String(new FormData(form).get('key') ?? '').trim();
    const body = { ...(next && next !== key ? { key: next } : {}), labels: this.labelsOf(form) };
    void this.change(key, () => this.client.send<CategoriesOut>('PATCH', `${PATH}/${encodeURIComponent(key)}`, body), 'saved');
  }

  private add(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = { key: String(new FormData(form).get('key') ?? '').trim(), labels: this.labelsOf(form) };
    void this.change(null, () => this.client.send<CategoriesOut>('POST', PATH, body), 'added').then((ok) => { if (ok) form.reset(); });
  }

  private labelFields(id: string, labels: Record<string, string>): TemplateResult {
    return html`<div class="fields">${CONSOLE_LANGS.map((l) => html`<label for="${id}-${l}">${this.t('labelIn', { lang: this.t(l) })}
      <input id="${id}-${l}" name="label-${l}" maxlength="60" lang=${l} .value=${labels[l] ?? ''} ?disabled=${!this.editor}></label>`)}</div>`;
  }

  override render(): TemplateResult {
    return html`<p>${this.t('intro')}</p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      ${this.inUse ? html`<div class="error" role="group" aria-label=${this.t('inUse')}><p>${this.t('inUse')}</p>
        <ul>${this.inUse.programs.map((p) => html`<li>${p.title} (${p.slug})</li>`)}</ul></div>` : nothing}
      ${!this.editor ? html`<p>${this.t('managersOnly')}</p>` : nothing}
      ${!this.categories ? html`<p>${this.t('loading')}</p>` : this.categories.map((c) => this.category(c))}
      ${this.editor ? html`<form class="category" @submit=${(e: SubmitEvent) => this.add(e)}>
        <h4>${this.t('add')}</h4>
        <label for="new-key">${this.t('key')}</label>
        <input id="new-key" name="key" required pattern="[a-z0-9][a-z0-9_\\-]{0,39}" maxlength="40">
        ${this.labelFields('new', {})}
        <div class="tools"><button class="primary" type="submit">${this.t('add')}</button></div>
      </form>` : nothing}`;
  }

  private category(c: CategoriesOut['categories'][number]): TemplateResult {
    const name = c.labels[this.language] || c.labels.en || c.key;
    const id = `cat-${c.key}`;
    return html`<form class="category" aria-labelledby="${id}-name" @submit=${(e: SubmitEvent) => this.save(e, c.key)}>
      <h4 id="${id}-name">${name} <small>(${c.key} · ${this.t('programs')}: ${c.programs})</small></h4>
      <label for="${id}-key">${this.t('keyOf', { name })}</label>
      <input id="${id}-key" name="key" maxlength="40" pattern="[a-z0-9][a-z0-9_\\-]{0,39}" .value=${c.key} ?disabled=${!this.editor}>
      ${this.labelFields(id, c.labels)}
      ${this.editor ? html`<div class="tools"><button type="submit">${this.t('save')}: ${name}</button>
        <button type="button" @click=${() => this.change(c.key, () => this.client.send<CategoriesOut>('DELETE', `${PATH}/${encodeURIComponent(c.key)}`), 'removed')}>${this.t('remove')}: ${name}</button></div>` : nothing}
    </form>`;
  }
}

define('tandem-admin-categories', TandemAdminCategories);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-categories': TandemAdminCategories }
}
