/**
 * The marketing view's consents: filtered by status (confirmed, pending, unsubscribed, expired) and
 * searched by e-mail address, paged by the API's cursor ("show more"), each with its actions (record a
 * withdrawal the customer asked for, resend a pending confirmation). How many are shown is said
 * politely after each search.
 */
import { html, nothing } from 'lit';
import type { ConsentOut } from '../../../../schema/api/marketing-consent.ts';
import { formatWhen } from '../core/console-lang.ts';
import type { ConsentFilter, MarketingHost } from './host.ts';
import type { MarketingKey } from './marketing-i18n.ts';

export const CONSENT_STATUSES = ['confirmed', 'pending', 'withdrawn', 'expired'] as const;
const PAGE = 50;
const when = (v: MarketingHost, iso: string | null) => (iso ? formatWhen(v.language, iso) : '—');

function pathOf(f: ConsentFilter, cursor: string | null): string {
  const p = new URLSearchParams({ limit: String(PAGE) });
  if (f.status) p.set('status', f.status);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (cursor) p.set('cursor', cursor);
  return `/v1/admin/marketing/consents?${p}`;
}

/** The first page for the filter (`more`: the next page after the ones shown). */
export async function loadConsents(v: MarketingHost, more = false): Promise<void> {
  const out = await v.act(() => v.client.get<{ consents: ConsentOut[]; next_cursor: string | null }>(pathOf(v.consentFilter, more ? v.consentsNext : null)));
  if (!out) { if (!more) v.consents = []; return; }
  v.consents = more ? [...(v.consents ?? []), ...out.consents] : out.consents;
  v.consentsNext = out.next_cursor;
  if (!more) v.notice = v.t('consentsShown', { n: v.consents.length, more: out.next_cursor ? '+' : '' });
}

export function consentsSection(v: MarketingHost) {
  const rows = v.consents;
  if (!rows) return nothing;
  const change = async (c: ConsentOut, verb: 'withdraw' | 'resend') => {
    const out = await v.act(() => v.client.send<ConsentOut>('POST', `/v1/admin/marketing/consents/${c.id}/${verb}`), verb === 'withdraw' ? 'withdrawalRecorded' : 'resent');
    if (out) v.consents = v.replace(v.consents, out);
  };
  const filter = (patch: Partial<ConsentFilter>, reload: boolean) => {
    v.consentFilter = { ...v.consentFilter, ...patch };
    if (reload) void loadConsents(v);
  };
  return html`<h3>${v.t('consents')}</h3>
    <form class="tools" role="search" aria-label=${v.t('findConsents')} @submit=${(e: Event) => { e.preventDefault(); void loadConsents(v); }}>
      <label for="cs-status">${v.t('status')}</label>
      <select id="cs-status" .value=${v.consentFilter.status} @change=${(e: Event) => filter({ status: (e.target as HTMLSelectElement).value as ConsentFilter['status'] }, true)}>
        <option value="">${v.t('allStatuses')}</option>
        ${CONSENT_STATUSES.map((s) => html`<option value=${s} ?selected=${v.consentFilter.status === s}>${v.t(`fs_${s}` as MarketingKey)}</option>`)}
      </select>
      <label for="cs-q">${v.t('searchEmail')}</label>
      <input id="cs-q" type="search" maxlength="254" .value=${v.consentFilter.q} @input=${(e: Event) => filter({ q: (e.target as HTMLInputElement).value }, false)}>
      <button type="submit" ?disabled=${v.busy}>${v.t('search')}</button>
    </form>
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('customer')}</th><th scope="col">${v.t('email')}</th><th scope="col">${v.t('status')}</th>
        <th scope="col">${v.t('requested')}</th><th scope="col">${v.t('confirmed')}</th><th scope="col">${v.t('withdrawn')}</th><th scope="col">${v.t('actions')}</th></tr></thead>
      <tbody>${rows.map((c) => html`<tr>
        <td>${c.customer.name}</td><td>${c.email}</td><td>${v.t(`st_${c.status}` as MarketingKey)}</td>
        <td>${when(v, c.requested_at)}</td><td>${when(v, c.confirmed_at)}</td><td>${when(v, c.withdrawn_at)}</td>
        <td class="tools">
          ${c.status === 'pending' || c.status === 'confirmed' ? html`<button ?disabled=${v.busy} aria-label=${`${v.t('recordWithdrawal')}: ${c.customer.name}`} @click=${() => change(c, 'withdraw')}>${v.t('recordWithdrawal')}</button>` : nothing}
          ${c.status === 'pending' ? html`<button ?disabled=${v.busy} aria-label=${`${v.t('resend')}: ${c.customer.name}`} @click=${() => change(c, 'resend')}>${v.t('resend')}</button>` : nothing}
        </td></tr>`)}</tbody></table>`}
    ${v.consentsNext ? html`<p><button ?disabled=${v.busy} @click=${() => loadConsents(v, true)}>${v.t('showMore')}</button></p>` : nothing}`;
}
