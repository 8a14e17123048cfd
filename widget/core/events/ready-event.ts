/** Detail of `tandem:ready`: the program is loaded and the first screen is interactive. */
export interface TandemReadyDetail {
  /** The program's slug. */
  program: string;
  title: string;
  /** The locale the widget speaks (`en`, `de-CH`, …). */
  locale: string;
}

export class TandemReadyEvent extends CustomEvent<TandemReadyDetail> {
  static readonly eventName = 'tandem:ready';
  constructor(detail: TandemReadyDetail) {
    super(TandemReadyEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tandem:ready': TandemReadyEvent;
  }
}
