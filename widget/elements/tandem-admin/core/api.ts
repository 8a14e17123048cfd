/**
 * The console's client of the admin API: same origin, the session cookie sent by the browser,
 * the session's CSRF token and a fresh Idempotency-Key on every change, and the console's
 * language as Accept-Language so the API's problem messages come back in it.
 */
export class AdminApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? code));
  }
}

export class AdminApi {
  /** The session's CSRF token (from sign-in or GET /v1/admin/session). */
  csrf = '';
  /** The console's language (en, de, fr, it); sent as Accept-Language when set. */
  lang = '';

  constructor(private readonly base = '') {}

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async get<T>(path: string): Promise<T> {
    return this.answer<T>(await fetch(this.url(path), { credentials: 'same-origin', headers: this.headers() }));
  }

  /** What every request carries: JSON wanted, in the console's language. */
  private headers(): Record<string, string> {
    return { Accept: 'application/json', ...(this.lang ? { 'Accept-Language': this.lang } : {}) };
  }

  async send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...this.headers(), 'Idempotency-Key': crypto.randomUUID() };
    if (this.csrf) headers['Tandem-CSRF'] = this.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.answer<T>(await fetch(this.url(path), { method, credentials: 'same-origin', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  }

  /** A file as the body of a PUT (an image upload): its own Content-Type, the CSRF token and a fresh Idempotency-Key. */
  async upload<T>(path: string, file: Blob): Promise<T> {
    const headers: Record<string, string> = { ...this.headers(), 'Idempotency-Key': crypto.randomUUID(), 'Content-Type': file.type || 'application/octet-stream' };
    if (this.csrf) headers['Tandem-CSRF'] = this.csrf;
    return this.answer<T>(await fetch(this.url(path), { method: 'PUT', credentials: 'same-origin', headers, body: file }));
  }

  private async answer<T>(res: Response): Promise<T> {
    if (res.status === 204) return undefined as T;
    const body = await res.json().catch(() => ({})) as Record<string, unknown>;
    if (!res.ok) throw new AdminApiError(res.status, String(body.code ?? 'error'), body);
    return body as T;
  }
}
