/** The conversion funnel, pure: how a source is named, and conversion between steps. */
import { FUNNEL_STEPS, type FunnelStep } from '../../../../shared/funnel.ts';

export { FUNNEL_STEPS, type FunnelStep };

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

export interface StepCount { step: FunnelStep; visits: number; from_previous: number | null; from_viewed: number | null }

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * Each step's visits with its conversion from the step before it that any visit reached (a
 * program without an intake form has no `intake_done`: details follow the chosen time) and from
 * the first view. Ratios 0..1, four decimals; null where there is nothing to divide by.
 */
export function funnelSteps(visits: Partial<Record<FunnelStep, number>>): StepCount[] {
  const viewed = visits.viewed ?? 0;
  let previous: number | null = null;
  return FUNNEL_STEPS.map((step) => {
    const n = visits[step] ?? 0;
    const out = { step, visits: n, from_previous: step === 'viewed' ? null : previous === null ? null : ratio(n, previous), from_viewed: step === 'viewed' ? null : ratio(n, viewed) };
    if (n > 0 || step === 'viewed') previous = n;
    return out;
  });
}
