import type { ReviewOut } from '../../../schema/api/admin-reviews.ts';
import type { ReviewListed } from '../../modules/reviews/index.ts';

/** An answered review as the admin API answers it. */
export function reviewOut(r: ReviewListed): ReviewOut {
  return {
    id: r.id, booking_id: r.bookingId,
    program: { slug: r.programSlug, title: r.programTitle },
    customer: { id: r.customerId, name: r.customerName, email: r.customerEmail },
    rating: r.rating ?? 0, text: r.text ?? '', consent_to_publish: r.consentToPublish, consent_text: r.consentText,
    display_name: r.displayName ?? '', submitted_at: (r.submittedAt ?? r.createdAt).toISOString(),
    status: r.status, moderated_at: r.moderatedAt ? r.moderatedAt.toISOString() : null,
  };
}
