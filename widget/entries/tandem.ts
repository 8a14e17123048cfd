/**
 * The booking widget's entry (built as `tandem.js`):
 * `<script type="module" src="https://API/widget/tandem.js">`.
 * Registers `<tandem-program>` and `<tandem-programs>` (once, even if loaded twice).
 * Later steps and Stripe.js are separate chunks, loaded when reached.
 */
import { define } from '../core/define.ts';
import { TandemProgram } from '../elements/tandem-program/tandem-program.ts';
import { TandemPrograms } from '../elements/tandem-programs/tandem-programs.ts';

define('tandem-program', TandemProgram);
define('tandem-programs', TandemPrograms);

export { TandemProgram, TandemPrograms };
export * from '../core/events/index.ts';
export type { StepName, BookingState } from '../core/context/types.ts';
