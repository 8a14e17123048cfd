import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../../../core/define.ts';
import { base } from '../../../../core/styles.ts';
import { trackingSource } from '../../../../core/source.ts';
import { errorBox, errorMessage } from '../../../../core/templates.ts';
import { ApiError } from '../../../../core/api/client.ts';
import { IdempotencyKey } from '../../../../core/api/idempotency.ts';
import { CONFIRMED, createBooking, sendTestPayment, startCheckout, waitForConfirmation, type CheckoutBody } from '../../../../core/api/bookings.ts';
import { CountdownController } from '../../../../core/controllers/countdown-controller.ts';
import { depositAmount, selectedVariant } from '../../../../core/context/booking-state.ts';
import { sessionsInput } from '../../../../core/context/schedule.ts';
import type { CustomerDetails, PaymentMethod, PaymentPlan } from '../../../../core/context/types.ts';
import type { FieldBlurEvent } from '../../../../core/events/field-blur-event.ts';
import type { FieldInputEvent } from '../../../../core/events/field-input-event.ts';
import type { PaymentFailedEvent } from '../../../../core/events/payment-failed-event.ts';
import type { CreateBookingBody } from '../../../../../schema/api/embed-bookings.ts';
import type { FormField } from '../../../../../shared/intake-form.ts';
import { fieldMessage, focusFirstInvalid, renderField } from '../../../../components/form-fields/form-fields.ts';
import { formFieldStyles } from '../../../../components/form-fields/form-fields.styles.ts';
import { bookingSummary } from './booking-summary.ts';
import { customerFrom, DETAILS, isDetail } from './customer-details.ts';
import { methodsFor } from './payment-methods.ts';
import { slotTakenPatch } from './slot-taken.ts';
import { checkoutStyles } from './checkout-step.styles.ts';
import { identityPrompt, type ProofPhase } from './identity-prompt.ts';
import { requestIdentityCode, verifyIdentityCode } from '../../../../core/api/identity.ts';
import { uuid } from '../../../../core/ids.ts';

type Phase = 'choose' | 'stripe' | 'test' | 'waiting' | 'slow';

const COUPON: FormField = { name: 'coupon', kind: 'text', label: '', description: '', required: false, options: [], maxLength: 64 };

/**
 * Step 4: the customer's details, then the reserved booking with its hold countdown, the
 * choice of full payment or deposit + plan and of the method, and the payment itself:
 * Stripe's Payment Element (loaded only here), the built-in TEST MODE processor, a Swiss
 * QR-bill invoice, or class credits. The calls are in core/api/bookings.ts.
 * @internal
 */
export class TandemCheckoutStep extends StepElement {
  static override styles = [base, formFieldStyles, checkoutStyles];

  /** Milliseconds between two looks at the booking while waiting for the payment confirmation. */
  static pollInterval = 1000;
  static pollAttempts = 30;

  @state() private values: CustomerDetails = { name: '', email: '', phone: '' };
  @state() private touched = new Set<string>();
  @state() private busy = false;
  @state() private error: { err: ApiError; retry: () => void } | null = null;
  @state() private plan: PaymentPlan = 'full';
  @state() private method: PaymentMethod | null = null;
  @state() private coupon = '';
  @state() private couponError = '';
  @state() private phase: Phase = 'choose';
  @state() private payNotice = '';
  @state() private stripeReady = false;
  /** The inline proof of the e-mail address, asked for when checkout answers identity_required. */
  @state() private proof: ProofPhase = 'none';
  @state() private proofCode = '';
  @state() private proofError = '';
  /** The identity token for the booking's address (12 hours), once the code was confirmed. */
  private identity: { token: string; expiresAt: number } | null = null;

  private readonly hold = new CountdownController(this);
  private loaded = false;
  private readonly bookingKey = new IdempotencyKey();
  private readonly checkoutKey = new IdempotencyKey();

  protected override willUpdate(): void {
    const s = this.ctx?.state;
    if (!s) return;
    if (!this.loaded) {
      this.loaded = true;
      this.values = { ...s.customer };
      if (Object.keys(s.fieldErrors).some((k) => k.startsWith('customer.'))) this.touched = new Set(DETAILS.map((d) => d.name));
    }
    if (!this.method) this.method = this.methods()[0] ?? null;
    this.hold.set(s.checkout?.booking.hold_expires_at ?? s.booking?.hold_expires_at ?? null);
  }

