/** Query shapes of the finance reports (`/v1/admin/reports/*`). */
import * as v from 'valibot';
import { IsoDate, realInstant } from './common.ts';

const RealDate = v.pipe(IsoDate, v.check(realInstant, 'must be a real calendar date'));

/** Local dates in the studio's zone, both inclusive, at most 5 years apart. */
export const ReportRangeQuery = v.pipe(
  v.object({ from: RealDate, to: RealDate }),
  v.forward(v.check((q) => q.from <= q.to, 'must not be before from'), ['to']),
  v.forward(v.check((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 5, 'must be at most 5 years after from'), ['to']),
);

export const VatQuarterQuery = v.object({
  year: v.pipe(v.string(), v.regex(/^20\d\d$/, 'must be a year from 2000 to 2099')),
  quarter: v.picklist(['1', '2', '3', '4'], 'must be 1, 2, 3 or 4'),
});

const Amounts = v.object({ gross: v.number(), net: v.number(), vat: v.number() });
export const VatReturnOut = v.object({
  year: v.number(), quarter: v.number(), from: v.string(), to: v.string(), currency: v.string(), method: v.literal('agreed'),
  rates: v.array(v.object({ vat_rate_bp: v.number(), form_figure: v.nullable(v.string()), invoiced: Amounts, credited: Amounts, turnover: v.number(), tax: v.number() })),
  figures: v.record(v.string(), v.number()), tax_total: v.number(), csv_url: v.string(),
});
