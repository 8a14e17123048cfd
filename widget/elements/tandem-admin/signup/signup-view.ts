/**
 * `<tandem-admin-signup>`: a new studio signs up (the console at /admin/signup). The studio's
 * name, the owner's name and address, country, currency, language and time zone; then the
 * 6-digit code mailed to the owner, which starts the studio and signs the owner in.
 *
 * @event signed-in - the owner is signed in; `detail` is the session (StaffSessionOut)
 * @attr lang - en, de, fr or it (default: the browser's language)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { StaffSessionOut } from '../../../../schema/api/admin-session.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { CONSOLE_LANGS, consoleLang, intlLocale, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { signUpWords, type SignUpKey } from './signup-i18n.ts';

/** The countries offered first; any other two-letter code can be typed. */
const COUNTRIES = ['CH', 'LI', 'DE', 'AT', 'FR', 'IT', 'LU', 'BE', 'NL', 'GB', 'IE', 'ES', 'PT', 'US'] as const;
/** The currencies a studio can sell in (schema/api/admin-sign-up.ts, STUDIO_CURRENCIES). */
const CURRENCIES = ['CHF', 'EUR', 'GBP', 'USD'] as const;

function currencyOf(country: string): (typeof CURRENCIES)[number] {
  return country === 'CH' || country === 'LI' ? 'CHF' : country === 'GB' ? 'GBP' : country === 'US' ? 'USD' : 'EUR';
}

function zones(): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.length ? all : ['Europe/Zurich', 'Europe/Berlin', 'Europe/Vienna', 'Europe/Paris', 'Europe/Rome', 'Europe/London', 'UTC'];
}

interface Details { studio_name: string; owner_name: string; email: string; country: string; currency: string; language: ConsoleLang; timezone: string }

