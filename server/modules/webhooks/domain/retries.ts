/**
 * When a failed delivery is tried again: exponential back-off spread over three days (as Standard
 * Webhooks' reference senders do, stretched), then the delivery is given up; an endpoint whose
 * deliveries have failed for three days without a success in between is disabled.
 */
const S = 1_000;
const M = 60 * S;
const H = 60 * M;

/** The wait after the n-th failed attempt (n = 1, 2, …). */
// 72 h 35 min in all: a delivery failing throughout is given up after three days, and its endpoint disabled with it.
export const RETRY_DELAYS_MS = [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H, 14 * H, 14 * H, 17 * H];
export const DISABLE_AFTER_MS = 3 * 24 * H;
/** A receiver has this long to answer. */
export const DELIVERY_TIMEOUT_MS = 10 * S;
/** What the log keeps of an answer's body. */
export const RESPONSE_BODY_LIMIT = 2_048;

/** When to try again after `attempts` failed attempts, or null: give up. */
export function nextAttemptAfter(attempts: number, now: number): number | null {
  const wait = RETRY_DELAYS_MS[attempts - 1];
  return wait === undefined ? null : now + wait;
}

/** Whether an endpoint failing since `failingSince` is to be disabled now. */
export function shouldDisable(failingSince: number | null, now: number): boolean {
  return failingSince !== null && now - failingSince >= DISABLE_AFTER_MS;
}

/** A 2xx answer is a delivery; anything else (or no answer) a failure. */
export const delivered = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
