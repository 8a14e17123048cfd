/** How far a studio is with setting itself up: the console's checklist after sign-up. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { qrBillAccount } from '../../../shared/payment-methods.ts';
import { studioConnectOf, type ConnectState } from './stripe-connect.queries.ts';

export interface Onboarding {
  steps: { key: 'profile' | 'program' | 'availability' | 'origin' | 'payments'; done: boolean }[];
  publishableKey: string | null;
  /** The creditor data as stored (null before the profile is first given). */
  billing: NonNullable<typeof t.orgs.$inferSelect['billing']> | null;
  program: string | null;
  /** Where the studio is with Stripe Connect (stripe-connect.queries.ts). */
  stripe: ConnectState;
}

const one = (q: Promise<{ n: number }[]>) => q.then(([r]) => Number(r?.n ?? 0) > 0);

export async function onboardingOf(tx: Tx, orgId: string, o: { stripeConfigured: boolean }): Promise<Onboarding> {
  const [[org], programs, availability, origins, [key], connect] = await Promise.all([
    tx.select({ billing: t.orgs.billing, stripe: t.orgs.stripeAccountId }).from(t.orgs).where(eq(t.orgs.id, orgId)),
    tx.select({ slug: t.programs.slug }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.status, 'published'))).orderBy(asc(t.programs.createdAt)).limit(1),
    one(tx.select({ n: sql<number>`count(*)::int` }).from(t.availabilityRules).where(eq(t.availabilityRules.orgId, orgId))),
    one(tx.select({ n: sql<number>`count(*)::int` }).from(t.orgDomains).where(eq(t.orgDomains.orgId, orgId))),
    tx.select({ prefix: t.apiKeys.prefix }).from(t.apiKeys).where(and(eq(t.apiKeys.orgId, orgId), eq(t.apiKeys.kind, 'publishable'), isNull(t.apiKeys.revokedAt)))
      .orderBy(asc(t.apiKeys.createdAt)).limit(1),
    studioConnectOf(tx, orgId),
  ]);
  const b = org?.billing;
  const profile = Boolean(b?.legal_name && b.street && b.postal_code && b.city && b.country && (b.iban || b.qr_iban));
  // Payments: card payments through the studio's Stripe account, or QR-bills to a Swiss or Liechtenstein account.
  const payments = (o.stripeConfigured && Boolean(org?.stripe)) || qrBillAccount(b) !== null;
  return {
    steps: [
      { key: 'profile', done: profile }, { key: 'program', done: programs.length > 0 }, { key: 'availability', done: availability },
      { key: 'origin', done: origins }, { key: 'payments', done: payments },
    ],
    publishableKey: key?.prefix ?? null,
    billing: b ?? null,
    program: programs[0]?.slug ?? null,
    stripe: connect.state,
  };
}
