import { html } from 'lit';
import type { Localizer } from '../../../../core/i18n/localizer.ts';

/** Five stars, as many filled as the rating rounds to: a picture only (the words say the rating). */
function starGlyphs(rating: number) {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return html`<span class="stars" aria-hidden="true">${'★'.repeat(full)}<span class="empty">${'☆'.repeat(5 - full)}</span></span>`;
}

/** One review's rating: the stars, read out as "4 out of 5 stars". */
export function ratingStars(rating: number, i18n: Localizer) {
  return html`<span class="rating" role="img" aria-label=${i18n.t('stars', { n: i18n.number(rating) })}>${starGlyphs(rating)}</span>`;
}

/** The approved reviews' average and number, in words beside the stars. */
export function ratingSummary(summary: { average: number; count: number }, i18n: Localizer) {
  const words = i18n.t(summary.count === 1 ? 'reviewSummaryOne' : 'reviewSummary', { average: i18n.number(summary.average), count: i18n.number(summary.count) });
  return html`<p class="rating-summary" part="rating-summary">${starGlyphs(summary.average)} <span>${words}</span></p>`;
}
