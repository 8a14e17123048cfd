import type { SlotOut } from '../context/types.ts';

/** Slot list: the customer picked a free time. */
export class SlotSelectEvent extends CustomEvent<{ slot: SlotOut }> {
  static readonly eventName = 'tandem-slot-select';
  constructor(detail: { slot: SlotOut }) {
    super(SlotSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-slot-select': SlotSelectEvent;
  }
}
