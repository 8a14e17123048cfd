import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { clientAddress } from '../../platform/http/rate-limit.ts';
import { confirmMarketingConsent, consentByToken, consentStrings, withdrawMarketingConsent } from '../../modules/marketing/index.ts';
import { fillTemplate } from '../../../shared/template.ts';
import { html } from '../pages/html.ts';
import { pageLang, type PageLang } from './manage-words.ts';
import { plainPage } from './plain-page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The two links of marketing consent, pages without script:
 *   /consent/:org/:token       from the double opt-in mail: GET shows a button (a link scanner's GET confirms nothing), POST confirms.
 *   /unsubscribe/:org/:token   from every marketing mail: GET shows a button, POST unsubscribes; the same POST with the body
 *                              `List-Unsubscribe=One-Click` is the mail client's one-click unsubscribe (RFC 8058).
 * A forged token is an HTML 404; an expired confirmation 410.
 */
export function consentPageRoutes(deps: AppDeps) {
  const lookUp = async (c: Context, link: 'confirm' | 'unsubscribe') => {
    const { org, token } = c.req.param() as { org: string; token: string };
    const found = UUID.test(org) && TOKEN.test(token) ? await consentByToken(deps.db, org, link, token) : null;
    return { org, token, found, lang: pageLang(found?.consent.locale ?? c.req.header('Accept-Language')) };
  };
  const say = (c: Context, status: 200 | 404 | 410, lang: PageLang, title: string, text: string) => plainPage(c, status, lang, title, html`<h1>${title}</h1><p>${text}</p>`);
  const invalid = (c: Context, lang: PageLang) => say(c, 404, lang, consentStrings[lang].invalidTitle, consentStrings[lang].invalidText);
  const small = bodyLimit({ maxSize: 4 * 1024, onError: () => { throw new AppError('payload_too_large'); } });
  const address = (c: Context) => clientAddress(c, deps.config.limits?.trustProxy ?? 0);
  const page = (summary: string, description: string) => describeRoute({ tags: ['portal'], summary, description, responses: { 200: { description: 'text/html' }, 404: { description: 'text/html: not a valid link' }, 410: { description: 'text/html: the link has expired' } } });

  return new Hono()
    .get('/consent/:org/:token', page('Confirm marketing consent (HTML page with a button)', 'The link of the double opt-in mail.'), async (c) => {
      const { found, lang } = await lookUp(c, 'confirm');
      if (!found) return invalid(c, lang);
      const S = consentStrings[lang];
      const v = { studio: found.studio };
      if (found.consent.status === 'confirmed') return say(c, 200, lang, S.confirmedTitle, fillTemplate(S.confirmedText, v));
      if (found.consent.status !== 'pending') return say(c, 410, lang, S.expiredTitle, S.expiredText);
      return plainPage(c, 200, lang, fillTemplate(S.confirmTitle, v), html`<h1>${fillTemplate(S.confirmTitle, v)}</h1>
<p>${fillTemplate(S.confirmText, v)}</p>
<blockquote>${found.consent.wording}</blockquote>
<form method="post" action="${c.req.path}"><button type="submit">${S.confirmButton}</button></form>`);
    })
    .post('/consent/:org/:token', page('Confirm marketing consent (form post)', 'Gives the consent once, recording when and (as an HMAC) from which address.'), small, async (c) => {
      const { org, token, found, lang } = await lookUp(c, 'confirm');
      if (!found) return invalid(c, lang);
      const S = consentStrings[lang];
      const outcome = await confirmMarketingConsent(deps.db, { now: deps.now(), config: deps.config }, org, token, address(c));
      if (outcome === 'unknown') return invalid(c, lang);
      if (outcome === 'expired' || outcome === 'withdrawn') return say(c, 410, lang, S.expiredTitle, S.expiredText);
      return say(c, 200, lang, S.confirmedTitle, fillTemplate(S.confirmedText, { studio: found.studio }));
    })
    .get('/unsubscribe/:org/:token', page('Unsubscribe from a studio\'s marketing mail (HTML page with a button)', 'The link at the end of every marketing mail and in its `List-Unsubscribe` header field.'), async (c) => {
      const { found, lang } = await lookUp(c, 'unsubscribe');
      if (!found) return invalid(c, lang);
      const S = consentStrings[lang];
      const v = { studio: found.studio };
      if (found.consent.status === 'withdrawn') return say(c, 200, lang, S.unsubscribedTitle, fillTemplate(S.unsubscribedText, v));
      return plainPage(c, 200, lang, fillTemplate(S.unsubscribeTitle, v), html`<h1>${fillTemplate(S.unsubscribeTitle, v)}</h1>
<p>${fillTemplate(S.unsubscribeText, v)}</p>
<form method="post" action="${c.req.path}"><button type="submit">${S.unsubscribeButton}</button></form>`);
    })
    .post('/unsubscribe/:org/:token', page('Unsubscribe (the page\'s form, or the mail client\'s one-click POST, RFC 8058)', 'Ends the consent at once; marketing mail still waiting in the outbox is held. Transactional mail is not affected.'), small, async (c) => {
      const { org, token, found, lang } = await lookUp(c, 'unsubscribe');
      if (!found) return invalid(c, lang);
      const body = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
      const via = body['List-Unsubscribe'] === 'One-Click' ? 'one_click' : 'link';
      const outcome = await withdrawMarketingConsent(deps.db, { now: deps.now() }, org, token, via);
      if (outcome === 'unknown') return invalid(c, lang);
      const S = consentStrings[lang];
      return say(c, 200, lang, S.unsubscribedTitle, fillTemplate(S.unsubscribedText, { studio: found.studio }));
    });
}
