import { html, nothing } from 'lit';
import type { Localizer } from '../../core/i18n/localizer.ts';
import type { SlotOut } from '../../core/context/types.ts';
import { SlotSelectEvent } from '../../core/events/slot-select-event.ts';
import { sameInstant } from '../../core/context/booking-state.ts';

export interface SlotListView {
  slots: SlotOut[];
  /** The chosen slot, if any (shown pressed). */
  selected: SlotOut | null;
  timezone: string;
  /** Show each slot's instructor (several instructors, none chosen). */
  showInstructor: boolean;
  /** Id of the element that says which zone the times are in. */
  describedBy: string;
  /** Each slot's time at the studio when it differs ("07:00 at Studio Flow"), else ''. */
  atPlace?: (start: string) => string;
}

/** Parts of the day by the local hour a time starts: before 12, before 17, later. */
const PARTS = [['morning', 12], ['afternoon', 17], ['evening', 24]] as const;
type Part = (typeof PARTS)[number][0];

function partOf(start: string, timezone: string): Part {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(Date.parse(start)));
  return PARTS.find(([, until]) => hour < until)![0];
}

/**
 * The free times of a day as toggle buttons, rendered into the step's shadow root (it is
 * described by the step's zone note). Grouped under "Morning", "Afternoon" and "Evening" when
 * they fall in more than one, so that a phone shows short lists under headings instead of one long
 * column. Dispatches `SlotSelectEvent` (`tandem-slot-select`).
 */
export function slotList(v: SlotListView, i18n: Localizer) {
  const groups = new Map<Part, SlotOut[]>();
  for (const slot of v.slots) {
    const part = partOf(slot.start, v.timezone);
    groups.set(part, [...(groups.get(part) ?? []), slot]);
  }
  if (groups.size < 2) return times(v, v.slots, i18n);
  return html`${[...groups].map(([part, slots]) => html`<h4 class="part" id=${`part-${part}`}>${partName(part, slots[0]!.start, v.timezone, i18n)}</h4>
    ${times(v, slots, i18n, `part-${part}`)}`)}`;
}

/** The language's own name for the part of the day ("in the morning", "nachmittags", "du soir"): Intl knows it, no catalog bytes. */
function partName(part: Part, start: string, timezone: string, i18n: Localizer): string {
  try {
    return new Intl.DateTimeFormat(i18n.locale, { dayPeriod: 'long', timeZone: timezone }).format(Date.parse(start));
  } catch {
    return part;
  }
}

function times(v: SlotListView, slots: SlotOut[], i18n: Localizer, labelledBy?: string) {
  return html`<ul class="plain times" role="list" aria-describedby=${v.describedBy} aria-labelledby=${labelledBy ?? nothing}>
    ${slots.map((slot) => {
      const pressed = !!v.selected && sameInstant(v.selected.start, slot.start) && v.selected.instructor.id === slot.instructor.id;
      return html`<li>
        <button
          type="button"
          class="slot"
          part="slot"
          aria-pressed=${pressed ? 'true' : 'false'}
          @click=${(e: Event) => e.currentTarget!.dispatchEvent(new SlotSelectEvent({ slot }))}
        >
          ${i18n.time(slot.start, v.timezone)} ${v.atPlace?.(slot.start) ? html`<small>${v.atPlace(slot.start)}</small>` : nothing}
          ${v.showInstructor ? html`<small>${slot.instructor.name}</small>` : nothing}
        </button>
      </li>`;
    })}
  </ul>`;
}
