/** The public events of `<tandem-program>` and `<tandem-programs>` (the others are internal to the widget). */
export { TandemReadyEvent, type TandemReadyDetail } from './ready-event.ts';
export { TandemStepEvent, type TandemStepDetail } from './step-event.ts';
export { TandemBookedEvent, type TandemBookedDetail } from './booked-event.ts';
export { TandemErrorEvent, type TandemErrorDetail } from './error-event.ts';
