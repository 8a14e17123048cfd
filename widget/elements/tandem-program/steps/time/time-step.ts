import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { StepElement } from '../step-element.ts';
import { define } from '../../../../core/define.ts';
import { base } from '../../../../core/styles.ts';
import { errorBox } from '../../../../core/templates.ts';
import { zoneChoices } from '../../../../core/zone-choices.ts';
import { timeAtPlace } from '../../../../core/place-time.ts';
import { getSeries, getSlots } from '../../../../core/api/slots.ts';
import type { ApiClient, ApiError } from '../../../../core/api/client.ts';
import { addMonths, lastOfMonth, monthOf } from '../../../../../shared/dates.ts';
import { dateOfInstant, todayIn } from '../../../../../shared/zone.ts';
import { sameInstant, selectedVariant, sessionsCount } from '../../../../core/context/booking-state.ts';
import { plannedStarts } from '../../../../core/context/schedule.ts';
import type { Alternative, BookingState, SlotOut } from '../../../../core/context/types.ts';
import type { DateSelectEvent } from '../../../../core/events/date-select-event.ts';
import type { MonthChangeEvent } from '../../../../core/events/month-change-event.ts';
import type { SlotSelectEvent } from '../../../../core/events/slot-select-event.ts';
import { slotList } from '../../../../components/slot-list/slot-list.ts';
import '../../../../components/calendar/calendar.ts';
import { timeStepStyles } from './time-step.styles.ts';

/** The moment the zone's name is said for (summer or winter time): the chosen time, else the day looked at, else now. */
function zoneDate(s: BookingState, day: string): number {
  return s.firstSlot ? Date.parse(s.firstSlot.start) : day ? Date.parse(`${day}T12:00:00Z`) : Date.now();
}

/**
 * Step 2: a calendar of days with free times and the times of the chosen day, in the
 * customer's time zone (detected, changeable, always shown); instructor choice; for
 * multi-session programs the cadence or "schedule the rest later", with the resulting dates
 * and any collisions (from a 409) with their alternatives. Renders from `state`, `i18n`, `api`
 * and `link`; choices go up with BookingChangeEvent, Back and Continue with StepRequestEvent.
 * @internal
 */
export class TandemTimeStep extends StepElement {
  static override styles = [base, timeStepStyles];

  /** The embed API with the studio's key. */
  @property({ attribute: false }) api?: ApiClient;
  /** The by_link token, or ''. */
  @property({ attribute: false }) link = '';

  @state() private month = '';
  @state() private selectedDate = '';
  /** The last date a first start can be offered (horizon less the series), from the slots answer. */
  @state() private lastDate = '';
  @state() private checking = false;
  @state() private seriesError: ApiError | null = null;
  private checkedKey = '';
  private seriesAbort: AbortController | null = null;
  private seriesCheck: Promise<void> = Promise.resolve();

  private readonly slots = new Task(this, {
    task: async ([month, tz, instructor, variant, slug], { signal }) => {
      const api = this.api;
      if (!api || !slug) return new Map<string, SlotOut[]>();
      const today = todayIn(tz);
      const from = `${month}-01` < today ? today : `${month}-01`;
      const to = lastOfMonth(month);
      const byDate = new Map<string, SlotOut[]>();
      if (from > to) return byDate;
      try {
        const res = await getSlots(api, slug, { from, to, tz, instructor, variant, link: this.link || undefined }, signal);
        if (res.last_date) this.lastDate = res.last_date;
        for (const day of res.days) if (day.slots.length) byDate.set(day.date, day.slots);
        return byDate;
      } catch (err) {
        if (!signal.aborted) this.report(err, 'time');
        throw err;
      }
    },
    args: () => {
      const s = this.state;
      return [this.month, s?.timezone ?? 'UTC', s?.instructorId || undefined, s?.variantId ?? undefined, s?.program?.slug ?? ''] as const;
    },
  });

  /** Rendered with its first slots (or their error). */
  override get settled(): Promise<unknown> {
    return this.updateComplete.then(() => this.slots.taskComplete).catch(() => undefined);
  }

  protected override willUpdate(): void {
    const s = this.state;
    if (s && !this.month) {
      const date = s.firstSlot ? dateOfInstant(s.firstSlot.start, s.timezone) : s.openDate || todayIn(s.timezone);
      this.month = monthOf(date);
      if (s.firstSlot || s.openDate) this.selectedDate = date;
    }
    if (s?.step === 'time') this.prefetch(s.program?.intake_form ? 'intake' : 'checkout');
  }

