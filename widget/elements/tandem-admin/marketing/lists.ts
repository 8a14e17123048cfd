/** The marketing view's referrals and reviews: lists with their actions (consents: consents.ts). */
import { html, nothing } from 'lit';
import type { ReviewOut } from '../../../../schema/api/admin-reviews.ts';
import type { MarketingHost } from './host.ts';
import type { MarketingKey } from './marketing-i18n.ts';

export function referralsSection(v: MarketingHost) {
  const rows = v.referrals;
  if (!rows) return nothing;
  return html`<h3>${v.t('referrals')}</h3>
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('code')}</th><th scope="col">${v.t('referrer')}</th><th scope="col">${v.t('uses')}</th><th scope="col">${v.t('rewards')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <td><code>${r.code}</code></td><td>${r.referrer.name}<br><small>${r.referrer.email}</small></td><td>${r.uses}</td>
        <td>${r.rewards.length ? html`<ul>${r.rewards.map((w) => html`<li>${v.t('rewardLine', { referee: w.referee.name, credits: w.credits, status: v.t(`rw_${w.status}` as MarketingKey) })}</li>`)}</ul>` : v.t('noRewards')}</td>
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
