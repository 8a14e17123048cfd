import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { errorBox, errorMessage } from '../../../../core/templates.ts';
import { ApiError, type ApiClient } from '../../../../core/api/client.ts';
import { IdempotencyKey } from '../../../../core/api/idempotency.ts';
import { quoteCheckout, sendTestPayment, startCheckout, waitForConfirmation, type CheckoutBody } from '../../../../core/api/bookings.ts';
import type { BookingState, PaymentMethod, PaymentPlan, QuoteResponse, StepName } from '../../../../core/context/types.ts';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import { getConsentWording, type ConsentWording } from '../../../../core/api/marketing.ts';
import type { Lang } from '../../../../core/i18n/localizer.ts';
import { checkoutFailure, nextAfterCheckout } from './checkout-outcome.ts';
import { IdentityController } from './identity-controller.ts';

export type PaymentPhase = 'choose' | 'stripe' | 'test' | 'waiting' | 'slow';

/** What the controller reads from and asks of its step. */
export interface PaymentDeps {
  api: () => ApiClient;
  i18n: () => Localizer;
  state: () => BookingState;
  change: (patch: Partial<BookingState>) => void;
  goTo: (step: StepName) => void;
  /** Emits `tandem:error` and returns the failure. */
  report: (err: unknown) => ApiError;
  /** How often, and how many times, to look at the booking while waiting for the webhook. */
  polling: () => { interval: number; attempts: number };
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; focusHeading(): void };

/**
 * The payment of a reserved booking: the choices (plan, method, coupon), `POST …/checkout`
 * (with the inline e-mail proof when asked), the TEST MODE processor, Stripe's element, and
 * waiting for the webhook's confirmation. Also holds the step's busy flag and error box.
 */
export class PaymentController implements ReactiveController {
  busy = false;
  error: { err: ApiError; retry: () => void } | null = null;
  plan: PaymentPlan = 'full';
  method: PaymentMethod | null = null;
  coupon = '';
  couponError = '';
  phase: PaymentPhase = 'choose';
  payNotice = '';
  stripeReady = false;
  /** What the current choices cost (GET …/quote): shown before the customer commits. */
  quote: QuoteResponse | null = null;
  /** The code the shown figures include ('' = none): Apply sets it. */
  applied = '';
  /** Why the chosen method does not work with these choices (the quote's 422). */
  methodError = '';
  private quoteSeq = 0;
  /** The words of the marketing opt-in box in the visitor's language (null: no box). */
  wording: ConsentWording | null = null;
  /** The opt-in box, unticked until the customer ticks it. */
  optIn = false;
  private wordingLang: Lang | null = null;

  /** The inline proof of the e-mail address, asked for when checkout answers identity_required. */
  readonly proof: IdentityController;
  private readonly checkoutKey = new IdempotencyKey();

  constructor(
    private readonly host: Host,
    private readonly deps: PaymentDeps,
  ) {
    host.addController(this);
    this.proof = new IdentityController(host, {
      api: deps.api,
      i18n: deps.i18n,
      email: () => deps.state().customer.email,
      report: deps.report,
      retry: () => this.pay(),
    });
  }

  hostConnected(): void {
    // A deep link's coupon (presets.ts), once; the customer may change or clear it.
    if (!this.coupon) this.coupon = this.deps.state()?.coupon ?? '';
  }