  private methods(): PaymentMethod[] {
    return methodsFor(this.ctx ? selectedVariant(this.ctx.state) : null);
  }

  private fieldError(f: FormField): string {
    const { state: s, i18n } = this.ctx!;
    return fieldMessage(s.fieldErrors, `customer.${f.name}`, f, this.values[f.name as keyof CustomerDetails], this.touched.has(f.name), i18n);
  }

  private onDetailInput(e: FieldInputEvent): void {
    const { name, value } = e.detail;
    if (!isDetail(name)) return;
    this.values = { ...this.values, [name]: String(value ?? '') };
    this.clearServerError(`customer.${name}`);
  }

  private onDetailBlur(e: FieldBlurEvent): void {
    this.touched = new Set([...this.touched, e.detail.name]);
  }

  private bookingBody(customer: CustomerDetails): CreateBookingBody {
    const { state: s, i18n, link } = this.ctx!;
    const body: CreateBookingBody = {
      program: s.program!.slug,
      variant: selectedVariant(s)?.id ?? '',
      customer: { name: customer.name, email: customer.email, locale: i18n.lang, timezone: s.timezone },
      sessions: sessionsInput(s),
      intake: s.intake,
      source: trackingSource(),
    };
    if (customer.phone) body.customer.phone = customer.phone;
    if (link) body.link = link;
    const instructor = s.instructorId || s.firstSlot?.instructor.id;
    if (instructor) body.instructor = instructor;
    return body;
  }

  /** Details checked here, then `POST /v1/embed/bookings` (the times are held). */
  private async reserve(e?: Event): Promise<void> {
    e?.preventDefault();
    this.touched = new Set(DETAILS.map((d) => d.name));
    if (DETAILS.some((f) => this.fieldError(f))) {
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    const customer = customerFrom(this.values);
    const body = this.bookingBody(customer);
    this.busy = true;
    this.error = null;
    try {
      const booking = await createBooking(this.ctx!.api, body, this.bookingKey.for(body));
      this.change({ booking, customer, fieldErrors: {}, checkout: null });
      this.phase = 'choose';
      await this.updateComplete;
      this.focusHeading();
    } catch (err) {
      const e = this.report(err, 'checkout');
      this.change({ customer });
      if (e.code === 'slot_taken' || e.code === 'slot_unavailable') {
        // 409: back to the time step with the colliding sessions marked and their alternatives.
        this.change(slotTakenPatch(e, this.ctx!.state, errorMessage(e, this.ctx!.i18n)));
        this.goTo('time');
      } else if (e.problem?.errors?.length) this.onFieldErrors(e);
      else this.error = { err: e, retry: () => void this.reserve() };
    } finally {
      this.busy = false;
    }
  }

  /** 400: the server's per-field errors, shown on their fields (intake answers on the intake step). */
  private onFieldErrors(e: ApiError): void {
    const fieldErrors: Record<string, string> = {};
    for (const x of e.problem?.errors ?? []) fieldErrors[x.field] = x.message;
    this.change({ fieldErrors });
    const keys = Object.keys(fieldErrors);
    if (keys.some((k) => k.startsWith('intake.')) && this.ctx!.state.program?.intake_form) {
      this.goTo('intake');
    } else if (keys.some((k) => k.startsWith('customer.'))) {
      this.touched = new Set(DETAILS.map((d) => d.name));
      void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
    } else {
      this.error = { err: e, retry: () => void this.reserve() };
    }
  }

  /** `POST …/checkout`, then on to wherever the answer says: confirmation, TEST MODE, Stripe, or waiting. */
  private async pay(e?: Event): Promise<void> {
    e?.preventDefault();
    const booking = this.ctx!.state.booking;
    if (!booking || !this.method) return;
    const body: CheckoutBody = { method: this.method, plan: this.plan };
    if (this.coupon.trim()) body.coupon = this.coupon.trim();
    this.busy = true;
    this.error = null;
    this.couponError = '';
    this.payNotice = '';
    try {
      const identity = this.identity && this.identity.expiresAt > Date.now() ? this.identity.token : undefined;
      // A retry with the proof is a new request (the first answer, identity_required, stays that key's answer).
      const res = await startCheckout(this.ctx!.api, booking, body, this.checkoutKey.for({ ...body, proven: Boolean(identity) }), identity);
      this.change({ checkout: res, method: body.method });
      if (CONFIRMED.has(res.booking.status) || body.method === 'qr_bill' || res.invoice) {
        this.goTo('confirmation');
      } else if (res.payment?.provider === 'test') {
        this.phase = 'test';
        await this.updateComplete;
        this.focusHeading();
      } else if (res.payment?.provider === 'stripe') {
        this.phase = 'stripe';
        await this.mountStripe();
        this.focusHeading();
      } else {
        await this.poll();
      }
    } catch (err) {
      const e = this.report(err, 'checkout');
      if (e.code === 'identity_required') {
        // Credits or a per-customer code: the address is proven inline, then the payment is tried again.
        this.identity = null;
        this.proof = 'ask';
        this.proofError = '';
        return;
      }
      const couponMsg = e.problem?.errors?.find((x) => x.field === 'coupon')?.message;
      if (couponMsg || e.code.startsWith('coupon_') || e.code.startsWith('referral_')) this.couponError = couponMsg ?? errorMessage(e, this.ctx!.i18n);
      else this.error = { err: e, retry: () => void this.pay() };
    } finally {
      this.busy = false;
    }
  }

  /** Mails a code to the address the booking was made with. */
  private async sendCode(): Promise<void> {
    const { api, i18n, state: s } = this.ctx!;
    this.proof = 'sending';
    this.proofError = '';
    this.proofCode = '';
    try {
      await requestIdentityCode(api, s.customer.email, i18n.lang, uuid());
      this.proof = 'code';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="identity-code"]')?.focus();
    } catch (err) {
      this.proof = 'ask';
      this.proofError = this.report(err, 'checkout').message;
    }
  }

