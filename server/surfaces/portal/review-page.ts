import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { checkReviewAnswer, consentWordsFor, reviewPageOf, submitReview, REVIEW_TEXT_MAX, type ReviewPage } from '../../modules/reviews/index.ts';
import { fillTemplate } from '../../../shared/template.ts';
import { html } from '../pages/html.ts';
import { pageLang, type PageLang } from './manage-words.ts';
import { plainPage } from './plain-page.ts';
import { reviewWords } from './review-words.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function form(c: Context, status: 200 | 400, lang: PageLang, page: ReviewPage, path: string, errors: { field: string; message: string }[] = [], given: { rating?: string; text?: string } = {}) {
  const w = reviewWords[lang];
  const vars = { program: page.program, studio: page.studio };
  return plainPage(c, status, lang, fillTemplate(w.title, vars), html`<h1>${fillTemplate(w.title, vars)}</h1>
<p>${fillTemplate(w.intro, vars)}</p>
${errors.length ? html`<div role="alert"><p class="error">${w.fix}</p><ul>${errors.map((e) => html`<li>${e.field}: ${e.message}</li>`)}</ul></div>` : ''}
<form method="post" action="${path}">
<fieldset><legend>${w.rating}</legend>
${w.stars.map((label, i) => html`<label><input type="radio" name="rating" value="${i + 1}" required${given.rating === String(i + 1) ? html` checked` : ''}> ${label}</label>`)}
</fieldset>
<label for="text">${w.text}</label>
<textarea id="text" name="text" maxlength="${REVIEW_TEXT_MAX}">${given.text ?? ''}</textarea>
<label class="check"><input type="checkbox" name="consent" value="yes"> <span>${consentWordsFor(page)}</span></label>
<p>${fillTemplate(w.consentHint, vars)}</p>
<button type="submit">${w.send}</button>
</form>`);
}

/**
 * `GET /reviews/:org/:token`: the link in the review request after a completed program. A form (rating 1–5,
 * text, an unticked box to allow publishing), no script; `POST` to the same address takes the answer once.
 * A forged token is 404, a link older than 60 days 410, an answered one says thank you.
 */
export function reviewPageRoutes(deps: AppDeps) {
  const lookUp = async (c: Context) => {
    const { org, token } = c.req.param() as { org: string; token: string };
    const page = UUID.test(org) && TOKEN.test(token) ? await reviewPageOf(deps.db, org, token, deps.now()) : null;
    return { org, token, page, lang: pageLang(page?.review.locale ?? c.req.header('Accept-Language')) };
  };
  const notValid = (c: Context, lang: PageLang) => plainPage(c, 404, lang, reviewWords[lang].invalidTitle, html`<h1>${reviewWords[lang].invalidTitle}</h1><p>${reviewWords[lang].invalidText}</p>`);
  const expired = (c: Context, lang: PageLang) => plainPage(c, 410, lang, reviewWords[lang].expiredTitle, html`<h1>${reviewWords[lang].expiredTitle}</h1><p>${reviewWords[lang].expiredText}</p>`);
  const thanks = (c: Context, lang: PageLang, page: ReviewPage, already: boolean) => {
    const w = reviewWords[lang];
    return plainPage(c, 200, lang, w.thanksTitle, html`<h1>${w.thanksTitle}</h1><p>${already ? w.answeredText : fillTemplate(w.thanksText, { studio: page.studio })}</p>`);
  };
  return new Hono()
    .get('/reviews/:org/:token',
      describeRoute({ tags: ['portal'], summary: 'The review form of a completed program (HTML)', description: 'From the link in the review request mail.', responses: { 200: { description: 'text/html' }, 404: { description: 'text/html: not a review link' }, 410: { description: 'text/html: the link has expired' } } }),
      async (c) => {
        const { page, lang } = await lookUp(c);
        if (!page) return notValid(c, lang);
        if (page.review.submittedAt) return thanks(c, lang, page, true);
        if (page.expired) return expired(c, lang);
        return form(c, 200, lang, page, c.req.path);
      })
    .post('/reviews/:org/:token',
      describeRoute({ tags: ['portal'], summary: 'Answer a review request (HTML form post)', description: '`rating` (1–5), `text` (at most 2,000 characters), `consent` (`yes` to allow publishing), form-encoded. Taken once.', responses: { 200: { description: 'text/html: thank you' }, 400: { description: 'text/html: the form again, with what to fix' }, 404: { description: 'text/html: not a review link' }, 410: { description: 'text/html: the link has expired' } } }),
      bodyLimit({ maxSize: 16 * 1024, onError: () => { throw new AppError('payload_too_large'); } }),
      async (c) => {
        const { org, token, page, lang } = await lookUp(c);
        if (!page) return notValid(c, lang);
        const body = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
        const { answer, errors } = checkReviewAnswer({ rating: body.rating, text: body.text, consent: body.consent });
        if (!answer) return form(c, 400, lang, page, c.req.path, errors, { rating: typeof body.rating === 'string' ? body.rating : undefined, text: typeof body.text === 'string' ? body.text.slice(0, REVIEW_TEXT_MAX) : undefined });
        const outcome = await submitReview(deps.db, { now: deps.now(), config: deps.config }, org, token, answer);
        if (outcome === 'unknown') return notValid(c, lang);
        if (outcome === 'expired') return expired(c, lang);
        return thanks(c, lang, page, outcome === 'answered_already');
      });
}
