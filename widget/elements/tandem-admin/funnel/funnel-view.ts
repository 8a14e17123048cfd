/**
 * `<tandem-admin-funnel>`: the widget's conversion funnel over a period (dates in the studio's
 * zone), for all programs or one: the visits of each step as a bar chart with the table of the
 * same figures (visits, share of the step before, share of all views), then the attribution by
 * source, medium, campaign or referring site: views, paid visits, conversion, bookings and
 * revenue per group, and the CSV export of that table. Reads `GET /v1/admin/funnel` (owners and
 * managers; an instructor gets the API's 403 as the error line).
 *
 * @attr lang - en, de, fr or it
 * @attr zone - the studio's IANA time zone (the default period ends today there)
 */
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { define } from '../../../core/define.ts';
import { base, tokens } from '../../../core/styles.ts';
import type { FunnelReportOut } from '../../../../schema/api/admin-funnel.ts';
import type { AdminProgramsOut } from '../../../../schema/api/admin-programs.ts';
import { FUNNEL_STEPS, funnelSteps, type FunnelStep, type StepCount } from '../../../../shared/funnel.ts';
import { addDays } from '../../../../shared/dates.ts';
import { AdminApi } from '../core/api.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { attempt, type Problem } from '../core/shared.ts';
import { consoleLang, formatMoney, intlLocale, type ConsoleLang } from '../core/console-lang.ts';
import { problemAlert } from '../core/form-problem.ts';
import { funnelWords, stepKey, type FunnelKey } from './funnel-i18n.ts';

type Grouping = 'source' | 'medium' | 'campaign' | 'referrer';
const GROUPINGS: readonly Grouping[] = ['source', 'medium', 'campaign', 'referrer'];
type Group = FunnelReportOut['groups'][number];

/** Today's date in a time zone (`YYYY-MM-DD`). */
function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The programs' funnels added up (a visit belongs to one program's widget, so visits add). */
export function totalSteps(groups: readonly Group[]): StepCount[] {
  const visits: Partial<Record<FunnelStep, number>> = {};
  for (const g of groups) for (const s of g.steps) visits[s.step] = (visits[s.step] ?? 0) + s.visits;
  return funnelSteps(visits);
}

const BAR_ROW = 34;
const LABEL_W = 190;
const BAR_W = 330;

export class TandemAdminFunnel extends LitElement {
  static override styles = [tokens, base, adminStyles, css`
    figure { margin: 1rem 0; }
    svg { display: block; width: 100%; max-width: 40rem; height: auto; }
    .bar { fill: var(--_primary); }
    .track { fill: var(--_surface); }
    svg text { fill: var(--_fg); font-size: 14px; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    h2:focus { outline: none; }
    h3 { margin-top: 1.5rem; }
  `];

  @property() override lang = '';
  @property({ attribute: false }) client = new AdminApi();
  @property() zone = 'UTC';