  /** Trades the typed code for the identity token, then pays again with it. */
  private async confirmCode(): Promise<void> {
    const { api, i18n, state: s } = this.ctx!;
    const code = this.proofCode.trim();
    if (!/^\d{6}$/.test(code)) return;
    this.proof = 'verifying';
    this.proofError = '';
    try {
      const session = await verifyIdentityCode(api, s.customer.email, code, uuid());
      this.identity = { token: session.identity_token, expiresAt: Date.parse(session.expires_at) };
      this.proof = 'none';
      await this.pay();
    } catch (err) {
      const e = this.report(err, 'checkout');
      if (e.code === 'identity_code_invalid') {
        this.proof = 'code';
        this.proofError = i18n.t('identityWrong', { count: Number((e.problem as { attempts_left?: number } | null)?.attempts_left ?? 0) });
      } else if (e.code === 'identity_code_expired') {
        this.proof = 'ask';
        this.proofError = i18n.t('identityExpired');
      } else if (e.code === 'identity_code_locked') {
        this.proof = 'ask';
        this.proofError = i18n.t('identityLocked');
      } else {
        this.proof = 'code';
        this.proofError = e.message;
      }
    }
  }

  private renderIdentity() {
    return identityPrompt({
      phase: this.proof,
      email: this.ctx!.state.customer.email,
      code: this.proofCode,
      error: this.proofError,
      i18n: this.ctx!.i18n,
      onSend: () => void this.sendCode(),
      onCodeInput: (value) => {
        this.proofCode = value;
        this.proofError = '';
      },
      onConfirm: () => void this.confirmCode(),
    });
  }

  private async mountStripe(): Promise<void> {
    if (!this.ctx!.state.checkout?.payment) return;
    this.stripeReady = false;
    try {
      await import('../../../../components/stripe-payment/stripe-payment.ts');
      this.stripeReady = true;
    } catch (err) {
      this.error = { err: new ApiError(0, 'load_failed', String(err)), retry: () => void this.mountStripe() };
      this.report(this.error.err, 'checkout');
    }
  }

  private async testPay(outcome: 'succeed' | 'fail'): Promise<void> {
    const { api, i18n, state: s } = this.ctx!;
    this.busy = true;
    this.error = null;
    this.payNotice = '';
    try {
      const res = await sendTestPayment(api, s.booking!, outcome);
      if (outcome === 'fail') {
        const reason = res?.booking?.last_payment?.failure_reason;
        this.payNotice = reason ? `${i18n.t('paymentFailed')} (${reason})` : i18n.t('paymentFailed');
        this.report(new ApiError(402, 'payment_failed', 'Test payment failed'), 'checkout');
      } else {
        await this.poll();
      }
    } catch (err) {
      this.error = { err: this.report(err, 'checkout'), retry: () => void this.testPay(outcome) };
    } finally {
      this.busy = false;
    }
  }

