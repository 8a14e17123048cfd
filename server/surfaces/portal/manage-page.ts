import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { manageLinkPage } from '../../modules/bookings/index.ts';
import { mailNewManageLink } from '../../modules/notifications/index.ts';
import { html, type Html } from '../pages/html.ts';
import { newNonce } from '../pages/document.ts';
import { tokenPage } from './plain-page.ts';
import { manageWords, pageLang, type ManageWords, type PageLang } from './manage-words.ts';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f7f5f2;color:#1f1d1a;line-height:1.5}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem 4rem}h1{font-size:1.5rem;margin:0 0 1rem}
form{display:grid;gap:.5rem;max-width:24rem}label{font-weight:600}input{font:inherit;padding:.6rem;border:1px solid #8a8580;border-radius:.4rem}
button{font:inherit;padding:.7rem 1rem;border:0;border-radius:.4rem;background:#2d4f3c;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #1a6fd6;outline-offset:2px}`;

/**
 * The page's CSP: only the nonce'd style and entry script (and what it loads: the portal's chunks,
 * Stripe.js for "update card"), the API and Stripe's for data, Stripe's Payment Element frames,
 * the one form back to itself.
 */
function csp(nonce: string): string {
  return [
    "default-src 'none'", `script-src 'nonce-${nonce}' 'strict-dynamic'`, `style-src 'nonce-${nonce}'`, "img-src 'self' data:",
    "connect-src 'self' https://api.stripe.com", 'frame-src https://js.stripe.com https://hooks.stripe.com',
    "base-uri 'none'", "object-src 'none'", "form-action 'self'", "frame-ancestors 'none'",
  ].join('; ');
}

function page(c: Context, status: 200 | 404, lang: PageLang, title: string, nonce: string, body: Html): Response {
  return tokenPage(c, { status, lang, title, nonce, style: STYLE, csp: csp(nonce), body });
}

function expired(c: Context, lang: PageLang, token: string, nonce: string): Response {
  const w: ManageWords = manageWords[lang];
  return page(c, 404, lang, w.expiredTitle, nonce, html`<h1>${w.expiredTitle}</h1>
<p>${w.expiredText}</p>
<form method="post" action="/manage/${token}/new-link">
<label for="email">${w.email}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="320">
<button type="submit">${w.send}</button>
</form>`);
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const Email = v.pipe(v.string(), v.trim(), v.email(), v.maxLength(320));

/**
 * `GET /manage/<token>`: the link in every booking mail. A live link: a small page in the
 * customer's language that loads `<tandem-portal>` with the token. An expired, revoked or forged
 * one: "this link has expired — send me a new one", an e-mail form (never JSON). Posting it mails
 * a fresh link to the booking's own address only, and answers the same either way.
 */
export function managePageRoutes(deps: AppDeps) {
  return new Hono()
    .get('/manage/:token',
      describeRoute({ tags: ['portal'], summary: 'The manage page of a booking (HTML)', description: 'Loads `<tandem-portal>` with the link\'s token; an expired or unknown link shows a form that mails a new one.', responses: { 200: { description: 'text/html' }, 404: { description: 'text/html: the link has expired' } } }),
      async (c) => {
        const token = c.req.param('token');
        const found = TOKEN.test(token) ? await manageLinkPage(deps.db, token, deps.now()) : null;
        const lang = pageLang(found?.locale ?? c.req.header('Accept-Language'));
        const nonce = newNonce();
        if (!found?.live) return expired(c, lang, TOKEN.test(token) ? token : 'x'.repeat(43), nonce);
        const w = manageWords[lang];
        // A mail's link to a bank refund's account form (`?refund=<id>`), or the payment-link mail's `?pay=1`: the portal opens at it.
        const refund = c.req.query('refund') ?? '';
        const refundAttr = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(refund) ? html` refund="${refund}"` : '';
        return page(c, 200, lang, `${w.title} · ${found.studio}`, nonce, html`<tandem-portal token="${token}" booking="${found.bookingId}" lang="${lang}"${found.publishableKey ? html` key="${found.publishableKey}"` : ''}${refundAttr}${c.req.query('pay') === '1' ? html` pay` : ''}>
<p>${w.loading}</p>
</tandem-portal>
<noscript><p>${w.noScript}</p></noscript>
<script type="module" nonce="${nonce}" src="/widget/tandem-portal.js"></script>`);
      })
    .post('/manage/:token/new-link',
      bodyLimit({ maxSize: 4096, onError: () => { throw new AppError('payload_too_large'); } }),
      async (c) => {
        const token = c.req.param('token');
        const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
        const email = v.safeParse(Email, form.email);
        const found = TOKEN.test(token) ? await manageLinkPage(deps.db, token, deps.now()) : null;
        if (found && email.success) await mailNewManageLink(deps.db, { config: deps.config, now: deps.now() }, found.orgId, found.bookingId, email.output);
        const lang = pageLang(found?.locale ?? c.req.header('Accept-Language'));
        const w = manageWords[lang];
        return page(c, 200, lang, w.sentTitle, newNonce(), html`<h1>${w.sentTitle}</h1>
<p>${w.sentText}</p>`);
      });
}
