/**
 * The portal's refusals each carry a `detail` sentence in English (as the embed API's do), also
 * where the code raising them gave none: validation failures name their fields, the rest say
 * what the title means for the customer's booking. Per-field messages stay in the request's
 * language (platform/errors.ts).
 */
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { plainFieldMessage } from '../../platform/http/field-messages.ts';

const details: Partial<Record<ErrorCode, string>> = {
  malformed_json: 'The request body is not valid JSON.',
  payload_too_large: 'The request body is larger than this API accepts.',
  origin_not_allowed: 'This website is not one the studio allows to open the portal.',
  not_found: 'No such booking, session or document for this sign-in.',
  idempotency_in_progress: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  conflict: 'Another change to this booking came first; load it again and retry.',
  invalid_state: 'Not possible for this booking as it is now.',
  rate_limited: 'Too many requests from this sign-in; wait a moment and try again.',
  database_unavailable: 'The service is briefly unavailable; try again shortly.',
};

/** The same error with a detail sentence when it had none; anything else unchanged. */
export function withEnglishDetail(error: Error): Error {
  if (!(error instanceof AppError) || error.detail) return error;
  const fields = error.extra.errors?.map((e) => `${e.field} ${plainFieldMessage(e.message)}`).join('; ');
  const detail = fields ? `The request is not valid: ${fields}.` : details[error.code];
  return detail ? new AppError(error.code, detail, error.extra) : error;
}
