/** The marketing view's segments: the list with live counts, the editor (create or edit), the members and their CSV. */
import { html, nothing } from 'lit';
import type { SegmentFilter, SegmentOut } from '../../../../schema/api/admin-segments.ts';
import { CONSOLE_LANGS, formatMoney, formatWhen, type ConsoleLang } from '../core/console-lang.ts';
import { BOOKING_STATUSES, type MarketingHost, type Member, type SegmentDraft } from './host.ts';
import { countLine, recount, stopCount } from './segment-count.ts';

const draftOf = (s: SegmentOut | null): SegmentDraft => ({
  id: s?.id ?? null, name: s?.name ?? '', languages: (s?.filter.languages ?? []) as ConsoleLang[],
  programs: s?.filter.program_ids ?? [], statuses: s?.filter.booking_statuses ?? [], consent: s?.filter.consent ?? '',
  minPaid: s?.filter.min_total_paid !== undefined ? String(s.filter.min_total_paid / 100) : '', after: dateOf(s?.filter.last_booking_after),
  before: dateOf(s?.filter.last_booking_before), utm: s?.filter.utm_source ?? '', minCredits: s?.filter.min_credits !== undefined ? String(s.filter.min_credits) : '',
  tags: (s?.filter.tags ?? []).join(', '),
});

