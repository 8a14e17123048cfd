/** The marketing view's campaigns: the list with counts, the editor in four languages with a Markdown preview, now or later, a test send, cancelling. */
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { CampaignOut } from '../../../../schema/api/admin-segments.ts';
import { CONSOLE_LANGS, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { instantOf, localOf } from '../core/shared.ts';
import type { CampaignDraft, MarketingHost } from './host.ts';
import type { MarketingKey } from './marketing-i18n.ts';

const empty = (): Record<ConsoleLang, string> => ({ en: '', de: '', fr: '', it: '' });
const draftOf = (c: CampaignOut | null, segmentId: string): CampaignDraft => ({
  id: c?.id ?? null, name: c?.name ?? '', segmentId: c?.segment_id ?? segmentId,
  subject: { ...empty(), ...(c?.subject ?? {}) }, body: { ...empty(), ...(c?.body_md ?? {}) },
  now: !c, at: c ? localOf(c.send_at) : '',
});

/** Only the languages written (English always: the fallback). */
const written = (m: Record<ConsoleLang, string>) => Object.fromEntries(CONSOLE_LANGS.filter((l) => l === 'en' || m[l].trim()).map((l) => [l, m[l]]));

async function save(v: MarketingHost, e: Event): Promise<void> {
  e.preventDefault();
  const d = v.campaignDraft!;
  const body = { name: d.name, segment_id: d.segmentId, subject: written(d.subject), body_md: written(d.body), ...(d.now || !d.at ? {} : { send_at: instantOf(d.at) }) };
  const out = await v.act(() => (d.id ? v.client.send<CampaignOut>('PATCH', `/v1/admin/campaigns/${d.id}`, body) : v.client.send<CampaignOut>('POST', '/v1/admin/campaigns', body)), 'saved');
  if (!out) return;
  v.campaigns = d.id ? v.replace(v.campaigns, out) : [out, ...(v.campaigns ?? [])];
  v.campaignDraft = null;
  v.previews = {};
}

async function preview(v: MarketingHost, lang: ConsoleLang): Promise<void> {
  const out = await v.act(() => v.client.send<{ html: string }>('POST', '/v1/admin/programs/preview', { markdown: v.campaignDraft!.body[lang] }));
  if (out) v.previews = { ...v.previews, [lang]: out.html };
}

/** The test goes to the address given, else to the signed-in staff member, in the console's language. */
async function testSend(v: MarketingHost, c: CampaignOut): Promise<void> {
  const to = v.testTo.trim();
  const out = await v.act(() => v.client.send<{ to: string }>('POST', `/v1/admin/campaigns/${c.id}/test`, to ? { email: to, language: v.language } : { language: v.language }));
  if (out) v.notice = v.t('testSent', { to: out.to });
}

async function cancel(v: MarketingHost, c: CampaignOut): Promise<void> {
  const out = await v.act(() => v.client.send<CampaignOut>('POST', `/v1/admin/campaigns/${c.id}/cancel`), 'campaignCancelled');
  if (out) v.campaigns = v.replace(v.campaigns, out);
}

function editor(v: MarketingHost, d: CampaignDraft) {
  const set = (patch: Partial<CampaignDraft>) => { v.campaignDraft = { ...v.campaignDraft!, ...patch }; };
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return html`<form class="panel-form" aria-labelledby="cp-form" @submit=${(e: Event) => save(v, e)}>
    <h3 id="cp-form">${d.id ? v.t('editCampaign') : v.t('newCampaign')}</h3>
    <label for="cp-name">${v.t('name')}</label>
    <input id="cp-name" required maxlength="120" .value=${d.name} @input=${(e: Event) => set({ name: value(e) })}>
    <label for="cp-segment">${v.t('segment')}</label>
    <select id="cp-segment" required .value=${d.segmentId} @change=${(e: Event) => set({ segmentId: value(e) })}>
      ${(v.segments ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === d.segmentId}>${s.name} (${v.t('countLine', { count: s.count, consenting: s.with_consent })})</option>`)}
    </select>
    ${CONSOLE_LANGS.map((l) => html`<fieldset>
      <legend>${v.t(`lang_${l}` as MarketingKey)} ${l === 'en' ? v.t('required') : ''}</legend>
      <label for=${`cp-subject-${l}`}>${v.t('subject')}</label>
      <input id=${`cp-subject-${l}`} lang=${l} maxlength="200" ?required=${l === 'en'} .value=${d.subject[l]} @input=${(e: Event) => set({ subject: { ...v.campaignDraft!.subject, [l]: value(e) } })}>
      <label for=${`cp-body-${l}`}>${v.t('body')}</label>
      <textarea id=${`cp-body-${l}`} lang=${l} ?required=${l === 'en'} .value=${d.body[l]} @input=${(e: Event) => set({ body: { ...v.campaignDraft!.body, [l]: value(e) } })}></textarea>
      <p><button type="button" ?disabled=${!d.body[l].trim()} @click=${() => preview(v, l)}>${v.t('preview')}</button></p>
      ${v.previews[l] !== undefined ? html`<figure class="preview" aria-label=${v.t('previewOf', { lang: v.t(`lang_${l}` as MarketingKey) })} lang=${l}>${unsafeHTML(v.previews[l])}</figure>` : nothing}
    </fieldset>`)}
    <fieldset><legend>${v.t('when')}</legend>
      <label><input type="radio" name="cp-when" .checked=${d.now} @change=${() => set({ now: true })}> ${v.t('sendNow')}</label>
      <label><input type="radio" name="cp-when" .checked=${!d.now} @change=${() => set({ now: false })}> ${v.t('sendAt')}</label>
      ${d.now ? nothing : html`<label for="cp-at">${v.t('sendAtTime')}</label>
        <input id="cp-at" type="datetime-local" required .value=${d.at} @input=${(e: Event) => set({ at: value(e) })}>`}
    </fieldset>
    <p class="tools"><button class="primary" type="submit" ?disabled=${v.busy}>${v.t('save')}</button>
      <button type="button" @click=${() => { v.campaignDraft = null; v.previews = {}; }}>${v.t('cancelEdit')}</button></p>
  </form>`;
}

export function campaignsSection(v: MarketingHost) {
  const rows = v.campaigns;
  if (!rows) return nothing;
  const firstSegment = v.segments?.[0]?.id ?? '';
  return html`<h3>${v.t('campaigns')}</h3>
    <p><button ?disabled=${!firstSegment} @click=${() => { v.campaignDraft = draftOf(null, firstSegment); v.previews = {}; }}>${v.t('newCampaign')}</button></p>
    ${v.campaignDraft ? editor(v, v.campaignDraft) : nothing}
    <p><label for="cp-test-to">${v.t('testTo')}</label>
      <input id="cp-test-to" type="email" autocomplete="email" .value=${v.testTo} @input=${(e: Event) => { v.testTo = (e.target as HTMLInputElement).value; }}></p>
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('name')}</th><th scope="col">${v.t('status')}</th><th scope="col">${v.t('when')}</th><th scope="col">${v.t('campaigns')}</th><th scope="col">${v.t('actions')}</th></tr></thead>
      <tbody>${rows.map((c) => html`<tr>
        <td>${c.name}</td><td>${v.t(`cs_${c.status}` as MarketingKey)}</td><td>${formatWhen(v.language, c.send_at)}</td>
        <td>${v.t('counts', { queued: c.queued, delivered: c.delivered, skipped: c.skipped, unsubscribed: c.unsubscribed })}</td>
        <td class="tools">
          ${c.status === 'scheduled' ? html`<button aria-label=${`${v.t('edit')}: ${c.name}`} @click=${() => { v.campaignDraft = draftOf(c, firstSegment); v.previews = {}; }}>${v.t('edit')}</button>
            <button ?disabled=${v.busy} aria-label=${`${v.t('cancelCampaign')}: ${c.name}`} @click=${() => cancel(v, c)}>${v.t('cancelCampaign')}</button>` : nothing}
          <button ?disabled=${v.busy} aria-label=${`${v.t('sendTest')}: ${c.name}`} @click=${() => testSend(v, c)}>${v.t('sendTest')}</button>
        </td></tr>`)}</tbody></table>`}`;
}
