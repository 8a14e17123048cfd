/** The marketing view's referrals and reviews: lists with their actions (consents: consents.ts). */
import { html, nothing } from 'lit';
import type { ReviewOut } from '../../../../schema/api/admin-reviews.ts';
import type { MarketingHost } from './host.ts';
import type { MarketingKey } from './marketing-i18n.ts';
import { rewardWords } from './referral-reward-i18n.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import './referral-reward.ts';

/** A reward as a line: the referee, the credits or the coupon (its code once granted), the status. */
function rewardLine(v: MarketingHost, w: NonNullable<MarketingHost['referrals']>[number]['rewards'][number]): string {
  const status = v.t(`rw_${w.status}` as MarketingKey);
  if (w.credits > 0) return v.t('rewardLine', { referee: w.referee.name, credits: w.credits, status });
  const words = rewardWords[v.language];
  return w.coupon_code ? fillTemplate(words.couponLine, { referee: w.referee.name, code: w.coupon_code, status }) : fillTemplate(words.couponPending, { referee: w.referee.name, status });
}

export function referralsSection(v: MarketingHost) {
  const rows = v.referrals;
  if (!rows) return nothing;
  return html`<h3>${v.t('referrals')}</h3>
    <tandem-admin-referral-reward lang=${v.language} .client=${v.client}></tandem-admin-referral-reward>
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('code')}</th><th scope="col">${v.t('referrer')}</th><th scope="col">${v.t('uses')}</th><th scope="col">${v.t('rewards')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <td><code>${r.code}</code></td><td>${r.referrer.name}<br><small>${r.referrer.email}</small></td><td>${r.uses}</td>
        <td>${r.rewards.length ? html`<ul>${r.rewards.map((w) => html`<li>${rewardLine(v, w)}</li>`)}</ul>` : v.t('noRewards')}</td>
      </tr>`)}</tbody></table>`}`;
}

export function reviewsSection(v: MarketingHost) {
  const rows = v.reviews;
  if (!rows) return nothing;
  const decide = async (r: ReviewOut, verb: 'approve' | 'reject') => {
    const out = await v.act(() => v.client.send<ReviewOut>('POST', `/v1/admin/reviews/${r.id}/${verb}`), verb === 'approve' ? 'approved' : 'hidden');
    if (out) v.reviews = v.replace(v.reviews, out);
  };
  return html`<h3>${v.t('reviews')}</h3>
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('program')}</th><th scope="col">${v.t('customer')}</th><th scope="col">${v.t('rating')}</th><th scope="col">${v.t('text')}</th>
        <th scope="col">${v.t('publishConsent')}</th><th scope="col">${v.t('status')}</th><th scope="col">${v.t('actions')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <td>${r.program.title}</td><td>${r.display_name}</td>
        <td><span role="img" aria-label=${v.t('stars', { n: r.rating })}><span aria-hidden="true">${'★'.repeat(r.rating)}${'☆'.repeat(5 - r.rating)}</span></span></td>
        <td>${r.text}</td><td>${r.consent_to_publish ? v.t('yes') : v.t('no')}</td><td>${v.t(`rv_${r.status}` as MarketingKey)}</td>
        <td class="tools">
          ${r.consent_to_publish && r.status !== 'approved' ? html`<button ?disabled=${v.busy} aria-label=${`${v.t('approve')}: ${r.display_name}`} @click=${() => decide(r, 'approve')}>${v.t('approve')}</button>` : nothing}
          ${r.status !== 'rejected' ? html`<button ?disabled=${v.busy} aria-label=${`${v.t('hide')}: ${r.display_name}`} @click=${() => decide(r, 'reject')}>${v.t('hide')}</button>` : nothing}
        </td></tr>`)}</tbody></table>`}`;
}
