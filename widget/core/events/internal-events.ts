import type {} from './booking-change-event.ts';
import type {} from './date-select-event.ts';
import type {} from './field-blur-event.ts';
import type {} from './field-input-event.ts';
import type {} from './month-change-event.ts';
import type {} from './payment-confirmed-event.ts';
import type {} from './payment-failed-event.ts';
import type {} from './slot-select-event.ts';
import type {} from './step-prefetch-event.ts';
import type {} from './step-request-event.ts';
import type {} from './variant-select-event.ts';

/**
 * The widget's own events (`tandem-…`, from its components and steps): `<tandem-program>` stops
 * them, so the studio's page hears only the documented `tandem:…` events.
 */
export const INTERNAL_EVENTS = [
  'tandem-booking-change',
  'tandem-step-request',
  'tandem-step-prefetch',
  'tandem-variant-select',
  'tandem-date-select',
  'tandem-month-change',
  'tandem-slot-select',
  'tandem-field-input',
  'tandem-field-blur',
  'tandem-payment-confirmed',
  'tandem-payment-failed',
] as const satisfies readonly (keyof GlobalEventHandlersEventMap)[];
