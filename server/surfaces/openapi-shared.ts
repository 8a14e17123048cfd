import { resolver } from 'hono-openapi';
import { Problem } from '../../schema/api/common.ts';

const descriptions: Record<number, string> = {
  400: 'Invalid request (validation_failed, with per-field errors)',
  401: 'Missing, unknown or revoked key',
  403: 'Origin not allowed for this key',
  404: 'Not found',
  409: 'Conflict with the current state (e.g. slot_taken)',
  422: 'Understood but refused (e.g. idempotency_key_reused, coupon_expired)',
  429: 'Too many requests (rate_limited) or reservations open at once (too_many_holds); Retry-After says when to try again',
};

/** The problem+json answers of a route, for its OpenAPI description. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: resolver(Problem) } } }]));
}
