import { ApiError } from './api/client.ts';
import { TandemErrorEvent } from './events/error-event.ts';
import type { StepName } from './context/types.ts';

/** Tells the page a request failed (`tandem:error`, bubbling out of the widget) and returns it as an ApiError. */
export function reportError(from: EventTarget, err: unknown, step: StepName): ApiError {
  const e = ApiError.from(err);
  from.dispatchEvent(new TandemErrorEvent({ code: e.code, status: e.status, message: e.message, step, retryable: e.retryable }));
  return e;
}
