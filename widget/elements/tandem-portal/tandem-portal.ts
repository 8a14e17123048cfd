import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiClient, ApiError, scriptOrigin } from '../../core/api/client.ts';
import { Localizer, langOf, type Lang } from '../../core/i18n/localizer.ts';
import { loadCatalog } from '../../core/i18n/catalogs.ts';
import { loadErrorTable } from '../../core/i18n/errors.ts';
import { errorMessage } from '../../core/templates.ts';
import { base, tokens } from '../../core/styles.ts';
import { requestIdentityCode, verifyIdentityCode } from '../../core/api/identity.ts';
import * as portal from '../../core/api/portal.ts';
import type { BalancePaymentOut, CancellationQuote, CardSetupOut, PaymentLinkCheckoutOut, PortalBookingDetail, PortalBookingSummary } from '../../core/api/portal.ts';
import { portalEn, type PortalKey, type PortalMessages } from './i18n/en.ts';
import { fillTemplate } from '../../../shared/template.ts';
import { portalStyles } from './tandem-portal.styles.ts';
import { bookingView } from './booking-view.ts';
import { referralPanel } from './referral-panel.ts';
import type { Picking } from './portal-host.ts';

const portalCatalogs: Record<Exclude<Lang, 'en'>, () => Promise<PortalMessages>> = {
  de: () => import('./i18n/de.ts').then((m) => m.portalDe),
  fr: () => import('./i18n/fr.ts').then((m) => m.portalFr),
  it: () => import('./i18n/it.ts').then((m) => m.portalIt),
};

/**
 * The customer's own bookings: sessions, booking the next one (the booking widget's time step,
 * loaded when asked for), moving one session or the series, cancelling with the settlement quote
 * shown line by line, milestones, payments and documents. Opened with a manage link's `token`
 * (the page at /manage/<token>), or, embedded on the studio's site with `key`, after an e-mail code.
 *
 * @attr token - a manage link's token (the booking's customer, that booking only)
 * @attr refund - a bank refund of the booking: its account form is shown focused (the mails link there)
 * @attr pay - present: a booking the studio made with a payment link opens at its payment (the mail's `?pay=1` link)
 * @attr key - the studio's publishable key (sign-in by e-mail code, free times)
 * @attr booking - the booking to open first
 * @attr lang - en, de, fr or it (default: the page's language)
 * @csspart panel - each section
 * @cssproperty --tandem-color-primary - buttons and links
 */
export class TandemPortal extends LitElement {
  static override styles = [tokens, base, portalStyles];

  @property() token = '';
  @property() key = '';
  @property() booking = '';
  /** A bank refund of the booking whose account form takes the focus (the mails' `?refund=<id>` link). */
  @property() refund = '';
  /** The payment-link mail's `?pay=1`: the booking opens at its payment when it has one to pay. */
  @property({ type: Boolean }) pay = false;
  @property() override lang = '';

  @state() private bearer = '';
  @state() private i18n = new Localizer('en');
  @state() private msgs: PortalMessages = portalEn;
  @state() private bookings: PortalBookingSummary[] | null = null;
  @state() private detail: PortalBookingDetail | null = null;
  @state() private error: unknown = null;
  @state() private notice = '';
  @state() private busy = false;
  @state() private quote: { quote: CancellationQuote; sessionId?: string | undefined } | null = null;
  @state() private picking: Picking | null = null;
  @state() private pickerReady = false;
  @state() private codeSent = false;
  @state() private thread: portal.PortalMessages | null = null;
  @state() private feedUrl = '';
  @state() private cardSetup: CardSetupOut['setup'] | null = null;
  @state() private balancePayment: BalancePaymentOut['payment'] | null = null;
  @state() private linkPayment: NonNullable<PaymentLinkCheckoutOut['payment']> | null = null;
  @state() private referral: portal.PortalReferralOut | null = null;
  private email = '';

  private get origin(): string {
    return scriptOrigin();
  }

  private get api(): ApiClient {
    return portal.portalClient(this.origin, this.bearer);
  }

  /** The portal API with the customer's bearer (the homework control uses it). */
  get portalApi(): ApiClient {
    return this.api;
  }

  /** The embed API with the studio's key: free times and e-mail codes. */
  get embedApi(): ApiClient | null {
    return this.key ? new ApiClient(this.origin, this.key) : null;
  }

