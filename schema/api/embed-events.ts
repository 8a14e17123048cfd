import * as v from 'valibot';
import { Id } from './common.ts';
import { FUNNEL_STEPS } from '../../shared/funnel.ts';

const Param = v.optional(v.pipe(v.string(), v.maxLength(200)));

/**
 * `POST /v1/embed/events`: steps of one visit of the widget. `visit` is a random id the widget keeps
 * in memory for the visit only (no cookie, no storage); `source` the host page's campaign parameters
 * and the referring site (only its host is kept).
 */
export const FunnelEventsBody = v.object({
  visit: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or dashes')),
  /** A by_link program's token: its events count only with it. */
  link: v.optional(v.pipe(v.string(), v.maxLength(200))),
  source: v.optional(v.object({ utm_source: Param, utm_medium: Param, utm_campaign: Param, referrer: v.optional(v.pipe(v.string(), v.maxLength(500))) }), {}),
  events: v.pipe(
    v.array(v.object({ program: Id, variant: v.optional(Id), step: v.picklist(FUNNEL_STEPS) })),
    v.minLength(1, 'must have at least one event'),
    v.maxLength(20, 'may have at most 20 events'),
  ),
});
export type FunnelEventsBody = v.InferOutput<typeof FunnelEventsBody>;

export const FunnelEventsAccepted = v.object({ accepted: v.number() });
export type FunnelEventsAccepted = v.InferOutput<typeof FunnelEventsAccepted>;
