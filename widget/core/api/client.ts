import type { Problem } from '../../../schema/api/common.ts';
import type { Conflict } from '../context/types.ts';

/** A problem+json answer, with the extra members some codes carry. */
export type ApiProblem = Problem & { conflicts?: Conflict[] };

/** Any failed API call: `status` 0 and code `network` when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem: ApiProblem | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Network failures, timeouts, 5xx and 429 may succeed when tried again. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new ApiError(0, 'network', message);
  }
}

export interface RequestOptions {
  query?: Record<string, string | null | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Milliseconds before the request is abandoned as a network failure. */
  timeout?: number;
}

/** The origin this script was loaded from: the API serves the widget at `/widget/`. */
export function scriptOrigin(): string {
  return new URL(import.meta.url).origin;
}

/**
 * The embed API, authenticated with the studio's publishable key. Throws `ApiError` for
 * every failure, so callers handle one shape.
 */
export class ApiClient {
  readonly base: string;
  /** The form's language (`de-CH`): the API says per-field messages in it (`Accept-Language`). */
  lang = '';

  constructor(
    base: string,
    readonly key: string,
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, opts);
  }

  post<T>(path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  url(path: string, query?: Record<string, string | null | undefined>): string {
    const u = new URL(this.base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v != null && v !== '') u.searchParams.set(k, v);
    return u.href;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${this.key}`, ...opts.headers };
    if (this.lang) headers['Accept-Language'] = this.lang;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const signals = [AbortSignal.timeout(opts.timeout ?? 20000)];
    if (opts.signal) signals.push(opts.signal);
    let res: Response;
    try {
      res = await fetch(this.url(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal: AbortSignal.any(signals),
        credentials: 'omit',
        mode: 'cors',
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
    }
    const type = res.headers.get('content-type') ?? '';
    let data: unknown = null;
    try {
      data = type.includes('json') ? await res.json() : await res.text();
    } catch {
      data = null;
    }
    if (!res.ok) {
      const p = data && typeof data === 'object' && 'code' in data ? (data as ApiProblem) : null;
      throw new ApiError(res.status, p?.code ?? `http_${res.status}`, p?.detail ?? p?.title ?? res.statusText, p);
    }
    return data as T;
  }
}
