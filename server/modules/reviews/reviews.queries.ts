/** Reviews as the caller's policies show them: the studio's owners and managers all; a page or the widget the approved testimonials. */
import { and, avg, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type ReviewRow = typeof t.programReviews.$inferSelect;

export interface ReviewListed extends ReviewRow { programSlug: string; programTitle: string; customerName: string; customerEmail: string }

/** The studio's answered reviews, newest first (`status` filters), with their program and customer. */
export async function reviewsOf(tx: Tx, orgId: string, filter: { status?: 'pending' | 'approved' | 'rejected' | undefined; id?: string; limit: number }): Promise<ReviewListed[]> {
  const rows = await tx.select({ review: t.programReviews, programSlug: t.programs.slug, programTitle: t.programs.title, customerName: t.customers.name, customerEmail: t.customers.email })
    .from(t.programReviews)
    .innerJoin(t.programs, and(eq(t.programs.orgId, t.programReviews.orgId), eq(t.programs.id, t.programReviews.programId)))
    .innerJoin(t.customers, and(eq(t.customers.orgId, t.programReviews.orgId), eq(t.customers.id, t.programReviews.customerId)))
    .where(and(eq(t.programReviews.orgId, orgId), isNotNull(t.programReviews.submittedAt), filter.id ? eq(t.programReviews.id, filter.id) : undefined, filter.status ? eq(t.programReviews.status, filter.status) : undefined))
    .orderBy(desc(t.programReviews.submittedAt)).limit(filter.limit);
  return rows.map((r) => ({ ...r.review, programSlug: r.programSlug, programTitle: r.programTitle, customerName: r.customerName, customerEmail: r.customerEmail }));
}

export async function reviewById(tx: Tx, orgId: string, id: string): Promise<ReviewRow | undefined> {
  const [row] = await tx.select().from(t.programReviews).where(and(eq(t.programReviews.orgId, orgId), eq(t.programReviews.id, id)));
  return row;
}

export interface Testimonial { rating: number; text: string; name: string; submittedAt: Date }
export interface Testimonials { items: Testimonial[]; count: number; average: number | null }

/** A program's approved testimonials (newest first, at most `limit`), their number and average rating. */
export async function approvedTestimonials(tx: Tx, orgId: string, programId: string, limit = 20): Promise<Testimonials> {
  const where = and(eq(t.programReviews.orgId, orgId), eq(t.programReviews.programId, programId), eq(t.programReviews.status, 'approved'), eq(t.programReviews.consentToPublish, true));
  const [items, [sum]] = await Promise.all([
    tx.select({ rating: t.programReviews.rating, text: t.programReviews.text, name: t.programReviews.displayName, submittedAt: t.programReviews.submittedAt })
      .from(t.programReviews).where(where).orderBy(desc(t.programReviews.submittedAt)).limit(limit),
    tx.select({ n: count(), avg: avg(t.programReviews.rating) }).from(t.programReviews).where(where),
  ]);
  return {
    items: items.map((i) => ({ rating: i.rating!, text: i.text ?? '', name: i.name ?? '', submittedAt: i.submittedAt! })),
    count: Number(sum?.n ?? 0),
    average: sum?.avg === null || sum?.avg === undefined ? null : Math.round(Number(sum.avg) * 10) / 10,
  };
}
