import * as v from 'valibot';
import { Id, IsoDate } from './common.ts';

export const SlotsQuery = v.object({
  from: IsoDate,
  to: IsoDate,
  tz: v.pipe(v.string(), v.minLength(1, 'is required')),
  instructor: v.optional(Id),
  variant: v.optional(Id),
  link: v.optional(v.string()),
});

export const SlotOut = v.object({
  start: v.string(),
  end: v.string(),
  local_start: v.string(),
  local_end: v.string(),
  instructor: v.object({ id: Id, name: v.string() }),
});
export type SlotOut = v.InferOutput<typeof SlotOut>;

export const SlotsResponse = v.object({
  timezone: v.string(),
  days: v.array(v.object({ date: v.string(), slots: v.array(SlotOut) })),
});
export type SlotsResponse = v.InferOutput<typeof SlotsResponse>;