  /** What the series check is about: a new first time, mode, variant, instructor or zone asks again. */
  private seriesKey(s: BookingState): string {
    if (!s.firstSlot || sessionsCount(s) < 2) return '';
    const about = [s.variantId, s.instructorId || s.firstSlot.instructor.id, s.timezone];
    if (s.mode === 'cadence') return [s.firstSlot.start, ...about].join('|');
    // The customer's own starts (an alternative chosen for a clash): checked again once no clash is left open.
    if (s.mode === 'explicit' && s.starts.length > 1 && !this.unresolved()) return [s.starts.join(','), ...about].join('|');
    return '';
  }

  protected override updated(): void {
    const s = this.state;
    const key = s ? this.seriesKey(s) : '';
    if (key !== this.checkedKey) {
      this.checkedKey = key;
      this.seriesAbort?.abort();
      this.seriesError = null;
      this.checking = false;
      if (key) this.seriesCheck = this.checkSeries(key);
    }
  }

  /**
   * The whole series checked against the server as soon as the first time is picked (the same
   * engine and cadence as the booking): clashes, with their alternatives, are shown here.
   */
  private async checkSeries(key: string): Promise<void> {
    const [s, api, link, i18n] = [this.state!, this.api!, this.link, this.i18n!];
    const ac = new AbortController();
    this.seriesAbort = ac;
    this.checking = true;
    try {
      const own = s.mode === 'explicit' ? s.starts : null;
      const r = await getSeries(
        api,
        s.program!.slug,
        {
          first_start: own?.[0] ?? s.firstSlot!.start,
          starts: own?.join(','),
          tz: s.timezone,
          variant: s.variantId ?? '',
          instructor: s.instructorId || s.firstSlot!.instructor.id,
          link: link || undefined,
          count: String(sessionsCount(s)),
        },
        ac.signal,
      );
      if (ac.signal.aborted || this.seriesKey(this.state!) !== key) return;
      const starts = r.sessions.map((x) => x.start);
      const planned = plannedStarts(this.state!);
      const same = starts.length === planned.length && starts.every((x, i) => sameInstant(x, planned[i]!));
      if (!r.ok) {
        const conflicts = r.sessions.filter((x) => x.status !== 'free').map((x) => ({ start: x.start, alternatives: x.alternatives }));
        this.checkedKey = '';
        this.change({ mode: 'explicit', starts, conflicts, timeNotice: i18n.t('seriesClash') });
      } else if (!same) {
        this.checkedKey = '';
        this.change({ mode: 'explicit', starts, conflicts: [] });
      }
    } catch (err) {
      if (!ac.signal.aborted) this.seriesError = this.report(err, 'time');
    } finally {
      if (this.seriesAbort === ac) this.checking = false;
    }
  }

  /** The zone select's options: the customer's, the program's and common zones first, then every current zone by place. */
  private zoneOptions(s: BookingState) {
    const { first, all } = zoneChoices(s.timezone, s.program?.instructors.map((x) => x.timezone) ?? []);
    const option = (z: { id: string; label: string }) => html`<option .value=${z.id} ?selected=${z.id === s.timezone}>${z.label}</option>`;
    const i18n = this.i18n!;
    return html`<optgroup label=${i18n.t('zonesSuggested')}>${first.map(option)}</optgroup><optgroup label=${i18n.t('zonesAll')}>${all.map(option)}</optgroup>`;
  }

  /** Why Continue cannot be used yet ('' when it can). */
  private why(): string {
    const [s, i18n] = [this.state!, this.i18n!];
    if (!s.firstSlot) return i18n.t('whyPickTime');
    if (this.unresolved()) return i18n.t('whyResolve');
    return '';
  }

  private chooseSlot(slot: SlotOut): void {
    const s = this.state!;
    const mode = sessionsCount(s) > 1 && !s.program?.cadence ? 'later' : 'cadence';
    this.change({ firstSlot: slot, mode, starts: [], conflicts: [], timeNotice: '' });
  }

  private chooseAlternative(index: number, alt: Alternative): void {
    const s = this.state!;
    const starts = [...plannedStarts(s)];
    const old = starts[index];
    starts[index] = alt.start;
    const conflicts = s.conflicts.filter((c) => !old || !sameInstant(c.start, old));
    const patch: Partial<BookingState> = { mode: 'explicit', starts, conflicts };
    if (index === 0 && s.firstSlot) {
      patch.firstSlot = { ...s.firstSlot, start: alt.start, end: alt.end, instructor: alt.instructor ?? s.firstSlot.instructor };
    }
    this.change(patch);
  }

  private unresolved(): number {
    const s = this.state!;
    const starts = plannedStarts(s);
    return s.conflicts.filter((c) => starts.some((x) => sameInstant(x, c.start))).length;
  }

