/** The referrer's mail about a granted referral reward, queued in the transaction that grants it (sent after commit by the outbox job). */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { formatLocale, langOf } from '../../../shared/format.ts';
import { enqueueMail } from './outbox.mutations.ts';
import { referralRewardMail } from './domain/referral-mails.ts';

export type RewardGrantedPayload = {
  referrer_customer_id: string;
  credits: number;
  coupon: { code: string; valid_until: string; percent_bp: number | null; amount_off: number | null; currency: string | null } | null;
};

/** Keyed by the reward: once however often the grant's transaction is retried. */
export async function queueReferralRewardMail(tx: Tx, orgId: string, rewardId: string, p: RewardGrantedPayload): Promise<void> {
  const [who] = await tx.select({ name: t.customers.name, email: t.customers.email, locale: t.customers.locale, zone: t.customers.timezone, studio: t.orgs.name, orgZone: t.orgs.timezone, billing: t.orgs.billing })
    .from(t.customers).innerJoin(t.orgs, eq(t.orgs.id, t.customers.orgId))
    .where(and(eq(t.customers.orgId, orgId), eq(t.customers.id, p.referrer_customer_id)));
  if (!who) return;
  const lang = langOf(who.locale);
  const c = p.coupon;
  const mail = referralRewardMail({
    lang, locale: formatLocale(lang, who.billing?.country), zone: who.zone || who.orgZone, name: who.name, studio: who.studio,
    reward: c
      ? { kind: 'coupon', code: c.code, validUntil: new Date(c.valid_until), percentBp: c.percent_bp ?? undefined, amountOff: c.amount_off != null && c.currency ? { amount: c.amount_off, currency: c.currency } : undefined }
      : { kind: 'credits', credits: p.credits },
  });
  await enqueueMail(tx, { orgId, dedupeKey: `referral-reward:${rewardId}`, to: who.email, ...mail });
}