/** An instant as the local date the form shows (the form sends local midnight of that date). */
function dateOf(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
const tagsOf = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

/** The draft as the API's filter: only what is set (a filter field left empty selects everyone). */
function filterOf(d: SegmentDraft, base: SegmentFilter = {}): SegmentFilter {
  const {
    languages: _l, program_ids: _p, booking_statuses: _s, consent: _c, min_total_paid: _m, last_booking_after: _a, last_booking_before: _b, utm_source: _u, min_credits: _k, tags: _t, ...kept
  } = base;
  const tags = tagsOf(d.tags);
  return {
    ...kept,
    ...(d.languages.length ? { languages: d.languages } : {}),
    ...(d.programs.length ? { program_ids: d.programs } : {}),
    ...(d.statuses.length ? { booking_statuses: d.statuses } : {}),
    ...(d.consent ? { consent: d.consent } : {}),
    ...(d.minPaid.trim() ? { min_total_paid: Math.round(Number(d.minPaid.replace(',', '.')) * 100) } : {}),
    ...(d.after ? { last_booking_after: new Date(`${d.after}T00:00:00`).toISOString() } : {}),
    ...(d.before ? { last_booking_before: new Date(`${d.before}T00:00:00`).toISOString() } : {}),
    ...(d.utm.trim() ? { utm_source: d.utm.trim() } : {}),
    ...(d.minCredits.trim() ? { min_credits: Number(d.minCredits) } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

/** A filter worth counting: its numbers are numbers (a half-typed amount waits for the next change; saving says what is wrong). */
const countable = (f: SegmentFilter) => [f.min_total_paid, f.min_credits].every((n) => n === undefined || (Number.isInteger(n) && n >= 0));

/** Opens the form for a segment (or a new one) and counts its filter. */
function open(v: MarketingHost, s: SegmentOut | null): void {
  v.segmentDraft = draftOf(s);
  v.members = null;
  v.segmentCount = s ? { counting: false, last: { count: s.count, withConsent: s.with_consent } } : null;
  if (!s) recount(v, filterOf(v.segmentDraft));
}

function close(v: MarketingHost): void {
  stopCount(v);
  v.segmentDraft = null;
}

async function save(v: MarketingHost, e: Event): Promise<void> {
  e.preventDefault();
  const d = v.segmentDraft!;
  const current = v.segments?.find((s) => s.id === d.id);
  const body = { name: d.name, filter: filterOf(d, current?.filter) };
  const out = await v.act(() => (d.id ? v.client.send<SegmentOut>('PATCH', `/v1/admin/segments/${d.id}`, body) : v.client.send<SegmentOut>('POST', '/v1/admin/segments', body)), 'saved');
  if (!out) return;
  v.segments = d.id ? v.replace(v.segments, out) : [out, ...(v.segments ?? [])];
  close(v);
}

async function showMembers(v: MarketingHost, s: SegmentOut): Promise<void> {
  const out = await v.act(() => v.client.get<{ members: Member[] }>(`/v1/admin/segments/${s.id}/members`));
  if (out) v.members = { segment: s, list: out.members };
}

function editor(v: MarketingHost, d: SegmentDraft) {
  const set = (patch: Partial<SegmentDraft>) => {
    v.segmentDraft = { ...v.segmentDraft!, ...patch };
    if ('name' in patch) return;
    const current = v.segments?.find((s) => s.id === v.segmentDraft!.id);
    const filter = filterOf(v.segmentDraft, current?.filter);
    if (countable(filter)) recount(v, filter);
  };
  return html`<form class="panel-form" aria-labelledby="sg-form" @submit=${(e: Event) => save(v, e)}>
    <h3 id="sg-form">${d.id ? v.t('editSegment') : v.t('newSegment')}</h3>
    <label for="sg-name">${v.t('name')}</label>
    <input id="sg-name" required maxlength="120" .value=${d.name} @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })}>
    <fieldset><legend>${v.t('languages')}</legend>
      ${CONSOLE_LANGS.map((l) => html`<label><input type="checkbox" .checked=${d.languages.includes(l)}
        @change=${(e: Event) => set({ languages: (e.target as HTMLInputElement).checked ? [...v.segmentDraft!.languages, l] : v.segmentDraft!.languages.filter((x) => x !== l) })}> ${v.t(`lang_${l}`)}</label> `)}
    </fieldset>
    ${v.programs?.length ? html`<fieldset><legend>${v.t('programsBooked')}</legend>
      ${v.programs.map((p) => html`<label><input type="checkbox" .checked=${d.programs.includes(p.id)}
        @change=${(e: Event) => set({ programs: (e.target as HTMLInputElement).checked ? [...v.segmentDraft!.programs, p.id] : v.segmentDraft!.programs.filter((x) => x !== p.id) })}> ${p.title}</label> `)}
    </fieldset>` : nothing}
    <fieldset><legend>${v.t('bookingStatuses')}</legend>
      ${BOOKING_STATUSES.map((st) => html`<label><input type="checkbox" .checked=${d.statuses.includes(st)}
        @change=${(e: Event) => set({ statuses: (e.target as HTMLInputElement).checked ? [...v.segmentDraft!.statuses, st] : v.segmentDraft!.statuses.filter((x) => x !== st) })}> ${v.t(`bs_${st}`)}</label> `)}
    </fieldset>
    <label for="sg-consent">${v.t('consent')}</label>
    <select id="sg-consent" .value=${d.consent} @change=${(e: Event) => set({ consent: (e.target as HTMLSelectElement).value as SegmentDraft['consent'] })}>
      <option value="">${v.t('anyConsent')}</option><option value="confirmed">${v.t('onlyConfirmed')}</option><option value="not_confirmed">${v.t('onlyNot')}</option>
    </select>
    <label for="sg-paid">${v.t('minPaid')}</label>
    <input id="sg-paid" inputmode="decimal" .value=${d.minPaid} @input=${(e: Event) => set({ minPaid: (e.target as HTMLInputElement).value })}>
    <label for="sg-after">${v.t('bookedAfter')}</label>
    <input id="sg-after" type="date" .value=${d.after} @input=${(e: Event) => set({ after: (e.target as HTMLInputElement).value })}>
    <label for="sg-before">${v.t('bookedBefore')}</label>
    <input id="sg-before" type="date" .value=${d.before} @input=${(e: Event) => set({ before: (e.target as HTMLInputElement).value })}>
    <label for="sg-credits">${v.t('minCredits')}</label>
    <input id="sg-credits" type="number" min="0" step="1" inputmode="numeric" .value=${d.minCredits} @input=${(e: Event) => set({ minCredits: (e.target as HTMLInputElement).value })}>
    <label for="sg-utm">${v.t('utmSource')}</label>
    <input id="sg-utm" maxlength="200" aria-describedby="sg-utm-hint" .value=${d.utm} @input=${(e: Event) => set({ utm: (e.target as HTMLInputElement).value })}>
    <small id="sg-utm-hint">${v.t('utmHint')}</small>
    <label for="sg-tags">${v.t('tagsAny')}</label>
    <input id="sg-tags" aria-describedby="sg-tags-hint" .value=${d.tags} @input=${(e: Event) => set({ tags: (e.target as HTMLInputElement).value })}>
    <small id="sg-tags-hint">${v.t('tagsHint')}</small>
    ${countLine(v)}
    <p class="tools"><button class="primary" type="submit" ?disabled=${v.busy}>${v.t('save')}</button>
      <button type="button" @click=${() => close(v)}>${v.t('cancelEdit')}</button></p>
  </form>`;
}

function membersTable(v: MarketingHost, m: { segment: SegmentOut; list: Member[] }) {
  return html`<section aria-labelledby="sg-members">
    <h3 id="sg-members">${v.t('members')}: ${m.segment.name}</h3>
    <p><a href=${v.client.url(`/v1/admin/segments/${m.segment.id}/members.csv`)} download="segment.csv">${v.t('csv')}</a></p>
    ${m.list.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('name')}</th><th scope="col">${v.t('email')}</th><th scope="col">${v.t('language')}</th><th scope="col">${v.t('paid')}</th><th scope="col">${v.t('credits')}</th><th scope="col">${v.t('consent')}</th></tr></thead>
      <tbody>${m.list.map((x) => html`<tr><td>${x.name}</td><td>${x.email}</td><td>${x.language}</td><td>${formatMoney(v.language, x.total_paid, 'CHF')}</td><td>${x.credits}</td><td>${x.consent ? v.t('yes') : v.t('no')}</td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

export function segmentsSection(v: MarketingHost) {
  const rows = v.segments;
  if (!rows) return nothing;
  return html`<h3>${v.t('segments')}</h3>
    <p><button @click=${() => open(v, null)}>${v.t('newSegment')}</button></p>
    ${v.segmentDraft ? editor(v, v.segmentDraft) : nothing}
    ${rows.length === 0 ? html`<p>${v.t('none')}</p>` : html`<table>
      <thead><tr><th scope="col">${v.t('name')}</th><th scope="col">${v.t('members')}</th><th scope="col">${v.t('withConsent')}</th><th scope="col">${v.t('actions')}</th></tr></thead>
      <tbody>${rows.map((s) => html`<tr>
        <td>${s.name}<br><small>${formatWhen(v.language, s.created_at)}</small></td><td>${s.count}</td><td>${s.with_consent}</td>
        <td class="tools">
          <button aria-label=${`${v.t('edit')}: ${s.name}`} @click=${() => open(v, s)}>${v.t('edit')}</button>
          <button aria-label=${`${v.t('showMembers')}: ${s.name}`} @click=${() => showMembers(v, s)}>${v.t('showMembers')}</button>
        </td></tr>`)}</tbody></table>`}
    ${v.members ? membersTable(v, v.members) : nothing}`;
}
