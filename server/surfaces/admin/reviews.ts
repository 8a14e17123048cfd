import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { AdminEnv, AppDeps } from '../../deps.ts';
import { withCaller } from '../../platform/db/identity.ts';
import { validate } from '../../platform/http/validate.ts';
import { idempotencyKeyRequired } from '../../platform/http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { moderateReview, reviewById, reviewsOf } from '../../modules/reviews/index.ts';
import { ReviewOut, ReviewParams, ReviewsOut, ReviewsQuery } from '../../../schema/api/admin-reviews.ts';
import { problemResponses } from '../openapi-shared.ts';
import { reviewOut } from './reviews.out.ts';
import { staffAction } from './staff-action.ts';

/**
 * GET /v1/admin/reviews, POST /v1/admin/reviews/:id/approve and …/reject: the reviews customers gave after a
 * completed program, and the studio's decision to show one as a testimonial on the program's page (and in the
 * widget's program answer). Owners and managers; an instructor's key lists none and changes none (404).
 */
export function adminReviewRoutes(deps: AppDeps) {
  const decide = (decision: 'approved' | 'rejected', verb: 'approve' | 'reject') => describeRoute({
    tags: ['admin'], summary: `${verb === 'approve' ? 'Approve a review as a testimonial' : 'Reject a review as a testimonial'} (owner, manager)`,
    description: verb === 'approve'
      ? 'Shown on the program\'s page and in the widget from now on, signed with the customer\'s first name and initial. Only a review whose customer '
        + 'agreed to publish it can be approved (409 `invalid_state` otherwise). Needs an `Idempotency-Key`; no body.'
      : 'Not shown (any longer). Needs an `Idempotency-Key`; no body.',
    security: [{ secretKey: [] }],
    parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }],
    responses: { 200: { description: `The review, ${decision}`, content: { 'application/json': { schema: resolver(ReviewOut) } } }, ...problemResponses(400, 401, 404, 409, 422) },
  });
  const decisionRoute = (verb: 'approve' | 'reject', decision: 'approved' | 'rejected') => new Hono<AdminEnv>().post(`/reviews/:id/${verb}`,
    decide(decision, verb),
    idempotencyKeyRequired(),
    validate('param', ReviewParams),
    async (c) => {
      const staff = c.get('staff');
      const { id } = c.req.valid('param');
      return staffAction(c, deps, { path: `reviews/${id}/${verb}`, body: {} },
        async (tx) => {
          const review = staff.role === 'instructor' ? undefined : await reviewById(tx, staff.orgId, id);
          if (!review || !review.submittedAt) throw new AppError('not_found', 'No such review.');
          return review;
        },
        async (tx, review, now) => {
          await moderateReview(tx, review, decision, staff.staffId, now);
          const [listed] = await reviewsOf(tx, staff.orgId, { id: review.id, limit: 1 });
          return { status: 200, body: reviewOut(listed!) };
        });
    });
  return new Hono<AdminEnv>()
    .get('/reviews',
      describeRoute({
        tags: ['admin'], summary: 'Reviews customers gave after a completed program',
        description: 'Answered reviews, newest first (`limit`, default 100, at most 500); `status` filters: `pending` (not decided), `approved` '
          + '(shown as a testimonial), `rejected`. Owners and managers; an instructor\'s key lists none.',
        security: [{ secretKey: [] }],
        responses: { 200: { description: 'The reviews', content: { 'application/json': { schema: resolver(ReviewsOut) } } }, ...problemResponses(400, 401) },
      }),
      validate('query', ReviewsQuery),
      async (c) => {
        const staff = c.get('staff');
        const q = c.req.valid('query');
        const rows = staff.role === 'instructor' ? [] : await withCaller(deps.db, { orgId: staff.orgId, role: staff.role, userId: staff.staffId },
          (tx) => reviewsOf(tx, staff.orgId, { status: q.status, limit: q.limit ?? 100 }));
        return c.json({ reviews: rows.map(reviewOut) });
      })
    .route('/', decisionRoute('approve', 'approved'))
    .route('/', decisionRoute('reject', 'rejected'));
}
