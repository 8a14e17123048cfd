import * as v from 'valibot';

/** Identifiers are UUIDs everywhere. */
export const Id = v.pipe(v.string(), v.uuid('must be a UUID'));

/** ISO 4217 currency code, upper case. */
export const Currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code'));

/** An amount in integer minor units (Rappen, cents). Never a float. */
export const MinorUnits = v.pipe(v.number(), v.safeInteger('must be an integer amount in minor units'));

export const Money = v.object({ amount: MinorUnits, currency: Currency });
export type Money = v.InferOutput<typeof Money>;

/**
 * The instants the API accepts: from 2000-01-01 (inclusive) to 2100-01-01 (exclusive), UTC.
 * Outside them no booking makes sense, and year 0000 or 9999 would overflow the database's
 * ranges and the calendar arithmetic.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);
const RANGE_MESSAGE = 'must be between 2000-01-01 and 2100-01-01';

/** Whether an ISO 8601 timestamp names a real calendar day (`2026-02-30` does not) and the runtime reads it. */
export function realInstant(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || !Number.isFinite(Date.parse(iso))) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** Whether an ISO 8601 timestamp names an instant in the accepted range. */
export function instantInRange(iso: string): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= EARLIEST_INSTANT && t < LATEST_INSTANT;
}

/** A calendar date, `YYYY-MM-DD`, in the years 2000 to 2099. */
export const IsoDate = v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'), v.check((d) => d >= '2000-01-01' && d < '2100-01-01', RANGE_MESSAGE));

/** An instant, ISO 8601 with offset or Z, between 2000-01-01 and 2100-01-01. */
export const IsoInstant = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'),
  v.check(realInstant, 'must be an ISO 8601 timestamp with a time zone'), v.check(instantInRange, RANGE_MESSAGE));

/**
 * What every string of every request must be, whatever its field (checked once for all of them
 * by the request validator, over every string and key of the parsed input): well-formed
 * Unicode (no unpaired surrogate) with no NUL and no other C0 control but tab, line feed and
 * carriage return. The database refuses NUL in text and unpaired surrogates in jsonb.
 */
export function textProblem(s: string): string | undefined {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) return 'must not contain NUL or other control characters';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) return 'must be valid Unicode (it has an unpaired surrogate)';
  return undefined;
}

/**
 * A one-line text (a name, a code, an address line): besides the rule for every string, no tab
 * or line break (a QR-bill's data are separated by line breaks, a mail's headers too).
 */
export const singleLine = () => v.check((s: string) => !/[\t\n\r\u2028\u2029]/.test(s), 'must be a single line');

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
