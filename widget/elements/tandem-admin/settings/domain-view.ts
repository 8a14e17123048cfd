/**
 * `<tandem-admin-domain>`: the studio's own domain for its hosted pages (owners only). The owner
 * names the domain; the view shows the DNS records to create (a CNAME to the pages host, a TXT
 * verification record), checks them through the API, shows what is still missing, and removes
 * the domain after a confirmation.
 *
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor (only an owner changes anything)
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { DomainOut } from '../../../../schema/api/admin-domain.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { domainWords, type DomainKey } from './domain-i18n.ts';

const PATH = '/v1/admin/settings/domain';

export class TandemAdminDomain extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    td code { word-break: break-all; }
    .confirm { border: 1px solid var(--_error); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    small.error { display: block; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole = 'instructor';

  @state() domain: DomainOut['domain'] | undefined = undefined;
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() confirming = false;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: DomainKey): string {
    return domainWords[this.language][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.staffRole === 'owner') void this.load();
  }

  private fail = (p: Problem): void => { this.problem = p; };

  async load(): Promise<void> {
    const d = await attempt(() => this.client.get<DomainOut>(PATH), this.fail);
    if (d) this.domain = d.domain;
  }

  /** Sends a change; the answer is the domain as it now is, or the API's problem. */
  private async change(work: () => Promise<DomainOut>, said: (d: DomainOut['domain']) => string): Promise<void> {
    this.problem = null;
    this.notice = '';
    const answer = await attempt(work, this.fail);
    if (!answer) return;
    this.confirming = false;
    this.domain = answer.domain;
    this.notice = said(answer.domain);
  }

  override render(): TemplateResult {
    if (this.staffRole !== 'owner') return html`<p>${this.t('ownersOnly')}</p>`;
    return html`<p>${this.t('intro')}</p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      ${this.domain === undefined ? html`<p>${this.t('loading')}</p>` : html`${this.domain ? this.current(this.domain) : nothing}${this.form()}`}`;
  }

  private current(d: NonNullable<DomainOut['domain']>): TemplateResult {
    const check = () => this.change(() => this.client.send<DomainOut>('POST', `${PATH}/verify`),
      (after) => (after?.status === 'verified' ? this.t('checkedOk') : `${this.t('checkedMissing')} ${(after?.missing ?? []).map((m) => this.t(`missing_${m}`)).join(', ')}`));
    return html`<dl>
        <dt>${this.t('host')}</dt><dd><code>${d.host}</code></dd>
        <dt>${this.t('status')}</dt><dd>${d.status === 'verified' ? html`${this.t('verified')} · <a href=${d.url} rel="noopener" target="_blank">${this.t('open')}</a>` : this.t('pending')}</dd>
        ${d.checked_at ? html`<dt>${this.t('lastChecked')}</dt><dd>${formatWhen(this.language, d.checked_at)}${d.missing.length ? ` · ${d.missing.map((m) => this.t(`missing_${m}`)).join(', ')}` : ''}</dd>` : nothing}
      </dl>
      <table><caption>${this.t('records')}</caption>
        <thead><tr><th scope="col">${this.t('type')}</th><th scope="col">${this.t('name')}</th><th scope="col">${this.t('value')}</th></tr></thead>
        <tbody>${d.records.map((r) => html`<tr><td>${r.type}</td><td><code>${r.name}</code></td><td><code>${r.value}</code></td></tr>`)}</tbody></table>
      <p class="tools"><button class="primary" @click=${check}>${this.t('check')}</button> <button @click=${() => { this.confirming = true; }}>${this.t('remove')}</button></p>
      ${this.confirming ? html`<div class="confirm" role="group" aria-labelledby="remove-q"><p id="remove-q">${this.t('confirmRemove')} <strong>${d.host}</strong></p>
        <p class="tools"><button class="primary" @click=${() => this.change(() => this.client.send<DomainOut>('DELETE', PATH), () => this.t('removed'))}>${this.t('yesRemove')}</button>
        <button @click=${() => { this.confirming = false; }}>${this.t('keep')}</button></p></div>` : nothing}`;
  }

  private form(): TemplateResult {
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const host = String(new FormData(e.target as HTMLFormElement).get('host') ?? '').trim();
      void this.change(() => this.client.send<DomainOut>('PUT', PATH, { host }), () => this.t('saved'));
    };
    const bad = fieldMessage(this.problem, 'host');
    return html`<form class="stack" @submit=${save}>
      <label for="domain-host">${this.t('host')}</label>
      <input id="domain-host" name="host" required maxlength="253" autocomplete="off" spellcheck="false" placeholder="book.studio.ch" .value=${this.domain?.host ?? ''}
        aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? 'domain-host-error' : nothing}>
      ${fieldError(this.problem, 'host', 'domain-host')}
      <button class="primary" type="submit">${this.t('save')}</button></form>`;
  }
}

define('tandem-admin-domain', TandemAdminDomain);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-domain': TandemAdminDomain }
}