  /** After a payment: waits for the booking to be confirmed (by the webhook, never the browser). */
  private async poll(): Promise<void> {
    this.phase = 'waiting';
    this.error = null;
    const cls = this.constructor as typeof TandemCheckoutStep;
    const { booking, lastError } = await waitForConfirmation(this.ctx!.api, this.ctx!.state.booking!, {
      attempts: cls.pollAttempts,
      interval: cls.pollInterval,
      active: () => this.isConnected,
    });
    if (booking) {
      const checkout = this.ctx!.state.checkout;
      this.change({ checkout: checkout ? { ...checkout, booking: { ...checkout.booking, ...booking } } : checkout });
      this.goTo('confirmation');
      return;
    }
    if (lastError) this.error = { err: this.report(lastError, 'checkout'), retry: () => void this.poll() };
    this.phase = 'slow';
  }

  private renderError() {
    return this.error ? errorBox(this.error.err, this.ctx!.i18n, this.error.retry) : nothing;
  }

  private renderDetails() {
    const { state: s, i18n } = this.ctx!;
    return html`<h2 tabindex="-1" part="heading">${i18n.t('detailsHeading')}</h2>
      ${bookingSummary(s, i18n)}
      <form novalidate @submit=${this.reserve} @tandem-field-input=${this.onDetailInput} @tandem-field-blur=${this.onDetailBlur}>
        <div class="grid2">
          ${DETAILS.map((f) =>
            renderField({ field: { ...f, label: i18n.t(f.label) }, value: this.values[f.name], error: this.fieldError(f), autocomplete: f.autocomplete }, i18n),
          )}
        </div>
        ${this.renderError()}
        <div class="actions">
          <button type="button" class="btn" part="button" @click=${() => this.goTo(s.program?.intake_form ? 'intake' : 'time')}>${i18n.t('back')}</button>
          <button type="submit" class="btn primary" part="button button-primary" ?disabled=${this.busy}>
            ${this.busy ? i18n.t('reserving') : i18n.t('reserve')}
          </button>
        </div>
      </form>`;
  }

  private renderHold() {
    const { i18n } = this.ctx!;
    const left = this.hold.remaining;
    if (left === null) return nothing;
    if (left === 0) {
      return html`<div class="notice error" role="alert" part="error">
        <p>${i18n.t('holdExpired')}</p>
        <button
          type="button"
          class="btn"
          part="button"
          @click=${() => {
            this.change({ booking: null, checkout: null, firstSlot: null, starts: [], conflicts: [] });
            this.goTo('time');
          }}
        >
          ${i18n.t('chooseAgain')}
        </button>
      </div>`;
    }
    return html`<p class="notice hold" part="hold">${i18n.t('heldFor', { time: i18n.countdown(left) })}</p>
      ${left < 60_000 ? html`<p class="notice error" role="alert" part="error">${i18n.t('holdSoon')}</p>` : nothing}`;
  }

