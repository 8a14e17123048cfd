/**
 * `<tandem-admin-customers>`: the studio's customers. A search (name, e-mail, phone) with the
 * list paged by the API's cursor ("show more"); one customer's record: contact, bookings with
 * their intake answers (health answers only where the API gives them, with its note where it
 * withheld some), credit balance and ledger (not for instructors), messages; and for owners and
 * managers the JSON export and the erasure after a confirmation (the API's 409 lists the
 * bookings that are not over), and the customer's tags (customer-tags.ts).
 *
 * @event open-booking - open a booking in the console; `detail` is its id
 * @attr lang - en, de, fr or it
 * @attr staff-role - owner, manager or instructor
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { CustomerDetailOut, CustomersOut } from '../../../../schema/api/admin-customers.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, formatMoney, formatWhen, intlLocale, type ConsoleLang } from '../core/console-lang.ts';
import { problemAlert } from '../core/form-problem.ts';
import { customersWords, type CustomersKey } from './customers-i18n.ts';
import './customer-tags.ts';

export class TandemAdminCustomers extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    .booking { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin-bottom: 0.75rem; }
    .confirm { border: 1px solid var(--_error); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    blockquote { margin: 0.25rem 0 0; white-space: pre-wrap; }
    h2:focus, h3:focus { outline: none; }
    h2:focus-visible { outline: 3px solid var(--_focus); }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'instructor';

  @state() rows: CustomersOut['customers'] | null = null;
  @state() next: string | null = null;
  @state() q = '';
  @state() detail: CustomerDetailOut | null = null;
  @state() confirming = false;
  @state() live: string[] = [];
  @state() problem: Problem | null = null;
  @state() notice = '';
  @query('#cu-heading') private heading?: HTMLElement;
  private lastOpened = '';

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: CustomersKey): string {
    return customersWords[this.language][key];
  }

  private get studioPeople(): boolean {
    return this.staffRole !== 'instructor';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.search('');
  }

  private fail = (p: Problem): void => { this.problem = p; };

  private path(cursor?: string): string {
    const p = new URLSearchParams();
    if (this.q) p.set('q', this.q);
    if (cursor) p.set('cursor', cursor);
    const s = p.toString();
    return `/v1/admin/customers${s ? `?${s}` : ''}`;
  }

  async search(q: string): Promise<void> {
    this.q = q;
    this.problem = null;
    const page = await attempt(() => this.client.get<CustomersOut>(this.path()), this.fail);
    if (page) { this.rows = page.customers; this.next = page.next_cursor; }
  }

  private async more(): Promise<void> {
    if (!this.next) return;
    const first = this.rows?.length ?? 0;
    const page = await attempt(() => this.client.get<CustomersOut>(this.path(this.next!)), this.fail);
    if (!page) return;
    this.rows = [...(this.rows ?? []), ...page.customers];
    this.next = page.next_cursor;
    // The keyboard goes on from the first new row.
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLButtonElement>('tbody button')[first]?.focus();
  }

  async open(id: string): Promise<void> {
    this.problem = null;
    this.notice = '';
    this.confirming = false;
    this.live = [];
    const d = await attempt(() => this.client.get<CustomerDetailOut>(`/v1/admin/customers/${id}`), this.fail);
    if (!d) return;
    this.detail = d;
    this.lastOpened = id;
    await this.updateComplete;
    this.heading?.focus();
  }

  private async back(): Promise<void> {
    this.detail = null;
    this.confirming = false;
    this.problem = null;
    await this.search(this.q);
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${this.lastOpened}"]`)?.focus();
  }

  private async erase(id: string): Promise<void> {
    this.problem = null;
    this.live = [];
    try {
      await this.client.send('POST', `/v1/admin/customers/${id}/erase`);
      this.confirming = false;
      await this.open(id);
      this.notice = this.t('erased');
    } catch (e) {
      if (e instanceof AdminApiError && e.status === 409 && Array.isArray(e.body.bookings)) {
        this.live = e.body.bookings as string[];
        this.problem = { message: e.message, fields: [] };
        this.confirming = false;
      } else await attempt(() => Promise.reject(e), this.fail);
    }
  }

  override render(): TemplateResult {
    return html`<div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${problemAlert(this.problem, this.problem?.message ?? '')}
      ${this.detail ? this.detailView(this.detail) : this.listView()}`;
  }

  private status(s: string): string {
    return (customersWords[this.language] as Record<string, string>)[s] ?? s;
  }

  private listView(): TemplateResult {
    const submit = (e: SubmitEvent) => { e.preventDefault(); void this.search(String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim()); };
    return html`<h2 id="cu-heading" tabindex="-1">${this.t('heading')}</h2>
      <form class="filters" role="search" @submit=${submit}>
        <div><label for="cu-q">${this.t('search')}</label><input id="cu-q" name="q" type="search" maxlength="100" .value=${this.q}></div>
        <button class="primary" type="submit">${this.t('find')}</button>
      </form>
      ${!this.rows ? html`<p>${this.t('loading')}</p>` : !this.rows.length ? html`<p>${this.t('none')}</p>` : html`<table>
        <thead><tr><th scope="col">${this.t('name')}</th><th scope="col">${this.t('email')}</th><th scope="col">${this.t('phone')}</th>
          <th scope="col">${this.t('bookings')}</th><th scope="col">${this.t('since')}</th></tr></thead>
        <tbody>${this.rows.map((c) => html`<tr><td><button data-id=${c.id} @click=${() => this.open(c.id)}>${c.name || c.email}</button></td><td>${c.email}</td>
          <td>${c.phone ?? '—'}</td><td>${c.bookings}</td><td>${new Intl.DateTimeFormat(intlLocale(this.language), { dateStyle: 'medium' }).format(new Date(c.created_at))}</td></tr>`)}</tbody></table>
        ${this.next ? html`<p><button @click=${() => this.more()}>${this.t('more')}</button></p>` : nothing}`}`;
  }

  private detailView(d: CustomerDetailOut): TemplateResult {
    const c = d.customer;
    return html`<p><button @click=${() => this.back()}>${this.t('back')}</button></p>
      <h2 id="cu-heading" tabindex="-1">${c.name || c.email}</h2>
      <dl>
        <dt>${this.t('email')}</dt><dd>${c.email}</dd>
        <dt>${this.t('phone')}</dt><dd>${c.phone ?? '—'}</dd>
        <dt>${this.t('language')}</dt><dd>${c.language}</dd>
        <dt>${this.t('zone')}</dt><dd>${c.timezone ?? '—'}</dd>
        <dt>${this.t('since')}</dt><dd>${formatWhen(this.language, c.created_at)}</dd>
      </dl>
      ${this.studioPeople ? this.dataTools(d) : nothing}
      ${d.tags ? html`<tandem-admin-customer-tags lang=${this.language} customer=${c.id} .client=${this.client} .tags=${d.tags}></tandem-admin-customer-tags>` : nothing}
      <h3>${this.t('bookings')}</h3>
      ${d.bookings.length ? d.bookings.map((b) => html`<section class="booking" aria-labelledby="b-${b.id}">
        <h4 id="b-${b.id}">${b.program.title} · ${this.status(b.status)}</h4>
        <dl><dt>${this.t('instructor')}</dt><dd>${b.instructor.name}</dd><dt>${this.t('total')}</dt><dd>${formatMoney(this.language, b.total.amount, b.total.currency)}</dd>
          <dt>${this.t('booked')}</dt><dd>${formatWhen(this.language, b.created_at)}</dd></dl>
        <h5>${this.t('intake')}</h5>
        ${b.intake.answers.length ? html`<dl>${b.intake.answers.map((a) => html`<dt>${a.label}</dt><dd>${a.value}</dd>`)}</dl>` : html`<p>${this.t('noAnswers')}</p>`}
        ${b.intake.health_withheld ? html`<p class="notice">${this.t('healthWithheld')}</p>` : nothing}
        <p><button @click=${() => this.dispatchEvent(new CustomEvent('open-booking', { detail: b.id, bubbles: true, composed: true }))}
          aria-label="${this.t('openBooking')}: ${b.program.title}">${this.t('openBooking')}</button></p>
      </section>`) : html`<p>${this.t('noBookings')}</p>`}
      ${d.credits ? html`<h3>${this.t('credits')}</h3><p>${this.t('balance')}: <strong>${d.credits.balance}</strong></p>
        ${d.credits.ledger.length ? html`<table><caption>${this.t('ledger')}</caption>
          <thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('change')}</th><th scope="col">${this.t('after')}</th><th scope="col">${this.t('reason')}</th></tr></thead>
          <tbody>${d.credits.ledger.map((l) => html`<tr><td>${formatWhen(this.language, l.created_at)}</td><td>${l.delta > 0 ? `+${l.delta}` : l.delta}</td><td>${l.balance_after}</td><td>${l.reason}</td></tr>`)}</tbody></table>`
          : html`<p>${this.t('noCredits')}</p>`}` : nothing}
      <h3>${this.t('messages')}</h3>
      ${d.messages.length ? html`<ul>${d.messages.map((m) => html`<li><strong>${this.status(m.from === 'customer' ? 'customer' : m.from === 'staff' ? 'staff' : 'system')}</strong>
        · ${formatWhen(this.language, m.created_at)}<blockquote>${m.body}</blockquote></li>`)}</ul>` : html`<p>${this.t('noMessages')}</p>`}`;
  }

  private dataTools(d: CustomerDetailOut): TemplateResult {
    const id = d.customer.id;
    const blocking = d.bookings.filter((b) => this.live.includes(b.id));
    return html`<p class="tools"><a href=${this.client.url(`/v1/admin/customers/${id}/export`)} download=${`customer-${id}.json`}>${this.t('export')}</a>
        <button @click=${() => { this.confirming = true; this.live = []; }} aria-expanded=${String(this.confirming)}>${this.t('erase')}</button></p>
      ${this.live.length ? html`<div class="confirm"><p>${this.t('stillLive')}</p><ul>${(blocking.length ? blocking.map((b) => `${b.program.title} · ${this.status(b.status)}`) : this.live).map((line) => html`<li>${line}</li>`)}</ul></div>` : nothing}
      ${this.confirming ? html`<div class="confirm" role="group" aria-labelledby="erase-q"><p id="erase-q">${this.t('confirmErase')}</p>
        <p class="tools"><button class="primary" @click=${() => this.erase(id)}>${this.t('yesErase')}</button> <button @click=${() => { this.confirming = false; }}>${this.t('keep')}</button></p></div>` : nothing}`;
  }
}

define('tandem-admin-customers', TandemAdminCustomers);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-customers': TandemAdminCustomers }
}
