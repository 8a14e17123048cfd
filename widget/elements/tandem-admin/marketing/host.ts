/**
 * What the marketing view's sections use of `<tandem-admin-marketing>`: its state, words and calls.
 * The sections take this interface, not the element that imports them (no import cycle).
 */
import type { ConsentOut } from '../../../../schema/api/marketing-consent.ts';
import type { ReferralOut } from '../../../../schema/api/admin-referrals.ts';
import type { ReviewOut } from '../../../../schema/api/admin-reviews.ts';
import type { CampaignOut, SegmentOut } from '../../../../schema/api/admin-segments.ts';
import type { AdminApi } from '../core/api.ts';
import type { ConsoleLang } from '../core/console-lang.ts';
import type { MarketingKey } from './marketing-i18n.ts';

export const BOOKING_STATUSES = ['reserved', 'confirmed', 'in_progress', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface SegmentDraft {
  id: string | null; name: string; languages: ConsoleLang[]; programs: string[]; statuses: BookingStatus[]; consent: '' | 'confirmed' | 'not_confirmed'; minPaid: string; after: string;
  /** Last booking before (a date), `utm_source`, credits at least, tags (comma-separated). */
  before: string; utm: string; minCredits: string; tags: string;
}
/** The segment form's live count: the last one counted (none yet, or `failed`), and whether a newer one is being asked for. */
export interface SegmentCount { counting: boolean; last: { count: number; withConsent: number } | 'failed' | null }
/** The consents list's filter: a status ('' = any; `withdrawn` = unsubscribed) and part of the e-mail address. */
export interface ConsentFilter { status: '' | 'confirmed' | 'pending' | 'withdrawn' | 'expired'; q: string }
export interface Member { id: string; name: string; email: string; language: string; last_booking_at: string | null; total_paid: number; credits: number; consent: boolean }
export interface CampaignDraft {
  id: string | null; name: string; segmentId: string;
  subject: Record<ConsoleLang, string>; body: Record<ConsoleLang, string>;
  now: boolean; at: string;
}

export interface MarketingHost {
  readonly language: ConsoleLang;
  client: AdminApi;
  busy: boolean;
  notice: string;
  consents: ConsentOut[] | null;
  consentFilter: ConsentFilter;
  /** The API's cursor for the next page of consents (null: none). */
  consentsNext: string | null;
  referrals: ReferralOut[] | null;
  reviews: ReviewOut[] | null;
  segments: SegmentOut[] | null;
  programs: { id: string; title: string }[] | null;
  campaigns: CampaignOut[] | null;
  segmentDraft: SegmentDraft | null;
  segmentCount: SegmentCount | null;
  members: { segment: SegmentOut; list: Member[] } | null;
  campaignDraft: CampaignDraft | null;
  previews: Partial<Record<ConsoleLang, string>>;
  /** Where a campaign's test goes ('' = the signed-in staff member). */
  testTo: string;
  t(key: MarketingKey, vars?: Record<string, string | number>): string;
  act<T>(work: () => Promise<T>, done?: MarketingKey): Promise<T | undefined>;
  replace<T extends { id: string }>(list: T[] | null, row: T): T[];
}
