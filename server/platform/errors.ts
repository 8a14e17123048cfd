import type { Context } from 'hono';
import { fieldMessageIn, requestLang } from './http/field-messages.ts';

/** Every error code the API answers with. Clients may rely on these strings. */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'json_too_deep'
  | 'unauthorized'
  | 'origin_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'slot_taken'
  | 'slot_unavailable'
  | 'conflict'
  | 'hold_expired'
  | 'invalid_state'
  | 'checkout_started'
  | 'idempotency_key_required'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'payload_too_large'
  | 'file_too_large'
  | 'file_type_not_allowed'
  | 'homework_quota_exceeded'
  | 'rate_limited'
  | 'too_many_holds'
  | 'too_many_unpaid_invoices'
  | 'coupon_not_found'
  | 'coupon_not_yours'
  | 'coupon_not_started'
  | 'coupon_expired'
  | 'coupon_exhausted'
  | 'coupon_already_used'
  | 'coupon_not_applicable'
  | 'coupon_currency_mismatch'
  | 'coupon_min_total'
  | 'referral_self'
  | 'referral_not_first_order'
  | 'insufficient_credits'
  | 'refund_exceeds_refundable'
  | 'identity_required'
  | 'identity_code_invalid'
  | 'identity_code_expired'
  | 'identity_code_locked'
  | 'csrf_token_invalid'
  | 'forbidden'
  | 'program_incomplete'
  | 'payment_method_unavailable'
  | 'payment_method_not_allowed'
  | 'payment_provider_error'
  | 'quote_changed'
  | 'policy_window_closed'
  | 'reschedule_limit_reached'
  | 'sessions_in_the_way'
  | 'category_in_use'
  | 'mail_variable_not_granted'
  | 'invalid_signature'
  | 'invalid_event'
  | 'database_unavailable'
  | 'internal_error';

function statusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 429 | 500 | 502 | 503 {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
    case 'json_too_deep':
    case 'idempotency_key_required':
    case 'invalid_signature':
    case 'invalid_event':
      return 400;
    case 'unauthorized':
      return 401;
    case 'origin_not_allowed':
    case 'identity_required':
    case 'csrf_token_invalid':
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'slot_taken':
    case 'slot_unavailable':
    case 'conflict':
    case 'hold_expired':
    case 'quote_changed':
    case 'policy_window_closed':
    case 'reschedule_limit_reached':
    case 'category_in_use':
    case 'sessions_in_the_way':
    case 'invalid_state':
    case 'checkout_started':
    case 'idempotency_in_progress':
    case 'too_many_unpaid_invoices':
    case 'homework_quota_exceeded':
      return 409;
    case 'payload_too_large':
    case 'file_too_large':
      return 413;
    case 'rate_limited':
    case 'too_many_holds':
      return 429;
    case 'idempotency_key_reused':
    case 'coupon_not_found':
    case 'coupon_not_yours':
    case 'coupon_not_started':
    case 'coupon_expired':
    case 'coupon_exhausted':
    case 'coupon_already_used':
    case 'coupon_not_applicable':
    case 'coupon_currency_mismatch':
    case 'coupon_min_total':
    case 'referral_self':
    case 'referral_not_first_order':
    case 'insufficient_credits':
    case 'refund_exceeds_refundable':
    case 'payment_method_unavailable':
    case 'payment_method_not_allowed':
    case 'identity_code_invalid':
    case 'identity_code_expired':
    case 'program_incomplete':
    case 'file_type_not_allowed':
    case 'mail_variable_not_granted':
      return 422;
    case 'identity_code_locked':
      return 429;
    case 'payment_provider_error':
      return 502;
    case 'database_unavailable':
      return 503;
    case 'internal_error':
      return 500;
  }
}

