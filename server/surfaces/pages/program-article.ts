/**
 * A program as server-rendered HTML, from the embed API's own answer (programDetailOut), section
 * by section as the widget's program page shows it: what a visitor without JavaScript and a
 * search engine read, and what the widget replaces in place once it runs.
 */
import type { ProgramDetail, Variant } from '../../../schema/api/embed-programs.ts';
import { html, trusted, type Html } from './html.ts';
import { variantTerms, type Localizer } from './words.ts';

function variants(p: ProgramDetail, w: Localizer): Html {
  return html`<section aria-labelledby="prices">
<h2 id="prices">${w.t('chooseOption')}</h2>
<ul class="variants">${p.variants.map((v: Variant) => html`
<li id="variant-${v.id}"><strong>${v.name}</strong> · <span class="price">${w.money(v.price, v.currency)}</span> · ${w.plural('sessions', v.sessions_count)}<span class="terms">${variantTerms(v, w)}</span></li>`)}
</ul>
</section>`;
}

export function programArticle(p: ProgramDetail, w: Localizer): Html {
  const hosts = p.instructors;
  return html`<article>
${p.banner_url ? html`<img class="banner" src="${p.banner_url}" alt="${p.media.find((m) => m.url === p.banner_url)?.alt ?? ''}" width="1200" height="525">` : ''}
<h1>${p.title}</h1>
<p class="lead">${p.summary}</p>
<ul class="facts">
<li>${w.t(`delivery_${p.delivery_mode}`)}</li>
<li>${w.t('sessionLength', { minutes: w.number(p.session_length_min) })}</li>
<li>${w.plural('sessions', p.variants[0]?.sessions_count ?? p.sessions_count)}</li>
${p.location ? html`<li>${p.location.name}</li>` : ''}
</ul>
${p.variants.length ? variants(p, w) : ''}
<section class="description">${trusted(p.description_html)}</section>
${p.media.filter((m) => m.url !== p.banner_url).length ? html`<div class="media">${p.media.filter((m) => m.url !== p.banner_url).map((m) =>
    m.kind === 'image' ? html`<img src="${m.url}" alt="${m.alt}" loading="lazy">` : html`<video src="${m.url}" controls preload="none" aria-label="${m.alt}"></video>`)}</div>` : ''}
${p.itinerary.length ? html`<section>
<h2>${w.t('itinerary')}</h2>
<ol>${p.itinerary.map((s) => html`<li><strong>${s.title}</strong><br>${s.description}</li>`)}</ol>
</section>` : ''}
${p.outcomes.length ? html`<section>
<h2>${w.t('outcomes')}</h2>
<ul>${p.outcomes.map((o) => html`<li>${o}</li>`)}</ul>
</section>` : ''}
${p.host_bio_html || hosts.length ? html`<section>
<h2>${w.t(hosts.length > 1 ? 'hosts' : 'host')}</h2>
${p.host_bio_html ? trusted(p.host_bio_html) : ''}
${hosts.map((h) => html`<div class="host">${h.photo_url ? html`<img src="${h.photo_url}" alt="" loading="lazy" width="64" height="64">` : ''}<div><strong>${h.name}</strong>${h.bio && !p.host_bio_html ? html`<p>${h.bio}</p>` : ''}</div></div>`)}
</section>` : ''}
${p.testimonials.length ? html`<section>
<h2>${w.t('testimonials')}</h2>
${p.review_summary ? html`<p>${w.t(p.review_summary.count === 1 ? 'reviewSummaryOne' : 'reviewSummary', { average: p.review_summary.average, count: p.review_summary.count })}</p>` : ''}
${p.testimonials.map((t) => html`<figure><blockquote>${t.quote}</blockquote><figcaption>— ${t.author}${t.rating ? html`, <span>${w.t('stars', { n: t.rating })}</span>` : ''}</figcaption></figure>`)}
</section>` : ''}
${p.faq.length ? html`<section>
<h2>${w.t('faq')}</h2>
${p.faq.map((f) => html`<details><summary>${f.question}</summary><p>${f.answer}</p></details>`)}
</section>` : ''}
<section>
<h2>${w.t('policies')}</h2>
<p>${w.t('freeCancel', { hours: w.number(p.policies.free_cancel_hours) })}${p.policies.late_cancel_fee_percent > 0 ? ` ${w.t('lateFee', { percent: w.percent(p.policies.late_cancel_fee_percent) })}` : ''}</p>
${p.policies.notes ? html`<p>${p.policies.notes}</p>` : ''}
${p.location ? html`<p><strong>${w.t('location')}:</strong> ${p.location.label}</p>` : ''}
</section>
</article>`;
}
