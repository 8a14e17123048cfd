/** A new studio signs up at /admin/signup, and its owner proves the address with the mailed code. */
import * as v from 'valibot';
import { Locale, singleLine } from './common.ts';
import { Email } from './embed-identity.ts';
import { canonicalZone } from './embed-slots.ts';

const name = (max: number) => v.pipe(v.string('is required'), v.trim(), singleLine(), v.minLength(1, 'is required'), v.maxLength(max));

/** The currencies a studio can sell in (the payment methods and invoices know them). */
export const STUDIO_CURRENCIES = ['CHF', 'EUR', 'GBP', 'USD'] as const;

export const SignUpBody = v.object({
  studio_name: name(120),
  owner_name: name(200),
  email: Email,
  country: v.pipe(v.string('is required'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code (CH, DE, …)')),
  currency: v.picklist(STUDIO_CURRENCIES, `must be one of ${STUDIO_CURRENCIES.join(', ')}`),
  language: Locale,
  timezone: v.pipe(v.string('is required'), v.check((z) => Boolean(canonicalZone(z)), 'must be an IANA time zone')),
});
export type SignUpBody = v.InferOutput<typeof SignUpBody>;

export const SignUpVerifyBody = v.object({
  email: Email,
  code: v.pipe(v.string('is required'), v.maxLength(20)),
});
export type SignUpVerifyBody = v.InferOutput<typeof SignUpVerifyBody>;
