/**
 * `<tandem-admin-settings>`: the studio's settings in four sections. API keys (owners create a
 * publishable or secret key, shown once with a copy button, and revoke keys after a confirmation;
 * managers read them), the websites the publishable keys work from, the staff (owners invite,
 * change roles and deactivate after a confirmation; the API keeps an active owner and its 409 is
 * shown), per-person mail preferences (each person their own; owners and managers anyone's), and
 * for owners the studio's own domain for its pages (domain-view.ts), and for owners and managers
 * how long health answers are kept (retention-view.ts) and the program categories (categories-view.ts).
 *
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor
 * @attr staff-id - the signed-in person's id (their own mail preferences first)
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { KeyListOut, MailPreferencesOut, OriginListOut } from '../../../../schema/api/admin-settings.ts';
import type { StaffListOut } from '../../../../schema/api/admin-staff.ts';
import { MAIL_TOPICS, type MailTopic } from '../../../../shared/mail-topics.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { settingsWords, type SettingsKey } from './settings-i18n.ts';
import './domain-view.ts';
import './retention-view.ts';
import './categories-view.ts';

type Section = 'keys' | 'origins' | 'staff' | 'mail' | 'domain' | 'retention' | 'categories';
type Role = 'owner' | 'manager' | 'instructor';
type Confirm = { kind: 'revoke' | 'deactivate'; id: string; label: string };

export class TandemAdminSettings extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    .sections { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 1rem; }
    .once { border: 2px solid var(--_primary); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    .once code { word-break: break-all; font-size: 1.05em; }
    .confirm { border: 1px solid var(--_error); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.5rem 0.75rem; display: grid; gap: 0.4rem; }
    fieldset label { font-weight: normal; }
    td .tools { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; }
    small.error { display: block; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: Role = 'instructor';
  @property({ attribute: 'staff-id' }) staffId = '';

  @state() section: Section = 'keys';
  @state() keys: KeyListOut['keys'] | null = null;
  @state() origins: OriginListOut['origins'] | null = null;
  @state() staff: StaffListOut['staff'] | null = null;
  @state() preferences: MailPreferencesOut | null = null;
  @state() person = '';
  @state() created: { kind: string; key: string } | null = null;
  @state() confirming: Confirm | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: SettingsKey): string {
    return settingsWords[this.language][key];
  }

  private get owner(): boolean {
    return this.staffRole === 'owner';
  }

  private get sections(): Section[] {
    return this.staffRole === 'instructor' ? ['staff', 'mail'] : ['keys', 'origins', 'staff', 'mail', ...(this.owner ? ['domain' as const] : []), 'retention', 'categories'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.person = this.staffId;
    void this.show(this.sections[0]!);
  }

  async show(section: Section): Promise<void> {
    this.section = section;
    this.confirming = null;
    this.problem = null;
    await this.load();
  }

  private fail = (p: Problem): void => { this.problem = p; };

  async load(): Promise<void> {
    switch (this.section) {
      case 'keys': { const k = await attempt(() => this.client.get<KeyListOut>('/v1/admin/keys'), this.fail); if (k) this.keys = k.keys; break; }
      case 'origins': { const o = await attempt(() => this.client.get<OriginListOut>('/v1/admin/origins'), this.fail); if (o) this.origins = o.origins; break; }
      case 'staff': { const s = await attempt(() => this.client.get<StaffListOut>('/v1/admin/staff'), this.fail); if (s) this.staff = s.staff; break; }
      case 'domain': case 'retention': case 'categories': break;
      case 'mail': {
        if (this.staffRole !== 'instructor' && !this.staff) { const s = await attempt(() => this.client.get<StaffListOut>('/v1/admin/staff'), this.fail); if (s) this.staff = s.staff; }
        if (!this.person) this.person = this.staffId || this.staff?.[0]?.id || '';
        if (this.person) { const p = await attempt(() => this.client.get<MailPreferencesOut>(`/v1/admin/staff/${this.person}/mail-preferences`), this.fail); if (p) this.preferences = p; }
        break;
      }
    }
  }

  /** Sends a change, says so, and reloads the section; the API's problem shows instead when it refuses. */
  private async change<T>(work: () => Promise<T>, done: SettingsKey): Promise<T | undefined> {
    this.problem = null;
    this.notice = '';
    const answer = await attempt(work, this.fail);
    if (answer === undefined) return undefined;
    this.confirming = null;
    this.notice = this.t(done);
    await this.load();
    return answer;
  }

  private async copy(text: string): Promise<void> {
    try { await navigator.clipboard.writeText(text); this.notice = this.t('copied'); } catch { this.notice = this.t('copyFailed'); }
  }

  override render(): TemplateResult {
    return html`<h2>${this.t('heading')}</h2>
      <nav class="sections" aria-label=${this.t('sections')}>${this.sections.map((s) => html`<button aria-pressed=${String(this.section === s)} @click=${() => this.show(s)}>${this.t(s)}</button>`)}</nav>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      <section aria-labelledby="settings-section"><h3 id="settings-section">${this.t(this.section)}</h3>${this.body()}</section>`;
  }

  private body(): TemplateResult {
    switch (this.section) {
      case 'keys': return this.keysSection();
      case 'origins': return this.originsSection();
      case 'staff': return this.staffSection();
      case 'mail': return this.mailSection();
      case 'domain': return html`<tandem-admin-domain lang=${this.language} staff-role=${this.staffRole} .client=${this.client}></tandem-admin-domain>`;
      case 'retention': return html`<tandem-admin-retention lang=${this.language} staff-role=${this.staffRole} .client=${this.client}></tandem-admin-retention>`;
      case 'categories': return html`<tandem-admin-categories lang=${this.language} staff-role=${this.staffRole} .client=${this.client}></tandem-admin-categories>`;
    }
  }

  private confirmBox(c: Confirm, question: SettingsKey, yes: SettingsKey, act: () => void): TemplateResult {
    return html`<div class="confirm" role="group" aria-labelledby="confirm-q"><p id="confirm-q">${this.t(question)} <strong>${c.label}</strong></p>
      <p class="tools"><button class="primary" @click=${act}>${this.t(yes)}</button> <button @click=${() => { this.confirming = null; }}>${this.t('keepIt')}</button></p></div>`;
  }

  private keysSection(): TemplateResult {
    const c = this.confirming;
    const create = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const d = new FormData(form);
      void this.change(() => this.client.send<{ kind: string; key: string }>('POST', '/v1/admin/keys', { kind: String(d.get('kind')), label: String(d.get('label') ?? '').trim() }), 'keyCreated')
        .then((made) => { if (made) { this.created = { kind: made.kind, key: made.key }; form.reset(); } });
    };
    return html`
      ${this.created ? html`<div class="once" role="group" aria-labelledby="new-key"><p id="new-key"><strong>${this.t('newKey')}</strong>${this.created.kind === 'secret' ? html`: ${this.t('shownOnce')}` : nothing}</p>
        <p><code>${this.created.key}</code></p>
        <p class="tools"><button @click=${() => this.copy(this.created!.key)}>${this.t('copy')}</button> <button @click=${() => { this.created = null; }}>${this.t('stored')}</button></p></div>` : nothing}
      ${c?.kind === 'revoke' ? this.confirmBox(c, 'confirmRevoke', 'yesRevoke', () => void this.change(() => this.client.send('POST', `/v1/admin/keys/${c.id}/revoke`), 'keyRevoked')) : nothing}
      ${!this.keys ? html`<p>${this.t('loading')}</p>` : !this.keys.length ? html`<p>${this.t('noKeys')}</p>` : html`<table>
        <thead><tr><th scope="col">${this.t('kind')}</th><th scope="col">${this.t('label')}</th><th scope="col">${this.t('key')}</th><th scope="col">${this.t('created')}</th><th scope="col">${this.t('state')}</th>${this.owner ? html`<td></td>` : nothing}</tr></thead>
        <tbody>${this.keys.map((k) => html`<tr><td>${this.t(k.kind)}</td><td>${k.label}</td><td><code>${k.kind === 'secret' ? `${k.prefix}…` : k.prefix}</code></td>
          <td>${formatWhen(this.language, k.created_at)}</td><td>${k.revoked_at ? this.t('revoked') : this.t('active')}</td>
          ${this.owner ? html`<td>${k.revoked_at ? nothing : html`<button aria-label="${this.t('revoke')}: ${k.label || k.prefix}" @click=${() => { this.confirming = { kind: 'revoke', id: k.id, label: k.label || k.prefix }; }}>${this.t('revoke')}</button>`}</td>` : nothing}</tr>`)}</tbody></table>`}
      ${this.owner ? html`<form class="stack" @submit=${create}>
        <label for="key-kind">${this.t('kind')}</label>
        <select id="key-kind" name="kind"><option value="publishable">${this.t('publishable')}</option><option value="secret">${this.t('secret')}</option></select>
        <label for="key-label">${this.t('label')}</label><input id="key-label" name="label" maxlength="100">
        <button class="primary" type="submit">${this.t('createKey')}</button></form>` : html`<p>${this.t('ownersOnly')}</p>`}`;
  }

  private originsSection(): TemplateResult {
    const allow = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      void this.change(() => this.client.send('POST', '/v1/admin/origins', { origin: String(new FormData(form).get('origin') ?? '').trim() }), 'allowed').then((ok) => { if (ok) form.reset(); });
    };
    const bad = fieldMessage(this.problem, 'origin');
    return html`${!this.origins ? html`<p>${this.t('loading')}</p>` : !this.origins.length ? html`<p>${this.t('noOrigins')}</p>` : html`<ul>${this.origins.map((o) => html`<li><code>${o.origin}</code>
        ${this.owner ? html`<button aria-label="${this.t('remove')}: ${o.origin}" @click=${() => this.change(() => this.client.send('DELETE', `/v1/admin/origins/${o.id}`), 'removed')}>${this.t('remove')}</button>` : nothing}</li>`)}</ul>`}
      ${this.owner ? html`<form class="stack" @submit=${allow}>
        <label for="origin">${this.t('origin')}</label>
        <input id="origin" name="origin" type="url" required maxlength="300" aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? 'origin-error' : nothing}>
        ${fieldError(this.problem, 'origin', 'origin')}
        <button class="primary" type="submit">${this.t('allow')}</button></form>` : html`<p>${this.t('ownersOnly')}</p>`}`;
  }

  private staffSection(): TemplateResult {
    const c = this.confirming;
    const patch = (id: string, body: Record<string, unknown>, done: SettingsKey) => this.change(() => this.client.send('PATCH', `/v1/admin/staff/${id}`, body), done);
    const invite = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const d = new FormData(form);
      const s = (k: string) => String(d.get(k) ?? '').trim();
      void this.change(() => this.client.send('POST', '/v1/admin/staff', { name: s('name'), email: s('email'), role: s('role'), locale: this.language }), 'invited').then((ok) => { if (ok) form.reset(); });
    };
    const field = (name: string, label: SettingsKey, type = 'text') => {
      const bad = fieldMessage(this.problem, name);
      return html`<label for="inv-${name}">${this.t(label)}</label><input id="inv-${name}" name=${name} type=${type} required maxlength=${type === 'email' ? 320 : 200}
        aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `inv-${name}-error` : nothing}>${fieldError(this.problem, name, `inv-${name}`)}`;
    };
    return html`
      ${c?.kind === 'deactivate' ? this.confirmBox(c, 'confirmDeactivate', 'yesDeactivate', () => void patch(c.id, { is_active: false }, 'deactivatedDone')) : nothing}
      ${!this.staff ? html`<p>${this.t('loading')}</p>` : html`<table>
        <thead><tr><th scope="col">${this.t('name')}</th><th scope="col">${this.t('email')}</th><th scope="col">${this.t('role')}</th><th scope="col">${this.t('access')}</th></tr></thead>
        <tbody>${this.staff.map((p) => html`<tr><td>${p.name}${p.id === this.staffId ? html` ${this.t('you')}` : nothing}</td><td>${p.email}</td>
          <td>${this.owner ? html`<div class="tools"><select id="role-${p.id}" aria-label="${this.t('role')}: ${p.name}">${(['owner', 'manager', 'instructor'] as const).map((r) => html`<option value=${r} ?selected=${p.role === r}>${this.t(r)}</option>`)}</select>
            <button aria-label="${this.t('changeRole')}: ${p.name}" @click=${() => patch(p.id, { role: (this.renderRoot.querySelector<HTMLSelectElement>(`#role-${p.id}`)!).value }, 'roleChanged')}>${this.t('changeRole')}</button></div>`
            : this.t(p.role as Role)}</td>
          <td>${p.is_active ? this.t('active') : this.t('deactivated')}
            ${this.owner && p.id !== this.staffId ? (p.is_active
              ? html`<button aria-label="${this.t('deactivate')}: ${p.name}" @click=${() => { this.confirming = { kind: 'deactivate', id: p.id, label: p.name }; }}>${this.t('deactivate')}</button>`
              : html`<button aria-label="${this.t('activate')}: ${p.name}" @click=${() => patch(p.id, { is_active: true }, 'activatedDone')}>${this.t('activate')}</button>`) : nothing}</td></tr>`)}</tbody></table>`}
      ${this.owner ? html`<h4>${this.t('invite')}</h4><form class="stack" @submit=${invite}>
        ${field('name', 'name')}${field('email', 'email', 'email')}
        <label for="inv-role">${this.t('role')}</label><select id="inv-role" name="role"><option value="instructor">${this.t('instructor')}</option><option value="manager">${this.t('manager')}</option></select>
        <button class="primary" type="submit">${this.t('inviteButton')}</button></form>` : nothing}`;
  }

  private mailSection(): TemplateResult {
    const p = this.preferences;
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const d = new FormData(e.target as HTMLFormElement);
      const body = Object.fromEntries(MAIL_TOPICS.map((topic) => [topic, d.get(topic) === 'on'])) as Record<MailTopic, boolean>;
      void this.change(() => this.client.send('PUT', `/v1/admin/staff/${this.person}/mail-preferences`, body), 'preferencesSaved');
    };
    return html`${this.staffRole !== 'instructor' && this.staff ? html`<div class="filters"><div><label for="mail-person">${this.t('person')}</label>
        <select id="mail-person" @change=${(e: Event) => { this.person = (e.target as HTMLSelectElement).value; this.preferences = null; void this.load(); }}>
          ${this.staff.map((s) => html`<option value=${s.id} ?selected=${s.id === this.person}>${s.name}${s.id === this.staffId ? ` ${this.t('you')}` : ''} · ${this.t(s.role as Role)}</option>`)}</select></div></div>` : nothing}
      <p>${this.t('instructorsGet')}</p>
      ${!p ? html`<p>${this.t('loading')}</p>` : html`<form class="stack" @submit=${save}>
        <fieldset><legend>${this.t('topics')}</legend>
          ${MAIL_TOPICS.map((topic) => html`<label><input type="checkbox" name=${topic} .checked=${p.preferences[topic]}> ${this.t(topic)}</label>`)}</fieldset>
        <button class="primary" type="submit">${this.t('savePreferences')}</button></form>`}`;
  }
}

define('tandem-admin-settings', TandemAdminSettings);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-settings': TandemAdminSettings }
}