  @state() from = '';
  @state() to = '';
  @state() program = '';
  @state() by: Grouping = 'source';
  @state() programs: AdminProgramsOut['programs'] = [];
  @state() funnel: StepCount[] | null = null;
  @state() sources: Group[] | null = null;
  @state() problem: Problem | null = null;

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: FunnelKey): string {
    return funnelWords[this.language][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.to = todayIn(this.zone);
    this.from = addDays(this.to, -29);
    void attempt(() => this.client.get<AdminProgramsOut>('/v1/admin/programs'), () => undefined).then((list) => {
      if (list) this.programs = list.programs;
    });
    void this.load();
  }

  private query(by: 'program' | Grouping): string {
    const q = new URLSearchParams({ from: this.from, to: this.to, by });
    if (this.program) q.set('program', this.program);
    return q.toString();
  }

  /** The steps (all programs added up, or the one chosen) and the groups of the chosen attribution, for the period. */
  async load(): Promise<void> {
    this.problem = null;
    const fail = (p: Problem) => { this.problem = p; };
    const [steps, sources] = await Promise.all([
      attempt(() => this.client.get<FunnelReportOut>(`/v1/admin/funnel?${this.query('program')}`), fail),
      attempt(() => this.client.get<FunnelReportOut>(`/v1/admin/funnel?${this.query(this.by)}`), fail),
    ]);
    if (steps) this.funnel = totalSteps(steps.groups);
    if (sources) this.sources = sources.groups;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.from = String(data.get('from') ?? this.from);
    this.to = String(data.get('to') ?? this.to);
    this.program = String(data.get('program') ?? '');
    this.by = (GROUPINGS as readonly string[]).includes(String(data.get('by'))) ? String(data.get('by')) as Grouping : 'source';
    void this.load();
  }

  private number(n: number): string {
    return new Intl.NumberFormat(intlLocale(this.language)).format(n);
  }

  private percent(r: number | null): string {
    return r === null ? '—' : new Intl.NumberFormat(intlLocale(this.language), { style: 'percent', maximumFractionDigits: 1 }).format(r);
  }

  override render(): TemplateResult {
    return html`<h2 id="fu-heading" tabindex="-1">${this.t('heading')}</h2>
      ${problemAlert(this.problem, this.problem?.message ?? '')}
      <form class="filters" @submit=${this.submit}>
        <div><label for="fu-from">${this.t('from')}</label><input id="fu-from" name="from" type="date" required .value=${this.from}></div>
        <div><label for="fu-to">${this.t('to')}</label><input id="fu-to" name="to" type="date" required .value=${this.to}></div>
        <div><label for="fu-program">${this.t('program')}</label>
          <select id="fu-program" name="program"><option value="">${this.t('allPrograms')}</option>
            ${this.programs.map((p) => html`<option value=${p.slug} ?selected=${this.program === p.slug}>${p.title}</option>`)}</select></div>
        <div><label for="fu-by">${this.t('by')}</label>
          <select id="fu-by" name="by">${GROUPINGS.map((g) => html`<option value=${g} ?selected=${this.by === g}>${this.t(g)}</option>`)}</select></div>
        <button class="primary" type="submit">${this.t('show')}</button>
      </form>
      <p><small>${this.t('rangeNote')}</small></p>
      ${this.funnel ? this.stepsView(this.funnel) : html`<p>${this.t('loading')}</p>`}
      ${this.sources ? this.sourcesView(this.sources) : nothing}`;
  }

  private chart(steps: StepCount[]): TemplateResult {
    const max = Math.max(1, ...steps.map((s) => s.visits));
    const summary = steps.map((s) => `${this.t(stepKey(s.step))} ${this.number(s.visits)}`).join(', ');
    return html`<figure>
      <svg viewBox="0 0 ${LABEL_W + BAR_W + 70} ${steps.length * BAR_ROW}" role="img" aria-labelledby="fu-chart-title">
        <title id="fu-chart-title">${this.t('chart')}: ${summary}</title>
        ${steps.map((s, i) => svg`<g data-step=${s.step}>
          <text x="0" y=${i * BAR_ROW + 21}>${this.t(stepKey(s.step))}</text>
          <rect class="track" x=${LABEL_W} y=${i * BAR_ROW + 6} width=${BAR_W} height="20" rx="3"></rect>
          <rect class="bar" x=${LABEL_W} y=${i * BAR_ROW + 6} width=${Math.round((s.visits / max) * BAR_W)} height="20" rx="3"></rect>
          <text x=${LABEL_W + BAR_W + 8} y=${i * BAR_ROW + 21}>${this.number(s.visits)}</text>
        </g>`)}
      </svg>
    </figure>`;
  }

  private stepsView(steps: StepCount[]): TemplateResult {
    const viewed = steps[0]?.visits ?? 0;
    return html`<h3>${this.t('steps')}</h3>
      ${viewed === 0 ? html`<p>${this.t('none')}</p>` : this.chart(steps)}
      <table><caption>${this.t('steps')}</caption>
        <thead><tr><th scope="col">${this.t('step')}</th><th scope="col" class="num">${this.t('visits')}</th>
          <th scope="col" class="num">${this.t('fromPrevious')}</th><th scope="col" class="num">${this.t('fromViewed')}</th></tr></thead>
        <tbody>${steps.map((s) => html`<tr data-step=${s.step}><th scope="row">${this.t(stepKey(s.step))}</th><td class="num">${this.number(s.visits)}</td>
          <td class="num">${this.percent(s.from_previous)}</td><td class="num">${this.percent(s.from_viewed)}</td></tr>`)}</tbody></table>`;
  }

  private sourcesView(groups: Group[]): TemplateResult {
    const step = (g: Group, name: FunnelStep) => g.steps.find((s) => s.step === name);
    return html`<h3>${this.t('attribution')}: ${this.t(this.by)}</h3>
      ${groups.length ? html`<table><caption>${this.t('attribution')}: ${this.t(this.by)}</caption>
        <thead><tr><th scope="col">${this.t(this.by)}</th><th scope="col" class="num">${this.t(stepKey(FUNNEL_STEPS[0]))}</th>
          <th scope="col" class="num">${this.t('paid')}</th><th scope="col" class="num">${this.t('conversion')}</th>
          <th scope="col" class="num">${this.t('bookings')}</th><th scope="col" class="num">${this.t('revenue')}</th></tr></thead>
        <tbody>${groups.map((g) => html`<tr><th scope="row">${g.key}</th><td class="num">${this.number(step(g, 'viewed')?.visits ?? 0)}</td>
          <td class="num">${this.number(step(g, 'paid')?.visits ?? 0)}</td><td class="num">${this.percent(step(g, 'paid')?.from_viewed ?? null)}</td>
          <td class="num">${this.number(g.bookings)}</td>
          <td class="num">${g.revenue.length ? g.revenue.map((m) => formatMoney(this.language, m.amount, m.currency)).join(', ') : '—'}</td></tr>`)}</tbody></table>`
        : html`<p>${this.t('none')}</p>`}
      <p><a href=${this.client.url(`/v1/admin/funnel.csv?${this.query(this.by)}`)} download>${this.t('csv')}</a></p>`;
  }
}

define('tandem-admin-funnel', TandemAdminFunnel);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-funnel': TandemAdminFunnel }
}
