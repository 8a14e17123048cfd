import type { ApiClient } from '../../core/api/client.ts';
import type { Localizer } from '../../core/i18n/localizer.ts';
import type { PortalKey } from './i18n/en.ts';

/**
 * What the time picker is open for: the next session to schedule, moving one, every remaining
 * session at the cadence from a chosen first date, or the whole series to a new first date.
 */
export type Picking = { kind: 'book' } | { kind: 'move'; sessionId: string } | { kind: 'series-book' } | { kind: 'series-move' };

/**
 * What the portal's views (booking-view.ts, time-picker.ts, homework/homework-upload.ts) use of the
 * <tandem-portal> element that renders them: its words, API clients and the actions its panels
 * start. The views see only this, so they do not import the element that imports them.
 */
export interface PortalHost {
  readonly localizer: Localizer;
  readonly portalApi: ApiClient;
  readonly embedApi: ApiClient | null;
  t(key: PortalKey, vars?: Record<string, string | number>): string;
  back(): void;
  closePanels(): void;
  sendMessage(body: string): Promise<boolean>;
  pickTime(picking: Picking): Promise<void>;
  picked(starts: string[]): Promise<void>;
  moveSeries(weeks: number): Promise<void>;
  askCancel(sessionId?: string): Promise<void>;
  confirmCancel(): Promise<void>;
  updateCard(): Promise<void>;
  cardConfirmed(): Promise<void>;
  saveTestCard(): Promise<void>;
  payBalance(): Promise<void>;
  payBalanceOnce(): Promise<void>;
  balancePaid(): Promise<void>;
  payNow(): Promise<void>;
  linkPaid(): Promise<void>;
  payTestLink(): Promise<void>;
  addToCalendar(sessionId: string, filename: string): Promise<void>;
  download(url: string, filename: string): Promise<void>;
}
