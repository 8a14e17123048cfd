import * as v from 'valibot';
import { IsoDate, Money } from './common.ts';
import { FUNNEL_STEPS } from '../../shared/funnel.ts';

const DAY = 86_400_000;

/** `GET /v1/admin/funnel` and `/v1/admin/funnel.csv`: a date range in the studio's zone (both ends included, at most 366 days). */
export const FunnelQuery = v.pipe(
  v.object({
    from: IsoDate,
    to: IsoDate,
    /** One program's slug; absent: all programs. */
    program: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a program slug'))),
    by: v.optional(v.picklist(['program', 'source', 'medium', 'campaign', 'referrer']), 'program'),
  }),
  v.forward(v.partialCheck([['from'], ['to']], (q) => q.from <= q.to, 'must not be before from'), ['to']),
  v.forward(v.partialCheck([['from'], ['to']], (q) => Date.parse(q.to) - Date.parse(q.from) < 366 * DAY, 'the range may span at most 366 days'), ['to']),
);
export type FunnelQuery = v.InferOutput<typeof FunnelQuery>;

export const FunnelStepOut = v.object({
  step: v.picklist(FUNNEL_STEPS),
  /** Distinct visits that reached the step. */
  visits: v.number(),
  /** Share (0..1) of the visits of the step before it that any visit reached; null for `viewed` or nothing to divide by. */
  from_previous: v.nullable(v.number()),
  /** Share (0..1) of the visits that viewed the program. */
  from_viewed: v.nullable(v.number()),
});

export const FunnelReportOut = v.object({
  from: v.string(),
  to: v.string(),
  by: v.string(),
  program: v.nullable(v.string()),
  groups: v.array(v.object({
    /** The program's slug, or the source / medium / campaign / referring host; `(direct)` or `(none)` without one. */
    key: v.string(),
    steps: v.array(FunnelStepOut),
    /** Bookings made in the range in this group (confirmed or later). */
    bookings: v.number(),
    /** What those bookings' orders have been paid so far, per currency. */
    revenue: v.array(Money),
  })),
});
export type FunnelReportOut = v.InferOutput<typeof FunnelReportOut>;
