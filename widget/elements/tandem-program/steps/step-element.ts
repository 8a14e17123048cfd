import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import { bookingContext, type BookingContext } from '../state/booking-context.ts';
import { base } from '../shared/styles.ts';

/** What every step element shares: the booking context and focusing its heading. */
export class StepElement extends LitElement {
  static override styles = [base];

  @consume({ context: bookingContext, subscribe: true })
  @state()
  protected ctx?: BookingContext;

  /** Moves focus to the step's heading (called by the root after a step change); a step may pick a better target. */
  focusHeading(): void {
    const h = this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]');
    h?.focus({ preventScroll: false });
  }
}
