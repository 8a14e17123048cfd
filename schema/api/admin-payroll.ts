/** Request and answer shapes of the payroll routes (`/v1/admin/payroll/*`). */
import * as v from 'valibot';
import { Currency, Id, IsoDate, realInstant, singleLine } from './common.ts';

const RealDate = v.pipe(IsoDate, v.check(realInstant, 'must be a real calendar date'));
const Bp = v.pipe(v.number(), v.safeInteger('must be an integer'), v.minValue(0, 'must be 0 to 10000'), v.maxValue(10_000, 'must be 0 to 10000'));
const Amount = v.pipe(v.number(), v.safeInteger('must be an integer amount in minor units'), v.minValue(0, 'must not be negative'), v.maxValue(100_000_000, 'must be at most 100000000'));

/**
 * POST /v1/admin/payroll/rules: a new rule row (a rate change is a new row from a later date;
 * rows are never edited). `value`: basis points for `percent` (4000 = 40 %), minor units for
 * `per_session` and `flat`. `min_amount` / `max_amount` bound one session's pay (not `flat`).
 */
export const PayRuleBody = v.pipe(
  v.object({
    staff_id: Id,
    program_id: v.optional(v.nullable(Id)),
    kind: v.picklist(['per_session', 'percent', 'flat'], 'must be per_session, percent or flat'),
    value: Amount,
    currency: v.optional(Currency),
    min_amount: v.optional(v.nullable(Amount)),
    max_amount: v.optional(v.nullable(Amount)),
    valid_from: RealDate,
  }),
  v.forward(v.check((b) => b.kind !== 'percent' || b.value <= 10_000, 'a percent rule is at most 10000 basis points'), ['value']),
  v.forward(v.check((b) => b.min_amount == null || b.max_amount == null || b.min_amount <= b.max_amount, 'must not be below min_amount'), ['max_amount']),
  v.forward(v.check((b) => b.kind !== 'flat' || (b.min_amount == null && b.max_amount == null), 'bounds apply per session, not to a flat rule'), ['min_amount']),
);
export type PayRuleBody = v.InferOutput<typeof PayRuleBody>;

export const PayRulesQuery = v.object({ staff_id: v.optional(Id) });

/** POST /v1/admin/payroll/settings */
export const PayrollSettingsBody = v.pipe(
  v.object({
    period: v.picklist(['monthly', 'semi_monthly', 'biweekly'], 'must be monthly, semi_monthly or biweekly'),
    /** For `biweekly`: the first day of one period. */
    anchor_on: v.optional(v.nullable(RealDate)),
    /** What an instructor earns for a no-show the studio kept money for, in bp of the session's pay (0: nothing). */
    no_show_share_bp: Bp,
    late_cancel_share_bp: Bp,
    currency: v.optional(Currency),
  }),
  v.forward(v.check((b) => b.period !== 'biweekly' || !!b.anchor_on, 'a biweekly payroll needs the first day of one period'), ['anchor_on']),
);
export type PayrollSettingsBody = v.InferOutput<typeof PayrollSettingsBody>;

/** POST /v1/admin/payroll/periods/:id/paid */
export const PeriodPaidBody = v.object({
  paid_on: RealDate,
  reference: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200, 'must be at most 200 characters'), singleLine()),
});
export type PeriodPaidBody = v.InferOutput<typeof PeriodPaidBody>;

export const PeriodParams = v.object({ id: Id });
export const RuleParams = v.object({ id: Id });
export const StatementQuery = v.object({ lang: v.optional(v.picklist(['en', 'de', 'fr', 'it'], 'must be en, de, fr or it')) });
export const StatementParams = v.object({ id: Id, file: v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/i, 'must be <staff id>.pdf')) });

// ——— answers

const Total = v.object({ staff_id: v.string(), amount: v.number(), currency: v.string() });
export const PeriodOut = v.object({
  id: v.string(), starts_on: v.string(), ends_on: v.string(), status: v.picklist(['open', 'closed', 'paid']),
  closed_at: v.nullable(v.string()), paid_on: v.nullable(v.string()), paid_reference: v.nullable(v.string()),
  totals: v.array(Total),
});
export const PeriodsOut = v.object({ periods: v.array(PeriodOut) });

export const EarningOut = v.object({
  id: v.string(), kind: v.picklist(['session', 'booking', 'adjustment']), amount: v.number(), currency: v.string(), earned_on: v.string(),
  booking_id: v.nullable(v.string()), session_id: v.nullable(v.string()), session_seq: v.nullable(v.number()), session_starts_at: v.nullable(v.string()),
  program: v.nullable(v.object({ id: v.string(), title: v.nullable(v.string()) })), customer_name: v.nullable(v.string()),
  rule: v.record(v.string(), v.unknown()), inputs: v.record(v.string(), v.unknown()), adjusts_id: v.nullable(v.string()), reason: v.nullable(v.string()),
});
export const StatementOut = v.object({
  staff_id: v.string(), staff_name: v.string(), statement_pdf_url: v.string(),
  sessions: v.array(EarningOut), bookings: v.array(EarningOut), adjustments: v.array(EarningOut),
  totals: v.array(v.object({ amount: v.number(), currency: v.string() })),
});
export const PeriodDetailOut = v.object({ period: PeriodOut, instructors: v.array(StatementOut), export_csv_url: v.string() });

export const PayRuleOut = v.object({
  id: v.string(), staff_id: v.string(), program_id: v.nullable(v.string()), kind: v.picklist(['per_session', 'percent', 'flat']), value: v.number(),
  currency: v.string(), min_amount: v.nullable(v.number()), max_amount: v.nullable(v.number()), valid_from: v.string(), created_at: v.string(), in_use: v.boolean(),
});
export const PayRulesOut = v.object({ rules: v.array(PayRuleOut) });

export const PayrollSettingsOut = v.object({
  period: v.picklist(['monthly', 'semi_monthly', 'biweekly']), anchor_on: v.nullable(v.string()), no_show_share_bp: v.number(),
  late_cancel_share_bp: v.number(), currency: v.string(), timezone: v.string(), saved: v.boolean(),
});

export type PeriodOut = v.InferOutput<typeof PeriodOut>;
export type PeriodsOut = v.InferOutput<typeof PeriodsOut>;
export type EarningOut = v.InferOutput<typeof EarningOut>;
export type StatementOut = v.InferOutput<typeof StatementOut>;
export type PeriodDetailOut = v.InferOutput<typeof PeriodDetailOut>;
export type PayRuleOut = v.InferOutput<typeof PayRuleOut>;
export type PayRulesOut = v.InferOutput<typeof PayRulesOut>;
export type PayrollSettingsOut = v.InferOutput<typeof PayrollSettingsOut>;