const titles: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  json_too_deep: 'The request body is nested too deeply',
  unauthorized: 'A valid API key is required',
  origin_not_allowed: 'This website is not allowed to use this key',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  slot_taken: 'That time has just been taken',
  slot_unavailable: 'That time is not available',
  conflict: 'The request conflicts with the current state',
  hold_expired: 'The reservation has expired',
  invalid_state: 'Not possible in the current state',
  checkout_started: 'Payment for this booking has begun',
  idempotency_key_required: 'An Idempotency-Key header is required',
  idempotency_key_reused: 'This Idempotency-Key was used with a different request',
  idempotency_in_progress: 'A request with this Idempotency-Key is still being processed',
  payload_too_large: 'The request body is too large',
  file_too_large: 'The file is larger than allowed',
  file_type_not_allowed: 'This kind of file is not accepted',
  homework_quota_exceeded: 'This booking holds as many homework files as it can',
  rate_limited: 'Too many requests; slow down',
  too_many_holds: 'Too many reservations are open at once',
  too_many_unpaid_invoices: 'Too many unpaid invoices are open',
  coupon_not_found: 'Unknown code',
  coupon_not_yours: 'This code was given to another customer',
  coupon_not_started: 'This code is not valid yet',
  coupon_expired: 'This code has expired',
  coupon_exhausted: 'This code has been used up',
  coupon_already_used: 'You have already used this code',
  coupon_not_applicable: 'This code does not apply to this program',
  coupon_currency_mismatch: 'This code is for another currency',
  coupon_min_total: 'The order is below this code\'s minimum',
  referral_self: 'You cannot use your own referral code',
  referral_not_first_order: 'Referral codes are for a first order only',
  insufficient_credits: 'Not enough credits',
  refund_exceeds_refundable: 'More than was paid and not yet refunded',
  identity_required: 'Confirm your e-mail address first',
  identity_code_invalid: 'This code is not right',
  identity_code_expired: 'This code has expired',
  identity_code_locked: 'Too many wrong codes; try again later',
  csrf_token_invalid: 'Send the session\'s CSRF token with every change',
  forbidden: 'Your role may not do this',
  program_incomplete: 'The program is not complete enough to publish',
  payment_method_unavailable: 'This payment method is not available for this booking',
  payment_method_not_allowed: 'The studio does not take this payment method for this program',
  payment_provider_error: 'The payment provider did not answer as expected',
  quote_changed: 'The cancellation quote no longer holds',
  policy_window_closed: 'Too close to the session to change it yourself',
  reschedule_limit_reached: 'This session has been moved as often as the studio allows',
  sessions_in_the_way: 'Booked sessions would be left outside the hours',
  category_in_use: 'Programs still use this category',
  mail_variable_not_granted: 'A mail names a variable no earlier action gives',
  invalid_signature: 'The signature does not match',
  invalid_event: 'The event is not one this endpoint understands',
  database_unavailable: 'The service is briefly unavailable; try again shortly',
  internal_error: 'Something went wrong on our side',
};

export interface FieldError { field: string; message: string }

/** An expected failure that becomes a problem+json answer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? titles[code]);
  }
}

export function problemBody(code: ErrorCode, detail?: string, extra: Record<string, unknown> = {}) {
  return {
    type: `https://tandem.example/problems/${code.replaceAll('_', '-')}`,
    title: titles[code],
    status: statusOf(code),
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/**
 * RFC 9457 answer; `extra.retry_after` (seconds, for 429s) also becomes the `Retry-After` header.
 * Per-field messages are said in the request's language (`Accept-Language`, http/field-messages.ts).
 */
export function problem(c: Context, error: AppError): Response {
  const lang = requestLang(c.req.header('Accept-Language'));
  const extra = error.extra.errors ? { ...error.extra, errors: error.extra.errors.map((e) => ({ ...e, message: fieldMessageIn(lang, e.message) })) } : error.extra;
  const body = problemBody(error.code, error.detail, extra);
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json', Vary: 'Accept-Language' };
  if (typeof error.extra.retry_after === 'number') headers['Retry-After'] = String(error.extra.retry_after);
  return c.body(JSON.stringify(body), body.status, headers);
}

/**
 * An expected failure whose transaction must still commit (e.g. an expired hold the request
 * released before answering 409 hold_expired): the runner stores it as the key's answer and
 * commits instead of rolling back.
 */
export class CommitThenFail extends AppError {}
