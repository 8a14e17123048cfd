import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Stripe, StripeElements, StripeElementLocale } from '@stripe/stripe-js';
import { define } from '../../core/define.ts';
import { base } from '../../core/styles.ts';
import type { Localizer } from '../../core/i18n/localizer.ts';
import '../../core/i18n/english-later.ts';
import { PaymentConfirmedEvent } from '../../core/events/payment-confirmed-event.ts';
import { PaymentFailedEvent } from '../../core/events/payment-failed-event.ts';
import { stripePaymentStyles } from './stripe-payment.styles.ts';

/**
 * Stripe's Payment Element (card, Apple Pay, Google Pay, TWINT) inside the widget.
 * Stripe.js is imported and loaded only when this element is reached; payment stays in the
 * page (`redirect: 'if_required'`), and the booking is confirmed by the server's webhook.
 * `mode = 'setup'` saves a card instead (a SetupIntent's secret: the portal's "update card").
 * @internal
 */
export class TandemStripePayment extends LitElement {
  static override styles = [base, stripePaymentStyles];

  @property({ attribute: false }) clientSecret = '';
  @property({ attribute: false }) publishableKey = '';
  /** The studio's Stripe Connect account, when payments go to it. */
  @property({ attribute: false }) stripeAccount = '';
  @property({ attribute: false }) i18n!: Localizer;
  /** `payment`: pay the intent; `setup`: save a card for later charges (confirmSetup). */
  @property({ attribute: false }) mode: 'payment' | 'setup' = 'payment';
  /** The button's words, when not "pay now". */
  @property({ attribute: false }) submitLabel = '';

  @state() private ready = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private loadFailed = false;

  private stripe: Stripe | null = null;
  private elements: StripeElements | null = null;

  protected override firstUpdated(): void {
    void this.setup();
  }

  private async setup(): Promise<void> {
    this.loadFailed = false;
    this.error = '';
    try {
      const { loadStripe } = await import('@stripe/stripe-js');
      const stripe = await loadStripe(this.publishableKey, {
        locale: this.i18n.lang as StripeElementLocale,
        ...(this.stripeAccount ? { stripeAccount: this.stripeAccount } : {}),
      });
      if (!stripe) throw new Error('Stripe.js is not available');
      this.stripe = stripe;
      const styles = getComputedStyle(this);
      const primary = styles.getPropertyValue('--_primary').trim();
      const dark = styles.colorScheme === 'dark';
      this.elements = stripe.elements({
        clientSecret: this.clientSecret,
        locale: this.i18n.lang as StripeElementLocale,
        appearance: { theme: dark ? 'night' : 'stripe', variables: primary ? { colorPrimary: primary } : {} },
      });
      const mountPoint = this.renderRoot.querySelector<HTMLElement>('.element');
      if (!mountPoint) throw new Error('no mount point');
      const element = this.elements.create('payment', { layout: 'tabs' });
      element.mount(mountPoint);
      this.ready = true;
    } catch (err) {
      this.loadFailed = true;
      this.error = this.i18n.t('stripeLoadFailed');
      this.failed(err instanceof Error ? err.message : String(err));
    }
  }

  private failed(message: string): void {
    this.dispatchEvent(new PaymentFailedEvent({ message }));
  }

  private async pay(): Promise<void> {
    if (!this.stripe || !this.elements) return;
    this.busy = true;
    this.error = '';
    try {
      const confirm = { elements: this.elements, redirect: 'if_required' as const, confirmParams: { return_url: location.href } };
      const { error } = this.mode === 'setup' ? await this.stripe.confirmSetup(confirm) : await this.stripe.confirmPayment(confirm);
      if (error) {
        this.error = error.message ?? this.i18n.t('paymentFailed');
        this.failed(this.error);
      } else {
        this.dispatchEvent(new PaymentConfirmedEvent({}));
      }
    } catch (err) {
      // Stripe.js rejects (rather than answering `error`) when it cannot reach Stripe at all.
      this.error = this.i18n.t('paymentFailed');
      this.failed(err instanceof Error ? err.message : String(err));
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const i18n = this.i18n;
    return html`<div class="element" part="payment-element"></div>
      ${this.error
        ? html`<div class="notice error" role="alert">
            <p>${this.error}</p>
            ${this.loadFailed ? html`<button type="button" class="btn" @click=${this.setup}>${i18n.t('retry')}</button>` : nothing}
          </div>`
        : nothing}
      ${this.ready
        ? html`<div class="actions">
            <span></span>
            <button type="button" class="btn primary" part="button button-primary" ?disabled=${this.busy} @click=${this.pay}>
              ${this.busy ? i18n.t('processing') : this.submitLabel || i18n.t('payNow')}
            </button>
          </div>`
        : this.loadFailed
          ? nothing
          : html`<p role="status">${i18n.t('loading')}</p>`}`;
  }
}

define('tandem-stripe-payment', TandemStripePayment);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-stripe-payment': TandemStripePayment;
  }
}
