/**
 * A bank refund of the booking in the portal (QR-bill or transfer money going back, an overpaid
 * transfer): while it waits for its transfer, the form for where it goes (account holder and IBAN,
 * native labelled inputs, the API's per-field refusals said beside each field in the customer's
 * words, a status line when saved); once transferred, where it went. The mails link here
 * (`?refund=<id>` on the manage link): that refund's form takes the focus when it is shown.
 * Loaded as its own chunk when a booking with a bank refund is shown.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base } from '../../../core/styles.ts';
import { ApiError } from '../../../core/api/client.ts';
import { errorMessage } from '../../../core/templates.ts';
import { giveRefundAccount, type PortalBookingDetail } from '../../../core/api/portal.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import { portalStyles } from '../tandem-portal.styles.ts';
import type { PortalHost } from '../portal-host.ts';
import { refundAccountStrings, type RefundAccountKey } from './refund-account-i18n.ts';

type BankRefund = NonNullable<PortalBookingDetail['money']>['bank_refunds'][number];
type Field = 'account_holder' | 'iban';

/** @internal */
export class TandemPortalRefundAccount extends LitElement {
  static override styles = [base, portalStyles, css`
    :host { display: block; margin-top: 0.75rem; }
    h4 { margin: 0.5rem 0 0.25rem; font-size: 1em; }
    label { display: block; margin-top: 0.5rem; font-weight: 600; }
    input { display: block; width: 100%; max-width: 28rem; }
    .hint { color: var(--_muted); margin: 0.125rem 0 0; }
    .field-error { color: var(--_danger, #a4000f); margin: 0.125rem 0 0; }
  `];

  @property({ attribute: false }) portal?: PortalHost;
  @property({ attribute: false }) booking?: PortalBookingDetail;
  @property({ attribute: false }) refund?: BankRefund;
  /** The mail's deep link named this refund: its form takes the focus once shown. */
  @property({ type: Boolean }) focused = false;
  @state() private holder = '';
  @state() private iban = '';
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private error: unknown = null;
  @state() private status = '';
  @state() private busy = false;
  @state() private account: BankRefund['account'] = null;

  private s(key: RefundAccountKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(refundAccountStrings[this.portal?.localizer.lang ?? 'en'][key], vars);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('refund') && this.refund) {
      this.account = this.refund.account;
      this.holder = this.refund.account?.holder ?? '';
    }
  }

  protected override firstUpdated(): void {
    if (!this.focused) return;
    // The first field when the form is there (its label and the heading before it say what it is for), else the heading.
    const first = this.renderRoot.querySelector<HTMLElement>('input') ?? this.renderRoot.querySelector<HTMLElement>('h4');
    this.scrollIntoView?.({ block: 'start' });
    first?.focus();
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.portal || !this.booking || !this.refund || this.busy) return;
    this.busy = true;
    this.error = null;
    this.fieldErrors = {};
    this.status = '';
    try {
      const out = await giveRefundAccount(this.portal.portalApi, this.booking.id, this.refund.id, { account_holder: this.holder, iban: this.iban });
      this.account = { holder: out.refund.account_holder, iban_last4: out.refund.iban_last4, given_at: out.refund.account_given_at };
      this.iban = '';
      this.status = this.s('saved', { holder: out.refund.account_holder, last4: out.refund.iban_last4 });
    } catch (err) {
      const e = ApiError.from(err);
      const fields = new Set((e.problem?.errors ?? []).map((x) => x.field));
      const fieldErrors: Partial<Record<Field, string>> = {};
      if (fields.has('account_holder')) fieldErrors.account_holder = this.s('holderInvalid');
      if (fields.has('iban')) fieldErrors.iban = this.s('ibanInvalid');
      if (Object.keys(fieldErrors).length) {
        this.fieldErrors = fieldErrors;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#${fieldErrors.account_holder ? 'holder' : 'iban'}`)?.focus();
      } else {
        this.error = err;
      }
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const r = this.refund;
    if (!r || !this.portal) return nothing;
    const amount = this.portal.localizer.money(r.amount.amount, r.amount.currency);
    const a = this.account;
    const invalid = (f: Field) => (this.fieldErrors[f] ? 'true' : 'false');
    return html`<section aria-labelledby="refund-heading">
      <h4 id="refund-heading" tabindex="-1">${this.s('heading', { amount })}</h4>
      ${!r.give_account
        ? html`<p>${a ? this.s('transferred', { holder: a.holder, last4: a.iban_last4 }) : nothing}</p>`
        : html`<p>${a ? html`${this.s('given', { holder: a.holder, last4: a.iban_last4 })} ${this.s('change')}` : this.s('waiting')}</p>
          <form @submit=${(e: Event) => void this.save(e)} novalidate>
            <label for="holder">${this.s('holder')}</label>
            <input id="holder" name="account_holder" autocomplete="name" required .value=${this.holder} aria-invalid=${invalid('account_holder')}
              aria-describedby=${this.fieldErrors.account_holder ? 'holder-error' : nothing} @input=${(e: Event) => { this.holder = (e.target as HTMLInputElement).value; }}>
            ${this.fieldErrors.account_holder ? html`<p class="field-error" id="holder-error">${this.fieldErrors.account_holder}</p>` : nothing}
            <label for="iban">${this.s('iban')}</label>
            <input id="iban" name="iban" autocomplete="off" spellcheck="false" required .value=${this.iban} aria-invalid=${invalid('iban')}
              aria-describedby=${this.fieldErrors.iban ? 'iban-hint iban-error' : 'iban-hint'} @input=${(e: Event) => { this.iban = (e.target as HTMLInputElement).value; }}>
            <p class="hint" id="iban-hint">${this.s('ibanHint')}</p>
            ${this.fieldErrors.iban ? html`<p class="field-error" id="iban-error">${this.fieldErrors.iban}</p>` : nothing}
            <p><button class="btn primary" type="submit" ?disabled=${this.busy}>${this.s('save')}</button></p>
          </form>`}
      <div class="live" role="status" aria-live="polite">${this.status}</div>
      ${this.error ? html`<div class="notice error" role="alert"><p>${errorMessage(ApiError.from(this.error), this.portal.localizer)}</p></div>` : nothing}
    </section>`;
  }
}

define('tandem-portal-refund-account', TandemPortalRefundAccount);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-portal-refund-account': TandemPortalRefundAccount;
  }
}