  /** On to the questions (or details); a series still being checked is waited for, and may show clashes instead. */
  private async next(): Promise<void> {
    if (this.why()) return;
    if (this.checking) {
      await this.seriesCheck;
      await this.updateComplete;
      if (this.why() || this.checking) return;
    }
    const s = this.state!;
    this.change({ timeNotice: '' });
    this.goTo(s.program?.intake_form ? 'intake' : 'checkout');
  }

  private renderSchedule() {
    const [s, i18n] = [this.state!, this.i18n!];
    const count = sessionsCount(s);
    if (!s.firstSlot || (count === 1 && !s.conflicts.length)) return nothing;
    const starts = plannedStarts(s);
    const cadence = s.program?.cadence;
    const minutes = (Date.parse(s.firstSlot.end) - Date.parse(s.firstSlot.start)) / 60000;
    return html`
      ${count > 1
        ? html`<fieldset>
            <legend>${i18n.t('scheduleLabel')}</legend>
            ${cadence
              ? html`<label class="choice">
                  <input
                    type="radio"
                    name="mode"
                    .checked=${s.mode !== 'later'}
                    @change=${() => this.change({ mode: 'cadence', starts: [], conflicts: [] })}
                  />
                  <span>${i18n.plural(`cadence_${cadence.unit}`, cadence.every)}</span>
                </label>`
              : nothing}
            <label class="choice">
              <input
                type="radio"
                name="mode"
                .checked=${s.mode === 'later'}
                @change=${() => this.change({ mode: 'later', starts: [], conflicts: [] })}
              />
              <span>${i18n.t('scheduleLater')}</span>
            </label>
            ${s.mode === 'later' ? html`<p class="hint">${i18n.plural('laterNote', count - 1)}</p>` : nothing}
          </fieldset>`
        : nothing}
      ${s.mode !== 'later' || s.conflicts.length
        ? html`<section aria-labelledby="sessions-heading">
            <h3 id="sessions-heading">${i18n.t('resultingDates')}</h3>
            ${s.conflicts.length ? html`<p>${i18n.t('conflictsIntro')}</p>` : nothing}
            <ol class="plain sessions">
              ${starts.map((start, i) => {
                const conflict = s.conflicts.find((c) => sameInstant(c.start, start));
                const when = i18n.dateTime(start, s.timezone);
                const end = new Date(Date.parse(start) + minutes * 60000).toISOString();
                return html`<li class=${conflict ? 'conflict' : ''} part="session">
                  <strong>${i18n.t('sessionN', { n: i + 1 })}:</strong> ${when}–${i18n.time(end, s.timezone)}
                  ${conflict
                    ? html`<span> (${i18n.t('notAvailable')})</span>
                        <div class="alts" role="group" aria-label=${i18n.t('alternativesFor', { n: i + 1 })}>
                          ${conflict.alternatives.length
                            ? conflict.alternatives.map(
                                (a) => html`<button type="button" class="btn" part="button slot" @click=${() => this.chooseAlternative(i, a)}>
                                  ${i18n.dateTime(a.start, s.timezone, 'medium')}${a.instructor ? ` · ${a.instructor.name}` : ''}
                                </button>`,
                              )
                            : html`<span>${i18n.t('noAlternatives')}</span>`}
                        </div>`
                    : nothing}
                </li>`;
              })}
            </ol>
          </section>`
        : nothing}
    `;
  }

