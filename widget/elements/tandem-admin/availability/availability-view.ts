/**
 * The console's availability view: one instructor's week as a table (a column per day listing
 * open hours, booked sessions, classes, time off and studio closures in the instructor's zone),
 * and the forms that change it: weekly hours, a date's override, time off, and (owners and
 * managers) studio closures; below them group classes, calendar feeds and rooms
 * (availability-blocks.ts). A change the API refuses because booked sessions would be left
 * outside the hours shows those sessions and asks before sending it again with `force`.
 *
 * @attr lang - en or de
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base, tokens } from '../../../core/styles.ts';
import { adminStyles } from '../tandem-admin.styles.ts';
import { AdminApi, AdminApiError } from '../core/api.ts';
import { adminLang, type AdminLang } from '../i18n.ts';
import { intlLocale } from '../core/console-lang.ts';
import { availabilityWords, type AvailabilityKey } from './availability-i18n.ts';
import { dateOfInstant } from '../../../../shared/zone.ts';
import { localToIso } from './zoned-input.ts';
import './availability-blocks.ts';
import type { ChangeOut, StrandedSessionOut, WeekOut } from '../../../../schema/api/admin-availability.ts';

type ClosureOut = WeekOut['closures'][number];

type Method = 'POST' | 'PUT' | 'DELETE';
interface Pending { method: Method; path: string; body: Record<string, unknown>; sessions: StrandedSessionOut[] }
interface Draft { weekday: number; start: string; end: string; location_id: string }
interface Entry { sort: string; kind: 'open' | 'session' | 'class' | 'timeOff' | 'closure'; text: string }

const DAYS: AvailabilityKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MS = 86_400_000;

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export class TandemAdminAvailability extends LitElement {
  static override styles = [tokens, base, adminStyles];

  @property() override lang = '';
  /** The console's API client (session cookie, CSRF token). */
  @property({ attribute: false }) client = new AdminApi();
  /** The signed-in staff member's role: closures are for owners and managers. */
  @property({ attribute: 'staff-role' }) staffRole: 'owner' | 'manager' | 'instructor' = 'instructor';

  @state() week: WeekOut | null = null;
  /** The studio's closures from today on (owners and managers). */
  @state() closures: ClosureOut[] = [];
  @state() from = '';
  @state() instructor = '';
  @state() drafts: Draft[] = [];
  @state() pending: Pending | null = null;
  @state() stranded: StrandedSessionOut[] = [];
  @state() notice = '';
  @state() error = '';
  @state() overrideKind: 'closed' | 'replace' | 'extra' = 'closed';

  get language(): AdminLang {
    return adminLang(this.lang || navigator.language);
  }

  t(key: AvailabilityKey): string {
    return availabilityWords[this.language][key];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const q = new URLSearchParams();
    if (this.instructor) q.set('instructor', this.instructor);
    if (this.from) q.set('from', this.from);
    try {
      const week = await this.client.get<WeekOut>(`/v1/admin/availability?${q.toString()}`);
      this.week = week;
      this.from = week.from;
      this.instructor = week.instructor.id;
      this.drafts = week.weekly.map((h) => ({ weekday: h.weekday, start: h.start, end: h.end, location_id: h.location_id ?? '' }));
      if (this.staffRole !== 'instructor') {
        // Every closure still ahead, not only this week's: a studio plans its holidays for the year.
        const today = new Date().toISOString().slice(0, 10);
        this.closures = (await this.client.get<{ closures: ClosureOut[] }>('/v1/admin/closures')).closures.filter((c) => c.ends_on >= today);
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  private moveWeek(days: number | null): void {
    this.from = days === null ? '' : addDays(this.from, days);
    void this.load();
  }

  /** Sends a change; a 409 `sessions_in_the_way` keeps it pending with the sessions, to be sent again with force or dropped. */
  async change(method: Method, path: string, body: Record<string, unknown>, force = false): Promise<void> {
    this.error = '';
    this.notice = '';
    this.stranded = [];
    const url = method === 'DELETE' && force ? `${path}?force=true` : path;
    try {
      const done = await this.client.send<ChangeOut>(method, url, force && method !== 'DELETE' ? { ...body, force: true } : body);
      this.pending = null;
      this.stranded = done?.stranded ?? [];
      this.notice = this.t(method === 'DELETE' ? 'removed' : 'saved');
      await this.load();
    } catch (e) {
      if (e instanceof AdminApiError && e.code === 'sessions_in_the_way') {
        this.pending = { method, path, body, sessions: (e.body.sessions ?? []) as StrandedSessionOut[] };
      } else {
        this.error = e instanceof Error ? e.message : String(e);
      }
    }
  }

  private base(): string {
    return `/v1/admin/availability/${this.instructor}`;
  }

  private time(iso: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.language), { hour: '2-digit', minute: '2-digit', timeZone: this.week?.instructor.timezone ?? 'UTC' }).format(new Date(iso));
  }

  private dayLabel(date: string, i: number): string {
    const d = new Intl.DateTimeFormat(intlLocale(this.language), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
    return `${this.t(DAYS[i]!)} ${d}`;
  }

  private sessionLine(s: StrandedSessionOut): TemplateResult {
    return html`<li>${new Intl.DateTimeFormat(intlLocale(this.language), { dateStyle: 'medium', timeStyle: 'short', timeZone: this.week?.instructor.timezone ?? 'UTC' }).format(new Date(s.starts_at))}
      · ${s.program}${s.customer ? html` · ${s.customer}` : nothing}</li>`;
  }

  /** The week's entries by local date (the instructor's zone). */
  private entries(w: WeekOut): Map<string, Entry[]> {
    const zone = w.instructor.timezone;
    const days = new Map<string, Entry[]>();
    for (let i = 0; i < 7; i++) days.set(addDays(w.from, i), []);
    const span = (kind: Entry['kind'], label: string, s: string, e: string, extra = '') => {
      days.get(dateOfInstant(s, zone))?.push({ sort: s, kind, text: `${label} ${this.time(s)}–${this.time(e)}${extra ? ` · ${extra}` : ''}` });
    };
    for (const o of w.open) span('open', this.t('open'), o.starts_at, o.ends_at);
    for (const s of w.sessions) span('session', this.t('session'), s.starts_at, s.ends_at, [s.program, s.customer].filter(Boolean).join(' · '));
    for (const c of w.classes) span('class', this.t('class'), c.starts_at, c.ends_at, c.title);
    for (const t of w.time_off) span('timeOff', this.t('timeOff'), t.starts_at, t.ends_at, t.note);
    for (const c of w.closures) {
      for (const [date, list] of days) if (date >= c.starts_on && date <= c.ends_on) list.unshift({ sort: '', kind: 'closure', text: `${this.t('closure')} · ${c.name}` });
    }
    for (const list of days.values()) list.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
    return days;
  }

  override render(): TemplateResult {
    const w = this.week;
    return html`
      <h2>${this.t('availability')}</h2>
      <div role="status" aria-live="polite">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
        ${this.stranded.length ? html`<p>${this.t('keptAnyway')}</p><ul>${this.stranded.map((s) => this.sessionLine(s))}</ul>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      ${this.pending ? this.conflict(this.pending) : nothing}
      ${w ? html`${this.toolbar(w)}${this.table(w)}${this.weeklyForm(w)}${this.overrideForm(w)}${this.timeOffForm(w)}${this.staffRole !== 'instructor' ? this.closureForm() : nothing}
        <tandem-admin-availability-blocks lang=${this.language} .client=${this.client} staff-role=${this.staffRole} .week=${w}
          @availability-changed=${() => this.load()}></tandem-admin-availability-blocks>`
        : html`<p>${this.t('loading')}</p>`}`;
  }

  private conflict(p: Pending): TemplateResult {
    return html`<section class="notice" aria-labelledby="conflict-title">
      <h3 id="conflict-title">${this.t('inTheWay')}</h3>
      <ul>${p.sessions.map((s) => this.sessionLine(s))}</ul>
      <button class="primary" @click=${() => this.change(p.method, p.path, p.body, true)}>${this.t('force')}</button>
      <button @click=${() => { this.pending = null; }}>${this.t('cancel')}</button>
    </section>`;
  }

  private toolbar(w: WeekOut): TemplateResult {
    return html`<div class="filters">
      ${w.instructors.length > 1 ? html`<div><label for="av-instructor">${this.t('instructor')}</label>
        <select id="av-instructor" @change=${(e: Event) => { this.instructor = (e.target as HTMLSelectElement).value; void this.load(); }}>
          ${w.instructors.map((i) => html`<option value=${i.id} ?selected=${i.id === w.instructor.id}>${i.name}</option>`)}</select></div>` : nothing}
      <button @click=${() => this.moveWeek(-7)}>${this.t('previousWeek')}</button>
      <button @click=${() => this.moveWeek(null)}>${this.t('thisWeek')}</button>
      <button @click=${() => this.moveWeek(7)}>${this.t('nextWeek')}</button>
      <p>${this.t('timesIn')} ${w.instructor.timezone}</p>
    </div>`;
  }

  private table(w: WeekOut): TemplateResult {
    const days = [...this.entries(w)];
    return html`<table class="week">
      <caption>${w.instructor.name} · ${this.t('weekOf')} ${w.from}</caption>
      <thead><tr>${days.map(([date], i) => html`<th scope="col">${this.dayLabel(date, i)}</th>`)}</tr></thead>
      <tbody><tr>${days.map(([, list]) => html`<td>${list.length
        ? html`<ul class="entries">${list.map((e) => html`<li class=${e.kind}>${e.text}</li>`)}</ul>`
        : html`<span>${this.t('nothing')}</span>`}</td>`)}</tr></tbody>
    </table>`;
  }

  private weeklyForm(w: WeekOut): TemplateResult {
    const update = (i: number, patch: Partial<Draft>) => { this.drafts = this.drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)); };
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      void this.change('PUT', `${this.base()}/weekly`, { hours: this.drafts.map((d) => ({ weekday: d.weekday, start: d.start, end: d.end, ...(d.location_id ? { location_id: d.location_id } : {}) })) });
    };
    return html`<h3>${this.t('weeklyHours')}</h3>
      <form @submit=${save}>
        ${DAYS.map((day, index) => {
          const weekday = index + 1;
          const rows = this.drafts.map((d, i) => ({ d, i })).filter((x) => x.d.weekday === weekday);
          return html`<fieldset><legend>${this.t(day)}</legend>
            ${rows.map(({ d, i }) => html`<div class="filters">
              <div><label for="wh-${i}-start">${this.t('from')}</label><input id="wh-${i}-start" type="time" required .value=${d.start} @change=${(e: Event) => update(i, { start: (e.target as HTMLInputElement).value })}></div>
              <div><label for="wh-${i}-end">${this.t('until')}</label><input id="wh-${i}-end" type="time" required .value=${d.end === '24:00' ? '23:59' : d.end} @change=${(e: Event) => update(i, { end: (e.target as HTMLInputElement).value })}></div>
              ${w.locations.length > 1 ? html`<div><label for="wh-${i}-loc">${this.t('location')}</label><select id="wh-${i}-loc" @change=${(e: Event) => update(i, { location_id: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${!d.location_id}>${this.t('anyLocation')}</option>
                ${w.locations.map((l) => html`<option value=${l.id} ?selected=${d.location_id === l.id}>${l.name}</option>`)}</select></div>` : nothing}
              <button type="button" aria-label="${this.t('remove')}: ${this.t(day)} ${d.start}–${d.end}" @click=${() => { this.drafts = this.drafts.filter((_, j) => j !== i); }}>${this.t('remove')}</button>
            </div>`)}
            <button type="button" aria-label="${this.t('addHours')}: ${this.t(day)}" @click=${() => { this.drafts = [...this.drafts, { weekday, start: '09:00', end: '17:00', location_id: '' }]; }}>${this.t('addHours')}</button>
          </fieldset>`;
        })}
        <p><button class="primary" type="submit">${this.t('saveHours')}</button></p>
      </form>`;
  }

  private overrideForm(w: WeekOut): TemplateResult {
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const d = new FormData(e.target as HTMLFormElement);
      const kind = String(d.get('kind')) as 'closed' | 'replace' | 'extra';
      void this.change('POST', `${this.base()}/overrides`, {
        date: String(d.get('date')), kind, ...(kind === 'closed' ? {} : { intervals: [{ start: String(d.get('start')), end: String(d.get('end')) }] }),
      });
    };
    return html`<h3>${this.t('overrides')}</h3>
      ${w.overrides.length ? html`<ul>${w.overrides.map((o) => html`<li>${o.date} · ${this.t(o.kind as AvailabilityKey)}${o.start ? ` ${o.start}–${o.end}` : ''}
        <button @click=${() => this.change('DELETE', `${this.base()}/overrides/${o.date}`, {})} aria-label="${this.t('remove')}: ${o.date}">${this.t('remove')}</button></li>`)}</ul>` : nothing}
      <form class="stack" @submit=${save}>
        <label for="ov-date">${this.t('date')}</label><input id="ov-date" name="date" type="date" required>
        <label for="ov-kind">${this.t('kind')}</label>
        <select id="ov-kind" name="kind" @change=${(e: Event) => { this.overrideKind = (e.target as HTMLSelectElement).value as 'closed'; }}>
          ${(['closed', 'replace', 'extra'] as const).map((k) => html`<option value=${k} ?selected=${this.overrideKind === k}>${this.t(k)}</option>`)}</select>
        ${this.overrideKind === 'closed' ? nothing : html`
          <label for="ov-start">${this.t('from')}</label><input id="ov-start" name="start" type="time" required>
          <label for="ov-end">${this.t('until')}</label><input id="ov-end" name="end" type="time" required>`}
        <button class="primary" type="submit">${this.t('saveOverride')}</button>
      </form>`;
  }

  private timeOffForm(w: WeekOut): TemplateResult {
    const zone = w.instructor.timezone;
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const d = new FormData(e.target as HTMLFormElement);
      void this.change('POST', `${this.base()}/time-off`, { starts_at: localToIso(String(d.get('starts')), zone), ends_at: localToIso(String(d.get('ends')), zone), note: String(d.get('note') ?? '') });
    };
    return html`<h3>${this.t('timeOff')}</h3>
      ${w.time_off.length ? html`<ul>${w.time_off.map((t) => html`<li>${dateOfInstant(t.starts_at, zone)} ${this.time(t.starts_at)}–${this.time(t.ends_at)}${t.note ? ` · ${t.note}` : ''}
        <button @click=${() => this.change('DELETE', `${this.base()}/time-off/${t.id}`, {})} aria-label="${this.t('remove')}: ${this.t('timeOff')} ${this.time(t.starts_at)}">${this.t('remove')}</button></li>`)}</ul>` : nothing}
      <form class="stack" @submit=${save}>
        <label for="to-start">${this.t('timeOffFrom')}</label><input id="to-start" name="starts" type="datetime-local" required>
        <label for="to-end">${this.t('timeOffUntil')}</label><input id="to-end" name="ends" type="datetime-local" required>
        <label for="to-note">${this.t('note')}</label><input id="to-note" name="note" maxlength="500">
        <button class="primary" type="submit">${this.t('addTimeOff')}</button>
      </form>`;
  }

  private closureForm(): TemplateResult {
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const d = new FormData(e.target as HTMLFormElement);
      void this.change('POST', '/v1/admin/closures', { starts_on: String(d.get('starts_on')), ends_on: String(d.get('ends_on')), name: String(d.get('name')) });
    };
    return html`<h3>${this.t('closures')}</h3>
      ${this.closures.length ? html`<ul>${this.closures.map((c) => html`<li>${c.starts_on}–${c.ends_on} · ${c.name}
        <button @click=${() => this.change('DELETE', `/v1/admin/closures/${c.id}`, {})} aria-label="${this.t('remove')}: ${c.name}">${this.t('remove')}</button></li>`)}</ul>` : nothing}
      <form class="stack" @submit=${save}>
        <label for="cl-name">${this.t('name')}</label><input id="cl-name" name="name" required maxlength="200">
        <label for="cl-start">${this.t('firstDay')}</label><input id="cl-start" name="starts_on" type="date" required>
        <label for="cl-end">${this.t('lastDay')}</label><input id="cl-end" name="ends_on" type="date" required>
        <button class="primary" type="submit">${this.t('addClosure')}</button>
      </form>`;
  }
}

if (!customElements.get('tandem-admin-availability')) customElements.define('tandem-admin-availability', TandemAdminAvailability);

declare global {
  interface HTMLElementTagNameMap { 'tandem-admin-availability': TandemAdminAvailability }
}
