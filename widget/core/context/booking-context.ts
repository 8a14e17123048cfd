import { createContext } from '@lit/context';
import type { ApiClient } from '../api/client.ts';
import type { Localizer } from '../i18n/localizer.ts';
import type { BookingState } from './types.ts';

/**
 * What `<tandem-program>` shares with its later steps through @lit/context: read-only. Steps
 * change things by dispatching events (`BookingChangeEvent`, `StepRequestEvent`,
 * `StepPrefetchEvent`, `TandemErrorEvent`); components never consume it.
 */
export interface BookingContext {
  state: BookingState;
  i18n: Localizer;
  /** The embed API with the studio's key. */
  api: ApiClient;
  /** The by_link token given to the element, or ''. */
  link: string;
}

export const bookingContext = createContext<BookingContext>(Symbol('tandem-booking'));
