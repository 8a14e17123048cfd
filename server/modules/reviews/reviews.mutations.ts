/**
 * Asking for a review, answering it through the link in the mail, and the studio's decision on
 * publishing it. The request's row is written when its mail is queued; the link's token is derived
 * from the row (only its hash is stored), so the same link works however often the mail is sent.
 * An answer is taken once and recorded as `review.created`; only an answer with consent to publish
 * can be approved as a testimonial.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import { derivedToken, tokenHash } from '../../platform/derived-tokens.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { fillTemplate } from '../../../shared/template.ts';
import { langOf } from '../../../shared/format.ts';
import { REVIEW_LINK_DAYS, consentToPublishText, displayNameOf, type ReviewAnswer } from './domain/reviews.ts';
import type { ReviewRow } from './reviews.queries.ts';

const DAY_MS = 86_400_000;
export const reviewToken = (secret: string, reviewId: string) => derivedToken(secret, 'review', reviewId);

/** The review link of a booking: its row written on the first request. Null when the customer has answered already. */
export async function openReviewRequest(tx: Tx, input: { orgId: string; bookingId: string; programId: string; customerId: string; locale: string; now: Date; secret: string }): Promise<{ id: string; token: string } | null> {
  const id = randomUUID();
  const token = reviewToken(input.secret, id);
  const inserted = await tx.insert(t.programReviews).values({
    id, orgId: input.orgId, bookingId: input.bookingId, programId: input.programId, customerId: input.customerId,
    tokenHash: tokenHash(token), requestedAt: input.now, locale: input.locale, createdAt: input.now,
  }).onConflictDoNothing().returning({ id: t.programReviews.id });
  if (inserted.length) return { id, token };
  const [existing] = await tx.select().from(t.programReviews).where(and(eq(t.programReviews.orgId, input.orgId), eq(t.programReviews.bookingId, input.bookingId)));
  if (!existing || existing.submittedAt) return null;
  return { id: existing.id, token: reviewToken(input.secret, existing.id) };
}

export interface ReviewPage {
  review: ReviewRow;
  program: string;
  studio: string;
  /** Past REVIEW_LINK_DAYS after the request: the link no longer answers. */
  expired: boolean;
}

/** What the review link opens, or null for a token that names no review of the org. */
export async function reviewPageOf(db: Database, orgId: string, token: string, now: Date): Promise<ReviewPage | null> {
  return withSystem(db, orgId, 'review link: the review its token names', async (tx) => {
    const [row] = await tx.select({ review: t.programReviews, program: t.programs.title, studio: t.orgs.name }).from(t.programReviews)
      .innerJoin(t.programs, and(eq(t.programs.orgId, t.programReviews.orgId), eq(t.programs.id, t.programReviews.programId)))
      .innerJoin(t.orgs, eq(t.orgs.id, t.programReviews.orgId))
      .where(and(eq(t.programReviews.orgId, orgId), eq(t.programReviews.tokenHash, tokenHash(token))));
    if (!row) return null;
    return { ...row, expired: row.review.requestedAt.getTime() + REVIEW_LINK_DAYS * DAY_MS <= now.getTime() };
  });
}

/** The consent's words in the review's language, with the studio's name. */
export const consentWordsFor = (page: Pick<ReviewPage, 'studio'> & { review: Pick<ReviewRow, 'locale'> }) =>
  fillTemplate(consentToPublishText[langOf(page.review.locale)], { studio: page.studio });

export type SubmitOutcome = 'saved' | 'answered_already' | 'expired' | 'unknown';

/** The customer's answer, taken once, with the consent's words as shown; recorded as `review.created`. */
export async function submitReview(db: Database, env: { now: Date; config: AppConfig }, orgId: string, token: string, answer: ReviewAnswer): Promise<SubmitOutcome> {
  return withSystem(db, orgId, 'review link: the answer to the review its token names', async (tx) => {
    const [row] = await tx.select({ review: t.programReviews, studio: t.orgs.name, customer: t.customers.name }).from(t.programReviews)
      .innerJoin(t.orgs, eq(t.orgs.id, t.programReviews.orgId))
      .innerJoin(t.customers, and(eq(t.customers.orgId, t.programReviews.orgId), eq(t.customers.id, t.programReviews.customerId)))
      .where(and(eq(t.programReviews.orgId, orgId), eq(t.programReviews.tokenHash, tokenHash(token))))
      .for('update', { of: t.programReviews });
    if (!row) return 'unknown';
    if (row.review.submittedAt) return 'answered_already';
    if (row.review.requestedAt.getTime() + REVIEW_LINK_DAYS * DAY_MS <= env.now.getTime()) return 'expired';
    const consentText = answer.consentToPublish ? consentWordsFor({ studio: row.studio, review: row.review }) : null;
    await tx.update(t.programReviews).set({
      rating: answer.rating, text: answer.text, consentToPublish: answer.consentToPublish, consentText,
      displayName: displayNameOf(row.customer), submittedAt: env.now,
    }).where(and(eq(t.programReviews.orgId, orgId), eq(t.programReviews.id, row.review.id), isNull(t.programReviews.submittedAt)));
    await recordEvent(tx, {
      orgId, type: 'review.created', subjectId: row.review.bookingId,
      payload: { review_id: row.review.id, rating: answer.rating, text: answer.text, consent_to_publish: answer.consentToPublish },
    }, env);
    return 'saved';
  });
}

/** The studio's decision (owners and managers, by their policies): approved only with the customer's consent. */
export async function moderateReview(tx: Tx, review: ReviewRow, decision: 'approved' | 'rejected', staffId: string | null, now: Date): Promise<ReviewRow> {
  if (!review.submittedAt) throw new AppError('invalid_state', 'The customer has not answered yet.');
  if (decision === 'approved' && !review.consentToPublish) {
    throw new AppError('invalid_state', 'The customer did not agree to publish this review; it can be read but not shown.');
  }
  const [row] = await tx.update(t.programReviews).set({ status: decision, moderatedAt: now, moderatedBy: staffId })
    .where(and(eq(t.programReviews.orgId, review.orgId), eq(t.programReviews.id, review.id))).returning();
  return row!;
}
