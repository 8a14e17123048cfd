/**
 * The console's payroll view: a payroll period (the current one first, live while it is open)
 * with its totals per instructor, each instructor's sessions, bookings paid flat and adjustments,
 * a PDF statement per instructor and the period's CSV; owners and managers close a period and mark
 * it paid. Below, the pay rules per instructor (and per program) with their history: a rule is
 * never edited, a change is a new rule from a later date. Last, the studio's payroll settings (the
 * period's rhythm, what a no-show or a late cancellation earns, the currency). Instructors see only
 * their own earnings and rules, as the API answers them, and none of the forms.
 *
 * @attr lang - en, de, fr or it (default: the browser's language)
 * @attr staff-role - owner, manager or instructor: closing, marking paid and rules are for owners and managers
 * @attr zone - the studio's IANA time zone (which rule is in force today is read in it)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base, tokens } from '../../../core/styles.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { AdminApi } from '../core/api.ts';
import { payrollWords, type PayrollKey } from './payroll-i18n.ts';
import { consoleLang, formatMoney, intlLocale, type ConsoleLang } from '../core/console-lang.ts';
import { dateOfInstant } from '../../../../shared/zone.ts';
import type { EarningOut, PayRuleOut, PayRulesOut, PayrollSettingsOut, PeriodDetailOut, PeriodOut, PeriodsOut, StatementOut } from '../../../../schema/api/admin-payroll.ts';
import type { StaffListOut } from '../../../../schema/api/admin-staff.ts';
import type { AdminProgramsOut } from '../../../../schema/api/admin-programs.ts';

type Kind = PayRuleOut['kind'];
const KINDS: Kind[] = ['percent', 'per_session', 'flat'];

/** A decimal typed by a person (a point or a comma) in hundredths: `40,5` → 4050; empty → null. */
function hundredths(value: FormDataEntryValue | null): number | null {
  const s = String(value ?? '').trim().replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
}

