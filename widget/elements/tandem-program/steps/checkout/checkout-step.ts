import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StepElement } from '../step-element.ts';
import { define } from '../../shared/define.ts';
import { base } from '../../shared/styles.ts';
import { uuid } from '../../shared/ids.ts';
import { trackingSource } from '../../shared/source.ts';
import { dateOfInstant } from '../../shared/time.ts';
import { errorBox } from '../../shared/templates.ts';
import { ApiError } from '../../controllers/api-client.ts';
import { CountdownController } from '../../controllers/countdown-controller.ts';
import { depositAmount, plannedStarts, selectedVariant, sessionsCount, sessionsInput } from '../../state/booking-context.ts';
import type { BookingOut, CheckoutResponse, Conflict, CreatedBooking, PaymentMethod, PaymentPlan } from '../../state/types.ts';
import type { CreateBookingBody } from '../../../schema/api/embed-bookings.ts';
import { normalize, type FormField } from '../intake/schema-form.ts';
import { clearServerError, fieldMessage, focusFirstInvalid, renderField } from '../intake/form-fields.ts';
import { intakeStyles } from '../intake/intake-step.styles.ts';
import { checkoutStyles } from './checkout-step.styles.ts';

type Phase = 'choose' | 'stripe' | 'test' | 'waiting' | 'slow';
type DetailKey = 'name' | 'email' | 'phone';

const DETAILS: Array<FormField & { name: DetailKey; autocomplete: string }> = [
  { name: 'name', kind: 'text', label: 'name', description: '', required: true, options: [], maxLength: 200, autocomplete: 'name' },
  { name: 'email', kind: 'email', label: 'email', description: '', required: true, options: [], maxLength: 320, autocomplete: 'email' },
  { name: 'phone', kind: 'tel', label: 'phone', description: '', required: false, options: [], autocomplete: 'tel' },
];

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONFIRMED = new Set(['confirmed', 'in_progress', 'completed']);

/**
 * Step 4: the customer's details, then the reserved booking with its hold countdown, the
 * choice of full payment or deposit + plan and of the method, and the payment itself:
 * Stripe's Payment Element (loaded only here), the built-in TEST MODE processor, a Swiss
 * QR-bill invoice, or class credits.
 * @internal
 */
export class TandemCheckoutStep extends StepElement {
  static override styles = [base, intakeStyles, checkoutStyles];

  /** Milliseconds between two looks at the booking while waiting for the payment confirmation. */
  static pollInterval = 1000;
  static pollAttempts = 30;

  @state() private values: Record<DetailKey, string> = { name: '', email: '', phone: '' };
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

  private readonly hold = new CountdownController(this);
  private loaded = false;
  private bookingKey = { body: '', key: '' };
  private checkoutKey = { body: '', key: '' };

