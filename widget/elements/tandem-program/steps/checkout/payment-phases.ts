import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { CheckoutResponse } from '../../../../core/context/types.ts';
import type { PaymentFailedEvent } from '../../../../core/events/payment-failed-event.ts';

type Part = TemplateResult | typeof nothing;

/** How long the times stay held, a warning in the last minute, and a way back to the times once the hold ran out. */
export function holdNotice(i18n: Localizer, left: number | null, onChooseAgain: () => void) {
  if (left === null) return nothing;
  if (left === 0) {
    return html`<div class="notice error" role="alert" part="error">
      <p>${i18n.t('holdExpired')}</p>
      <button type="button" class="btn" part="button" @click=${onChooseAgain}>${i18n.t('chooseAgain')}</button>
    </div>`;
  }
  return html`<p class="notice hold" part="hold">${i18n.t('heldFor', { time: i18n.countdown(left) })}</p>
    ${left < 60_000 ? html`<p class="notice error" role="alert" part="error">${i18n.t('holdSoon')}</p>` : nothing}`;
}

export interface TestModeProps {
  i18n: Localizer;
  notice: string;
  busy: boolean;
  error: Part;
  onPay: (outcome: 'succeed' | 'fail') => void;
  onBack: () => void;
}

/** The built-in TEST MODE processor: succeed or fail the payment. */
export function testModePanel(p: TestModeProps) {
  const { i18n } = p;
  return html`<div class="test-mode" part="test-mode" role="region" aria-label=${i18n.t('testMode')}>
    <p class="badge">${i18n.t('testMode')}</p>
    <p>${i18n.t('testModeNote')}</p>
    ${p.notice ? html`<p class="error-text" role="alert" part="error">${p.notice}</p>` : nothing} ${p.error}
    <div class="actions">
      <button type="button" class="btn primary" part="button button-primary" ?disabled=${p.busy} @click=${() => p.onPay('succeed')}>
        ${i18n.t('testPaySucceed')}
      </button>
      <button type="button" class="btn" part="button" ?disabled=${p.busy} @click=${() => p.onPay('fail')}>${i18n.t('testPayFail')}</button>
      <button type="button" class="link" @click=${p.onBack}>${i18n.t('back')}</button>
    </div>
  </div>`;
}

/** Stripe's Payment Element (its code loaded only when it is needed). */
export function stripePanel(
  i18n: Localizer,
  payment: CheckoutResponse['payment'] | undefined,
  ready: boolean,
  onConfirmed: () => void,
  onFailed: (message: string) => void,
) {
  if (!ready || !payment) return html`<p role="status">${i18n.t('loading')}</p>`;
  return html`<tandem-stripe-payment
    .clientSecret=${payment.client_secret}
    .publishableKey=${payment.publishable_key ?? ''}
    .stripeAccount=${payment.stripe_account ?? ''}
    .i18n=${i18n}
    @tandem-payment-confirmed=${onConfirmed}
    @tandem-payment-failed=${(e: PaymentFailedEvent) => onFailed(e.detail.message)}
  ></tandem-stripe-payment>`;
}

/** Waiting for the webhook's confirmation; after a while, a way to look again. */
export function waitingPanel(i18n: Localizer, slow: boolean, error: Part, onCheckAgain: () => void) {
  if (!slow) return html`<p class="notice" role="status">${i18n.t('waitingConfirmation')}</p>`;
  return html`<div class="notice" role="status">
      <p>${i18n.t('stillWaiting')}</p>
      <button type="button" class="btn" part="button" @click=${onCheckAgain}>${i18n.t('checkAgain')}</button>
    </div>
    ${error}`;
}
