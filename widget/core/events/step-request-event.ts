import type { StepName } from '../context/types.ts';

/** A step asks `<tandem-program>` to move to another step (loading its code first). */
export class StepRequestEvent extends CustomEvent<{ step: StepName }> {
  static readonly eventName = 'tandem-step-request';
  constructor(detail: { step: StepName }) {
    super(StepRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem-step-request': StepRequestEvent;
  }
}
