import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import { bookingContext, type BookingContext } from '../../../core/context/booking-context.ts';
import type { BookingState, StepName } from '../../../core/context/types.ts';
import type { ApiError } from '../../../core/api/client.ts';
import { BookingChangeEvent } from '../../../core/events/booking-change-event.ts';
import { StepRequestEvent } from '../../../core/events/step-request-event.ts';
import { StepPrefetchEvent } from '../../../core/events/step-prefetch-event.ts';
import { reportError } from '../../../core/report-error.ts';
import { base } from '../../../core/styles.ts';
import * as english from '../../../core/i18n/errors/errors-en.ts';
import { registerTables } from '../../../core/i18n/errors.ts';

// English error and later-step sentences come with the later steps' code: never a bare key while another language loads.
registerTables('en', english);

/**
 * What the later steps of `<tandem-program>` share: they read the booking context and ask for
 * changes with events (the root owns the state); focusing their heading.
 */
export class StepElement extends LitElement {
  static override styles = [base];

  @consume({ context: bookingContext, subscribe: true })
  @state()
  protected ctx?: BookingContext;

  /** Replaces parts of the booking state (the new context arrives before this returns). */
  protected change(patch: Partial<BookingState>): void {
    this.dispatchEvent(new BookingChangeEvent({ patch }));
  }

  /** Moves to a step (loading its code first); the root emits `tandem:step` and focuses its heading. */
  protected goTo(step: StepName): void {
    this.dispatchEvent(new StepRequestEvent({ step }));
  }

  /** Starts loading a step's code ahead of time. */
  protected prefetch(step: StepName): void {
    this.dispatchEvent(new StepPrefetchEvent({ step }));
  }

  /** Emits `tandem:error` (for `step`) and returns the failure as an ApiError. */
  protected report(err: unknown, step: StepName): ApiError {
    return reportError(this, err, step);
  }

  /** Drops the server's error for a field (`intake.goals`) once the customer edits it. */
  protected clearServerError(key: string): void {
    const errs = this.ctx?.state.fieldErrors ?? {};
    if (key in errs) {
      const { [key]: _gone, ...rest } = errs;
      this.change({ fieldErrors: rest });
    }
  }

  /** Moves focus to the step's heading (called by the root after a step change); a step may pick a better target. */
  focusHeading(): void {
    const h = this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]');
    h?.focus({ preventScroll: false });
  }
}
