/** The conversion funnel, pure: how a source is named, and conversion between steps. */
import { FUNNEL_STEPS, funnelSteps, type FunnelStep, type StepCount } from '../../../../shared/funnel.ts';

// The counting is shared with the console, which adds programs' funnels up.
export { FUNNEL_STEPS, funnelSteps, type FunnelStep, type StepCount };

/** What a report is grouped by. */
export type FunnelGrouping = 'program' | 'source' | 'medium' | 'campaign' | 'referrer';

/** Where a visit came from, as the widget reports it (the page's campaign parameters and the referring site). */
export interface VisitSource { utm_source?: string | undefined; utm_medium?: string | undefined; utm_campaign?: string | undefined; referrer?: string | undefined }

/**
 * The host of a referring address, lower case, without `www.`; '' when there is none or it is
 * not a web address. Only the host is ever kept (a path or query could carry personal data).
 */
export function referrerHost(referrer: string | undefined): string {
  if (!referrer) return '';
  let host = referrer.trim().toLowerCase();
  try {
    if (/^https?:\/\//.test(host)) host = new URL(host).hostname;
  } catch {
    return '';
  }
  host = host.replace(/^www\./, '');
  return /^[a-z0-9.-]{1,253}$/.test(host) && host.includes('.') ? host : '';
}

/** A campaign parameter as stored: trimmed, at most 200 characters, lower case (utm values are case-insensitive in practice). */
export function campaignValue(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase().slice(0, 200);
}

/** Group labels for visits (and bookings) without the parameter. */
export const DIRECT = '(direct)';
export const NONE = '(none)';

