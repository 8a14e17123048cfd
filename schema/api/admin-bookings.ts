import * as v from 'valibot';
import { IsoInstant } from './common.ts';

/** Staff move a session: like the customer's, plus `override` to go outside the hours, notice and horizon (never onto busy time). */
export const AdminRescheduleBody = v.object({
  starts_at: IsoInstant,
  override: v.optional(v.boolean(), false),
});
export type AdminRescheduleBody = v.InferOutput<typeof AdminRescheduleBody>;
