/**
 * `<tandem-admin-automations>`: the studio's automations (the marketing view's "Automations" tab):
 * the list with each one's trigger, delay, conditions and actions in words; create and edit
 * (automation-form.ts); enable or disable; and each one's run log with failed actions visible and
 * a failed run retried (automation-runs.ts). Owners and managers. What happened is said in a polite
 * live region; the API's problem in an alert.
 *
 * @attr lang - en, de, fr or it
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import { fillTemplate } from '../../../../shared/template.ts';
import type { AutomationAction, AutomationOut, RunOut } from '../../../../schema/api/admin-automations.ts';
import type { AdminProgramOut } from '../../../../schema/api/admin-programs.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, type ConsoleLang } from '../core/console-lang.ts';
import { problemAlert } from '../core/form-problem.ts';
import { automationsWords, type AutomationsKey } from './automations-i18n.ts';
import { bodyOf, draftOf, type AutomationDraft } from './automation-draft.ts';
import { automationForm, type AutomationsHost } from './automation-form.ts';
import { RUNS_PAGE, runLog, runsPath, type RunLog } from './automation-runs.ts';

export class TandemAdminAutomations extends LitElement implements AutomationsHost {
  static override styles = [tokens, base, adminStyles, css`
    .panel-form { display: grid; gap: 0.5rem; max-width: 40rem; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin: 0.75rem 0; }
    fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); display: grid; gap: 0.25rem; }
    textarea { min-height: 4rem; width: 100%; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    li.failed { color: var(--_error); font-weight: 600; }
    h3:focus { outline: none; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();

  @state() automations: AutomationOut[] | null = null;
  @state() segments: { id: string; name: string }[] = [];
  @state() programs: { id: string; title: string }[] = [];
  @state() endpoints: { id: string; url: string }[] = [];
  @state() variants: Record<string, { id: string; name: string }[]> = {};
  @state() draft: AutomationDraft | null = null;
  @state() log: RunLog | null = null;
  @state() problem: Problem | null = null;
  @state() notice = '';
  @state() busy = false;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: AutomationsKey, vars: Record<string, string | number> = {}): string {
    return fillTemplate(automationsWords[this.language][key], vars);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async act<T>(work: () => Promise<T>, done?: AutomationsKey): Promise<T | undefined> {
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      const out = await attempt(work, (p) => { this.problem = p; });
      if (out !== undefined && done) this.notice = this.t(done);
      return out;
    } finally {
      this.busy = false;
    }
  }

  private async load(): Promise<void> {
    const c = this.client;
    const quiet = <T>(work: () => Promise<T>) => attempt(work, () => undefined);
    const [automations, segments, programs, endpoints] = await Promise.all([
      this.act(() => c.get<{ automations: AutomationOut[] }>('/v1/admin/automations')),
      quiet(() => c.get<{ segments: { id: string; name: string }[] }>('/v1/admin/segments')),
      quiet(() => c.get<{ programs: { id: string; title: string }[] }>('/v1/admin/programs')),
      quiet(() => c.get<{ webhooks: { id: string; url: string }[] }>('/v1/admin/webhooks')),
    ]);
    this.automations = automations?.automations ?? [];
    this.segments = segments?.segments ?? [];
    this.programs = programs?.programs ?? [];
    this.endpoints = endpoints?.webhooks ?? [];
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private open(a: AutomationOut | null): void {
    this.draft = draftOf(a);
    this.log = null;
    void this.loadVariants(this.draft.programs);
    void this.focusOn('#au-form');
  }

  /** The variants of these programs (for the variant condition), each program's read once. */
  async loadVariants(programIds: readonly string[]): Promise<void> {
    const wanted = programIds.filter((id) => !this.variants[id]);
    const got = await Promise.all(wanted.map(async (id) => [id, await attempt(() => this.client.get<AdminProgramOut>(`/v1/admin/programs/${id}`), () => undefined)] as const));
    const loaded = Object.fromEntries(got.map(([id, p]) => [id, (p?.variants ?? []).map((x) => ({ id: x.id, name: x.name }))]));
    if (wanted.length) this.variants = { ...this.variants, ...loaded };
  }

  async save(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft!;
    const body = bodyOf(d);
    const out = await this.act(() => (d.id ? this.client.send<AutomationOut>('PATCH', `/v1/admin/automations/${d.id}`, body)
      : this.client.send<AutomationOut>('POST', '/v1/admin/automations', body)), 'saved');
    if (!out) return;
    this.automations = d.id ? (this.automations ?? []).map((a) => (a.id === out.id ? out : a)) : [...(this.automations ?? []), out];
    this.draft = null;
  }

  private async toggle(a: AutomationOut): Promise<void> {
    const out = await this.act(() => this.client.send<AutomationOut>('POST', `/v1/admin/automations/${a.id}/${a.enabled ? 'disable' : 'enable'}`), a.enabled ? 'nowDisabled' : 'nowEnabled');
    if (out) this.automations = (this.automations ?? []).map((x) => (x.id === out.id ? out : x));
  }

  async showRuns(a: AutomationOut, failedOnly = false): Promise<void> {
    const out = await this.act(() => this.client.get<{ runs: RunOut[] }>(runsPath({ automation: a, failedOnly })));
    if (!out) return;
    const opening = this.log?.automation.id !== a.id;
    this.draft = null;
    this.log = { automation: a, runs: out.runs, failedOnly, more: out.runs.length === RUNS_PAGE };
    if (opening) void this.focusOn('#au-log');
  }

  async moreRuns(): Promise<void> {
    const log = this.log!;
    const out = await this.act(() => this.client.get<{ runs: RunOut[] }>(runsPath(log, log.runs.at(-1)?.created_at)));
    if (out) this.log = { ...log, runs: [...log.runs, ...out.runs], more: out.runs.length === RUNS_PAGE };
  }

  closeRuns(): void {
    const id = this.log?.automation.id;
    this.log = null;
    if (id) void this.focusOn(`button[data-log="${id}"]`);
  }

  async retry(a: AutomationOut, r: RunOut): Promise<void> {
    const out = await this.act(() => this.client.send<RunOut>('POST', `/v1/admin/automations/${a.id}/runs/${r.id}/retry`), 'retried');
    if (out && this.log) this.log = { ...this.log, runs: this.log.runs.map((x) => (x.id === out.id ? out : x)) };
  }

  private triggerText(a: AutomationOut): string {
    const t = a.trigger;
    if (t.kind === 'event') return this.t('triggerEvent', { event: t.event });
    if (t.kind === 'segment_entered') return this.t('triggerSegment', { segment: this.segments.find((s) => s.id === t.segment_id)?.name ?? '—' });
    return this.t('triggerSession', { offset: t.offset_minutes, anchor: this.t(`an_${t.anchor}`) });
  }

  private conditionsText(a: AutomationOut): string {
    const c = a.conditions;
    const parts = [
      ...(c.program_ids?.length ? [this.t('condPrograms', { n: c.program_ids.length })] : []),
      ...(c.variant_ids?.length ? [this.t('condVariants', { n: c.variant_ids.length })] : []),
      ...(c.segment_id ? [this.t('condSegment', { segment: this.segments.find((s) => s.id === c.segment_id)?.name ?? '—' })] : []),
    ];
    return parts.length ? parts.join(', ') : this.t('noConditions');
  }

  private actionText(x: AutomationAction): string {
    switch (x.type) {
      case 'send_mail': return this.t('sumMail', { subject: x.subject[this.language] ?? x.subject.en });
      case 'add_tag': return this.t('sumTag', { tag: x.tag });
      case 'grant_coupon': return this.t('sumCoupon', { percent: x.percent_off });
      case 'grant_credits': return this.t('sumCredits', { credits: x.credits });
      case 'call_webhook': return this.t('sumWebhook');
    }
  }

  override render() {
    const rows = this.automations;
    return html`<section aria-labelledby="au-heading">
      <h3 id="au-heading">${this.t('automations')}</h3>
      <div class="sr-only" role="status" aria-live="polite">${this.notice}</div>
      ${problemAlert(this.problem, this.t('problem'))}
      <p><button @click=${() => this.open(null)}>${this.t('newAutomation')}</button></p>
      ${this.draft ? automationForm(this, this.draft) : nothing}
      ${!rows ? html`<p>${this.t('loading')}</p>` : rows.length === 0 ? html`<p>${this.t('none')}</p>` : html`<table>
        <thead><tr><th scope="col">${this.t('name')}</th><th scope="col">${this.t('trigger')}</th><th scope="col">${this.t('delay')}</th><th scope="col">${this.t('conditions')}</th>
          <th scope="col">${this.t('actions')}</th><th scope="col">${this.t('state')}</th><th scope="col">${this.t('tools')}</th></tr></thead>
        <tbody>${rows.map((a) => html`<tr>
          <td>${a.name}</td><td>${this.triggerText(a)}</td><td>${a.delay_minutes ? this.t('minutes', { n: a.delay_minutes }) : this.t('noDelay')}</td>
          <td>${this.conditionsText(a)}</td><td><ol>${a.actions.map((x) => html`<li>${this.actionText(x)}</li>`)}</ol></td>
          <td>${a.enabled ? this.t('enabled') : this.t('disabled')}</td>
          <td class="tools">
            <button aria-label=${`${this.t('edit')}: ${a.name}`} @click=${() => this.open(a)}>${this.t('edit')}</button>
            <button ?disabled=${this.busy} aria-label=${`${a.enabled ? this.t('disable') : this.t('enable')}: ${a.name}`} @click=${() => this.toggle(a)}>${a.enabled ? this.t('disable') : this.t('enable')}</button>
            <button data-log=${a.id} aria-label=${`${this.t('runLog')}: ${a.name}`} @click=${() => this.showRuns(a)}>${this.t('runLog')}</button>
          </td></tr>`)}</tbody></table>`}
      ${this.log ? runLog(this, this.log) : nothing}
    </section>`;
  }
}

define('tandem-admin-automations', TandemAdminAutomations);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-admin-automations': TandemAdminAutomations;
  }
}
