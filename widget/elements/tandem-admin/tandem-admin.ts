import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base, tokens } from '../../core/styles.ts';
import type { StaffSessionOut, ChooseStudioOut } from '../../../schema/api/admin-session.ts';
import type { BookingDetailOut, PipelineOut } from '../../../schema/api/admin-pipeline.ts';
import type { AdminProgramOut, AdminProgramsOut } from '../../../schema/api/admin-programs.ts';
import { PIPELINE_STATUSES, type PipelineStatus } from '../../../shared/pipeline.ts';
import { AdminApi, AdminApiError } from './core/api.ts';
import { adminLang, adminWords, type AdminKey, type AdminLang } from './i18n.ts';
import { adminStyles } from './tandem-admin.styles.ts';
import { wizardWords } from './wizard/words.ts';
import { programView, type WizardStep } from './wizard/program-view.ts';
import { bookingView } from './bookings/booking-view.ts';
import './bookings/new-booking.ts';
import { availabilityWords } from './availability/availability-i18n.ts';
import './availability/availability-view.ts';
import './signup/signup-view.ts';
import './onboarding/onboarding-view.ts';
import './settings/settings-view.ts';
import './customers/customers-view.ts';
import { customersWords } from './customers/customers-i18n.ts';
import { settingsWords } from './settings/settings-i18n.ts';
import { onboardingWords } from './onboarding/onboarding-i18n.ts';
import { signUpWords } from './signup/signup-i18n.ts';
import { consoleLang, intlLocale, type ConsoleLang } from './core/console-lang.ts';
import { payrollWords } from './payroll/payroll-i18n.ts';
import './payroll/payroll-view.ts';
import './funnel/funnel-view.ts';
import { funnelWords } from './funnel/funnel-i18n.ts';
import './marketing/marketing-view.ts';
import { marketingWords } from './marketing/marketing-i18n.ts';

type View = 'loading' | 'signin' | 'pipeline' | 'booking' | 'programs' | 'program' | 'new-booking' | 'availability'
  | 'signup' | 'onboarding' | 'settings' | 'customers'
  | 'payroll' | 'funnel' | 'marketing';

/**
 * The studio console: staff sign in with an e-mail code, then work the bookings pipeline
 * (columns by status or a table, with filters), open a booking (check in, no-show, cancel with
 * the settlement quote) and edit programs step by step. Served at /admin on the API's origin.
 *
 * @attr lang - en or de (default: the browser's language)
 * @attr api - the API's origin (default: this page's)
 * @attr view - `signup` opens the new studio's sign-up (the page at /admin/signup)
 * @cssproperty --tandem-color-primary - buttons and links
 */
