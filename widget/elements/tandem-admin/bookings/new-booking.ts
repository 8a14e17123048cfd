/**
 * `<tandem-admin-new-booking>`: staff book for a customer. A published program (hidden ones too),
 * a variant, the customer, the times (in the staff member's zone; sessions left empty are
 * scheduled later), the intake answers, and how it is paid: an invoice mailed to pay by transfer,
 * a transfer already received, or a link mailed to pay online (card, TWINT) within 48 hours. Fires `booking-created` with the new booking's id.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { AdminProgramOut, AdminProgramsOut } from '../../../../schema/api/admin-programs.ts';
import type { BookingDetailOut } from '../../../../schema/api/admin-pipeline.ts';
import { fieldsFromSchema, type FormField } from '../../../../shared/intake-form.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { wizardStyles } from '../wizard/wizard.styles.ts';
import { wizardWords, type WizardKey } from '../wizard/words.ts';
import { consoleLang } from '../core/console-lang.ts';
import { attempt, instantOf, money, type Problem } from '../core/shared.ts';

export class TandemAdminNewBooking extends LitElement {
  static override styles = [tokens, base, adminStyles, wizardStyles];

  @property({ attribute: false }) client = new AdminApi();
  @property() override lang: 'en' | 'de' = 'en';

  @state() programs: AdminProgramsOut['programs'] = [];
  @state() program: AdminProgramOut | null = null;
  @state() variantId = '';
  @state() paid = false;
  /** A link mailed to pay online (the booking's page checks it out); the times are held 48 hours. */
  @state() link = false;
  @state() problem: Problem | null = null;

  w(key: WizardKey): string {
    return wizardWords[consoleLang(this.lang)][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void attempt(() => this.client.get<AdminProgramsOut>('/v1/admin/programs'), (p) => { this.problem = p; })
      .then((list) => { if (list) this.programs = list.programs.filter((p) => p.status === 'published'); });
  }

  private async choose(id: string): Promise<void> {
    this.program = null;
    this.variantId = '';
    if (!id) return;
    const p = await attempt(() => this.client.get<AdminProgramOut>(`/v1/admin/programs/${id}`), (x) => { this.problem = x; });
    if (p) { this.program = p; this.variantId = p.variants.find((v) => v.is_active)?.id ?? ''; }
  }

  private answer(f: FormField, d: FormData): unknown {
    const v = d.getAll(`q-${f.name}`).map(String);
    switch (f.kind) {
      case 'multi': return v.length ? v : undefined;
      case 'yesno': case 'consent': return v[0] === 'on' ? true : f.kind === 'yesno' ? false : undefined;
      case 'number': case 'integer': return v[0] ? Number(v[0]) : undefined;
      default: return v[0]?.trim() ? v[0].trim() : undefined;
    }
  }

  private async book(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const p = this.program;
    if (!p) return;
    const d = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(d.get(k) ?? '').trim();
    const starts = d.getAll('start').map(String).filter(Boolean).map(instantOf);
    const intake: Record<string, unknown> = {};
    if (p.form) for (const f of fieldsFromSchema(p.form, this.lang)) { const a = this.answer(f, d); if (a !== undefined) intake[f.name] = a; }
    const body = {
      program: p.id, variant: this.variantId, ...(s('instructor') ? { instructor: s('instructor') } : {}),
      customer: { name: s('name'), email: s('email'), locale: s('locale') || 'de', ...(s('phone') ? { phone: s('phone') } : {}) },
      sessions: { mode: 'explicit', starts }, intake,
      payment: this.paid ? { mode: 'paid_by_transfer', reference: s('reference') } : this.link ? { mode: 'payment_link' } : { mode: 'invoice' },
    };
    this.problem = null;
    const created = await attempt(() => this.client.send<BookingDetailOut>('POST', '/v1/admin/bookings', body), (x) => { this.problem = x; });
    if (created) this.dispatchEvent(new CustomEvent('booking-created', { detail: created.id, bubbles: true, composed: true }));
  }

  private field(f: FormField): TemplateResult {
    const id = `nb-q-${f.name}`;
    const name = `q-${f.name}`;
    const label = html`${f.label}${f.required ? ' *' : ''}`;
    switch (f.kind) {
      case 'choice': return html`<label for=${id}>${label}</label><select id=${id} name=${name} ?required=${f.required}><option value=""></option>${f.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select>`;
      case 'multi': return html`<fieldset><legend>${label}</legend>${f.options.map((o) => html`<label><input type="checkbox" name=${name} value=${o.value}> ${o.label}</label>`)}</fieldset>`;
      case 'yesno': case 'consent': return html`<label><input type="checkbox" name=${name} ?required=${f.kind === 'consent'}> ${label}</label>`;
      case 'textarea': return html`<label for=${id}>${label}</label><textarea id=${id} name=${name} rows="2" ?required=${f.required}></textarea>`;
      case 'number': case 'integer': return html`<label for=${id}>${label}</label><input id=${id} name=${name} type="number" ?required=${f.required}>`;
      case 'date': return html`<label for=${id}>${label}</label><input id=${id} name=${name} type="date" ?required=${f.required}>`;
      default: return html`<label for=${id}>${label}</label><input id=${id} name=${name} ?required=${f.required}>`;
    }
  }

  override render(): TemplateResult {
    const p = this.program;
    const variants = p?.variants.filter((v) => v.is_active) ?? [];
    const variant = variants.find((v) => v.id === this.variantId);
    const count = p ? (p.is_multi_session ? variant?.sessions_count ?? p.default_sessions_count : 1) : 0;
    return html`<h2>${this.w('newBooking')}</h2>
      <div role="alert">${this.problem ? html`<div class="error"><p>${this.problem.message}</p>${this.problem.fields.length ? html`<ul>${this.problem.fields.map((f) => html`<li>${f.field}${f.message ? html`: ${f.message}` : nothing}</li>`)}</ul>` : nothing}</div>` : nothing}</div>
      <form class="stack" @submit=${this.book}>
        <label for="nb-program">${this.w('program')}</label>
        <select id="nb-program" required @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          <option value="">${this.w('chooseProgram')}</option>${this.programs.map((x) => html`<option value=${x.id}>${x.title}</option>`)}</select>
        ${p ? html`
          <label for="nb-variant">${this.w('variant')}</label>
          <select id="nb-variant" required @change=${(e: Event) => { this.variantId = (e.target as HTMLSelectElement).value; }}>
            ${variants.map((v) => html`<option value=${v.id} ?selected=${v.id === this.variantId}>${v.name} · ${money(this.lang, v.price, v.currency)}</option>`)}</select>
          <label for="nb-name">${this.w('customerName')}</label><input id="nb-name" name="name" required maxlength="200" autocomplete="off">
          <label for="nb-email">${this.w('customerEmail')}</label><input id="nb-email" name="email" type="email" required autocomplete="off">
          <label for="nb-phone">${this.w('customerPhone')}</label><input id="nb-phone" name="phone" type="tel" autocomplete="off">
          <label for="nb-locale">${this.w('customerLang')}</label>
          <select id="nb-locale" name="locale">${(['de', 'fr', 'it', 'en'] as const).map((l) => html`<option value=${l}>${this.w(l)}</option>`)}</select>
          <fieldset><legend>${this.w('times')}</legend>${Array.from({ length: count }, (_, i) => html`
            <label for=${`nb-start-${i}`}>${this.w('sessionN')} ${i + 1}</label><input id=${`nb-start-${i}`} name="start" type="datetime-local" ?required=${i === 0}>`)}</fieldset>
          ${p.form ? html`<fieldset><legend>${this.w('intake')}</legend>${fieldsFromSchema(p.form, this.lang).map((f) => this.field(f))}</fieldset>` : nothing}
          <fieldset><legend>${this.w('payment')}</legend>
            <label><input type="radio" name="payment" value="invoice" .checked=${!this.paid && !this.link} @change=${() => { this.paid = false; this.link = false; }}> ${this.w('payInvoice')}</label>
            <label><input type="radio" name="payment" value="link" .checked=${this.link} @change=${() => { this.paid = false; this.link = true; }}> ${this.w('payLink')}</label>
            <label><input type="radio" name="payment" value="paid" .checked=${this.paid} @change=${() => { this.paid = true; this.link = false; }}> ${this.w('payTransfer')}</label>
            ${this.paid ? html`<label for="nb-reference">${this.w('reference')}</label><input id="nb-reference" name="reference" required maxlength="140">` : nothing}
          </fieldset>
          <p><button class="primary" type="submit">${this.w('book')}</button></p>` : nothing}
      </form>`;
  }
}

define('tandem-admin-new-booking', TandemAdminNewBooking);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-new-booking': TandemAdminNewBooking }
}
