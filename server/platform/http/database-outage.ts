/**
 * Whether an error means "the database cannot be reached right now" rather than "this request
 * is wrong": the connection was refused, reset or closed under us, the server is shutting
 * down or starting up, or the driver gave up connecting. Those answer 503 with Retry-After;
 * the pool reconnects on the next query, so a retry a moment later usually succeeds.
 */

/** Codes Node's sockets and postgres.js's connection errors carry (`error.code`). */
const connectionCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
]);

/** SQLSTATEs of an unavailable server: class 08 (connection exception) and these. */
const unavailableStates = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

function isConnectionCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return connectionCodes.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

/** Looks through `cause` chains (Drizzle wraps the driver's error) and AggregateErrors (happy eyeballs). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
  if (isConnectionCode(e.code) || isConnectionCode(e.errno)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
