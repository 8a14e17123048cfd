import type { Context } from 'hono';
import { html, trusted, type Html } from '../pages/html.ts';
import type { PageLang } from './manage-words.ts';
import { newNonce } from '../pages/document.ts';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f7f5f2;color:#1f1d1a;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 4rem}h1{font-size:1.5rem;margin:0 0 1rem}
form{display:grid;gap:.75rem}label,legend{font-weight:600}fieldset{border:0;padding:0;margin:0;display:flex;gap:1rem;flex-wrap:wrap}
fieldset label{font-weight:400}textarea{font:inherit;padding:.6rem;border:1px solid #8a8580;border-radius:.4rem;min-height:8rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.error{color:#a4161a;font-weight:600}
button{font:inherit;padding:.7rem 1rem;border:0;border-radius:.4rem;background:#2d4f3c;color:#fff;cursor:pointer;justify-self:start}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #1a6fd6;outline-offset:2px}`;

/** No script at all; the inline style by its nonce; forms post only back to this origin. */
function csp(nonce: string): string {
  return ["default-src 'none'", `style-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');
}

/**
 * A small server-rendered page behind a link from a mail (a review, a consent, an unsubscribe): no script,
 * never indexed, never cached, its address (the token) never sent on as a referrer.
 */
export function plainPage(c: Context, status: 200 | 400 | 404 | 410, lang: PageLang, title: string, body: Html): Response {
  const nonce = newNonce();
  return tokenPage(c, { status, lang, title, nonce, style: STYLE, csp: csp(nonce), body });
}

/**
 * The HTML shell of every page behind a token in its address (this one, the manage link's page):
 * never indexed, never cached, the token never sent on as a referrer. Each page brings its style and CSP.
 */
export function tokenPage(c: Context, p: { status: 200 | 400 | 404 | 410; lang: PageLang; title: string; nonce: string; style: string; csp: string; body: Html }): Response {
  const doc = html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${p.title}</title>
<style nonce="${p.nonce}">${trusted(p.style)}</style>
</head>
<body>
<main>
${p.body}
</main>
</body>
</html>
`;
  return c.html(doc.value, p.status, { 'Content-Security-Policy': p.csp, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
}
