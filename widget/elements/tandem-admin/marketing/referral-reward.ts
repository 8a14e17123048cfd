/**
 * `<tandem-admin-referral-reward>`: the studio's referral reward, in the marketing view's referrals
 * section: class credits per new customer, or a single-use coupon of the referrer's own (percent or
 * an amount in a currency, valid some days). Loads and saves itself through the admin API
 * (`/v1/admin/referrals/reward`); the API's per-field problems show beside the fields.
 *
 * @attr lang - en, de, fr or it
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import type { ReferralRewardSettingBody, ReferralRewardSettingOut } from '../../../../schema/api/admin-referrals.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, minorOf, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { fieldError, fieldMessage, problemAlert } from '../core/form-problem.ts';
import { rewardWords, type RewardKey } from './referral-reward-i18n.ts';

interface Draft { kind: 'credits' | 'coupon'; credits: string; off: 'percent' | 'amount'; percent: string; amount: string; currency: string; validDays: string }

const draftOf = (s: ReferralRewardSettingOut): Draft => ({
  kind: s.kind, credits: s.kind === 'credits' ? String(s.credits) : '1',
  off: s.kind === 'coupon' && s.amount_off !== undefined ? 'amount' : 'percent',
  percent: s.kind === 'coupon' && s.percent_bp !== undefined ? String(s.percent_bp / 100) : '10',
  amount: s.kind === 'coupon' && s.amount_off !== undefined ? (s.amount_off / 100).toFixed(2) : '',
  currency: s.kind === 'coupon' && s.currency ? s.currency : 'CHF',
  validDays: s.kind === 'coupon' ? String(s.valid_days) : '90',
});

/** The body the API takes (numbers as typed; the API says what is wrong with them). */
export function rewardBody(d: Draft): ReferralRewardSettingBody {
  if (d.kind === 'credits') return { kind: 'credits', credits: Number(d.credits) };
  const validDays = Number(d.validDays);
  return d.off === 'percent'
    ? { kind: 'coupon', percent_bp: Math.round(Number(d.percent.replace(',', '.')) * 100), valid_days: validDays }
    : { kind: 'coupon', amount_off: minorOf(d.amount), currency: d.currency.trim().toUpperCase(), valid_days: validDays };
}

export class TandemAdminReferralReward extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); display: grid; gap: 0.5rem; max-width: 40rem; margin: 0 0 1rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    label { display: grid; gap: 0.25rem; }
    .choice { display: flex; gap: 0.4rem; align-items: center; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();

  @state() draft: Draft | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy = false;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: RewardKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(rewardWords[this.language][key], vars);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private fail = (p: Problem): void => { this.problem = p; };

  private async load(): Promise<void> {
    const setting = await attempt(() => this.client.get<ReferralRewardSettingOut>('/v1/admin/referrals/reward'), this.fail);
    if (setting) this.draft = draftOf(setting);
  }

  private set(patch: Partial<Draft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch };
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.draft) return;
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      const out = await attempt(() => this.client.send<ReferralRewardSettingOut>('PUT', '/v1/admin/referrals/reward', rewardBody(this.draft!)), this.fail);
      if (out) {
        this.draft = draftOf(out);
        this.notice = this.t('saved');
      }
    } finally {
      this.busy = false;
    }
  }

  private number(field: string, label: string, value: string, onInput: (v: string) => void, attrs: { min: number; max?: number; step?: string }) {
    const id = `rr-${field}`;
    const message = fieldMessage(this.problem, field);
    return html`<label for=${id}>${label}
      <input id=${id} type="number" inputmode="decimal" .value=${value} min=${attrs.min} max=${attrs.max ?? nothing} step=${attrs.step ?? '1'} required
        aria-invalid=${message ? 'true' : 'false'} aria-describedby=${message ? `${id}-error` : nothing}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}>
      ${fieldError(this.problem, field, id)}</label>`;
  }

  override render() {
    const d = this.draft;
    return html`${problemAlert(this.problem, this.t('problem'))}
      <div class="sr-only" role="status" aria-live="polite">${this.notice}</div>
      ${d ? html`<form @submit=${this.save}>
        <fieldset>
          <legend>${this.t('legend')}</legend>
          <div class="row" role="radiogroup" aria-label=${this.t('legend')}>
            ${(['credits', 'coupon'] as const).map((k) => html`<label class="choice"><input type="radio" name="rr-kind" value=${k} .checked=${d.kind === k}
              @change=${() => this.set({ kind: k })}>${this.t(k)}</label>`)}
          </div>
          ${d.kind === 'credits'
            ? html`<div class="row">${this.number('credits', this.t('creditsCount'), d.credits, (v) => this.set({ credits: v }), { min: 1, max: 100 })}</div>`
            : html`<div class="row" role="radiogroup" aria-label=${this.t('coupon')}>
                ${(['percent', 'amount'] as const).map((o) => html`<label class="choice"><input type="radio" name="rr-off" value=${o} .checked=${d.off === o}
                  @change=${() => this.set({ off: o })}>${this.t(o === 'percent' ? 'percentOff' : 'amountOff')}</label>`)}
              </div>
              <div class="row">
                ${d.off === 'percent'
                  ? this.number('percent_bp', this.t('percent'), d.percent, (v) => this.set({ percent: v }), { min: 0.01, max: 100, step: '0.01' })
                  : html`${this.number('amount_off', this.t('amount'), d.amount, (v) => this.set({ amount: v }), { min: 0.01, step: '0.01' })}
                    <label for="rr-currency">${this.t('currency')}
                      <input id="rr-currency" .value=${d.currency} maxlength="3" size="4" autocomplete="off" required
                        aria-invalid=${fieldMessage(this.problem, 'currency') ? 'true' : 'false'} aria-describedby=${fieldMessage(this.problem, 'currency') ? 'rr-currency-error' : nothing}
                        @input=${(e: Event) => this.set({ currency: (e.target as HTMLInputElement).value })}>
                      ${fieldError(this.problem, 'currency', 'rr-currency')}</label>`}
                ${this.number('valid_days', this.t('validDays'), d.validDays, (v) => this.set({ validDays: v }), { min: 1, max: 366 })}
              </div>
              <p>${this.t('couponNote')}</p>`}
          <div><button type="submit" ?disabled=${this.busy}>${this.t('save')}</button></div>
        </fieldset>
      </form>` : nothing}`;
  }
}

define('tandem-admin-referral-reward', TandemAdminReferralReward);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-admin-referral-reward': TandemAdminReferralReward;
  }
}
