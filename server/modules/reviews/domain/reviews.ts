/**
 * Reviews and testimonials, the pure parts: how an answer is checked, the name a published
 * testimonial carries, and the words of the consent the customer gives to publish it.
 */
import type { Lang } from '../../../../shared/format.ts';

export const REVIEW_TEXT_MAX = 2_000;
/** How long the link in the review request answers. */
export const REVIEW_LINK_DAYS = 60;

/** What a published testimonial is signed with: the first name and the initial of the last ("Ana M."). */
export function displayNameOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '';
  const first = parts[0]!;
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  return last ? `${first} ${[...last][0]!.toUpperCase()}.` : first;
}

/** The consent as the customer reads it beside the box (stored with the answer, in their language). */
export const consentToPublishText: Record<Lang, string> = {
  en: '{studio} may show my rating and text, signed with my first name and initial, on the program\'s page.',
  de: '{studio} darf meine Bewertung und meinen Text mit Vorname und Initiale auf der Seite des Programms zeigen.',
  fr: '{studio} peut afficher ma note et mon texte, signés de mon prénom et de mon initiale, sur la page du programme.',
  it: '{studio} può mostrare il mio voto e il mio testo, firmati con nome e iniziale, sulla pagina del programma.',
};

export interface ReviewAnswer { rating: number; text: string; consentToPublish: boolean }

/** The answer's problems, per field (empty: fine). */
export function checkReviewAnswer(a: { rating: unknown; text: unknown; consent: unknown }): { answer: ReviewAnswer | null; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const rating = typeof a.rating === 'string' ? Number(a.rating) : a.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) errors.push({ field: 'rating', message: 'must be a whole number from 1 to 5' });
  const text = typeof a.text === 'string' ? a.text.trim().replace(/\r\n/g, '\n') : '';
  if (text.length > REVIEW_TEXT_MAX) errors.push({ field: 'text', message: `must be at most ${REVIEW_TEXT_MAX} characters` });
  const consent = a.consent === true || a.consent === 'yes' || a.consent === 'on';
  return { answer: errors.length ? null : { rating: rating as number, text, consentToPublish: consent }, errors };
}
