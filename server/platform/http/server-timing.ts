/**
 * `Server-Timing` (https://w3c.github.io/server-timing/) on the routes that time their database
 * work: `db` is the wall time of the request's transactions (waiting for a connection included),
 * `total` the time from the request reaching this middleware to its answer. A browser shows them
 * in its network panel and the widget's bench reads them; they carry durations only.
 */
import type { Env, MiddlewareHandler } from 'hono';

export class ServerTiming {
  readonly start = performance.now();
  db = 0;
  timed = false;

  /** Runs database work and counts its wall time as `db`. */
  async measure<T>(work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    this.timed = true;
    try {
      return await work();
    } finally {
      this.db += performance.now() - t0;
    }
  }

  header(): string {
    return `db;dur=${this.db.toFixed(2)}, total;dur=${(performance.now() - this.start).toFixed(2)}`;
  }
}

/** Any surface whose context has a `timing` variable. */
type Timed = { get(key: 'timing'): ServerTiming | undefined };

export function serverTiming<E extends Env & { Variables: { timing?: ServerTiming } }>(): MiddlewareHandler<E> {
  return async (c, next) => {
    const timing = new ServerTiming();
    (c as unknown as { set(key: 'timing', value: ServerTiming): void }).set('timing', timing);
    await next();
    if (timing.timed) c.res.headers.set('Server-Timing', timing.header());
  };
}

/** Runs a request's database work, timed when the request is (serverTiming), as is otherwise. */
export function timedDb<T>(c: Timed, work: () => Promise<T>): Promise<T> {
  const timing = c.get('timing');
  return timing ? timing.measure(work) : work();
}