  t(key: PortalKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(this.msgs[key] ?? portalEn[key], vars);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    const lang = langOf(this.lang || document.documentElement.lang) ?? 'en';
    const [catalog, msgs] = await Promise.all([
      loadCatalog(lang),
      lang === 'en' ? Promise.resolve(portalEn) : portalCatalogs[lang]().catch(() => portalEn),
      loadErrorTable(lang),
    ]);
    this.i18n = new Localizer(lang, catalog);
    this.msgs = msgs;
    if (this.token) {
      this.bearer = this.token;
      await this.loadList();
    }
  }

  private async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      return await work();
    } catch (err) {
      this.error = err;
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async loadList(): Promise<void> {
    await this.run(async () => {
      // Both before either shows: a single booking opens at once, without the list flashing by.
      const list = await portal.listBookings(this.api);
      const first = this.booking || (list.length === 1 ? list[0]!.id : '');
      this.detail = first ? await portal.getBooking(this.api, first) : null;
      this.bookings = list;
    });
    void this.loadThread();
    // The payment-link mail (`?pay=1`): straight to the payment, once.
    if (this.pay && this.detail?.actions.pay_now) {
      this.pay = false;
      await this.payNow();
    }
    // The referral code is extra: without it the portal works as before.
    this.referral = await portal.getReferral(this.api).catch(() => null);
  }

  /** Copies the referral link; where the browser refuses, the link is selected to copy by hand. */
  private async copyReferral(link: string, input: HTMLInputElement | null): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.notice = this.t('copied');
    } catch {
      input?.focus();
      input?.select();
    }
  }

  private async loadThread(): Promise<void> {
    const d = this.detail;
    this.thread = null;
    if (d?.actions.message) this.thread = await portal.listMessages(this.api, d.id).catch(() => null);
  }

  async sendMessage(body: string): Promise<boolean> {
    const d = this.detail;
    if (!d || !body.trim()) return false;
    const thread = await this.run(() => portal.postMessage(this.api, d.id, body));
    if (!thread) return false;
    this.thread = thread;
    this.notice = this.t('sent');
    return true;
  }

  async open(id: string): Promise<void> {
    await this.run(async () => {
      this.detail = await portal.getBooking(this.api, id);
      this.quote = null;
      this.picking = null;
    });
    void this.loadThread();
    await this.updateComplete;
    // A mail's link to a bank refund's account form: that form takes the focus itself when it is shown.
    if (this.detail?.money?.bank_refunds.some((r) => r.id === this.refund)) return;
    this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
  }

  /** After a change: the booking as the server now has it, and a short spoken confirmation. */
  private applied(detail: PortalBookingDetail, notice: PortalKey): void {
    this.detail = detail;
    this.quote = null;
    this.picking = null;
    this.notice = this.t(notice);
    if (this.bookings) void portal.listBookings(this.api).then((b) => { this.bookings = b; }, () => undefined);
  }

  async pickTime(picking: Picking): Promise<void> {
    this.picking = picking;
    this.quote = null;
    if (!this.pickerReady) {
      // The booking widget's own time step, loaded only now.
      await import('./time-picker.ts');
      this.pickerReady = true;
    }
  }

  async picked(starts: string[]): Promise<void> {
    const d = this.detail;
    const p = this.picking;
    const first = starts[0];
    if (!d || !p || !first) return;
    const out = await this.run(() => {
      switch (p.kind) {
        case 'book': return portal.scheduleSessions(this.api, d.id, [first]);
        case 'series-book': return portal.scheduleSessions(this.api, d.id, starts);
        case 'move': return portal.rescheduleSession(this.api, d.id, p.sessionId, first);
        case 'series-move': return portal.rescheduleSeries(this.api, d.id, first);
      }
    });
    if (out) this.applied(out, p.kind === 'book' || p.kind === 'series-book' ? 'booked' : 'moved');
  }

  /** "Update card": Stripe's Payment Element in setup mode (its chunk loaded now), or the test processor's button. */
  async updateCard(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    this.closePanels();
    const out = await this.run(() => portal.startCardUpdate(this.api, d.id));
    if (!out) return;
    if (out.setup.provider === 'stripe') await import('../../components/stripe-payment/stripe-payment.ts');
    this.cardSetup = out.setup;
  }

  /** The card was confirmed in the browser; the provider's webhook puts it on the plan. */
  async cardConfirmed(): Promise<void> {
    const d = this.detail;
    this.cardSetup = null;
    this.notice = this.t('cardSaved');
    if (d) this.detail = (await portal.getBooking(this.api, d.id).catch(() => null)) ?? d;
  }

  async saveTestCard(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    const out = await this.run(() => portal.confirmTestCard(this.api, d.id));
    if (out) {
      this.applied(out, 'cardSaved');
      this.cardSetup = null;
    }
  }

  /** "Pay now by card": the Payment Element for the open balance (its chunk loaded now); the webhook records the money. */
  async payBalanceOnce(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    this.closePanels();
    const out = await this.run(() => portal.startBalancePayment(this.api, d.id));
    if (!out) return;
    if (out.payment.provider === 'stripe') await import('../../components/stripe-payment/stripe-payment.ts');
    this.balancePayment = out.payment;
  }

  /** Stripe took the payment in the browser; the booking shows it once the provider's webhook has recorded it. */
  async balancePaid(): Promise<void> {
    const d = this.detail;
    this.balancePayment = null;
    this.notice = this.t('balancePaid');
    if (d) this.detail = (await portal.getBooking(this.api, d.id).catch(() => null)) ?? d;
  }

  /** "Pay now" on a booking the studio made with a payment link: the widget's checkout, then the Payment Element (or the test processor's button). */
  async payNow(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    this.closePanels();
    const out = await this.run(() => portal.startPaymentLinkCheckout(this.api, d.id));
    if (!out) return;
    if (!out.payment) {
      const fresh = await this.run(() => portal.getBooking(this.api, d.id));
      if (fresh) this.applied(fresh, 'linkPaid');
      return;
    }
    if (out.payment.provider === 'stripe') await import('../../components/stripe-payment/stripe-payment.ts');
    this.linkPayment = out.payment;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#pay-now-heading')?.focus();
  }

  /** Stripe took the payment in the browser; the booking is confirmed once the provider's webhook has recorded it. */
  async linkPaid(): Promise<void> {
    const d = this.detail;
    this.linkPayment = null;
    this.notice = this.t('balancePaid');
    if (d) this.detail = (await portal.getBooking(this.api, d.id).catch(() => null)) ?? d;
  }

  async payTestLink(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    const out = await this.run(() => portal.payTestPaymentLink(this.api, d.id));
    if (out) {
      this.linkPayment = null;
      this.applied(out, 'linkPaid');
    }
  }

  async payBalance(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    const out = await this.run(() => portal.payBalance(this.api, d.id));
    if (out) {
      this.applied(out.booking, 'done');
      this.notice = this.t('balanceCharging', { amount: this.i18n.money(out.charge.amount.amount, out.charge.amount.currency) });
    }
  }

  /** One scheduled session's calendar file, fetched with the bearer. */
  async addToCalendar(sessionId: string, filename: string): Promise<void> {
    const d = this.detail;
    if (d) await this.download(portal.sessionIcsUrl(this.origin, d.id, sessionId), filename);
  }

  async moveSeries(weeks: number): Promise<void> {
    const d = this.detail;
    if (!d) return;
    const out = await this.run(() => portal.rescheduleSeries(this.api, d.id, weeks));
    if (out) this.applied(out, 'moved');
  }

  async askCancel(sessionId?: string): Promise<void> {
    const d = this.detail;
    if (!d) return;
    this.picking = null;
    const quote = await this.run(() => portal.cancellationQuote(this.api, d.id, sessionId));
    if (quote) {
      this.quote = { quote, sessionId };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#quote-heading')?.focus();
    }
  }

  async confirmCancel(): Promise<void> {
    const d = this.detail;
    const q = this.quote;
    if (!d || !q) return;
    const out = await this.run(() => portal.cancel(this.api, d.id, q.quote.quote_id, q.sessionId));
    if (out) this.applied(out.booking, 'done');
  }

  closePanels(): void {
    this.quote = null;
    this.picking = null;
    this.cardSetup = null;
    this.balancePayment = null;
    this.linkPayment = null;
  }

  async download(url: string, filename: string): Promise<void> {
    await this.run(() => portal.download(this.api, url, filename));
  }

  private async sendCode(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.embedApi;
    const form = e.target as HTMLFormElement;
    this.email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    if (!api || !this.email) return;
    const ok = await this.run(() => requestIdentityCode(api, this.email, this.i18n.lang, crypto.randomUUID()));
    if (ok) this.codeSent = true;
  }

  private async verify(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.embedApi;
    const code = ((e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value;
    if (!api) return;
    const session = await this.run(() => verifyIdentityCode(api, this.email, code, crypto.randomUUID()));
    if (session) {
      this.bearer = session.identity_token;
      await this.loadList();
    }
  }

  private async signOut(): Promise<void> {
    await this.run(() => portal.signOut(this.api));
    this.bearer = '';
    this.token = '';
    this.bookings = null;
    this.detail = null;
    this.codeSent = false;
    this.referral = null;
    this.notice = this.t('signedOut');
  }

  private async subscribe(): Promise<void> {
    const out = await this.run(() => portal.calendarLink(this.api));
    if (out) this.feedUrl = out.url;
  }

  private renderCalendar() {
    return html`<section part="panel" class="panel" aria-labelledby="calendar">
      <h3 id="calendar">${this.t('calendar')}</h3>
      ${this.feedUrl
        ? html`<p>${this.t('subscribeNote')}</p><p><label for="feed" class="sr-only">${this.t('calendar')}</label><input id="feed" readonly .value=${this.feedUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}></p>`
        : html`<button class="btn" ?disabled=${this.busy} @click=${this.subscribe}>${this.t('subscribe')}</button>`}
    </section>`;
  }

  private renderSignIn() {
    return html`<section part="panel" class="panel" aria-labelledby="signin">
      <h2 id="signin">${this.t('signIn')}</h2>
      <p>${this.t('signInNote')}</p>
      ${this.codeSent
        ? html`<form @submit=${this.verify}>
            <label for="code">${this.t('code')}</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 -]{6,9}">
            <button class="btn primary" ?disabled=${this.busy}>${this.t('confirm')}</button>
          </form>`
        : html`<form @submit=${this.sendCode}>
            <label for="email">${this.t('email')}</label>
            <input id="email" name="email" type="email" autocomplete="email" required>
            <button class="btn primary" ?disabled=${this.busy}>${this.t('sendCode')}</button>
          </form>`}
    </section>`;
  }

  private renderList() {
    const list = this.bookings ?? [];
    return html`<section part="panel" class="panel" aria-labelledby="list">
      <h2 id="list">${this.t('heading')}</h2>
      ${list.length === 0 ? html`<p>${this.t('none')}</p>` : html`<ul class="bookings">
        ${list.map((b) => html`<li>
          <strong>${b.program.title}</strong> · ${b.variant.name}
          ${b.next_session ? html`<br><span>${this.t('nextSession', { date: this.i18n.dateTime(b.next_session.starts_at, b.next_session.timezone, 'medium') })}</span>` : nothing}
          ${b.sessions_to_schedule ? html`<br><span>${this.t('toSchedule', { count: b.sessions_to_schedule })}</span>` : nothing}
          <br><button class="btn" @click=${() => this.open(b.id)} aria-label="${this.t('open')}: ${b.program.title}">${this.t('open')}</button>
        </li>`)}
      </ul>`}
    </section>`;
  }

  override render() {
    const signedIn = this.bearer !== '';
    return html`<div class="portal" lang=${this.i18n.lang}>
      <div class="live" role="status" aria-live="polite">${this.notice}</div>
      ${this.error ? html`<div class="notice error" role="alert"><p>${this.problemText(this.error)}</p></div>` : nothing}
      ${!signedIn ? (this.key ? this.renderSignIn() : nothing)
        : this.detail ? bookingView(this, this.detail, { thread: this.thread, quote: this.quote?.quote ?? null, picking: this.picking, pickerReady: this.pickerReady, busy: this.busy, canGoBack: (this.bookings?.length ?? 0) > 1, cardSetup: this.cardSetup, balancePayment: this.balancePayment, linkPayment: this.linkPayment, focusRefund: this.refund })
        : this.bookings ? this.renderList() : html`<p role="status">${this.i18n.t('loading')}</p>`}
      ${signedIn && (this.detail || this.bookings) ? this.renderCalendar() : nothing}
      ${signedIn && (this.detail || this.bookings) ? referralPanel({ referral: this.referral, i18n: this.i18n, t: (k, v) => this.t(k, v), onCopy: (link, input) => void this.copyReferral(link, input) }) : nothing}
      ${signedIn ? html`<p><button class="btn link" @click=${this.signOut}>${this.t('signOut')}</button></p>` : nothing}
    </div>`;
  }

  /** A failure in the customer's words; a closed window says until when it was open. */
  private problemText(err: unknown): string {
    const e = ApiError.from(err);
    if (e.status === 401) return this.t('signIn');
    return errorMessage(e, this.i18n);
  }

  back(): void {
    this.detail = null;
    this.closePanels();
  }

  get localizer(): Localizer {
    return this.i18n;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tandem-portal': TandemPortal;
  }
}
