import type { MiddlewareHandler } from 'hono';

/** For the few HTML pages the API serves (the dev outbox): inline styles, no scripts, never framed. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers on every answer: no MIME sniffing, a referrer policy, a strict CSP on HTML
 * (no scripts, no framing), and HSTS when the API is served over HTTPS (PUBLIC_ORIGIN).
 * The widget's files keep their own CORS and CORP headers; these add to them. A page that
 * sets its own CSP or referrer policy (the hosted program pages: a nonce for the widget's
 * script, `no-referrer` for a private link) keeps it.
 */
export function securityHeaders(options: { publicOrigin: string }): MiddlewareHandler {
  const https = options.publicOrigin.startsWith('https://');
  return async (c, next) => {
    await next();
    const set = (name: string, value: string) => {
      try {
        c.res.headers.set(name, value);
      } catch {
        // A response with immutable headers (e.g. one passed through from fetch): copy it once.
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set(name, value);
      }
    };
    set('X-Content-Type-Options', 'nosniff');
    if (!c.res.headers.has('Referrer-Policy')) set('Referrer-Policy', 'strict-origin-when-cross-origin');
    const html = (c.res.headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/html');
    if (html && !c.res.headers.has('Content-Security-Policy')) set('Content-Security-Policy', HTML_CSP);
    if (https) set('Strict-Transport-Security', 'max-age=31536000');
  };
}
