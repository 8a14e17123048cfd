import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../platform/errors.ts';

/** Routes that play the customer's browser and the provider exist only while the test processor is active (demo, tests): 404 once Stripe is configured. */
export function testProcessorOnly(deps: AppDeps): MiddlewareHandler {
  return async (_c, next) => {
    if (deps.payments.kind !== 'test') throw new AppError('not_found', 'The test payment processor is not active (Stripe is configured).');
    await next();
  };
}
