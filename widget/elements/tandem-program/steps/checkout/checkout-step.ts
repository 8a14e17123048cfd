import { conflictsPatch } from '../../../../core/context/schedule.ts';
import { dateOfInstant } from '../../../../../shared/zone.ts';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../../../core/define.ts';
import { base } from '../../../../core/styles.ts';
import { errorMessage } from '../../../../core/templates.ts';
import { ApiError, type ApiClient } from '../../../../core/api/client.ts';
import { IdempotencyKey } from '../../../../core/api/idempotency.ts';
import { createBooking } from '../../../../core/api/bookings.ts';
import { CountdownController } from '../../../../core/controllers/countdown-controller.ts';
import { selectedVariant } from '../../../../core/context/booking-state.ts';
import type { BookingState, CustomerDetails, PaymentMethod } from '../../../../core/context/types.ts';
import type { FieldInputEvent } from '../../../../core/events/field-input-event.ts';
import type { FormField } from '../../../../../shared/intake-form.ts';
import { fieldMessage, focusFirstInvalid } from '../../../../components/form-fields/form-fields.ts';
import { formFieldStyles } from '../../../../components/form-fields/form-fields.styles.ts';
import { bookingSummary } from './booking-summary.ts';
import { bookingBody } from './booking-body.ts';
import { fieldErrorsOf } from './checkout-outcome.ts';
import { customerFrom, DETAILS, isDetail } from './customer-details.ts';
import { detailsForm } from './details-form.ts';
import { paymentForm } from './payment-form.ts';
import { marketingOptIn } from './marketing-opt-in.ts';
import { PaymentController } from './payment-controller.ts';
import { holdNotice, stripePanel, testModePanel, waitingPanel } from './payment-phases.ts';
import { checkoutStyles } from './checkout-step.styles.ts';

/**
 * Step 4: the customer's details, then the reserved booking with its hold countdown, the
 * choice of full payment or deposit + plan and of the method, and the payment itself:
 * Stripe's Payment Element (loaded only here), the built-in TEST MODE processor, a Swiss
 * QR-bill invoice, or class credits. The calls are in core/api/bookings.ts. Renders from
 * `state`, `i18n`, `api` and `link`; the booking and the payment go up with BookingChangeEvent.
 * @internal
 */
export class TandemCheckoutStep extends StepElement {
  static override styles = [base, formFieldStyles, checkoutStyles];

  /** Milliseconds between two looks at the booking while waiting for the payment confirmation. */
  static pollInterval = 1000;
  static pollAttempts = 30;

  /** The embed API with the studio's key. */
  @property({ attribute: false }) api?: ApiClient;
  /** The by_link token, or ''. */
  @property({ attribute: false }) link = '';

  @state() private values: CustomerDetails = { name: '', email: '', phone: '' };
  @state() private touched = new Set<string>();

  private readonly hold = new CountdownController(this);
  /** The payment once the times are held (and the step's busy flag and error box). */
  private readonly pay = new PaymentController(this, {
    api: () => this.api!,
    i18n: () => this.i18n!,
    state: () => this.state!,
    change: (patch) => this.change(patch),
    goTo: (step) => this.goTo(step),
    report: (err) => this.report(err, 'checkout'),
    polling: () => ({ interval: TandemCheckoutStep.pollInterval, attempts: TandemCheckoutStep.pollAttempts }),
  });
  private loaded = false;
  /** Whether the reserved booking's figures were asked for (GET …/quote). */
  private quoted = false;
  private readonly bookingKey = new IdempotencyKey();

  protected override willUpdate(): void {
    const s = this.state;
    if (!s) return;
    if (!this.loaded) {
      this.loaded = true;
      this.values = { ...s.customer };
      if (Object.keys(s.fieldErrors).some((k) => k.startsWith('customer.'))) this.touched = new Set(DETAILS.map((d) => d.name));
    }
    if (!this.pay.method) this.pay.method = this.methods()[0] ?? null;
    if (this.i18n && this.api) void this.pay.loadWording(this.i18n.lang);
    this.hold.set(s.checkout?.booking.hold_expires_at ?? s.booking?.hold_expires_at ?? null);
    // Reserved (or resumed) at the payment: the figures of the first choices, before anything is committed.
    if (s.booking && !this.quoted) {
      this.quoted = true;
      void this.pay.requote();
    } else if (!s.booking && this.quoted) {
      this.quoted = false;
      this.pay.quote = null;
      this.pay.applied = '';
    }
  }

  private methods(): PaymentMethod[] {
    // As the program answer lists them (shared/payment-methods.ts decides on the server).
    return [...((this.state ? selectedVariant(this.state)?.payment_methods : undefined) ?? [])];
  }

  /** The methods a deposit + plan can be paid with, as the program answer lists them. */
  private planMethods(): PaymentMethod[] {
    return [...((this.state ? selectedVariant(this.state)?.plan_methods : undefined) ?? [])];
  }

  private fieldError(f: FormField): string {
    return fieldMessage(this.state!.fieldErrors, `customer.${f.name}`, f, this.values[f.name as keyof CustomerDetails], this.touched.has(f.name), this.i18n!);
  }