export class TandemAdmin extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  @property() api = '';
  /** The view to open first: `signup` at /admin/signup, else the pipeline (or sign-in). */
  @property({ attribute: 'view' }) entry = '';

  @state() view: View = 'loading';
  @state() session: StaffSessionOut | null = null;
  @state() studios: ChooseStudioOut['studios'] | null = null;
  @state() codeSent = false;
  @state() pipeline: PipelineOut | null = null;
  @state() layout: 'columns' | 'table' = 'columns';
  @state() filters: { status: string; q: string; program: string } = { status: '', q: '', program: '' };
  @state() booking: BookingDetailOut | null = null;
  @state() programs: AdminProgramsOut['programs'] | null = null;
  @state() program: AdminProgramOut | null = null;
  @state() step: WizardStep = 'basics';
  @state() notice = '';
  @state() error = '';
  private email = '';
  private code = '';
  client = new AdminApi();

  get words(): Record<AdminKey, string> {
    return adminWords[this.language];
  }

  get language(): AdminLang {
    return adminLang(this.lang || navigator.language);
  }

  t(key: AdminKey): string {
    return this.words[key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.client = new AdminApi(this.api);
    this.client.lang = this.viewLang;
    void this.start();
  }

  /** The API's problems come back in the console's language, also after `lang` changes. */
  override willUpdate(): void {
    this.client.lang = this.viewLang;
  }

  private async start(): Promise<void> {
    if (this.entry === 'signup') { this.view = 'signup'; return; }
    try {
      // Back from Stripe's onboarding (`/admin?stripe=return|refresh`): the checklist's payments step.
      const fromStripe = new URLSearchParams(window.location.search).has('stripe');
      this.signedIn(await this.client.get<StaffSessionOut>('/v1/admin/session'), fromStripe ? 'onboarding' : 'pipeline');
    } catch {
      this.view = 'signin';
    }
  }

  private signedIn(s: StaffSessionOut, next: 'pipeline' | 'onboarding' = 'pipeline'): void {
    this.session = s;
    this.client.csrf = s.csrf_token ?? '';
    this.studios = null;
    if (next === 'onboarding') this.open('onboarding');
    else void this.landOnPipeline();
  }

  /** The first view once signed in: the pipeline when its list arrives, unless a view was picked from the menu meanwhile. */
  private async landOnPipeline(): Promise<void> {
    const waiting = this.view;
    const page = await this.attempt(() => this.client.get<PipelineOut>(`/v1/admin/bookings?${this.pipelineQuery()}`));
    if (page) this.pipeline = page;
    if (this.view === waiting) this.view = 'pipeline';
  }

  /** The language of the views that speak en/de/fr/it (sign-up, onboarding, settings, customers). */
  get viewLang(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  /** Opens a view that loads its own data. */
  open(view: View): void {
    this.error = '';
    this.notice = '';
    this.view = view;
  }

  /** Runs an API call, showing its problem as an error line instead of throwing. */
  async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.error = '';
    try {
      return await work();
    } catch (e) {
      if (e instanceof AdminApiError && e.status === 401 && this.view !== 'signin') { this.view = 'signin'; this.session = null; }
      this.error = e instanceof Error ? e.message : String(e);
      return undefined;
    }
  }

  private async sendCode(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '');
    if (await this.attempt(() => this.client.send('POST', '/v1/admin/sign-in/code', { email: this.email, locale: this.language })) !== undefined) this.codeSent = true;
  }

  private async verify(e: SubmitEvent | null, orgId?: string): Promise<void> {
    if (e) {
      e.preventDefault();
      this.code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '');
    }
    const answer = await this.attempt(() => this.client.send<StaffSessionOut | ChooseStudioOut>('POST', '/v1/admin/sign-in/verify', { email: this.email, code: this.code, ...(orgId ? { org_id: orgId } : {}) }));
    if (!answer) return;
    if (answer.status === 'choose_studio') this.studios = answer.studios;
    else this.signedIn(answer);
  }

  private async signOut(): Promise<void> {
    await this.attempt(() => this.client.send('POST', '/v1/admin/session/sign-out'));
    this.session = null;
    this.codeSent = false;
    this.view = 'signin';
  }

  pipelineQuery(): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(this.filters)) if (v) q.set(k, v);
    return q.toString();
  }

  async openPipeline(): Promise<void> {
    const page = await this.attempt(() => this.client.get<PipelineOut>(`/v1/admin/bookings?${this.pipelineQuery()}`));
    if (page) this.pipeline = page;
    this.view = 'pipeline';
  }

  async openBooking(id: string): Promise<void> {
    this.notice = '';
    const detail = await this.attempt(() => this.client.get<BookingDetailOut>(`/v1/admin/bookings/${id}`));
    if (detail) { this.booking = detail; this.view = 'booking'; }
  }

  async openPrograms(): Promise<void> {
    const list = await this.attempt(() => this.client.get<AdminProgramsOut>('/v1/admin/programs'));
    if (list) { this.programs = list.programs; this.view = 'programs'; }
  }

  async openProgram(id: string): Promise<void> {
    this.notice = '';
    const p = await this.attempt(() => this.client.get<AdminProgramOut>(`/v1/admin/programs/${id}`));
    if (p) { this.program = p; this.step = 'basics'; this.view = 'program'; }
  }

  private async createProgram(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const p = await this.attempt(() => this.client.send<AdminProgramOut>('POST', '/v1/admin/programs', { title: data.get('title'), slug: data.get('slug') }));
    if (p) { this.program = p; this.step = 'basics'; this.view = 'program'; }
  }

  private filter(e: Event): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.filters = { status: String(data.get('status') ?? ''), q: String(data.get('q') ?? '').trim(), program: String(data.get('program') ?? '').trim() };
    void this.openPipeline();
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h1>${this.t('title')}${this.session ? html` · ${this.session.studio.name}` : nothing}</h1>
        ${this.session ? html`<nav aria-label=${this.t('title')}>
          <button aria-pressed=${String(this.view === 'pipeline' || this.view === 'booking')} @click=${() => this.openPipeline()}>${this.t('pipeline')}</button>
          <button aria-pressed=${String(this.view === 'programs' || this.view === 'program')} @click=${() => this.openPrograms()}>${this.t('programs')}</button>
          <button aria-pressed=${String(this.view === 'availability')} @click=${() => { this.error = ''; this.view = 'availability'; }}>${availabilityWords[this.language].availability}</button>
          ${this.session.staff.role !== 'instructor' ? html`<button aria-pressed=${String(this.view === 'onboarding')} @click=${() => this.open('onboarding')}>${onboardingWords[this.viewLang].nav}</button>` : nothing}
          <button aria-pressed=${String(this.view === 'customers')} @click=${() => this.open('customers')}>${customersWords[this.viewLang].nav}</button>
          <button aria-pressed=${String(this.view === 'settings')} @click=${() => this.open('settings')}>${settingsWords[this.viewLang].nav}</button>
          <button aria-pressed=${String(this.view === 'payroll')} @click=${() => this.open('payroll')}>${payrollWords[this.viewLang].payroll}</button>
          ${this.session.staff.role !== 'instructor' ? html`<button aria-pressed=${String(this.view === 'funnel')} @click=${() => this.open('funnel')}>${funnelWords[this.viewLang].nav}</button>` : nothing}
          ${this.session.staff.role !== 'instructor' ? html`<button aria-pressed=${String(this.view === 'marketing')} @click=${() => this.open('marketing')}>${marketingWords[this.viewLang].nav}</button>` : nothing}
          <button @click=${() => this.signOut()}>${this.t('signOut')}</button>
        </nav>` : nothing}
      </header>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="error">${this.t('error')} ${this.error}</p>` : nothing}</div>
      <main>${this.body()}</main>`;
  }

  private body(): TemplateResult | typeof nothing {
    switch (this.view) {
      case 'loading': return html`<p>${this.t('loading')}</p>`;
      case 'signin': return this.signIn();
      case 'pipeline': return this.pipelineView();
      case 'booking': return this.booking ? bookingView(this, this.booking) : nothing;
      case 'programs': return this.programsView();
      case 'program': return this.program ? programView(this, this.program) : nothing;
      case 'new-booking': return html`<p><button @click=${() => this.openPipeline()}>${this.t('back')}</button></p>
        <tandem-admin-new-booking .client=${this.client} lang=${this.language} @booking-created=${(e: CustomEvent<string>) => this.openBooking(e.detail)}></tandem-admin-new-booking>`;
      case 'availability': return html`<tandem-admin-availability lang=${this.language} .client=${this.client} staff-role=${this.session?.staff.role ?? 'instructor'}></tandem-admin-availability>`;
      case 'signup': return html`<tandem-admin-signup lang=${this.viewLang} .client=${this.client} @signed-in=${(e: CustomEvent<StaffSessionOut>) => this.signedIn(e.detail, 'onboarding')}></tandem-admin-signup>`;
      case 'onboarding': return html`<tandem-admin-onboarding lang=${this.viewLang} .client=${this.client} staff-role=${this.session?.staff.role ?? 'instructor'}
        @console-navigate=${(e: CustomEvent<string>) => (e.detail === 'programs' ? this.openPrograms() : this.open('availability'))}></tandem-admin-onboarding>`;
      case 'customers': return html`<tandem-admin-customers lang=${this.viewLang} .client=${this.client} staff-role=${this.session?.staff.role ?? 'instructor'}
        @open-booking=${(e: CustomEvent<string>) => this.openBooking(e.detail)}></tandem-admin-customers>`;
      case 'settings': return html`<tandem-admin-settings lang=${this.viewLang} .client=${this.client} staff-role=${this.session?.staff.role ?? 'instructor'} staff-id=${this.session?.staff.id ?? ''}></tandem-admin-settings>`;
      case 'payroll': return html`<tandem-admin-payroll lang=${this.viewLang} .client=${this.client} staff-role=${this.session?.staff.role ?? 'instructor'}
        zone=${this.session?.studio.timezone ?? 'UTC'}></tandem-admin-payroll>`;
      case 'marketing': return html`<tandem-admin-marketing lang=${this.viewLang} .client=${this.client}></tandem-admin-marketing>`;
      case 'funnel': return html`<tandem-admin-funnel lang=${this.viewLang} .client=${this.client} zone=${this.session?.studio.timezone ?? 'UTC'}></tandem-admin-funnel>`;
    }
  }

  private signIn(): TemplateResult {
    if (this.studios) {
      return html`<h2>${this.t('chooseStudio')}</h2><ul>${this.studios.map((s) => html`<li><button @click=${() => this.verify(null, s.id)}>${s.name} (${s.role})</button></li>`)}</ul>`;
    }
    return html`<h2>${this.t('signIn')}</h2>
      <form class="stack" @submit=${this.sendCode}>
        <label for="email">${this.t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="email" required>
        <button class="primary" type="submit">${this.t('sendCode')}</button>
      </form>
      ${this.codeSent ? html`<p class="notice">${this.t('codeSent')}</p>
        <form id="code-form" class="stack" @submit=${(e: SubmitEvent) => this.verify(e)}>
          <label for="code">${this.t('code')}</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 ]{6,8}">
          <button class="primary" type="submit">${this.t('verify')}</button>
        </form>` : nothing}
      <p>${signUpWords[this.viewLang].newStudio} <button @click=${() => this.open('signup')}>${signUpWords[this.viewLang].heading}</button></p>`;
  }

  private pipelineView(): TemplateResult {
    const p = this.pipeline;
    return html`<h2>${this.t('pipeline')}</h2>
      ${this.session?.staff.role !== 'instructor' ? html`<p><button class="primary" @click=${() => { this.view = 'new-booking'; }}>${wizardWords[this.language].newBooking}</button></p>` : nothing}
      <form class="filters" @submit=${this.filter}>
        <div><label for="f-status">${this.t('statusFilter')}</label>
          <select id="f-status" name="status"><option value="">${this.t('all')}</option>
            ${PIPELINE_STATUSES.map((s) => html`<option value=${s} ?selected=${this.filters.status === s}>${this.t(s)}</option>`)}</select></div>
        <div><label for="f-q">${this.t('search')}</label><input id="f-q" name="q" type="search" .value=${this.filters.q}></div>
        <div><label for="f-program">${this.t('program')}</label><input id="f-program" name="program" .value=${this.filters.program}></div>
        <button type="submit" class="primary">${this.t('search')}</button>
        <button type="button" aria-pressed=${String(this.layout === 'columns')} @click=${() => { this.layout = 'columns'; }}>${this.t('columns')}</button>
        <button type="button" aria-pressed=${String(this.layout === 'table')} @click=${() => { this.layout = 'table'; }}>${this.t('table')}</button>
        <a href=${this.client.url(`/v1/admin/bookings.csv?${this.pipelineQuery()}`)} download>${this.t('exportCsv')}</a>
      </form>
      ${!p ? html`<p>${this.t('loading')}</p>` : this.layout === 'columns' ? this.columns(p) : this.table(p)}`;
  }

  private columns(p: PipelineOut): TemplateResult {
    return html`<div class="board" role="region" aria-label=${this.t('columns')} tabindex="0">${PIPELINE_STATUSES.map((s: PipelineStatus) => html`<section aria-labelledby="col-${s}">
      <h3 id="col-${s}"><span>${this.t(s)}</span> <span>${p.counts[s]}</span></h3>
      <ul>${p.bookings.filter((b) => b.status === s).map((b) => html`<li><button @click=${() => this.openBooking(b.id)}>
        <strong>${b.customer.name || b.customer.email}</strong><br>${b.program.title}<br>
        <small>${b.next_session ? this.when(b.next_session.starts_at, b.next_session.timezone) : this.t('none')}</small></button></li>`)}</ul>
    </section>`)}</div>`;
  }

  private table(p: PipelineOut): TemplateResult {
    if (!p.bookings.length) return html`<p>${this.t('noBookings')}</p>`;
    return html`<table><thead><tr><th scope="col">${this.t('customer')}</th><th scope="col">${this.t('program')}</th><th scope="col">${this.t('instructor')}</th>
      <th scope="col">${this.t('status')}</th><th scope="col">${this.t('next')}</th></tr></thead>
      <tbody>${p.bookings.map((b) => html`<tr><td><button @click=${() => this.openBooking(b.id)}>${b.customer.name || b.customer.email}</button></td>
        <td>${b.program.title}</td><td>${b.instructor.name}</td><td>${this.t(b.status)}</td>
        <td>${b.next_session ? this.when(b.next_session.starts_at, b.next_session.timezone) : this.t('none')}</td></tr>`)}</tbody></table>`;
  }

  private programsView(): TemplateResult {
    const canEdit = this.session?.staff.role !== 'instructor';
    return html`<h2>${this.t('programs')}</h2>
      <table><thead><tr><th scope="col">${this.t('titleField')}</th><th scope="col">${this.t('status')}</th><th scope="col">${this.t('visibility')}</th></tr></thead>
      <tbody>${(this.programs ?? []).map((p) => html`<tr><td><button @click=${() => this.openProgram(p.id)}>${p.title}</button></td>
        <td>${this.t(p.status as AdminKey)}</td><td>${this.t(p.visibility as AdminKey)}</td></tr>`)}</tbody></table>
      ${canEdit ? html`<h3>${this.t('newProgram')}</h3>
      <form class="stack" @submit=${this.createProgram}>
        <label for="np-title">${this.t('titleField')}</label><input id="np-title" name="title" required maxlength="200">
        <label for="np-slug">${this.t('slug')}</label><input id="np-slug" name="slug" required pattern="[a-z0-9][a-z0-9\\-]{0,63}">
        <button class="primary" type="submit">${this.t('create')}</button>
      </form>` : nothing}`;
  }

  when(iso: string, zone: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.language), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
  }

  money(m: { amount: number; currency: string }): string {
    return new Intl.NumberFormat(intlLocale(this.language), { style: 'currency', currency: m.currency }).format(m.amount / 100);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin': TandemAdmin }
}
