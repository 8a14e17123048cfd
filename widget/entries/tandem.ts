/**
 * The widget's entry: `<script type="module" src="https://API/widget/tandem.js">`.
 * Registers `<tandem-program>` and `<tandem-programs>` (once, even if loaded twice).
 * Later steps and Stripe.js are separate chunks, loaded when reached.
 */
import { define } from './shared/define.ts';
import { TandemProgram } from './program/tandem-program.ts';
import { TandemPrograms } from './program-list/tandem-programs.ts';

define('tandem-program', TandemProgram);
define('tandem-programs', TandemPrograms);

export { TandemProgram, TandemPrograms };
export * from './events/index.ts';
export type { StepName, BookingState } from './state/types.ts';
