import type { StepName } from '../context/types.ts';

/** Detail of `tandem:step`: the customer moved to another step. */
export interface TandemStepDetail {
  program: string;
  /** `program` | `time` | `intake` | `checkout` | `confirmation` */
  step: StepName;
  /** 1-based position of the step among the five. */
  index: number;
  previous: StepName | null;
}

export class TandemStepEvent extends CustomEvent<TandemStepDetail> {
  static readonly eventName = 'tandem:step';
  constructor(detail: TandemStepDetail) {
    super(TandemStepEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem:step': TandemStepEvent;
  }
}
