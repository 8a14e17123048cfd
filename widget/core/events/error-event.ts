import type { StepName } from '../context/types.ts';

/** Detail of `tandem:error`: something failed and the customer was shown a message. */
export interface TandemErrorDetail {
  /** The API's problem `code` (`slot_taken`, `validation_failed`, `not_found`, …), or `network`, `load_failed`, `payment_failed`. */
  code: string;
  /** HTTP status, 0 when the network failed. */
  status: number;
  message: string;
  step: StepName;
  /** Whether trying again may help (a retry button is shown). */
  retryable: boolean;
}

export class TandemErrorEvent extends CustomEvent<TandemErrorDetail> {
  static readonly eventName = 'tandem:error';
  constructor(detail: TandemErrorDetail) {
    super(TandemErrorEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem:error': TandemErrorEvent;
  }
}