  private onDetailInput(e: FieldInputEvent): void {
    const { name, value } = e.detail;
    if (!isDetail(name)) return;
    this.values = { ...this.values, [name]: String(value ?? '') };
    this.clearServerError(`customer.${name}`);
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
    const body = bookingBody(this.state!, customer, this.i18n!.lang, this.link);
    this.pay.set({ busy: true, error: null });
    try {
      const booking = await createBooking(this.api!, body, this.bookingKey.for(body));
      this.change({ booking, customer, fieldErrors: {}, checkout: null });
      this.pay.set({ phase: 'choose' });
      await this.updateComplete;
      this.focusHeading();
    } catch (err) {
      const e = this.report(err, 'checkout');
      this.change({ customer });
      if (e.code === 'slot_taken' || e.code === 'slot_unavailable') {
        // 409: back to the time step with the colliding sessions marked and their alternatives.
        this.change(conflictsPatch(e.problem?.conflicts ?? [], this.state!, errorMessage(e, this.i18n!)));
        this.goTo('time');
      } else if (e.problem?.errors?.length) this.onFieldErrors(e);
      else this.pay.set({ error: { err: e, retry: () => void this.reserve() } });
    } finally {
      this.pay.set({ busy: false });
    }
  }

  /** 400: the server's per-field errors, shown on their fields (intake answers on the intake step). */
  private onFieldErrors(e: ApiError): void {
    const fieldErrors = fieldErrorsOf(e);
    this.change({ fieldErrors });
    const keys = Object.keys(fieldErrors);
    if (keys.some((k) => k.startsWith('intake.')) && this.state!.program?.intake_form) {
      this.goTo('intake');
    } else if (keys.some((k) => k.startsWith('customer.'))) {
      this.touched = new Set(DETAILS.map((d) => d.name));
      void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
    } else {
      this.pay.set({ error: { err: e, retry: () => void this.reserve() } });
    }
  }

  private renderPhase(s: BookingState) {
    const { pay } = this;
    const i18n = this.i18n!;
    switch (pay.phase) {
      case 'test':
        return testModePanel({
          i18n,
          notice: pay.payNotice,
          busy: pay.busy,
          error: pay.renderError(),
          onPay: (outcome) => void pay.testPay(outcome),
          onBack: () => pay.set({ phase: 'choose' }),
        });
      case 'stripe':
        if (pay.error) return pay.renderError();
        return stripePanel(
          i18n,
          s.checkout?.payment,
          pay.stripeReady,
          () => void pay.poll(),
          (message) => this.report(new ApiError(402, 'payment_failed', message), 'checkout'),
        );
      case 'waiting':
      case 'slow':
        return waitingPanel(i18n, pay.phase === 'slow', pay.renderError(), () => void pay.poll());
      default:
        return paymentForm({
          i18n,
          variant: selectedVariant(s),
          total: s.booking!.total_price,
          plan: pay.plan,
          methods: this.methods(),
          planMethods: this.planMethods(),
          method: pay.method,
          methodError: pay.methodError,
          coupon: pay.coupon,
          couponError: pay.couponError,
          busy: pay.busy,
          expired: this.hold.expired,
          identity: pay.proof.render(),
          optIn: marketingOptIn(pay.wording, pay.optIn, (optIn) => pay.set({ optIn })),
          error: pay.renderError(),
          onPlan: (plan) => {
            // A deposit keeps only a method that carries its plan.
            const keep = plan === 'full' || (pay.method !== null && this.planMethods().includes(pay.method));
            pay.choose({ plan, method: keep ? pay.method! : this.planMethods()[0] ?? pay.method! });
          },
          onMethod: (method) => pay.choose({ method }),
          onCoupon: (coupon) => pay.set({ coupon, couponError: '' }),
          onApply: () => void pay.requote(pay.coupon),
          onSubmit: (e) => void pay.pay(e),
          // Back to the details: the root gives the held times back.
          onBack: () => this.goTo('checkout'),
        });
    }
  }

  protected override render() {
    const { state: s, i18n } = this;
    if (!s?.program || !i18n) return nothing;
    if (!s.booking) {
      return detailsForm({
        state: s,
        i18n,
        values: this.values,
        fieldError: (f) => this.fieldError(f),
        busy: this.pay.busy,
        error: this.pay.renderError(),
        onSubmit: (e) => void this.reserve(e),
        onInput: (e) => this.onDetailInput(e),
        onBlur: (e) => (this.touched = new Set([...this.touched, e.detail.name])),
        onBack: () => this.goTo(s.program?.intake_form ? 'intake' : 'time'),
      });
    }
    const chooseAgain = () => {
      // Back to the times on the day that was chosen, not today.
      const openDate = s.firstSlot ? dateOfInstant(s.firstSlot.start, s.timezone) : s.openDate;
      this.change({ booking: null, checkout: null, firstSlot: null, starts: [], conflicts: [], openDate });
      this.goTo('time');
    };
    return html`<h2 tabindex="-1" part="heading">${i18n.t('payHeading')}</h2>
      ${holdNotice(i18n, this.hold.remaining, chooseAgain)} ${bookingSummary(s, i18n, this.pay.quote)} ${this.renderPhase(s)}`;
  }
}

define('tandem-checkout-step', TandemCheckoutStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-checkout-step': TandemCheckoutStep;
  }
}
