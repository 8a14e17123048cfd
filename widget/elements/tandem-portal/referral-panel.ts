import { html, nothing } from 'lit';
import type { PortalReferralOut } from '../../core/api/portal.ts';
import type { Localizer } from '../../core/i18n/localizer.ts';
import type { PortalKey } from './i18n/en.ts';

export interface ReferralPanelProps {
  referral: PortalReferralOut | null;
  i18n: Localizer;
  t: (key: PortalKey, vars?: Record<string, string | number>) => string;
  onCopy: (link: string, input: HTMLInputElement | null) => void;
}

/**
 * "Refer a friend": the customer's code and the studio's page with the code filled in, with a copy
 * button, what the code earns (the studio's credits or coupon) and what it earned. Nothing before their first confirmed booking (no code yet).
 */
export function referralPanel({ referral: r, i18n, t, onCopy }: ReferralPanelProps) {
  if (!r?.code || !r.link) return nothing;
  const link = r.link;
  const percentOf = (bp: number) => new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
  const percent = percentOf(r.referee_discount_bp ?? 0);
  const plural = new Intl.PluralRules(i18n.locale);
  const count = (one: PortalKey, other: PortalKey, n: number) => t(plural.select(n) === 'one' ? one : other, { count: i18n.number(n) });
  // What the studio gives now: its credits, or a coupon of the customer's own (percent or amount off, valid so many days).
  const w = r.reward ?? { kind: 'credits' as const, credits: r.reward_credits ?? 0 };
  const reward = w.kind === 'credits'
    ? count('referralCreditsOne', 'referralCreditsOther', w.credits)
    : t('referralCoupon', {
      off: w.amount_off !== undefined && w.currency ? i18n.money(w.amount_off, w.currency) : percentOf(w.percent_bp ?? 0),
      days: count('referralDaysOne', 'referralDaysOther', w.valid_days),
    });
  const tally = (kind: 'credits' | 'coupon', status: 'granted' | 'pending') => r.rewards.filter((x) => x.kind === kind && x.status === status)
    .reduce((n, x) => n + (kind === 'credits' ? x.credits : 1), 0);
  const earned = (kind: 'credits' | 'coupon', key: PortalKey) => r.rewards.some((x) => x.kind === kind)
    ? html`<p>${t(key, { granted: i18n.number(tally(kind, 'granted')), pending: i18n.number(tally(kind, 'pending')) })}</p>` : nothing;
  const copy = (e: Event) => onCopy(link, (e.currentTarget as HTMLElement).closest('section')?.querySelector<HTMLInputElement>('#referral-link') ?? null);
  return html`<section part="panel" class="panel referral" aria-labelledby="referral">
    <h3 id="referral">${t('referralHeading')}</h3>
    <p>${t('referralNote', { discount: percent, reward })}</p>
    <dl>
      <dt>${t('referralCode')}</dt>
      <dd><strong class="code">${r.code}</strong></dd>
    </dl>
    <p>
      <label for="referral-link">${t('referralLink')}</label>
      <input id="referral-link" readonly .value=${link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
    </p>
    <p><button class="btn" type="button" @click=${copy}>${t('copyLink')}</button></p>
    ${earned('credits', 'referralEarned')}
    ${earned('coupon', 'referralEarnedCoupons')}
  </section>`;
}
