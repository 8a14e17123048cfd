/**
 * The automation form: name; what starts it (an event, a segment entered, a time around a session or
 * milestone); the delay; conditions (programs, their variants, a segment); the actions in order, each with its own
 * fields (a mail in four languages, a tag, a coupon, credits, a webhook endpoint), added and removed.
 */
import { html, nothing } from 'lit';
import type { AutomationOut, RunOut } from '../../../../schema/api/admin-automations.ts';
import { WEBHOOK_EVENTS } from '../../../../shared/webhook-events.ts';
import { CONSOLE_LANGS, type ConsoleLang } from '../core/console-lang.ts';
import type { AdminApi } from '../core/api.ts';
import { ACTION_TYPES, ANCHORS, TRIGGER_KINDS, actionDraft, type ActionDraft, type ActionType, type AutomationDraft } from './automation-draft.ts';
import type { AutomationsKey } from './automations-i18n.ts';

/** What the form and the run log use of `<tandem-admin-automations>`. */
export interface AutomationsHost {
  readonly language: ConsoleLang;
  client: AdminApi;
  busy: boolean;
  draft: AutomationDraft | null;
  segments: { id: string; name: string }[];
  programs: { id: string; title: string }[];
  /** Each program's variants, by program id, once loaded (loadVariants). */
  variants: Record<string, { id: string; name: string }[]>;
  loadVariants(programIds: readonly string[]): Promise<void>;
  endpoints: { id: string; url: string }[];
  t(key: AutomationsKey, vars?: Record<string, string | number>): string;
  save(e: Event): Promise<void>;
  showRuns(a: AutomationOut, failedOnly?: boolean): Promise<void>;
  moreRuns(): Promise<void>;
  closeRuns(): void;
  retry(a: AutomationOut, r: RunOut): Promise<void>;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

function actionFields(v: AutomationsHost, a: ActionDraft, i: number, set: (patch: Partial<ActionDraft>) => void) {
  const id = (f: string) => `au-a${i}-${f}`;
  switch (a.type) {
    case 'send_mail': return html`<label><input type="checkbox" .checked=${a.marketing} @change=${(e: Event) => set({ marketing: (e.target as HTMLInputElement).checked })}> ${v.t('marketingMail')}</label>
      ${CONSOLE_LANGS.map((l) => html`<label for=${id(`subject-${l}`)}>${v.t('subject', { lang: v.t(`lang_${l}`) })}</label>
        <input id=${id(`subject-${l}`)} maxlength="200" ?required=${l === 'en'} .value=${a.subject[l]} @input=${(e: Event) => set({ subject: { ...a.subject, [l]: value(e) } })}>
        <label for=${id(`body-${l}`)}>${v.t('body', { lang: v.t(`lang_${l}`) })}</label>
        <textarea id=${id(`body-${l}`)} ?required=${l === 'en'} .value=${a.body[l]} @input=${(e: Event) => set({ body: { ...a.body, [l]: value(e) } })}></textarea>`)}`;
    case 'add_tag': return html`<label for=${id('tag')}>${v.t('tag')}</label>
      <input id=${id('tag')} required maxlength="60" .value=${a.tag} @input=${(e: Event) => set({ tag: value(e) })}>`;
    case 'grant_coupon': return html`<label for=${id('percent')}>${v.t('percentOff')}</label>
      <input id=${id('percent')} type="number" min="1" max="100" step="1" required .value=${a.percent} @input=${(e: Event) => set({ percent: value(e) })}>
      <label for=${id('days')}>${v.t('validDays')}</label>
      <input id=${id('days')} type="number" min="1" max="366" step="1" required .value=${a.days} @input=${(e: Event) => set({ days: value(e) })}>`;
    case 'grant_credits': return html`<label for=${id('credits')}>${v.t('credits')}</label>
      <input id=${id('credits')} type="number" min="1" max="1000" step="1" required .value=${a.credits} @input=${(e: Event) => set({ credits: value(e) })}>`;
    case 'call_webhook': return v.endpoints.length ? html`<label for=${id('endpoint')}>${v.t('endpoint')}</label>
      <select id=${id('endpoint')} required @change=${(e: Event) => set({ endpointId: value(e) })}>
        <option value="" ?selected=${!a.endpointId}>—</option>
        ${v.endpoints.map((x) => html`<option value=${x.id} ?selected=${a.endpointId === x.id}>${x.url}</option>`)}
      </select>` : html`<p>${v.t('noEndpoints')}</p>`;
  }
}

function actionsFieldset(v: AutomationsHost, d: AutomationDraft, set: (patch: Partial<AutomationDraft>) => void) {
  const setAction = (i: number, patch: Partial<ActionDraft>) => set({ actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  return html`${d.actions.map((a, i) => html`<fieldset>
      <legend>${v.t('action', { n: i + 1 })}</legend>
      <label for=${`au-a${i}-type`}>${v.t('actionType')}</label>
      <select id=${`au-a${i}-type`} @change=${(e: Event) => setAction(i, { ...actionDraft(undefined, value(e) as ActionType) })}>
        ${ACTION_TYPES.map((type) => html`<option value=${type} ?selected=${a.type === type}>${v.t(`at_${type}`)}</option>`)}
      </select>
      ${actionFields(v, a, i, (patch) => setAction(i, patch))}
      ${d.actions.length > 1 ? html`<p><button type="button" @click=${() => set({ actions: d.actions.filter((_, j) => j !== i) })}>${v.t('removeAction', { n: i + 1 })}</button></p>` : nothing}
    </fieldset>`)}
    ${d.actions.length < 10 ? html`<p><button type="button" @click=${() => set({ actions: [...d.actions, actionDraft()] })}>${v.t('addAction')}</button></p>` : nothing}`;
}

/**
 * "Only for these variants": the variants of the programs chosen above, each labelled with its program.
 * Variants of programs not chosen (an automation set up through the API) stay in the condition, counted.
 */
function variantsFieldset(v: AutomationsHost, d: AutomationDraft, set: (patch: Partial<AutomationDraft>) => void) {
  if (!d.programs.length) return html`<p id="au-variants-note">${v.t('conditionVariantsNote')}</p>`;
  const shown = d.programs.flatMap((id) => (v.variants[id] ?? []).map((x) => ({ ...x, program: v.programs.find((p) => p.id === id)?.title ?? '' })));
  const loading = d.programs.some((id) => !v.variants[id]);
  const others = d.variants.filter((id) => !shown.some((x) => x.id === id)).length;
  return html`<fieldset><legend>${v.t('conditionVariants')}</legend>
    ${shown.map((x) => html`<label><input type="checkbox" value=${x.id} .checked=${d.variants.includes(x.id)}
      @change=${(e: Event) => set({ variants: (e.target as HTMLInputElement).checked ? [...v.draft!.variants, x.id] : v.draft!.variants.filter((y) => y !== x.id) })}> ${v.t('variantOf', { variant: x.name, program: x.program })}</label>`)}
    ${loading ? html`<p>${v.t('loading')}</p>` : !shown.length ? html`<p>${v.t('noVariants')}</p>` : nothing}
    ${others && !loading ? html`<p>${v.t('otherVariants', { n: others })}</p>` : nothing}
    <p>${v.t('anyVariant')}</p>
  </fieldset>`;
}

/** Ticks or unticks a program; unticked, its variants leave the condition too. */
function toggleProgram(v: AutomationsHost, id: string, on: boolean, set: (patch: Partial<AutomationDraft>) => void) {
  const d = v.draft!;
  const own = new Set((v.variants[id] ?? []).map((x) => x.id));
  set(on ? { programs: [...d.programs, id] } : { programs: d.programs.filter((x) => x !== id), variants: d.variants.filter((x) => !own.has(x)) });
  if (on) void v.loadVariants([id]);
}

export function automationForm(v: AutomationsHost, d: AutomationDraft) {
  const set = (patch: Partial<AutomationDraft>) => { v.draft = { ...v.draft!, ...patch }; };
  return html`<form class="panel-form" aria-labelledby="au-form" @submit=${(e: Event) => v.save(e)}>
    <h3 id="au-form" tabindex="-1">${d.id ? v.t('editAutomation') : v.t('newAutomation')}</h3>
    <label for="au-name">${v.t('name')}</label>
    <input id="au-name" required maxlength="120" .value=${d.name} @input=${(e: Event) => set({ name: value(e) })}>
    <fieldset><legend>${v.t('trigger')}</legend>
      <label for="au-kind">${v.t('triggerKind')}</label>
      <select id="au-kind" @change=${(e: Event) => set({ kind: value(e) as AutomationDraft['kind'] })}>
        ${TRIGGER_KINDS.map((k) => html`<option value=${k} ?selected=${d.kind === k}>${v.t(`tk_${k}`)}</option>`)}
      </select>
      ${d.kind === 'event' ? html`<label for="au-event">${v.t('event')}</label>
        <select id="au-event" @change=${(e: Event) => set({ event: value(e) })}>${WEBHOOK_EVENTS.map((ev) => html`<option value=${ev} ?selected=${d.event === ev}>${ev}</option>`)}</select>` : nothing}
      ${d.kind === 'segment_entered' ? html`<label for="au-segment">${v.t('segment')}</label>
        <select id="au-segment" required @change=${(e: Event) => set({ segmentId: value(e) })}><option value="" ?selected=${!d.segmentId}>—</option>
          ${v.segments.map((s) => html`<option value=${s.id} ?selected=${d.segmentId === s.id}>${s.name}</option>`)}</select>` : nothing}
      ${d.kind === 'session_time' ? html`<label for="au-anchor">${v.t('anchor')}</label>
        <select id="au-anchor" @change=${(e: Event) => set({ anchor: value(e) as AutomationDraft['anchor'] })}>${ANCHORS.map((a) => html`<option value=${a} ?selected=${d.anchor === a}>${v.t(`an_${a}`)}</option>`)}</select>
        <label for="au-offset">${v.t('offset')}</label>
        <input id="au-offset" type="number" step="1" required .value=${d.offset} @input=${(e: Event) => set({ offset: value(e) })}>` : nothing}
    </fieldset>
    <label for="au-delay">${v.t('delayMinutes')}</label>
    <input id="au-delay" type="number" min="0" step="1" .value=${d.delay} @input=${(e: Event) => set({ delay: value(e) })}>
    <fieldset><legend>${v.t('conditions')}</legend>
      ${v.programs.length ? html`<fieldset><legend>${v.t('conditionPrograms')}</legend>
        ${v.programs.map((p) => html`<label><input type="checkbox" .checked=${d.programs.includes(p.id)}
          @change=${(e: Event) => toggleProgram(v, p.id, (e.target as HTMLInputElement).checked, set)}> ${p.title}</label> `)}
      </fieldset>
      ${variantsFieldset(v, d, set)}` : nothing}
      <label for="au-in-segment">${v.t('conditionSegment')}</label>
      <select id="au-in-segment" @change=${(e: Event) => set({ inSegment: value(e) })}><option value="" ?selected=${!d.inSegment}>${v.t('anySegment')}</option>
        ${v.segments.map((s) => html`<option value=${s.id} ?selected=${d.inSegment === s.id}>${s.name}</option>`)}</select>
    </fieldset>
    <h4>${v.t('actions')}</h4>
    ${actionsFieldset(v, d, set)}
    <p class="tools"><button class="primary" type="submit" ?disabled=${v.busy}>${v.t('save')}</button>
      <button type="button" @click=${() => { v.draft = null; }}>${v.t('cancel')}</button></p>
  </form>`;
}