  protected override render() {
    const { state: s, i18n } = this;
    if (!s?.program || !i18n) return nothing;
    const p = s.program;
    const variant = selectedVariant(s);
    const today = todayIn(s.timezone);
    const byDate = this.slots.value ?? new Map<string, SlotOut[]>();
    const counts = new Map([...byDate].map(([d, list]) => [d, list.length]));
    const daySlots = byDate.get(this.selectedDate) ?? [];
    const showInstructor = p.instructors.length > 1 && !s.instructorId;
    const why = this.why();
    return html`
      <h2 tabindex="-1" part="heading">${i18n.t('timeHeading')}</h2>
      <p class="muted">${p.title}${variant ? ` · ${variant.name}` : ''} · ${i18n.plural('sessions', sessionsCount(s))}</p>
      ${s.timeNotice ? html`<div class="notice error" role="alert" part="error"><p>${s.timeNotice}</p></div>` : nothing}
      <div class="controls">
        <div class="field" part="field timezone">
          <label for="tz">${i18n.t('timezoneLabel')}</label>
          <select
            id="tz"
            part="input"
            @change=${(e: Event) => {
              const tz = (e.target as HTMLSelectElement).value;
              this.selectedDate = s.firstSlot ? dateOfInstant(s.firstSlot.start, tz) : '';
              this.change({ timezone: tz, starts: s.mode === 'explicit' ? s.starts : [] });
            }}
          >
            ${this.zoneOptions(s)}
          </select>
        </div>
        ${p.instructors.length > 1
          ? html`<div class="field" part="field">
              <label for="instructor">${i18n.t('instructorLabel')}</label>
              <select
                id="instructor"
                part="input"
                @change=${(e: Event) =>
                  this.change({ instructorId: (e.target as HTMLSelectElement).value, firstSlot: null, conflicts: [], starts: [] })}
              >
                <option value="" ?selected=${!s.instructorId}>${i18n.t('anyInstructor')}</option>
                ${p.instructors.map((x) => html`<option .value=${x.id} ?selected=${x.id === s.instructorId}>${x.name}</option>`)}
              </select>
            </div>`
          : p.instructors[0]
            ? html`<p>${i18n.t('withInstructor', { name: p.instructors[0].name })}</p>`
            : nothing}
      </div>
      <p class="zone" id="zone-note">${i18n.t('timesShownIn', { zone: i18n.zone(s.timezone, zoneDate(s, this.selectedDate)) })}</p>
      <div class="layout">
        <div class="month">
          <tandem-calendar
            exportparts="calendar, day, button"
            .i18n=${i18n}
            .month=${this.month}
            .counts=${counts}
            .selected=${this.selectedDate}
            .min=${today}
            .max=${this.lastDate}
            .busy=${this.slots.status === TaskStatus.PENDING}
            @tandem-date-select=${(e: DateSelectEvent) => (this.selectedDate = e.detail.date)}
            @tandem-month-change=${(e: MonthChangeEvent) => (this.month = e.detail.month)}
          ></tandem-calendar>
          ${this.slots.render({
            pending: () => html`<p class="loading" role="status" part="loading">${i18n.t('loading')}</p>`,
            error: (err) => errorBox(err, i18n, () => void this.slots.run()),
            complete: (map) =>
              map.size === 0
                ? html`<div class="notice" role="status">
                    <p>${i18n.t('noSlotsMonth')}</p>
                    ${!this.lastDate || this.month < monthOf(this.lastDate)
                      ? html`<button type="button" class="btn" part="button" @click=${() => (this.month = addMonths(this.month, 1))}>
                          ${i18n.t('showNextMonth')}
                        </button>`
                      : nothing}
                  </div>`
                : nothing,
          })}
        </div>
        <section aria-labelledby="times-heading" @tandem-slot-select=${(e: SlotSelectEvent) => this.chooseSlot(e.detail.slot)}>
          ${this.selectedDate && daySlots.length
            ? html`<h3 id="times-heading">${i18n.t('timesFor', { date: i18n.date(this.selectedDate) })}</h3>
                ${slotList({ slots: daySlots, selected: s.firstSlot, timezone: s.timezone, showInstructor, describedBy: 'zone-note', atPlace: (x) => timeAtPlace(i18n, x, s.timezone, p) }, i18n)}`
            : html`<p id="times-heading" class="muted">${i18n.t('pickDay')}</p>`}
        </section>
      </div>
      ${s.firstSlot
        ? html`<p role="status" part="summary">
            <strong>${i18n.t('selectedTime', { datetime: i18n.dateTime(s.firstSlot.start, s.timezone) })}</strong>
            ${timeAtPlace(i18n, s.firstSlot.start, s.timezone, p) ? ` (${timeAtPlace(i18n, s.firstSlot.start, s.timezone, p)})` : ''}
            ${p.instructors.length > 1 ? ` · ${i18n.t('withInstructor', { name: s.firstSlot.instructor.name })}` : ''}
          </p>`
        : html`<p role="status" class="sr-only"></p>`}
      ${this.renderSchedule()}
      ${this.checking ? html`<p class="muted" role="status">${i18n.t('checkingDates')}</p>` : nothing}
      ${this.seriesError ? errorBox(this.seriesError, i18n, () => ((this.checkedKey = ''), this.requestUpdate())) : nothing}
      <div class="actions">
        <button type="button" class="btn" part="button" @click=${() => this.goTo('program')}>${i18n.t('back')}</button>
        <button
          type="button"
          class="btn primary"
          part="button button-primary"
          aria-disabled=${why ? 'true' : 'false'}
          aria-describedby="continue-why"
          @click=${this.next}
        >
          ${i18n.t('continue')}
        </button>
      </div>
      <p id="continue-why" class="hint">${why}</p>
    `;
  }
}

define('tandem-time-step', TandemTimeStep);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-time-step': TandemTimeStep;
  }
}
