import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';
import type { PaymentMethod, PaymentPlan } from '../../../../core/context/types.ts';
import type { FieldInputEvent } from '../../../../core/events/field-input-event.ts';
import type { Variant } from '../../../../../schema/api/embed-programs.ts';
import type { FormField } from '../../../../../shared/intake-form.ts';
import { depositAmount } from '../../../../core/context/booking-state.ts';
import { renderField } from '../../../../components/form-fields/form-fields.ts';
import { methodLogo } from './method-logos.ts';

const COUPON: FormField = { name: 'coupon', kind: 'text', label: '', description: '', required: false, options: [], maxLength: 64 };

type Part = TemplateResult | typeof nothing;

export interface PaymentFormProps {
  i18n: Localizer;
  variant: Variant | null;
  total: { amount: number; currency: string };
  plan: PaymentPlan;
  methods: PaymentMethod[];
  /** The methods a deposit + plan can be paid with (the program answer's `plan_methods`). */
  planMethods: PaymentMethod[];
  method: PaymentMethod | null;
  /** Why the chosen method does not work with these choices ('' when it does). */
  methodError: string;
  coupon: string;
  couponError: string;
  busy: boolean;
  /** The hold ran out: nothing can be paid. */
  expired: boolean;
  identity: Part;
  /** The unticked marketing opt-in box (or nothing). */
  optIn: Part;
  error: Part;
  onPlan: (plan: PaymentPlan) => void;
  onMethod: (method: PaymentMethod) => void;
  onCoupon: (value: string) => void;
  /** Apply: the code's discount is shown before paying. */
  onApply: () => void;
  onSubmit: (e: Event) => void;
  onBack: () => void;
}

/** The choice of full payment or deposit (+ plan), of the method and a coupon, then "Pay". */
export function paymentForm(p: PaymentFormProps) {
  const { i18n, variant: v, total } = p;
  const deposit = v ? depositAmount(v, total.amount) : null;
  const installments = v?.pay_plan?.installments ?? 0;
  // Only combinations that work: with a deposit, only the methods that carry a plan.
  const methods = p.plan === 'deposit' ? p.methods.filter((m) => p.planMethods.includes(m)) : p.methods;
  const planLimits = deposit != null && p.planMethods.length < p.methods.length;
  return html`<form novalidate @submit=${p.onSubmit} @tandem-field-input=${(e: FieldInputEvent) => p.onCoupon(String(e.detail.value ?? ''))}>
    ${deposit != null
      ? html`<fieldset role="radiogroup">
          <legend>${i18n.t('planLabel')}</legend>
          <label class="choice"
            ><input type="radio" name="plan" value="full" .checked=${p.plan === 'full'} @change=${() => p.onPlan('full')} />
            <span>${i18n.t('planFull', { amount: i18n.money(total.amount, total.currency) })}</span></label
          >
          <label class="choice"
            ><input type="radio" name="plan" value="deposit" .checked=${p.plan === 'deposit'} @change=${() => p.onPlan('deposit')} />
            <span
              >${installments
                ? i18n.plural('planDepositInstallments', installments, { amount: i18n.money(deposit, total.currency) })
                : i18n.t('planDeposit', { amount: i18n.money(deposit, total.currency) })}</span
            ></label
          >
          ${planLimits ? html`<p class="hint" id="plan-hint">${i18n.t('planByCard')}</p>` : nothing}
        </fieldset>`
      : nothing}
    <fieldset role="radiogroup" aria-describedby=${p.methodError ? 'method-err' : nothing}>
      <legend>${i18n.t('methodLabel')}</legend>
      ${methods.map(
        (m) => html`<label class="choice">
          <input type="radio" name="method" .value=${m} .checked=${p.method === m} @change=${() => p.onMethod(m)} />
          ${methodLogo(m)}
          <span>${m === 'credits' ? i18n.t('method_credits', { count: i18n.number(v?.credit_price ?? 0) }) : i18n.t(`method_${m}`)}</span>
        </label>`,
      )}
      ${p.methodError ? html`<p class="field-error" id="method-err" role="alert">${p.methodError}</p>` : nothing}
    </fieldset>
    <div class="coupon">
      ${renderField({ field: { ...COUPON, label: i18n.t('coupon') }, value: p.coupon, error: p.couponError }, i18n)}
      <button type="button" class="btn" part="button" ?disabled=${p.busy || !p.coupon.trim()} @click=${p.onApply}>${i18n.t('apply')}</button>
    </div>
    ${p.optIn} ${p.identity} ${p.error}
    <div class="actions">
      <!-- back to the details: the root gives the held times back -->
      <button type="button" class="btn" part="button" ?disabled=${p.busy} @click=${p.onBack}>${i18n.t('back')}</button>
      <button type="submit" class="btn primary" part="button button-primary" ?disabled=${p.busy || p.expired}>
        ${p.busy ? i18n.t('processing') : i18n.t('pay')}
      </button>
    </div>
  </form>`;
}
