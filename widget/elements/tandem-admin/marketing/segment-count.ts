/**
 * The segment form's live count: the filter being edited is counted by POST /v1/admin/segments/preview a
 * moment after the last change (300 ms, so typing asks once), and only the newest answer is shown (an
 * older one arriving late is dropped). Its line is a polite live region: a screen reader hears the new
 * count once it settles, without losing its place.
 */
import { html, nothing } from 'lit';
import type { SegmentFilter, SegmentPreviewOut } from '../../../../schema/api/admin-segments.ts';
import type { MarketingHost } from './host.ts';

export const COUNT_DELAY_MS = 300;
const pending = new WeakMap<MarketingHost, { timer: ReturnType<typeof setTimeout> | undefined; asked: number }>();

/** Counts `filter` after the delay (a later call within it replaces this one). */
export function recount(v: MarketingHost, filter: SegmentFilter): void {
  const p = pending.get(v) ?? { timer: undefined, asked: 0 };
  pending.set(v, p);
  clearTimeout(p.timer);
  p.timer = setTimeout(async () => {
    const asked = ++p.asked;
    v.segmentCount = { counting: true, last: v.segmentCount?.last ?? null };
    let out: SegmentPreviewOut | undefined;
    try {
      out = await v.client.send<SegmentPreviewOut>('POST', '/v1/admin/segments/preview', { filter });
    } catch {
      out = undefined;
    }
    if (asked !== p.asked || !v.segmentDraft) return;
    v.segmentCount = { counting: false, last: out ? { count: out.count, withConsent: out.with_consent } : 'failed' };
  }, COUNT_DELAY_MS);
}

/** Stops a count that is waiting (the form closed). */
export function stopCount(v: MarketingHost): void {
  const p = pending.get(v);
  if (p) { clearTimeout(p.timer); p.asked++; }
  v.segmentCount = null;
}

/** The count's line; while a newer count is asked for it keeps the last one and says it is busy (no announcement of "counting"). */
export function countLine(v: MarketingHost) {
  const c = v.segmentCount;
  const last = c?.last;
  const text = !c ? nothing : last === 'failed' ? v.t('countFailed') : last ? v.t('countLine', { count: last.count, consenting: last.withConsent }) : v.t('counting');
  return html`<p class="live-count" id="sg-count" role="status" aria-live="polite" aria-atomic="true" aria-busy=${c?.counting ? 'true' : 'false'}>${text}</p>`;
}
