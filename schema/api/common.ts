import * as v from 'valibot';

/** Identifiers are UUIDs everywhere. */
export const Id = v.pipe(v.string(), v.uuid('must be a UUID'));

/** ISO 4217 currency code, upper case. */
export const Currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code'));

/** An amount in integer minor units (Rappen, cents). Never a float. */
export const MinorUnits = v.pipe(v.number(), v.safeInteger('must be an integer amount in minor units'));

export const Money = v.object({ amount: MinorUnits, currency: Currency });
export type Money = v.InferOutput<typeof Money>;

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'));

/** An instant, ISO 8601 with offset or Z. */
export const IsoInstant = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'));

export const Locale = v.picklist(['en', 'de', 'fr', 'it']);
export type Locale = v.InferOutput<typeof Locale>;

/** RFC 9457 problem details, as every error of the API answers. */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  code: v.string(),
  detail: v.optional(v.string()),
  errors: v.optional(v.array(v.object({ field: v.string(), message: v.string() }))),
});
export type Problem = v.InferOutput<typeof Problem>;