  private keyFor(slot: { body: string; key: string }, body: unknown): string {
    const json = JSON.stringify(body);
    if (slot.body !== json) {
      slot.body = json;
      slot.key = uuid();
    }
    return slot.key;
  }

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
    const v = this.ctx ? selectedVariant(this.ctx.state) : null;
    if (!v) return [];
    const out: PaymentMethod[] = ['card'];
    if (v.currency === 'CHF') out.push('twint');
    if (v.currency === 'CHF' || v.currency === 'EUR') out.push('qr_bill');
    if (v.credit_price != null) out.push('credits');
    return out;
  }

  private fieldError(f: FormField): string {
    return fieldMessage(this.ctx!, `customer.${f.name}`, f, this.values[f.name as DetailKey], this.touched.has(f.name));
  }

  private setDetail(name: DetailKey, value: string): void {
    this.values = { ...this.values, [name]: value };
    clearServerError(this.ctx!, `customer.${name}`);
  }

  private async reserve(e?: Event): Promise<void> {
    e?.preventDefault();
    const ctx = this.ctx!;
    const s = ctx.state;
    this.touched = new Set(DETAILS.map((d) => d.name));
    if (DETAILS.some((f) => this.fieldError(f))) {
      await this.updateComplete;
      focusFirstInvalid(this.renderRoot);
      return;
    }
    const customer = {
      name: String(normalize(DETAILS[0]!, this.values.name) ?? ''),
      email: String(normalize(DETAILS[1]!, this.values.email) ?? ''),
      phone: String(normalize(DETAILS[2]!, this.values.phone) ?? ''),
    };
    const variant = selectedVariant(s);
    const body: CreateBookingBody = {
      program: s.program!.slug,
      variant: variant?.id ?? '',
      customer: { name: customer.name, email: customer.email, locale: ctx.i18n.lang, timezone: s.timezone },
      sessions: sessionsInput(s),
      intake: s.intake,
      source: trackingSource(),
    };
    if (customer.phone) body.customer.phone = customer.phone;
    if (ctx.actions.link) body.link = ctx.actions.link;
    const instructor = s.instructorId || s.firstSlot?.instructor.id;
    if (instructor) body.instructor = instructor;
    this.busy = true;
    this.error = null;
    try {
      const booking = await ctx.actions.api.post<CreatedBooking>('/v1/embed/bookings', body, {
        headers: { 'Idempotency-Key': this.keyFor(this.bookingKey, body) },
      });
      ctx.actions.update({ booking, customer, fieldErrors: {}, checkout: null });
      this.phase = 'choose';
      await this.updateComplete;
      this.focusHeading();
    } catch (err) {
      const e = ctx.actions.fail(err, 'checkout');
      ctx.actions.update({ customer });
      if (e.code === 'slot_taken') this.onSlotTaken(e);
      else if (e.problem?.errors?.length) this.onFieldErrors(e);
      else this.error = { err: e, retry: () => void this.reserve() };
    } finally {
      this.busy = false;
    }
  }

  /** 409: back to the time step with the colliding sessions marked and their alternatives. */
  private onSlotTaken(e: ApiError): void {
    const ctx = this.ctx!;
    const s = ctx.state;
    const planned = plannedStarts(s);
    const conflicts: Conflict[] = [];
    for (const c of e.problem?.conflicts ?? []) {
      const match =
        planned.find((x) => sameInstant(x, c.start)) ?? planned.find((x) => dateOfInstant(x, s.timezone) === dateOfInstant(c.start, s.timezone));
      if (match) conflicts.push({ start: match, alternatives: c.alternatives ?? [] });
    }
    const notice = ctx.i18n.t('slotTaken');
    if (!conflicts.length) {
      ctx.actions.update({ firstSlot: null, mode: 'cadence', starts: [], conflicts: [], timeNotice: notice, fieldErrors: {} });
    } else {
      ctx.actions.update({ mode: 'explicit', starts: planned, conflicts, timeNotice: notice, fieldErrors: {} });
    }
    ctx.actions.go('time');
  }

  /** 400: the server's per-field errors, shown on their fields (intake answers on the intake step). */
  private onFieldErrors(e: ApiError): void {
    const ctx = this.ctx!;
    const fieldErrors: Record<string, string> = {};
    for (const x of e.problem?.errors ?? []) fieldErrors[x.field] = x.message;
    ctx.actions.update({ fieldErrors });
    const keys = Object.keys(fieldErrors);
    if (keys.some((k) => k.startsWith('intake.')) && ctx.state.program?.intake_form) {
      ctx.actions.go('intake');
    } else if (keys.some((k) => k.startsWith('customer.'))) {
      this.touched = new Set(DETAILS.map((d) => d.name));
      void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
    } else {
      this.error = { err: e, retry: () => void this.reserve() };
    }
  }

  private bookingHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return { 'Tandem-Booking-Token': this.ctx!.state.booking!.client_token, ...extra };
  }

  private async pay(e?: Event): Promise<void> {
    e?.preventDefault();
    const ctx = this.ctx!;
    const booking = ctx.state.booking;
    if (!booking || !this.method) return;
    const body: { method: PaymentMethod; plan: PaymentPlan; coupon?: string } = { method: this.method, plan: this.plan };
    if (this.coupon.trim()) body.coupon = this.coupon.trim();
    this.busy = true;
    this.error = null;
    this.couponError = '';
    this.payNotice = '';
    try {
      const res = await ctx.actions.api.post<CheckoutResponse>(`/v1/embed/bookings/${booking.id}/checkout`, body, {
        headers: this.bookingHeaders({ 'Idempotency-Key': this.keyFor(this.checkoutKey, body) }),
      });
      ctx.actions.update({ checkout: res, method: body.method });
      if (CONFIRMED.has(res.booking.status) || body.method === 'qr_bill' || res.invoice) {
        ctx.actions.go('confirmation');
      } else if (res.payment?.provider === 'test') {
        this.phase = 'test';
      } else if (res.payment?.provider === 'stripe') {
        this.phase = 'stripe';
        await this.mountStripe();
      } else {
        await this.poll();
      }
    } catch (err) {
      const e = ctx.actions.fail(err, 'checkout');
      const couponMsg = e.problem?.errors?.find((x) => x.field === 'coupon')?.message;
      if (couponMsg || e.code.startsWith('coupon_') || e.code.startsWith('referral_')) this.couponError = couponMsg ?? e.message;
      else this.error = { err: e, retry: () => void this.pay() };
    } finally {
      this.busy = false;
    }
  }

  private async mountStripe(): Promise<void> {
    const ctx = this.ctx!;
    const payment = ctx.state.checkout?.payment;
    if (!payment) return;
    this.stripeReady = false;
    try {
      await import('./stripe-payment.ts');
      this.stripeReady = true;
    } catch (err) {
      this.error = { err: new ApiError(0, 'load_failed', String(err)), retry: () => void this.mountStripe() };
      ctx.actions.fail(this.error.err, 'checkout');
    }
  }

  private async testPay(outcome: 'succeed' | 'fail'): Promise<void> {
    const ctx = this.ctx!;
    const booking = ctx.state.booking!;
    this.busy = true;
    this.error = null;
    this.payNotice = '';
    try {
      const res = await ctx.actions.api.post<Partial<CheckoutResponse> | null>(
        `/v1/embed/bookings/${booking.id}/test-payments`,
        { outcome },
        { headers: this.bookingHeaders({ 'Idempotency-Key': uuid() }) },
      );
      if (outcome === 'fail') {
        const reason = res?.booking?.last_payment?.failure_reason;
        this.payNotice = reason ? `${ctx.i18n.t('paymentFailed')} (${reason})` : ctx.i18n.t('paymentFailed');
        ctx.actions.fail(new ApiError(402, 'payment_failed', 'Test payment failed'), 'checkout');
      } else {
        await this.poll();
      }
    } catch (err) {
      this.error = { err: ctx.actions.fail(err, 'checkout'), retry: () => void this.testPay(outcome) };
    } finally {
      this.busy = false;
    }
  }

  /** After a payment: asks the API until the booking is confirmed (by the webhook, never the browser). */
  private async poll(): Promise<void> {
    const ctx = this.ctx!;
    const booking = ctx.state.booking!;
    this.phase = 'waiting';
    this.error = null;
    const cls = this.constructor as typeof TandemCheckoutStep;
    let lastError: unknown = null;
    for (let i = 0; i < cls.pollAttempts && this.isConnected; i++) {
      try {
        const b = await ctx.actions.api.get<BookingOut>(`/v1/embed/bookings/${booking.id}`, { headers: this.bookingHeaders() });
        lastError = null;
        if (CONFIRMED.has(b.status)) {
          const checkout = this.ctx!.state.checkout;
          this.ctx!.actions.update({ checkout: checkout ? { ...checkout, booking: { ...checkout.booking, ...b } } : checkout });
          this.ctx!.actions.go('confirmation');
          return;
        }
      } catch (err) {
        lastError = err;
      }
      await sleep(cls.pollInterval);
    }
    if (lastError) this.error = { err: ctx.actions.fail(lastError, 'checkout'), retry: () => void this.poll() };
    this.phase = 'slow';
  }

  private renderSummary() {
    const { state: s, i18n } = this.ctx!;
    const v = selectedVariant(s);
    const booked = s.checkout?.booking ?? s.booking;
    const starts = booked ? booked.sessions.map((x) => x.starts_at) : plannedStarts(s);
    const later = booked ? booked.sessions_to_schedule : s.mode === 'later' ? sessionsCount(s) - 1 : 0;
    const order = s.checkout?.order;
    return html`<div class="summary" part="summary">
      <strong>${s.program?.title}</strong>${v ? html` · ${v.name}` : nothing}
      <ul>
        ${starts.map((x) => html`<li>${i18n.dateTime(x, s.timezone)}</li>`)}
        ${later > 0 ? html`<li>${i18n.plural('toSchedule', later)}</li>` : nothing}
      </ul>
      ${order
        ? html`<table class="lines">
            <tbody>
              ${order.lines.map((l) => html`<tr><td>${l.description}</td><td>${i18n.money(l.amount, order.currency)}</td></tr>`)}
              <tr class="total">
                <td>${i18n.t('total')}</td>
                <td>${i18n.money(order.total, order.currency)}</td>
              </tr>
            </tbody>
          </table>
          ${order.vat_total ? html`<p class="hint">${i18n.t('vatTotal', { amount: i18n.money(order.vat_total, order.currency) })}</p>` : nothing}
          ${order.plan
            ? html`<ul>
                <li>${i18n.t('dueNow', { amount: i18n.money(order.plan.deposit, order.currency) })}</li>
                ${order.plan.installments.map(
                  (x) =>
                    html`<li>
                      ${i18n.t('installmentOn', { n: x.seq, date: i18n.date(dateOfInstant(x.due_at, s.timezone), 'long'), amount: i18n.money(x.amount, order.currency) })}
                    </li>`,
                )}
              </ul>`
            : nothing}`
        : v
          ? html`<p><strong>${i18n.t('total')}: ${i18n.money(booked?.total_price.amount ?? v.price, booked?.total_price.currency ?? v.currency)}</strong></p>`
          : nothing}
      <p class="hint">${i18n.t('timesShownIn', { zone: i18n.zone(s.timezone) })}</p>
    </div>`;
  }

  private renderDetails() {
    const { i18n, actions } = this.ctx!;
    return html`<h2 tabindex="-1" part="heading">${i18n.t('detailsHeading')}</h2>
      ${this.renderSummary()}
      <form novalidate @submit=${this.reserve}>
        <div class="grid2">
          ${DETAILS.map((f) =>
            renderField(
              {
                field: { ...f, label: i18n.t(f.label as 'name' | 'email' | 'phone') },
                value: this.values[f.name],
                error: this.fieldError(f),
                autocomplete: f.autocomplete,
                onValue: (v) => this.setDetail(f.name, String(v ?? '')),
                onBlur: () => (this.touched = new Set([...this.touched, f.name])),
              },
              i18n,
            ),
          )}
        </div>
        ${this.error ? errorBox(this.error.err, i18n, this.error.retry) : nothing}
        <div class="actions">
          <button type="button" class="btn" part="button" @click=${() => actions.go(this.ctx!.state.program?.intake_form ? 'intake' : 'time')}>
            ${i18n.t('back')}
          </button>
          <button type="submit" class="btn primary" part="button button-primary" ?disabled=${this.busy}>
            ${this.busy ? i18n.t('reserving') : i18n.t('reserve')}
          </button>
        </div>
      </form>`;
  }

  private renderHold() {
    const { i18n, actions } = this.ctx!;
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
            actions.update({ booking: null, checkout: null, firstSlot: null, starts: [], conflicts: [] });
            actions.go('time');
          }}
        >
          ${i18n.t('chooseAgain')}
        </button>
      </div>`;
    }
    return html`<p class="notice hold" part="hold">${i18n.t('heldFor', { time: i18n.countdown(left) })}</p>`;
  }

  private renderChoose() {
    const { state: s, i18n } = this.ctx!;
    const v = selectedVariant(s);
    const booking = s.booking!;
    const total = booking.total_price;
    const deposit = v ? depositAmount(v, total.amount) : null;
    const installments = v?.pay_plan?.installments ?? 0;
    const expired = this.hold.expired;
    return html`<form novalidate @submit=${this.pay}>
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
      ${renderField(
        {
          field: { name: 'coupon', kind: 'text', label: i18n.t('coupon'), description: '', required: false, options: [], maxLength: 64 },
          value: this.coupon,
          error: this.couponError,
          onValue: (x) => {
            this.coupon = String(x ?? '');
            this.couponError = '';
          },
          onBlur: () => undefined,
        },
        i18n,
      )}
      ${this.error ? errorBox(this.error.err, i18n, this.error.retry) : nothing}
      <div class="actions">
        <span></span>
        <button type="submit" class="btn primary" part="button button-primary" ?disabled=${this.busy || expired}>
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
      ${this.payNotice ? html`<p class="error-text" role="alert" part="error">${this.payNotice}</p>` : nothing}
      ${this.error ? errorBox(this.error.err, i18n, this.error.retry) : nothing}
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
    if (this.error) return errorBox(this.error.err, i18n, this.error.retry);
    if (!this.stripeReady || !payment) return html`<p role="status">${i18n.t('loading')}</p>`;
    return html`<tandem-stripe-payment
      .clientSecret=${payment.client_secret}
      .publishableKey=${payment.publishable_key ?? ''}
      .stripeAccount=${payment.stripe_account ?? ''}
      .i18n=${i18n}
      .onPaid=${() => void this.poll()}
      .onFailed=${(message: string) => this.ctx!.actions.fail(new ApiError(402, 'payment_failed', message), 'checkout')}
    ></tandem-stripe-payment>`;
  }

  protected override render() {
    const ctx = this.ctx;
    if (!ctx?.state.program) return nothing;
    const { state: s, i18n } = ctx;
    if (!s.booking) return this.renderDetails();
    let body;
    switch (this.phase) {
      case 'test':
        body = this.renderTestMode();
        break;
      case 'stripe':
        body = this.renderStripe();
        break;
      case 'waiting':
        body = html`<p class="notice" role="status">${i18n.t('waitingConfirmation')}</p>`;
        break;
      case 'slow':
        body = html`<div class="notice" role="status">
            <p>${i18n.t('stillWaiting')}</p>
            <button type="button" class="btn" part="button" @click=${() => void this.poll()}>${i18n.t('checkAgain')}</button>
          </div>
          ${this.error ? errorBox(this.error.err, i18n, this.error.retry) : nothing}`;
        break;
      default:
        body = this.renderChoose();
    }
    return html`<h2 tabindex="-1" part="heading">${i18n.t('payHeading')}</h2>
      ${this.renderHold()} ${this.renderSummary()} ${body}`;
  }
}

define('tandem-checkout-step', TandemCheckoutStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-checkout-step': TandemCheckoutStep;
  }
}
