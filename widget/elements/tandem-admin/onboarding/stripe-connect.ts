/**
 * `<tandem-admin-stripe-connect>`: the payments step's Stripe Connect part. Says where the studio is
 * (not connected, details pending, charges enabled) and, for the owner, offers "Connect Stripe" (or
 * "Continue at Stripe"): the API makes the studio's account once and answers Stripe's onboarding link,
 * which the browser follows at once (the link lasts minutes). Stripe sends the owner back to
 * `/admin?stripe=return` (the status is read afresh) or `?stripe=refresh` (the link expired: the button
 * again). When this Tandem has no Stripe keys, it says so and offers nothing.
 *
 * @event stripe-connect-changed - the status was read afresh (the checklist reloads)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { StripeConnectOut, StripeOnboardingOut } from '../../../../schema/api/admin-stripe.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';

type State = StripeConnectOut['state'];

const en = {
  notConfigured: 'Card, Apple Pay, Google Pay and TWINT payments are not set up on this Tandem (it has no Stripe keys), so there is no Stripe account to connect.',
  not_connected: 'Not connected: card and TWINT payments cannot go to the studio’s own Stripe account yet.',
  details_pending: 'Connected, but Stripe still needs details before the account can take payments.',
  charges_enabled: 'Connected: card, Apple Pay, Google Pay and TWINT payments go to the studio’s own Stripe account.',
  connect: 'Connect Stripe', continue: 'Continue at Stripe', ownerOnly: 'The studio’s owner connects its Stripe account.',
  going: 'Opening Stripe…', expired: 'The Stripe link expired. Continue where you left off:', returned: 'Back from Stripe: the status is up to date.', failed: 'Stripe could not be reached:',
};
type Key = keyof typeof en;
const words: Record<ConsoleLang, Record<Key, string>> = {
  en,
  de: {
    notConfigured: 'Zahlungen mit Karte, Apple Pay, Google Pay und TWINT sind auf diesem Tandem nicht eingerichtet (keine Stripe-Schlüssel); es gibt kein Stripe-Konto zu verbinden.',
    not_connected: 'Nicht verbunden: Karten- und TWINT-Zahlungen gehen noch nicht auf das eigene Stripe-Konto des Studios.',
    details_pending: 'Verbunden, aber Stripe braucht noch Angaben, bevor das Konto Zahlungen annehmen kann.',
    charges_enabled: 'Verbunden: Zahlungen mit Karte, Apple Pay, Google Pay und TWINT gehen auf das eigene Stripe-Konto des Studios.',
    connect: 'Stripe verbinden', continue: 'Bei Stripe weitermachen', ownerOnly: 'Die Inhaberin oder der Inhaber des Studios verbindet das Stripe-Konto.',
    going: 'Stripe wird geöffnet …', expired: 'Der Stripe-Link ist abgelaufen. Machen Sie dort weiter, wo Sie aufgehört haben:', returned: 'Zurück von Stripe: Der Stand ist aktuell.', failed: 'Stripe war nicht erreichbar:',
  },
  fr: {
    notConfigured: 'Les paiements par carte, Apple Pay, Google Pay et TWINT ne sont pas configurés sur ce Tandem (pas de clés Stripe)\u202f: il n’y a pas de compte Stripe à relier.',
    not_connected: 'Non relié\u202f: les paiements par carte et TWINT ne vont pas encore sur le propre compte Stripe du studio.',
    details_pending: 'Relié, mais Stripe a encore besoin d’informations avant que le compte puisse encaisser.',
    charges_enabled: 'Relié\u202f: les paiements par carte, Apple Pay, Google Pay et TWINT vont sur le propre compte Stripe du studio.',
    connect: 'Relier Stripe', continue: 'Continuer chez Stripe', ownerOnly: 'C’est le ou la propriétaire du studio qui relie son compte Stripe.',
    going: 'Ouverture de Stripe…', expired: 'Le lien Stripe a expiré. Reprenez là où vous en étiez\u202f:', returned: 'De retour de Stripe\u202f: l’état est à jour.', failed: 'Stripe n’a pas pu être joint\u202f:',
  },
  it: {
    notConfigured: 'I pagamenti con carta, Apple Pay, Google Pay e TWINT non sono configurati su questo Tandem (nessuna chiave Stripe): non c’è un conto Stripe da collegare.',
    not_connected: 'Non collegato: i pagamenti con carta e TWINT non vanno ancora sul conto Stripe dello studio.',
    details_pending: 'Collegato, ma Stripe ha ancora bisogno di dati prima che il conto possa incassare.',
    charges_enabled: 'Collegato: i pagamenti con carta, Apple Pay, Google Pay e TWINT vanno sul conto Stripe dello studio.',
    connect: 'Collega Stripe', continue: 'Continua su Stripe', ownerOnly: 'È il titolare dello studio a collegare il conto Stripe.',
    going: 'Apertura di Stripe…', expired: 'Il link di Stripe è scaduto. Riprenda da dove si era fermato:', returned: 'Di ritorno da Stripe: lo stato è aggiornato.', failed: 'Stripe non è raggiungibile:',
  },
};

export class TandemAdminStripeConnect extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'owner';
  /** Whether this Tandem has Stripe keys (the checklist's `stripe.configured`). */
  @property({ type: Boolean }) configured = false;
  @property() state: State = 'not_connected';
  /** Where the browser goes for Stripe's onboarding (tests replace it). */
  @property({ attribute: false }) navigate = (url: string) => { window.location.assign(url); };
  /** The console's query string: `stripe=return` or `stripe=refresh` after Stripe. */
  @property({ attribute: false }) search = window.location.search;

  @state() private notice: Key | '' = '';
  @state() private error = '';
  @state() private busy = false;
  private readAfterReturn = false;

  private t(key: Key): string {
    return words[consoleLang(this.lang)][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const back = new URLSearchParams(this.search).get('stripe');
    if (back === 'refresh') this.notice = 'expired';
    if (back === 'return' && this.staffRole === 'owner' && !this.readAfterReturn) {
      this.readAfterReturn = true;
      void this.refresh();
    }
  }

  /** The status as Stripe has it now (GET asks Stripe while details are pending). */
  private async refresh(): Promise<void> {
    try {
      const now = await this.client.get<StripeConnectOut>('/v1/admin/settings/stripe');
      this.state = now.state;
      this.notice = 'returned';
      this.dispatchEvent(new CustomEvent('stripe-connect-changed', { detail: now, bubbles: true, composed: true }));
    } catch { /* the checklist's status stays */ }
  }

  private async start(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const answer = await this.client.send<StripeOnboardingOut>('POST', '/v1/admin/settings/stripe/onboarding');
      this.state = answer.state;
      if (answer.url) {
        this.notice = 'going';
        this.navigate(answer.url);
      }
    } catch (e) {
      this.error = e instanceof AdminApiError || e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    if (!this.configured) return html`<p class="stripe-state">${this.t('notConfigured')}</p>`;
    const action = this.state === 'charges_enabled' ? nothing
      : this.staffRole !== 'owner' ? html`<p>${this.t('ownerOnly')}</p>`
        : html`<p><button class="primary" ?disabled=${this.busy} @click=${() => void this.start()}>${this.state === 'not_connected' ? this.t('connect') : this.t('continue')}</button></p>`;
    return html`<p class="stripe-state">${this.t(this.state)}</p>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.t(this.notice)}</p>` : nothing}</div>
      ${this.error ? html`<p role="alert">${this.t('failed')} ${this.error}</p>` : nothing}
      ${action}`;
  }
}

define('tandem-admin-stripe-connect', TandemAdminStripeConnect);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-stripe-connect': TandemAdminStripeConnect }
}
