/**
 * `GET /admin`: the studio console, a small HTML page on the API's origin that loads
 * `<tandem-admin>` (widget/elements/tandem-admin, built as /widget/tandem-admin.js). Same origin as the admin
 * API, so the session cookie (SameSite=Strict) goes along and no CORS is needed.
 */
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { html } from '../pages/html.ts';
import { newNonce } from '../pages/document.ts';

/** Only the nonce'd entry (and what it imports), the API for data; nothing framed, nothing posted elsewhere. */
function csp(nonce: string): string {
  return [
    "default-src 'none'", `script-src 'nonce-${nonce}' 'strict-dynamic'`, `style-src 'nonce-${nonce}'`, "img-src 'self' data:",
    "connect-src 'self'", "base-uri 'none'", "object-src 'none'", "form-action 'self'", "frame-ancestors 'none'",
  ].join('; ');
}

export function adminConsolePageRoute(_deps: AppDeps) {
  return new Hono().get('/admin',
    describeRoute({ tags: ['admin'], summary: 'The studio console (HTML that loads <tandem-admin>)', description: 'Staff sign in with an e-mail code; no credentials needed to load the page.', responses: { 200: { description: 'text/html' } } }),
    (c) => consolePage(c, ''))
    .get('/admin/signup',
      describeRoute({ tags: ['admin'], summary: 'Sign a new studio up (the console, opened on its sign-up form)', description: 'No credentials needed.', responses: { 200: { description: 'text/html' } } }),
      (c) => consolePage(c, 'signup'));
}

function consolePage(c: Context, view: '' | 'signup') {
  {
      const nonce = newNonce();
      // The console's studio views speak en/de/fr/it (the older ones en/de, falling back to English).
      const first = (c.req.header('Accept-Language') ?? '').toLowerCase().slice(0, 2);
      const lang = ['de', 'fr', 'it'].includes(first) ? first : 'en';
      const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Tandem</title>
<style nonce="${nonce}">body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#fff}</style>
</head>
<body>
${view === 'signup' ? html`<tandem-admin lang="${lang}" view="signup"></tandem-admin>` : html`<tandem-admin lang="${lang}"></tandem-admin>`}
<noscript><p>JavaScript is needed for the studio console.</p></noscript>
<script type="module" nonce="${nonce}" src="/widget/tandem-admin.js"></script>
</body>
</html>
`;
      return c.html(doc.value, 200, { 'Content-Security-Policy': csp(nonce), 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
  }
}
