import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { define } from '../../core/define.ts';
import { base } from '../../core/styles.ts';
import { addDays, addMonths, daysInMonth, monthOf, weekday } from '../../../shared/dates.ts';
import type { Localizer } from '../../core/i18n/localizer.ts';
import '../../core/i18n/english-later.ts';
import { DateSelectEvent } from '../../core/events/date-select-event.ts';
import { MonthChangeEvent } from '../../core/events/month-change-event.ts';
import { calendarStyles } from './calendar.styles.ts';

/**
 * A month of days as an ARIA grid: one tab stop, arrow keys move by day and week,
 * Home/End to the week's ends, PageUp/PageDown by month. Each day is announced in words
 * with how many times are free. Properties in, events out.
 *
 * @event {DateSelectEvent} tandem-date-select - A day with free times was picked. detail: `{date}`.
 * @event {MonthChangeEvent} tandem-month-change - Another month was asked for. detail: `{month}`; the owner sets `month`.
 * @csspart calendar - The month grid.
 * @csspart day - A day.
 * @csspart button - The month buttons.
 * @internal
 */
export class TandemCalendar extends LitElement {
  static override styles = [base, calendarStyles];

  @property({ attribute: false }) i18n!: Localizer;
  /** `YYYY-MM` shown. */
  @property() month = '';
  /** Free times per date (`YYYY-MM-DD` → count); days missing have none. */
  @property({ attribute: false }) counts: Map<string, number> = new Map();
  /** The selected date. */
  @property() selected = '';
  /** Today (earlier days are disabled). */
  @property() min = '';
  /** The last bookable date. */
  @property() max = '';
  @property({ type: Boolean }) busy = false;

  /** The date holding the grid's single tab stop. */
  private focusDate = '';
  private wantFocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.focusDate || monthOf(this.focusDate) !== this.month) {
      const firstFree = [...this.counts.keys()].filter((d) => monthOf(d) === this.month).sort()[0];
      const candidate = this.selected && monthOf(this.selected) === this.month ? this.selected : firstFree;
      this.focusDate = candidate ?? (this.min && monthOf(this.min) === this.month ? this.min : `${this.month}-01`);
    } else if (changed.has('counts') && !this.counts.has(this.focusDate) && !this.wantFocus && !this.shadowRoot?.activeElement) {
      const firstFree = [...this.counts.keys()].filter((d) => monthOf(d) === this.month).sort()[0];
      if (firstFree && !(this.selected && monthOf(this.selected) === this.month)) this.focusDate = firstFree;
    }
  }

  protected override updated(): void {
    if (this.wantFocus) {
      this.wantFocus = false;
      this.renderRoot.querySelector<HTMLElement>(`[data-date="${this.focusDate}"]`)?.focus();
    }
  }

  private disabled(date: string): boolean {
    return (!!this.min && date < this.min) || (!!this.max && date > this.max) || !this.counts.get(date);
  }

  private moveTo(date: string): void {
    if (this.min && date < this.min) date = this.min;
    if (this.max && date > this.max) date = this.max;
    this.focusDate = date;
    this.wantFocus = true;
    if (monthOf(date) !== this.month) this.changeMonth(monthOf(date));
    else this.requestUpdate();
  }

  private changeMonth(month: string): void {
    this.dispatchEvent(new MonthChangeEvent({ month }));
  }

  private onKeyDown(e: KeyboardEvent): void {
    const d = this.focusDate;
    const first = this.i18n.firstDayOfWeek();
    const col = (weekday(d) - first + 7) % 7;
    const sameDayOtherMonth = (n: number) => {
      const m = addMonths(monthOf(d), n);
      return `${m}-${String(Math.min(Number(d.slice(8)), daysInMonth(m))).padStart(2, '0')}`;
    };
    const targets: Record<string, () => string> = {
      ArrowLeft: () => addDays(d, -1),
      ArrowRight: () => addDays(d, 1),
      ArrowUp: () => addDays(d, -7),
      ArrowDown: () => addDays(d, 7),
      Home: () => addDays(d, -col),
      End: () => addDays(d, 6 - col),
      PageUp: () => sameDayOtherMonth(e.shiftKey ? -12 : -1),
      PageDown: () => sameDayOtherMonth(e.shiftKey ? 12 : 1),
    };
    const target = targets[e.key];
    if (!target) return;
    e.preventDefault();
    this.moveTo(target());
  }

  private select(date: string): void {
    this.focusDate = date;
    if (!this.disabled(date)) this.dispatchEvent(new DateSelectEvent({ date }));
  }

  private weeks(): string[][] {
    const first = this.i18n.firstDayOfWeek();
    const start = `${this.month}-01`;
    const lead = (weekday(start) - first + 7) % 7;
    const days: string[] = [];
    for (let i = -lead; i < daysInMonth(this.month); i++) days.push(i < 0 ? '' : addDays(start, i));
    while (days.length % 7) days.push('');
    const weeks: string[][] = [];
    for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
    return weeks;
  }

  protected override render() {
    const i18n = this.i18n;
    if (!i18n || !this.month) return nothing;
    const weeks = this.weeks();
    const headerDays = weeks.flat().filter(Boolean).slice(0, 7);
    const firstWeek = weeks[0] ?? [];
    const offset = firstWeek.findIndex(Boolean);
    const heads = Array.from({ length: 7 }, (_, i) => headerDays[(i - offset + 7) % 7] ?? '');
    const canPrev = !this.min || this.month > monthOf(this.min);
    const canNext = !this.max || this.month < monthOf(this.max);
    const headingId = 'cal-heading';
    return html`<div part="calendar">
      <div class="head">
        <button
          type="button"
          class="btn nav"
          part="button"
          aria-label=${i18n.t('prevMonth')}
          ?disabled=${!canPrev}
          @click=${() => this.changeMonth(addMonths(this.month, -1))}
        >
          ‹
        </button>
        <h3 id=${headingId} aria-live="polite">${i18n.monthYear(this.month)}</h3>
        <button
          type="button"
          class="btn nav"
          part="button"
          aria-label=${i18n.t('nextMonth')}
          ?disabled=${!canNext}
          @click=${() => this.changeMonth(addMonths(this.month, 1))}
        >
          ›
        </button>
      </div>
      <table role="grid" aria-labelledby=${headingId} aria-busy=${this.busy ? 'true' : 'false'} @keydown=${this.onKeyDown}>
        <thead>
          <tr>
            ${heads.map((d) => html`<th scope="col" abbr=${d ? i18n.weekdayLong(d) : ''}>${d ? i18n.weekdayShort(d) : ''}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) => html`<tr>
              ${week.map((date) => {
                if (!date) return html`<td role="gridcell"></td>`;
                const count = this.counts.get(date) ?? 0;
                const disabled = this.disabled(date);
                const label = `${i18n.date(date)}, ${count && !disabled ? i18n.plural('dayTimes', count) : i18n.t('dayNoTimes')}`;
                const selected = date === this.selected;
                return html`<td role="gridcell" aria-selected=${selected ? 'true' : 'false'}>
                  <button
                    type="button"
                    class="day ${count && !disabled ? 'free' : ''} ${date === this.min ? 'today' : ''}"
                    part="day"
                    data-date=${date}
                    tabindex=${date === this.focusDate ? '0' : '-1'}
                    aria-label=${label}
                    aria-disabled=${disabled ? 'true' : 'false'}
                    @click=${() => this.select(date)}
                  >
                    ${Number(date.slice(8))}
                  </button>
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

define('tandem-calendar', TandemCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'tandem-calendar': TandemCalendar;
  }
}
