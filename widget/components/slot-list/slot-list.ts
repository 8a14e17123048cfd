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

/**
 * The free times of a day as toggle buttons, rendered into the step's shadow root (it is
 * described by the step's zone note). Dispatches `SlotSelectEvent` (`tandem-slot-select`).
 */
export function slotList(v: SlotListView, i18n: Localizer) {
  return html`<ul class="plain times" aria-describedby=${v.describedBy}>
    ${v.slots.map((slot) => {
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
