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
 * button, and what the code earned. Nothing before their first confirmed booking (no code yet).
 */
export function referralPanel({ referral: r, i18n, t, onCopy }: ReferralPanelProps) {
  if (!r?.code || !r.link) return nothing;
  const link = r.link;
  const percent = new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 2 }).format((r.referee_discount_bp ?? 0) / 10_000);
  const sum = (status: 'granted' | 'pending') => r.rewards.filter((w) => w.status === status).reduce((n, w) => n + w.credits, 0);
  const copy = (e: Event) => onCopy(link, (e.currentTarget as HTMLElement).closest('section')?.querySelector<HTMLInputElement>('#referral-link') ?? null);
  return html`<section part="panel" class="panel referral" aria-labelledby="referral">
    <h3 id="referral">${t('referralHeading')}</h3>
    <p>${t('referralNote', { discount: percent, credits: i18n.number(r.reward_credits ?? 0) })}</p>
    <dl>
      <dt>${t('referralCode')}</dt>
      <dd><strong class="code">${r.code}</strong></dd>
    </dl>
    <p>
      <label for="referral-link">${t('referralLink')}</label>
      <input id="referral-link" readonly .value=${link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
    </p>
    <p><button class="btn" type="button" @click=${copy}>${t('copyLink')}</button></p>
    ${r.rewards.length ? html`<p>${t('referralEarned', { granted: i18n.number(sum('granted')), pending: i18n.number(sum('pending')) })}</p>` : nothing}
  </section>`;
}