export class TandemAdminSignUp extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  /** The console's API client. */
  @property({ attribute: false }) client = new AdminApi();

  @state() stage: 'details' | 'code' = 'details';
  @state() details: Details = {
    studio_name: '', owner_name: '', email: '', country: 'CH', currency: 'CHF', language: 'en',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Zurich',
  };
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy = false;
  @query('#su-code') private codeInput?: HTMLInputElement;
  @query('#su-heading') private heading?: HTMLElement;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: SignUpKey): string {
    return signUpWords[this.language][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.details = { ...this.details, language: this.language };
  }

  private countryName(code: string): string {
    try { return new Intl.DisplayNames([intlLocale(this.language)], { type: 'region' }).of(code) ?? code; } catch { return code; }
  }

  private read(form: HTMLFormElement): Details {
    const d = new FormData(form);
    const s = (k: string) => String(d.get(k) ?? '').trim();
    return { studio_name: s('studio_name'), owner_name: s('owner_name'), email: s('email'), country: s('country'), currency: s('currency'), language: consoleLang(s('language')), timezone: s('timezone') };
  }

  private async send(details: Details): Promise<boolean> {
    this.problem = null;
    this.busy = true;
    await attempt(() => this.client.send('POST', '/v1/admin/sign-up', details), (p) => { this.problem = p; });
    this.busy = false;
    return this.problem === null;
  }

  private async submitDetails(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.details = this.read(e.target as HTMLFormElement);
    if (!(await this.send(this.details))) return;
    this.notice = '';
    this.stage = 'code';
    await this.updateComplete;
    this.codeInput?.focus();
  }

  private async resend(): Promise<void> {
    if (await this.send(this.details)) { this.notice = this.t('resent'); this.codeInput?.focus(); }
  }

  private async verify(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '').replace(/\s+/g, '');
    this.problem = null;
    const session = await attempt(() => this.client.send<StaffSessionOut>('POST', '/v1/admin/sign-up/verify', { email: this.details.email, code }), (p) => { this.problem = p; });
    if (session) this.dispatchEvent(new CustomEvent<StaffSessionOut>('signed-in', { detail: session, bubbles: true, composed: true }));
  }

  private async back(): Promise<void> {
    this.stage = 'details';
    this.problem = null;
    this.notice = '';
    await this.updateComplete;
    this.heading?.focus();
  }

  override render(): TemplateResult {
    return html`<h2 id="su-heading" tabindex="-1">${this.stage === 'details' ? this.t('heading') : this.t('codeHeading')}</h2>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      ${this.stage === 'details' ? this.detailsForm() : this.codeForm()}
      <p>${this.t('haveStudio')} <a href=${this.client.url('/admin')}>${this.t('signIn')}</a></p>`;
  }

  private input(field: keyof Details, label: SignUpKey, attrs: { type?: string; autocomplete?: string; max?: number } = {}): TemplateResult {
    const id = `su-${field}`;
    const bad = fieldMessage(this.problem, field);
    return html`<label for=${id}>${this.t(label)}</label>
      <input id=${id} name=${field} type=${attrs.type ?? 'text'} required maxlength=${attrs.max ?? 200} autocomplete=${attrs.autocomplete ?? 'off'}
        .value=${String(this.details[field])} aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `${id}-error` : nothing}>
      ${fieldError(this.problem, field, id)}`;
  }

  private select(field: 'country' | 'currency' | 'language' | 'timezone', label: SignUpKey, options: { value: string; label: string }[], change?: (v: string) => void): TemplateResult {
    const id = `su-${field}`;
    const bad = fieldMessage(this.problem, field);
    return html`<label for=${id}>${this.t(label)}</label>
      <select id=${id} name=${field} required aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `${id}-error` : nothing}
        @change=${(e: Event) => change?.((e.target as HTMLSelectElement).value)}>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.details[field]}>${o.label}</option>`)}
      </select>${fieldError(this.problem, field, id)}`;
  }

  private detailsForm(): TemplateResult {
    const countries = [...COUNTRIES].map((c) => ({ value: c, label: this.countryName(c) })).sort((a, b) => a.label.localeCompare(b.label, intlLocale(this.language)));
    const zoneList = zones();
    if (!zoneList.includes(this.details.timezone)) zoneList.unshift(this.details.timezone);
    return html`<p>${this.t('intro')}</p>
      <form class="stack" @submit=${this.submitDetails}>
        ${this.input('studio_name', 'studioName', { autocomplete: 'organization', max: 120 })}
        ${this.input('owner_name', 'ownerName', { autocomplete: 'name' })}
        ${this.input('email', 'email', { type: 'email', autocomplete: 'email', max: 320 })}
        ${this.select('country', 'country', countries, (v) => { this.details = { ...this.details, country: v, currency: currencyOf(v) }; })}
        ${this.select('currency', 'currency', CURRENCIES.map((c) => ({ value: c, label: c })), (v) => { this.details = { ...this.details, currency: v }; })}
        ${this.select('language', 'language', CONSOLE_LANGS.map((l) => ({ value: l, label: this.t(l) })), (v) => { this.details = { ...this.details, language: consoleLang(v) }; })}
        ${this.select('timezone', 'timezone', zoneList.map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), (v) => { this.details = { ...this.details, timezone: v }; })}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('sending') : this.t('create')}</button>
      </form>`;
  }

  private codeForm(): TemplateResult {
    return html`<p>${this.t('codeSent')} <strong>${this.details.email}</strong>. ${this.t('codeValid')}</p>
      <form class="stack" @submit=${this.verify}>
        <label for="su-code">${this.t('code')}</label>
        <input id="su-code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 ]{6,8}" maxlength="8">
        <button class="primary" type="submit">${this.t('verify')}</button>
      </form>
      <p class="tools"><button type="button" @click=${() => this.resend()}>${this.t('resend')}</button>
        <button type="button" @click=${() => this.back()}>${this.t('changeDetails')}</button></p>`;
  }
}

define('tandem-admin-signup', TandemAdminSignUp);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-signup': TandemAdminSignUp }
}