  /** Changes the controller's state and renders the step again. */
  set(patch: Partial<Pick<PaymentController, 'busy' | 'error' | 'plan' | 'method' | 'coupon' | 'couponError' | 'phase' | 'payNotice' | 'stripeReady' | 'quote' | 'applied' | 'methodError' | 'optIn' | 'wording'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** A new plan or method: the figures are asked for again (with the applied code). */
  choose(patch: { plan?: PaymentPlan; method?: PaymentMethod }): void {
    this.set({ ...patch, methodError: '' });
    // Two clicks before one render (another method, then a deposit that keeps only the card) leave the
    // browser's own radio state behind the binding's last value: the radios are set from the choices.
    void this.host.updateComplete.then(() => {
      for (const r of this.host.renderRoot.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
        if (r.name === 'plan' || r.name === 'method') r.checked = r.value === (r.name === 'plan' ? this.plan : this.method);
      }
    });
    void this.requote();
  }

  /**
   * `GET …/quote` for the current choices and `code` (Apply), else the applied code: the discounted
   * total, what is due now and the installments' dates, before anything is committed. Only the
   * latest answer counts.
   */
  async requote(code = this.applied): Promise<void> {
    const booking = this.deps.state().booking;
    if (!booking || !this.method) return;
    const body: CheckoutBody = { method: this.method, plan: this.plan };
    const coupon = code.trim();
    if (coupon) body.coupon = coupon;
    const seq = ++this.quoteSeq;
    try {
      const quote = await quoteCheckout(this.deps.api(), booking, body, this.proof.token());
      if (seq === this.quoteSeq) this.set({ quote, applied: coupon, couponError: '', methodError: '' });
    } catch (err) {
      if (seq !== this.quoteSeq) return;
      const e = ApiError.from(err);
      const i18n = this.deps.i18n();
      const failure = checkoutFailure(e);
      if (coupon && (failure.kind === 'coupon' || failure.kind === 'identity')) this.set({ couponError: errorMessage(e, i18n) });
      else if (e.code === 'payment_method_unavailable' || e.code === 'payment_method_not_allowed') this.set({ quote: null, methodError: errorMessage(e, i18n) });
      else if (e.status === 0 || e.status >= 500) this.set({ quote: null });
      else this.set({ quote: null, error: { err: this.deps.report(e), retry: () => void this.requote() } });
    }
  }

  /** The opt-in box's words in `lang` (again when the visitor changes the language); without them no box is shown. */
  async loadWording(lang: Lang): Promise<void> {
    if (this.wordingLang === lang) return;
    this.wordingLang = lang;
    try {
      const wording = await getConsentWording(this.deps.api(), lang);
      if (this.wordingLang === lang) this.set({ wording });
    } catch {
      if (this.wordingLang === lang) this.set({ wording: null, optIn: false });
    }
  }

  renderError() {
    return this.error ? errorBox(this.error.err, this.deps.i18n(), this.error.retry) : nothing;
  }

  /** `POST …/checkout`, then on to wherever the answer says: confirmation, TEST MODE, Stripe, or waiting. */
  async pay(e?: Event): Promise<void> {
    e?.preventDefault();
    const booking = this.deps.state().booking;
    if (!booking || !this.method) return;
    const body: CheckoutBody = { method: this.method, plan: this.plan };
    if (this.coupon.trim()) body.coupon = this.coupon.trim();
    if (this.optIn && this.wording) body.marketing_opt_in = true;
    this.set({ busy: true, error: null, couponError: '', payNotice: '' });
    try {
      const identity = this.proof.token();
      // A retry with the proof is a new request (the first answer, identity_required, stays that key's answer).
      const res = await startCheckout(this.deps.api(), booking, body, this.checkoutKey.for({ ...body, proven: Boolean(identity) }), identity);
      this.deps.change({ checkout: res, method: body.method });
      const next = nextAfterCheckout(res, body.method);
      if (next === 'confirmation') this.deps.goTo('confirmation');
      else if (next === 'poll') await this.poll();
      else {
        this.set({ phase: next });
        if (next === 'stripe') await this.mountStripe();
        else await this.host.updateComplete;
        this.host.focusHeading();
      }
    } catch (err) {
      const e = this.deps.report(err);
      const failure = checkoutFailure(e);
      // Credits or a per-customer code: the address is proven inline, then the payment is tried again.
      if (failure.kind === 'identity') this.proof.ask();
      else if (failure.kind === 'coupon') this.set({ couponError: errorMessage(e, this.deps.i18n()) });
      else this.set({ error: { err: e, retry: () => void this.pay() } });
    } finally {
      this.set({ busy: false });
    }
  }

  private async mountStripe(): Promise<void> {
    if (!this.deps.state().checkout?.payment) return;
    this.set({ stripeReady: false });
    try {
      await import('../../../../components/stripe-payment/stripe-payment.ts');
      this.set({ stripeReady: true });
    } catch (err) {
      const error = { err: new ApiError(0, 'load_failed', String(err)), retry: () => void this.mountStripe() };
      this.set({ error });
      this.deps.report(error.err);
    }
  }

  async testPay(outcome: 'succeed' | 'fail'): Promise<void> {
    const i18n = this.deps.i18n();
    this.set({ busy: true, error: null, payNotice: '' });
    try {
      const res = await sendTestPayment(this.deps.api(), this.deps.state().booking!, outcome);
      if (outcome === 'fail') {
        const reason = res?.booking?.last_payment?.failure_reason;
        // The provider's own sentence follows ours as a sentence of its own, never in brackets (it may carry some).
        this.set({ payNotice: reason ? `${i18n.t('paymentFailed')} ${reason}` : i18n.t('paymentFailed') });
        this.deps.report(new ApiError(402, 'payment_failed', 'Test payment failed'));
      } else {
        await this.poll();
      }
    } catch (err) {
      this.set({ error: { err: this.deps.report(err), retry: () => void this.testPay(outcome) } });
    } finally {
      this.set({ busy: false });
    }
  }

  /** After a payment: waits for the booking to be confirmed (by the webhook, never the browser). */
  async poll(): Promise<void> {
    this.set({ phase: 'waiting', error: null });
    const { interval, attempts } = this.deps.polling();
    const { booking, lastError } = await waitForConfirmation(this.deps.api(), this.deps.state().booking!, {
      attempts,
      interval,
      active: () => this.host.isConnected,
    });
    if (booking) {
      const checkout = this.deps.state().checkout;
      this.deps.change({ checkout: checkout ? { ...checkout, booking: { ...checkout.booking, ...booking } } : checkout });
      this.deps.goTo('confirmation');
      return;
    }
    if (lastError) this.set({ error: { err: this.deps.report(lastError), retry: () => void this.poll() } });
    this.set({ phase: 'slow' });
  }
}
