import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { BookingState, StepName } from '../../../core/context/types.ts';
import type { Localizer } from '../../../core/i18n/localizer.ts';
import type { ApiError } from '../../../core/api/client.ts';
import { BookingChangeEvent } from '../../../core/events/booking-change-event.ts';
import { StepRequestEvent } from '../../../core/events/step-request-event.ts';
import { StepPrefetchEvent } from '../../../core/events/step-prefetch-event.ts';
import { reportError } from '../../../core/report-error.ts';
import { base } from '../../../core/styles.ts';
// English error and later-step sentences come with the later steps' code: never a bare key while another language loads.
import '../../../core/i18n/english-later.ts';

/**
 * What the later steps of `<tandem-program>` share: they render from their properties (the
 * booking state and the localizer, given by the root) and ask for changes with events
 * (`BookingChangeEvent`, `StepRequestEvent`, `StepPrefetchEvent`, `tandem:error`); the root
 * owns the state and hands the new one back at once. Each can be rendered on its own.
 */
export class StepElement extends LitElement {
  static override styles = [base];

  /** The booking as `<tandem-program>` holds it (replaced, never mutated). */
  @property({ attribute: false }) state?: BookingState;
  @property({ attribute: false }) i18n?: Localizer;

  /** Asks for parts of the booking state to change (within `<tandem-program>` the new state arrives before this returns). */
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
    const errs = this.state?.fieldErrors ?? {};
    if (key in errs) {
      const { [key]: _gone, ...rest } = errs;
      this.change({ fieldErrors: rest });
    }
  }

  /**
   * Resolves once the step shows what it came to show (rendered; a step that fetches on arrival
   * overrides it to wait for its first answer). The root keeps its height until then.
   */
  get settled(): Promise<unknown> {
    return this.updateComplete;
  }

  /** Moves focus to the step's heading (called by the root after a step change); a step may pick a better target. */
  focusHeading(): void {
    const h = this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"]');
    h?.focus({ preventScroll: false });
  }
}
