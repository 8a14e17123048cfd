/**
 * `<tandem-admin-onboarding>`: the new studio's checklist. Each step says whether it is done:
 * the studio profile (legal name, address, VAT number or not registered, IBAN or QR-IBAN), a
 * first published program and weekly hours (links into the wizard and the availability view),
 * the website origin to allow, payments, and the embed snippet with a copy button and a live
 * preview (the booking widget itself, loaded on demand, showing the studio's first program).
 *
 * @event console-navigate - go to another console view; `detail` is 'programs' or 'availability'
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor (allowing origins and making keys are for owners)
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { OnboardingOut, StudioProfileOut } from '../../../../schema/api/admin-settings.ts';
import { AdminApi } from '../core/api.ts';
import './stripe-connect.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { onboardingWords, type OnboardingKey } from './onboarding-i18n.ts';

type StepKey = OnboardingOut['steps'][number]['key'];

export class TandemAdminOnboarding extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    ol.checklist { padding-inline-start: 1.25rem; display: grid; gap: 1rem; }
    ol.checklist > li { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; }
    .state { font-weight: 600; }
    .state.done { color: var(--_primary); }
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.5rem 0.75rem; display: grid; gap: 0.4rem; }
    fieldset label { font-weight: normal; }
    pre { white-space: pre-wrap; word-break: break-all; background: var(--_surface); padding: 0.75rem; border-radius: var(--_radius); }
    .preview { border: 1px dashed var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin: 0.5rem 0 0; }
    .preview figcaption { font-weight: 600; }
    small.error { display: block; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'owner';

  @state() onboarding: OnboardingOut | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() vatRegistered = false;
  @state() accountKind: 'iban' | 'qr_iban' = 'iban';
  @state() previewing = false;
  @state() previewReady = false;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: OnboardingKey): string {
    return onboardingWords[this.language][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const o = await attempt(() => this.client.get<OnboardingOut>('/v1/admin/onboarding'), (p) => { this.problem = p; });
    if (!o) return;
    if (!this.onboarding && o.profile) {
      this.vatRegistered = o.profile.vat_number !== null;
      this.accountKind = o.profile.qr_iban ? 'qr_iban' : 'iban';
    }
    this.onboarding = o;
  }

  private async run<T>(work: () => Promise<T>, done: OnboardingKey): Promise<T | undefined> {
    this.problem = null;
    this.notice = '';
    const answer = await attempt(work, (p) => { this.problem = p; });
    if (answer !== undefined) { this.notice = this.t(done); await this.load(); }
    return answer;
  }

  private saveProfile(e: SubmitEvent): void {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(d.get(k) ?? '').trim();
    const body = {
      legal_name: s('legal_name'), street: s('street'), ...(s('building_number') ? { building_number: s('building_number') } : {}),
      postal_code: s('postal_code'), city: s('city'), country: s('country'),
      vat_number: this.vatRegistered ? s('vat_number') : null,
      ...(this.accountKind === 'iban' ? { iban: s('account') } : { qr_iban: s('account') }),
      ...(s('email') ? { email: s('email') } : {}),
      // Empty: no colour (a neutral band); the API answers 400 for anything but #rrggbb.
      brand_color: s('brand_color').toLowerCase() || null,
    };
    void this.run(() => this.client.send<StudioProfileOut>('PUT', '/v1/admin/studio/profile', body), 'profileSaved');
  }

  private allowOrigin(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const origin = String(new FormData(form).get('origin') ?? '').trim();
    void this.run(() => this.client.send('POST', '/v1/admin/origins', { origin }), 'allowed').then((ok) => { if (ok) form.reset(); });
  }

  private createKey(): void {
    void this.run(() => this.client.send('POST', '/v1/admin/keys', { kind: 'publishable', label: 'Website' }), 'done');
  }

  private snippet(o: OnboardingOut): string {
    return o.embed ? `${o.embed.script}\n${o.embed.element}` : '';
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = this.t('copied');
    } catch {
      this.notice = this.t('copyFailed');
    }
  }

  private async togglePreview(): Promise<void> {
    this.previewing = !this.previewing;
    // The widget is loaded only when asked for: the console does not need it otherwise.
    if (this.previewing && !this.previewReady) {
      await import('../../../entries/tandem.ts');
      this.previewReady = true;
    }
  }

  private go(view: 'programs' | 'availability'): void {
    this.dispatchEvent(new CustomEvent('console-navigate', { detail: view, bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    const o = this.onboarding;
    const done = o?.steps.filter((s) => s.done).length ?? 0;
    return html`<h2>${this.t('heading')}</h2>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      ${!o ? html`<p>${this.t('loading')}</p>` : html`
        <p>${o.complete ? this.t('complete') : `${done} ${this.t('of')} ${o.steps.length} ${this.t('progress')}`}</p>
        <ol class="checklist">
          ${o.steps.map((s) => html`<li aria-labelledby="step-${s.key}">${this.stepHead(s.key, s.done)}${this.stepBody(s.key, o)}</li>`)}
          <li aria-labelledby="step-embed">${this.stepHead('embed', o.embed !== null)}${this.embed(o)}</li>
        </ol>`}`;
  }

  private stepHead(key: StepKey | 'embed', done: boolean): TemplateResult {
    return html`<h3 id="step-${key}">${this.t(key)} · <span class="state ${done ? 'done' : ''}">${done ? this.t('done') : this.t('todo')}</span></h3>`;
  }

  private stepBody(key: StepKey, o: OnboardingOut): TemplateResult {
    switch (key) {
      case 'profile': return this.profileForm(o.profile);
      case 'program': return html`<p>${this.t('programHint')}</p><button @click=${() => this.go('programs')}>${this.t('openPrograms')}</button>`;
      case 'availability': return html`<p>${this.t('availabilityHint')}</p><button @click=${() => this.go('availability')}>${this.t('openAvailability')}</button>`;
      case 'origin': return this.originForm();
      case 'payments': return html`<p>${this.t('paymentsQr')}</p>
        <tandem-admin-stripe-connect lang=${this.lang} staff-role=${this.staffRole} .client=${this.client} ?configured=${o.stripe?.configured ?? false}
          state=${o.stripe?.state ?? 'not_connected'} @stripe-connect-changed=${() => void this.load()}></tandem-admin-stripe-connect>`;
    }
  }

  private text(field: string, label: OnboardingKey, value: string | undefined, attrs: { required?: boolean; max?: number; autocomplete?: string; type?: string } = {}): TemplateResult {
    const id = `ob-${field}`;
    const bad = fieldMessage(this.problem, field === 'account' ? this.accountKind : field);
    return html`<label for=${id}>${this.t(label)}</label>
      <input id=${id} name=${field} type=${attrs.type ?? 'text'} .value=${value ?? ''} ?required=${attrs.required ?? true} maxlength=${attrs.max ?? 140}
        autocomplete=${attrs.autocomplete ?? 'off'} aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `${id}-error` : nothing}>
      ${fieldError(this.problem, field === 'account' ? this.accountKind : field, id)}`;
  }

  private profileForm(p: StudioProfileOut | null): TemplateResult {
    return html`<p>${this.t('profileHint')}</p>
      <form class="stack" @submit=${this.saveProfile}>
        ${this.text('legal_name', 'legalName', p?.legal_name, { autocomplete: 'organization' })}
        ${this.text('street', 'street', p?.street, { max: 70, autocomplete: 'address-line1' })}
        ${this.text('building_number', 'buildingNumber', p?.building_number, { required: false, max: 16 })}
        ${this.text('postal_code', 'postalCode', p?.postal_code, { max: 16, autocomplete: 'postal-code' })}
        ${this.text('city', 'city', p?.city, { max: 35, autocomplete: 'address-level2' })}
        ${this.text('country', 'country', p?.country ?? 'CH', { max: 2, autocomplete: 'country' })}
        <fieldset><legend>${this.t('vat')}</legend>
          <label><input type="radio" name="vat" value="none" .checked=${!this.vatRegistered} @change=${() => { this.vatRegistered = false; }}> ${this.t('vatNone')}</label>
          <label><input type="radio" name="vat" value="registered" .checked=${this.vatRegistered} @change=${() => { this.vatRegistered = true; }}> ${this.t('vatRegistered')}</label>
          ${this.vatRegistered ? this.text('vat_number', 'vatNumber', p?.vat_number ?? '', { max: 30 }) : nothing}
        </fieldset>
        <fieldset><legend>${this.t('account')}</legend>
          <label><input type="radio" name="account_kind" value="iban" .checked=${this.accountKind === 'iban'} @change=${() => { this.accountKind = 'iban'; }}> ${this.t('ibanKind')}</label>
          <label><input type="radio" name="account_kind" value="qr_iban" .checked=${this.accountKind === 'qr_iban'} @change=${() => { this.accountKind = 'qr_iban'; }}> ${this.t('qrIbanKind')}</label>
          ${this.text('account', this.accountKind === 'iban' ? 'iban' : 'qrIban', this.accountKind === 'iban' ? p?.iban : p?.qr_iban, { max: 42 })}
        </fieldset>
        ${this.text('email', 'billingEmail', p?.email, { required: false, max: 320, type: 'email', autocomplete: 'email' })}
        ${this.brandColor(p?.brand_color ?? '')}
        <button class="primary" type="submit">${this.t('saveProfile')}</button>
      </form>`;
  }

  /** The mails' brand colour: a colour picker and its hex text, kept in step; the text is what is sent. */
  private brandColor(value: string): TemplateResult {
    const bad = fieldMessage(this.problem, 'brand_color');
    const hex = (v: string) => /^#[0-9a-f]{6}$/i.test(v.trim());
    const picked = (e: Event) => {
      const text = this.renderRoot.querySelector<HTMLInputElement>('#ob-brand_color');
      if (text) text.value = (e.target as HTMLInputElement).value;
    };
    const typed = (e: Event) => {
      const v = (e.target as HTMLInputElement).value.trim();
      const swatch = this.renderRoot.querySelector<HTMLInputElement>('#ob-brand_color-picker');
      if (swatch && hex(v)) swatch.value = v.toLowerCase();
    };
    return html`<fieldset><legend>${this.t('brandColor')}</legend>
      <p id="ob-brand_color-hint">${this.t('brandColorHint')}</p>
      <label for="ob-brand_color-picker">${this.t('brandColorPicker')}</label>
      <input id="ob-brand_color-picker" type="color" .value=${hex(value) ? value.toLowerCase() : '#1f2937'} @input=${picked}>
      <label for="ob-brand_color">${this.t('brandColorHex')}</label>
      <input id="ob-brand_color" name="brand_color" type="text" .value=${value} maxlength="7" autocomplete="off" spellcheck="false" @input=${typed}
        aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? 'ob-brand_color-hint ob-brand_color-error' : 'ob-brand_color-hint'}>
      ${fieldError(this.problem, 'brand_color', 'ob-brand_color')}
    </fieldset>`;
  }

  private originForm(): TemplateResult {
    if (this.staffRole !== 'owner') return html`<p>${this.t('originHint')}</p><p>${this.t('ownersOnly')}</p>`;
    return html`<p>${this.t('originHint')}</p>
      <form class="stack" @submit=${this.allowOrigin}>
        ${this.text('origin', 'originField', '', { max: 300, type: 'url' })}
        <button class="primary" type="submit">${this.t('allow')}</button>
      </form>`;
  }

  private embed(o: OnboardingOut): TemplateResult {
    if (!o.embed) {
      return html`<p>${this.t('noKey')}</p>${this.staffRole === 'owner'
        ? html`<button class="primary" @click=${() => this.createKey()}>${this.t('createKey')}</button>` : html`<p>${this.t('ownersOnly')}</p>`}`;
    }
    const snippet = this.snippet(o);
    const key = /key="([^"]+)"/.exec(o.embed.element)?.[1] ?? '';
    return html`<p>${this.t('embedHint')}</p>
      <pre aria-label=${this.t('snippet')}><code>${snippet}</code></pre>
      <p class="tools"><button @click=${() => this.copy(snippet)}>${this.t('copy')}</button>
        <button aria-expanded=${String(this.previewing)} aria-controls="embed-preview" @click=${() => this.togglePreview()}>${this.previewing ? this.t('hidePreview') : this.t('preview')}</button></p>
      <div id="embed-preview">${this.previewing ? html`<figure class="preview"><figcaption>${this.t('previewTitle')}</figcaption>
        ${!o.embed.program ? html`<p>${this.t('noProgram')}</p>` : this.previewReady
          ? html`<tandem-program key=${key} program=${o.embed.program} api=${this.client.url('') || location.origin} lang=${this.language}></tandem-program>`
          : html`<p>${this.t('loading')}</p>`}</figure>` : nothing}</div>`;
  }
}

define('tandem-admin-onboarding', TandemAdminOnboarding);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-onboarding': TandemAdminOnboarding }
}