export class TandemAdminPayroll extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  /** The console's API client (session cookie, CSRF token). */
  @property({ attribute: false }) client = new AdminApi();
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'instructor';
  @property() zone = 'Europe/Zurich';

  @state() periods: PeriodOut[] | null = null;
  @state() selected = '';
  @state() detail: PeriodDetailOut | null = null;
  @state() rules: PayRuleOut[] | null = null;
  @state() names = new Map<string, string>();
  @state() programs: { id: string; title: string }[] = [];
  @state() instructors: { id: string; name: string }[] = [];
  @state() currency = 'CHF';
  @state() settings: PayrollSettingsOut | null = null;
  @state() periodKind: PayrollSettingsOut['period'] = 'monthly';
  @state() kind: Kind = 'percent';
  @state() confirmClose = false;
  @state() notice = '';
  @state() error = '';

  get language(): ConsoleLang {
    return consoleLang(this.lang || navigator.language);
  }

  t(key: PayrollKey): string {
    return payrollWords[this.language][key];
  }

  private get manages(): boolean {
    return this.staffRole === 'owner' || this.staffRole === 'manager';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Runs an API call, showing its problem as an error line instead of throwing. */
  private async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return undefined;
    }
  }

  async load(): Promise<void> {
    this.error = '';
    const [staff, programs, settings] = await Promise.all([
      this.attempt(() => this.client.get<StaffListOut>('/v1/admin/staff')),
      this.attempt(() => this.client.get<AdminProgramsOut>('/v1/admin/programs')),
      this.attempt(() => this.client.get<PayrollSettingsOut>('/v1/admin/payroll/settings')),
    ]);
    if (staff) {
      this.names = new Map(staff.staff.map((s) => [s.id, s.name]));
      // Instructors first (they are whom rules are mostly for), then managers and owners who also teach.
      const order = (role: string) => (role === 'instructor' ? 0 : 1);
      this.instructors = staff.staff.filter((s) => s.is_active).sort((a, b) => order(a.role) - order(b.role) || a.name.localeCompare(b.name)).map((s) => ({ id: s.id, name: s.name }));
    }
    if (programs) this.programs = programs.programs.map((p) => ({ id: p.id, title: p.title }));
    if (settings) this.showSettings(settings);
    await Promise.all([this.loadPeriods(), this.loadRules()]);
  }

  private showSettings(s: PayrollSettingsOut): void {
    this.settings = s;
    this.currency = s.currency;
    this.periodKind = s.period;
  }

  private async loadPeriods(): Promise<void> {
    const list = await this.attempt(() => this.client.get<PeriodsOut>('/v1/admin/payroll/periods'));
    if (!list) return;
    this.periods = list.periods;
    if (!list.periods.some((p) => p.id === this.selected)) this.selected = list.periods[0]?.id ?? '';
    await this.loadDetail();
  }

  private async loadDetail(): Promise<void> {
    if (!this.selected) { this.detail = null; return; }
    const d = await this.attempt(() => this.client.get<PeriodDetailOut>(`/v1/admin/payroll/periods/${this.selected}`));
    if (d) this.detail = d;
  }

  private async loadRules(): Promise<void> {
    const r = await this.attempt(() => this.client.get<PayRulesOut>('/v1/admin/payroll/rules'));
    if (r) this.rules = r.rules;
  }

  /** A change: the notice on success, the API's problem otherwise; then the view reads again. */
  private async change(method: 'POST' | 'DELETE', path: string, body: unknown, done: PayrollKey): Promise<boolean> {
    this.error = '';
    this.notice = '';
    const ok = await this.attempt(async () => { await this.client.send(method, path, body); return true; });
    if (!ok) return false;
    this.notice = this.t(done);
    return true;
  }

  private money(amount: number, currency: string): string {
    return formatMoney(this.language, amount, currency);
  }

  private percent(bp: number): string {
    return `${new Intl.NumberFormat(intlLocale(this.language), { maximumFractionDigits: 2 }).format(bp / 100)} %`;
  }

  private day(date: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.language), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  }

  private nameOf(id: string): string {
    return this.names.get(id) ?? id;
  }

  private programTitle(id: string | null): string {
    return id === null ? this.t('allPrograms') : this.programs.find((p) => p.id === id)?.title ?? id;
  }

  /** A rule in words: "40 % of net revenue", "CHF 50.00 per session (at least …, at most …)". */
  ruleText(r: { kind: string; value: number; currency: string; min_amount?: number | null; max_amount?: number | null }): string {
    const main = r.kind === 'percent' ? `${this.percent(r.value)} ${this.t('ofRevenue')}`
      : `${this.money(r.value, r.currency)} ${this.t(r.kind === 'flat' ? 'perBooking' : 'perSession')}`;
    const bounds = [
      r.min_amount != null ? `${this.t('min')} ${this.money(r.min_amount, r.currency)}` : '',
      r.max_amount != null ? `${this.t('max')} ${this.money(r.max_amount, r.currency)}` : '',
    ].filter(Boolean);
    return bounds.length ? `${main} (${bounds.join(', ')})` : main;
  }

  private periodLabel(p: PeriodOut): string {
    return `${this.day(p.starts_on)} – ${this.day(p.ends_on)} · ${this.t(p.status)}`;
  }

  override render(): TemplateResult {
    return html`
      <h2>${this.t('payroll')}</h2>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      ${this.periods ? this.periodSection(this.periods) : html`<p>${this.t('loading')}</p>`}
      ${this.rules ? this.rulesSection(this.rules) : nothing}
      ${this.settings ? this.settingsSection(this.settings) : nothing}`;
  }

  // ——— the period

  private periodSection(periods: PeriodOut[]): TemplateResult {
    const d = this.detail;
    return html`<section aria-labelledby="pr-period">
      <h3 id="pr-period">${this.t('period')}</h3>
      <div class="filters">
        <div><label for="pr-pick">${this.t('periodPick')}</label>
          <select id="pr-pick" @change=${(e: Event) => { this.selected = (e.target as HTMLSelectElement).value; this.confirmClose = false; void this.loadDetail(); }}>
            ${periods.map((p) => html`<option value=${p.id} ?selected=${p.id === this.selected}>${this.periodLabel(p)}</option>`)}</select></div>
        <button @click=${() => this.loadPeriods()}>${this.t('refresh')}</button>
        ${d ? html`<a href=${this.client.url(`/v1/admin/payroll/periods/${d.period.id}/export.csv`)} download>${this.t('exportCsv')}</a>` : nothing}
      </div>
      ${d ? html`${this.facts(d.period)}${this.manages ? this.periodActions(d.period) : nothing}${this.totals(d)}
        ${d.instructors.map((s) => this.statement(d.period, s))}` : nothing}
    </section>`;
  }

  private facts(p: PeriodOut): TemplateResult {
    return html`<dl class="period-facts">
      <dt>${this.t('dates')}</dt><dd>${this.day(p.starts_on)} – ${this.day(p.ends_on)}</dd>
      <dt>${this.t('status')}</dt><dd>${this.t(p.status)}</dd>
      ${p.closed_at ? html`<dt>${this.t('closedAt')}</dt><dd>${this.day(dateOfInstant(p.closed_at, this.zone))}</dd>` : nothing}
      ${p.paid_on ? html`<dt>${this.t('paidOn')}</dt><dd>${this.day(p.paid_on)}</dd><dt>${this.t('reference')}</dt><dd>${p.paid_reference}</dd>` : nothing}
    </dl>`;
  }

  private periodActions(p: PeriodOut): TemplateResult | typeof nothing {
    if (p.status === 'open') {
      if (!this.confirmClose) return html`<p><button id="pr-close" @click=${() => this.asking(true, '#pr-close-now')}>${this.t('closePeriod')}</button></p>`;
      const close = async () => {
        const done = await this.change('POST', `/v1/admin/payroll/periods/${p.id}/close`, undefined, 'closedNotice');
        if (done) await this.loadPeriods();
        // The question is gone either way: the period picker takes the focus (a refusal is read out by the alert).
        await this.asking(false, '#pr-pick');
      };
      return html`<section class="notice" aria-labelledby="pr-close-q">
        <p id="pr-close-q">${this.t('closeQuestion')}</p>
        <button id="pr-close-now" class="primary" @click=${close}>${this.t('closeNow')}</button>
        <button @click=${() => this.asking(false, '#pr-close')}>${this.t('keepOpen')}</button>
      </section>`;
    }
    if (p.status !== 'closed') return nothing;
    const pay = async (e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      if (await this.change('POST', `/v1/admin/payroll/periods/${p.id}/paid`, { paid_on: String(f.get('paid_on')), reference: String(f.get('reference')).trim() }, 'paidNotice')) await this.loadPeriods();
    };
    return html`<form class="filters" aria-labelledby="pr-payout" @submit=${pay}>
      <h4 id="pr-payout">${this.t('payout')}</h4>
      <div><label for="pr-paid-on">${this.t('paidOn')}</label><input id="pr-paid-on" name="paid_on" type="date" required min=${p.ends_on}></div>
      <div><label for="pr-ref">${this.t('reference')}</label><input id="pr-ref" name="reference" required maxlength="200"></div>
      <button class="primary" type="submit">${this.t('markPaid')}</button>
    </form>`;
  }

  /** Shows or hides the question before closing, and moves the focus to `focus` once drawn. */
  private async asking(open: boolean, focus: string): Promise<void> {
    this.confirmClose = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  private statementHref(p: PeriodOut, staffId: string): string {
    return this.client.url(`/v1/admin/payroll/periods/${p.id}/statements/${staffId}.pdf?lang=${this.language}`);
  }

  private totals(d: PeriodDetailOut): TemplateResult {
    if (!d.instructors.length) return html`<p>${this.t('noEarnings')}</p>`;
    return html`<table class="totals"><caption>${this.t('totals')}</caption>
      <thead><tr><th scope="col">${this.t('instructor')}</th><th scope="col">${this.t('total')}</th><th scope="col">${this.t('statement')}</th></tr></thead>
      <tbody>${d.instructors.map((s) => html`<tr><th scope="row">${s.staff_name}</th>
        <td>${s.totals.map((x) => this.money(x.amount, x.currency)).join(' + ')}</td>
        <td><a href=${this.statementHref(d.period, s.staff_id)} download aria-label="${this.t('statement')}: ${s.staff_name}">${this.t('statement')}</a></td></tr>`)}</tbody>
    </table>`;
  }

  private outcome(e: EarningOut): string {
    const o = String(e.inputs.outcome ?? '');
    const word = o === 'completed' || o === 'no_show' || o === 'late_cancel' ? this.t(o) : this.t('none');
    const share = typeof e.inputs.share_bp === 'number' && o !== 'completed' ? ` (${this.t('share')} ${this.percent(e.inputs.share_bp)})` : '';
    return word + share;
  }

  private statement(p: PeriodOut, s: StatementOut): TemplateResult {
    const id = `pr-st-${s.staff_id}`;
    const rule = (e: EarningOut) => this.ruleText(e.rule as { kind: string; value: number; currency: string; min_amount: number | null; max_amount: number | null });
    const revenue = (e: EarningOut) => (typeof e.inputs.net_revenue === 'number' ? this.money(e.inputs.net_revenue, e.currency) : this.t('none'));
    return html`<section aria-labelledby=${id}>
      <h4 id=${id}>${s.staff_name} · ${s.totals.map((x) => this.money(x.amount, x.currency)).join(' + ')}</h4>
      ${s.sessions.length ? html`<table><caption>${this.t('sessions')} · ${s.staff_name}</caption>
        <thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('program')}</th><th scope="col">${this.t('customer')}</th><th scope="col">${this.t('session')}</th>
          <th scope="col">${this.t('outcome')}</th><th scope="col">${this.t('netRevenue')}</th><th scope="col">${this.t('rule')}</th><th scope="col">${this.t('amount')}</th></tr></thead>
        <tbody>${s.sessions.map((e) => html`<tr><td>${this.day(e.earned_on)}</td><td>${e.program?.title ?? this.t('none')}</td><td>${e.customer_name ?? this.t('none')}</td>
          <td>${e.session_seq ?? this.t('none')}</td><td>${this.outcome(e)}</td><td>${revenue(e)}</td><td>${rule(e)}</td><td>${this.money(e.amount, e.currency)}</td></tr>`)}</tbody>
      </table>` : nothing}
      ${s.bookings.length ? html`<table><caption>${this.t('bookings')} · ${s.staff_name}</caption>
        <thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('program')}</th><th scope="col">${this.t('customer')}</th>
          <th scope="col">${this.t('sessionsDelivered')}</th><th scope="col">${this.t('rule')}</th><th scope="col">${this.t('amount')}</th></tr></thead>
        <tbody>${s.bookings.map((e) => html`<tr><td>${this.day(e.earned_on)}</td><td>${e.program?.title ?? this.t('none')}</td><td>${e.customer_name ?? this.t('none')}</td>
          <td>${String(e.inputs.sessions_delivered ?? this.t('none'))}</td><td>${rule(e)}</td><td>${this.money(e.amount, e.currency)}</td></tr>`)}</tbody>
      </table>` : nothing}
      ${s.adjustments.length ? html`<table><caption>${this.t('adjustments')} · ${s.staff_name}</caption>
        <thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('program')}</th><th scope="col">${this.t('corrects')}</th>
          <th scope="col">${this.t('reason')}</th><th scope="col">${this.t('amount')}</th></tr></thead>
        <tbody>${s.adjustments.map((e) => html`<tr><td>${this.day(e.earned_on)}</td><td>${e.program?.title ?? this.t('none')}</td>
          <td>${e.session_starts_at ? `${this.t('session')} ${e.session_seq ?? ''} · ${this.day(dateOfInstant(e.session_starts_at, this.zone))}` : this.t('none')}${e.customer_name ? ` · ${e.customer_name}` : ''}</td>
          <td>${e.reason ?? this.t('none')}</td><td>${this.money(e.amount, e.currency)}</td></tr>`)}</tbody>
      </table>` : nothing}
      <p><a href=${this.statementHref(p, s.staff_id)} download aria-label="${this.t('statement')}: ${s.staff_name}">${this.t('statement')}</a></p>
    </section>`;
  }

  // ——— pay rules

  /** Per instructor, per program (all programs first): the rows by valid_from, with which is in force today. */
  private groups(rules: PayRuleOut[]): { staffId: string; programId: string | null; rows: { rule: PayRuleOut; state: PayrollKey }[] }[] {
    const today = dateOfInstant(Date.now(), this.zone);
    const by = new Map<string, PayRuleOut[]>();
    for (const r of rules) {
      const key = `${r.staff_id}|${r.program_id ?? ''}`;
      by.set(key, [...(by.get(key) ?? []), r]);
    }
    const out = [...by.values()].map((rows) => {
      const sorted = [...rows].sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : a.created_at < b.created_at ? -1 : 1));
      const current = sorted.filter((r) => r.valid_from <= today).at(-1);
      return {
        staffId: sorted[0]!.staff_id, programId: sorted[0]!.program_id,
        rows: sorted.map((rule) => ({ rule, state: (rule === current ? 'inForce' : rule.valid_from > today ? 'upcoming' : 'replaced') as PayrollKey })),
      };
    });
    return out.sort((a, b) => this.nameOf(a.staffId).localeCompare(this.nameOf(b.staffId)) || (a.programId === null ? -1 : b.programId === null ? 1 : this.programTitle(a.programId).localeCompare(this.programTitle(b.programId))));
  }

  private rulesSection(rules: PayRuleOut[]): TemplateResult {
    return html`<section aria-labelledby="pr-rules">
      <h3 id="pr-rules">${this.t('rules')}</h3>
      <p>${this.t('rulesHelp')}</p>
      ${rules.length ? this.groups(rules).map((g) => this.history(g)) : html`<p>${this.t('noRules')}</p>`}
      ${this.manages ? this.ruleForm() : nothing}
    </section>`;
  }

  private history(g: ReturnType<TandemAdminPayroll['groups']>[number]): TemplateResult {
    const who = `${this.nameOf(g.staffId)} · ${this.programTitle(g.programId)}`;
    return html`<table class="rules"><caption>${this.t('historyOf')} ${who}</caption>
      <thead><tr><th scope="col">${this.t('validFrom')}</th><th scope="col">${this.t('kind')}</th><th scope="col">${this.t('value')}</th><th scope="col">${this.t('state')}</th>
        ${this.manages ? html`<th scope="col"><span class="sr-only">${this.t('remove')}</span></th>` : nothing}</tr></thead>
      <tbody>${g.rows.map(({ rule, state }) => html`<tr>
        <td>${this.day(rule.valid_from)}</td><td>${this.t(rule.kind)}</td><td>${this.ruleText(rule)}</td>
        <td>${this.t(state)}${rule.in_use ? html` (${this.t('inUse')})` : nothing}</td>
        ${this.manages ? html`<td>${rule.in_use ? nothing : html`<button aria-label="${this.t('remove')}: ${who}, ${this.day(rule.valid_from)}"
          @click=${async () => { if (await this.change('DELETE', `/v1/admin/payroll/rules/${rule.id}`, undefined, 'removed')) await this.loadRules(); }}>${this.t('remove')}</button>`}</td>` : nothing}
      </tr>`)}</tbody>
    </table>`;
  }

  private ruleForm(): TemplateResult {
    const add = async (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const f = new FormData(form);
      const kind = String(f.get('kind')) as Kind;
      const program = String(f.get('program_id') ?? '');
      const bounds = kind === 'flat' ? {} : { min_amount: hundredths(f.get('min_amount')), max_amount: hundredths(f.get('max_amount')) };
      const body = {
        staff_id: String(f.get('staff_id')), program_id: program || null, kind, value: hundredths(f.get('value')), valid_from: String(f.get('valid_from')),
        ...Object.fromEntries(Object.entries(bounds).filter(([, v]) => v !== null)),
      };
      if (await this.change('POST', '/v1/admin/payroll/rules', body, 'added')) {
        form.reset();
        this.kind = 'percent';
        await this.loadRules();
      }
    };
    return html`<h4 id="pr-new-rule">${this.t('newRule')}</h4>
      <form class="stack" aria-labelledby="pr-new-rule" @submit=${add}>
        <label for="pr-staff">${this.t('instructor')}</label>
        <select id="pr-staff" name="staff_id" required>${this.instructors.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select>
        <label for="pr-program">${this.t('program')}</label>
        <select id="pr-program" name="program_id"><option value="">${this.t('allPrograms')}</option>
          ${this.programs.map((p) => html`<option value=${p.id}>${p.title}</option>`)}</select>
        <label for="pr-kind">${this.t('kind')}</label>
        <select id="pr-kind" name="kind" @change=${(e: Event) => { this.kind = (e.target as HTMLSelectElement).value as Kind; }}>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${this.t(k)}</option>`)}</select>
        <label for="pr-value">${this.kind === 'percent' ? this.t('valuePercent') : `${this.t('valueAmount')} (${this.currency})`}</label>
        <input id="pr-value" name="value" inputmode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?">
        ${this.kind === 'flat' ? nothing : html`
          <label for="pr-min">${this.t('minAmount')} (${this.currency})</label><input id="pr-min" name="min_amount" inputmode="decimal" pattern="[0-9]+([.,][0-9]{1,2})?">
          <label for="pr-max">${this.t('maxAmount')} (${this.currency})</label><input id="pr-max" name="max_amount" inputmode="decimal" pattern="[0-9]+([.,][0-9]{1,2})?">`}
        <label for="pr-from">${this.t('validFrom')}</label><input id="pr-from" name="valid_from" type="date" required>
        <button class="primary" type="submit">${this.t('addRule')}</button>
      </form>`;
  }

  // ——— the studio's payroll settings

  private settingsSection(st: PayrollSettingsOut): TemplateResult {
    const pct = (bp: number) => this.percent(bp);
    if (!this.manages) {
      return html`<section aria-labelledby="pr-settings"><h3 id="pr-settings">${this.t('settings')}</h3><dl>
        <dt>${this.t('periodKind')}</dt><dd>${this.t(st.period)}</dd>
        <dt>${this.t('noShowShare')}</dt><dd>${pct(st.no_show_share_bp)}</dd>
        <dt>${this.t('lateCancelShare')}</dt><dd>${pct(st.late_cancel_share_bp)}</dd>
      </dl></section>`;
    }
    const save = async (e: SubmitEvent) => {
      e.preventDefault();
      const f = new FormData(e.target as HTMLFormElement);
      const period = String(f.get('period')) as PayrollSettingsOut['period'];
      const body = {
        period, ...(period === 'biweekly' ? { anchor_on: String(f.get('anchor_on')) } : {}),
        no_show_share_bp: hundredths(f.get('no_show')), late_cancel_share_bp: hundredths(f.get('late_cancel')), currency: String(f.get('currency')).trim().toUpperCase(),
      };
      this.error = '';
      this.notice = '';
      const saved = await this.attempt(() => this.client.send<PayrollSettingsOut>('POST', '/v1/admin/payroll/settings', body));
      if (saved) { this.showSettings(saved); this.notice = this.t('settingsSaved'); }
    };
    const asNumber = (bp: number) => String(bp / 100);
    return html`<section aria-labelledby="pr-settings"><h3 id="pr-settings">${this.t('settings')}</h3>
      <p>${this.t('settingsHelp')}</p>
      <form class="stack" aria-labelledby="pr-settings" @submit=${save}>
        <label for="pr-period-kind">${this.t('periodKind')}</label>
        <select id="pr-period-kind" name="period" @change=${(e: Event) => { this.periodKind = (e.target as HTMLSelectElement).value as PayrollSettingsOut['period']; }}>
          ${(['monthly', 'semi_monthly', 'biweekly'] as const).map((k) => html`<option value=${k} ?selected=${this.periodKind === k}>${this.t(k)}</option>`)}</select>
        ${this.periodKind === 'biweekly' ? html`<label for="pr-anchor">${this.t('anchorOn')}</label>
          <input id="pr-anchor" name="anchor_on" type="date" required .value=${st.anchor_on ?? ''}>` : nothing}
        <label for="pr-no-show">${this.t('noShowShare')}</label>
        <input id="pr-no-show" name="no_show" inputmode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?" .value=${asNumber(st.no_show_share_bp)}>
        <label for="pr-late">${this.t('lateCancelShare')}</label>
        <input id="pr-late" name="late_cancel" inputmode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?" .value=${asNumber(st.late_cancel_share_bp)}>
        <label for="pr-currency">${this.t('currency')}</label>
        <input id="pr-currency" name="currency" required pattern="[A-Za-z]{3}" maxlength="3" autocomplete="off" .value=${st.currency}>
        <button class="primary" type="submit">${this.t('saveSettings')}</button>
      </form>
    </section>`;
  }
}

if (!customElements.get('tandem-admin-payroll')) customElements.define('tandem-admin-payroll', TandemAdminPayroll);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-payroll': TandemAdminPayroll }
}