  private renderChoose() {
    const { state: s, i18n } = this.ctx!;
    const v = selectedVariant(s);
    const total = s.booking!.total_price;
    const deposit = v ? depositAmount(v, total.amount) : null;
    const installments = v?.pay_plan?.installments ?? 0;
    const onCoupon = (e: FieldInputEvent) => {
      this.coupon = String(e.detail.value ?? '');
      this.couponError = '';
    };
    return html`<form novalidate @submit=${this.pay} @tandem-field-input=${onCoupon}>
      ${deposit != null
        ? html`<fieldset role="radiogroup">
            <legend>${i18n.t('planLabel')}</legend>
            <label class="choice"
              ><input type="radio" name="plan" .checked=${this.plan === 'full'} @change=${() => (this.plan = 'full')} />
              <span>${i18n.t('planFull', { amount: i18n.money(total.amount, total.currency) })}</span></label
            >
            <label class="choice"
              ><input type="radio" name="plan" .checked=${this.plan === 'deposit'} @change=${() => (this.plan = 'deposit')} />
              <span
                >${installments
                  ? i18n.plural('planDepositInstallments', installments, { amount: i18n.money(deposit, total.currency) })
                  : i18n.t('planDeposit', { amount: i18n.money(deposit, total.currency) })}</span
              ></label
            >
          </fieldset>`
        : nothing}
      <fieldset role="radiogroup">
        <legend>${i18n.t('methodLabel')}</legend>
        ${this.methods().map(
          (m) => html`<label class="choice">
            <input type="radio" name="method" .value=${m} .checked=${this.method === m} @change=${() => (this.method = m)} />
            <span>${m === 'credits' ? i18n.t('method_credits', { count: i18n.number(v?.credit_price ?? 0) }) : i18n.t(`method_${m}`)}</span>
          </label>`,
        )}
      </fieldset>
      ${renderField({ field: { ...COUPON, label: i18n.t('coupon') }, value: this.coupon, error: this.couponError }, i18n)} ${this.renderIdentity()} ${this.renderError()}
      <div class="actions">
        <!-- back to the details: the root gives the held times back -->
        <button type="button" class="btn" part="button" ?disabled=${this.busy} @click=${() => this.goTo('checkout')}>${i18n.t('back')}</button>
        <button type="submit" class="btn primary" part="button button-primary" ?disabled=${this.busy || this.hold.expired}>
          ${this.busy ? i18n.t('processing') : i18n.t('pay')}
        </button>
      </div>
    </form>`;
  }

  private renderTestMode() {
    const { i18n } = this.ctx!;
    return html`<div class="test-mode" part="test-mode" role="region" aria-label=${i18n.t('testMode')}>
      <p class="badge">${i18n.t('testMode')}</p>
      <p>${i18n.t('testModeNote')}</p>
      ${this.payNotice ? html`<p class="error-text" role="alert" part="error">${this.payNotice}</p>` : nothing} ${this.renderError()}
      <div class="actions">
        <button type="button" class="btn primary" part="button button-primary" ?disabled=${this.busy} @click=${() => this.testPay('succeed')}>
          ${i18n.t('testPaySucceed')}
        </button>
        <button type="button" class="btn" part="button" ?disabled=${this.busy} @click=${() => this.testPay('fail')}>${i18n.t('testPayFail')}</button>
        <button type="button" class="link" @click=${() => (this.phase = 'choose')}>${i18n.t('back')}</button>
      </div>
    </div>`;
  }

  private renderStripe() {
    const { state: s, i18n } = this.ctx!;
    const payment = s.checkout?.payment;
    if (this.error) return this.renderError();
    if (!this.stripeReady || !payment) return html`<p role="status">${i18n.t('loading')}</p>`;
    return html`<tandem-stripe-payment
      .clientSecret=${payment.client_secret}
      .publishableKey=${payment.publishable_key ?? ''}
      .stripeAccount=${payment.stripe_account ?? ''}
      .i18n=${i18n}
      @tandem-payment-confirmed=${() => void this.poll()}
      @tandem-payment-failed=${(e: PaymentFailedEvent) => this.report(new ApiError(402, 'payment_failed', e.detail.message), 'checkout')}
    ></tandem-stripe-payment>`;
  }

  private renderPhase() {
    const { i18n } = this.ctx!;
    switch (this.phase) {
      case 'test':
        return this.renderTestMode();
      case 'stripe':
        return this.renderStripe();
      case 'waiting':
        return html`<p class="notice" role="status">${i18n.t('waitingConfirmation')}</p>`;
      case 'slow':
        return html`<div class="notice" role="status">
            <p>${i18n.t('stillWaiting')}</p>
            <button type="button" class="btn" part="button" @click=${() => void this.poll()}>${i18n.t('checkAgain')}</button>
          </div>
          ${this.renderError()}`;
      default:
        return this.renderChoose();
    }
  }

  protected override render() {
    const ctx = this.ctx;
    if (!ctx?.state.program) return nothing;
    if (!ctx.state.booking) return this.renderDetails();
    return html`<h2 tabindex="-1" part="heading">${ctx.i18n.t('payHeading')}</h2>
      ${this.renderHold()} ${bookingSummary(ctx.state, ctx.i18n)} ${this.renderPhase()}`;
  }
}

define('tandem-checkout-step', TandemCheckoutStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-checkout-step': TandemCheckoutStep;
  }
}
