import type { StepName } from '../context/types.ts';

/** A step asks `<tandem-program>` to load a later step's code ahead of time (hover/focus of the button leading there). */
export class StepPrefetchEvent extends CustomEvent<{ step: StepName }> {
  static readonly eventName = 'tandem-step-prefetch';
  constructor(detail: { step: StepName }) {
    super(StepPrefetchEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-step-prefetch': StepPrefetchEvent;
  }
}
