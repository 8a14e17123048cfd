import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant, orgId } from './columns.ts';
import { programs } from './programs.ts';
import { FUNNEL_STEPS } from '../../shared/funnel.ts';
import { anyOf, isAnonymous, isManager, nobody, tenantPolicies } from './policies.ts';

export const funnelStep = pgEnum('funnel_step', FUNNEL_STEPS);

/**
 * One step of one visit of a program's widget, at most once per visit and step. A visit is a
 * random id the widget keeps in memory for as long as the page is open (no cookie, no storage,
 * nothing about the person); the source is the page's campaign parameters and the referring
 * site's host. Written by the anonymous embed caller for a program it can see, and by the server
 * for the `paid` step of a booking paid later (a QR-bill or transfer the studio records: the visit
 * the booking names); read by the studio's owner and managers and the server; never changed.
 */
export const funnelEvents = pgTable('funnel_events', {
  id: id(),
  orgId: orgId(),
  programId: uuid('program_id').notNull(),
  variantId: uuid('variant_id'),
  visitId: text('visit_id').notNull(),
  step: funnelStep('step').notNull(),
  utmSource: text('utm_source').notNull().default(''),
  utmMedium: text('utm_medium').notNull().default(''),
  utmCampaign: text('utm_campaign').notNull().default(''),
  referrerHost: text('referrer_host').notNull().default(''),
  /** The server's clock when the event arrived (a browser's clock is not trusted). */
  occurredAt: instant('occurred_at').notNull().defaultNow(),
}, (t) => [
  foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }).onDelete('cascade'),
  uniqueIndex('funnel_events_once_per_visit').on(t.orgId, t.programId, t.visitId, t.step),
  index('funnel_events_report').on(t.orgId, t.occurredAt, t.programId),
  check('funnel_events_visit_id', sql`${t.visitId} ~ '^[A-Za-z0-9-]{8,64}$'`),
  check('funnel_events_source_lengths', sql`length(${t.utmSource}) <= 200 and length(${t.utmMedium}) <= 200 and length(${t.utmCampaign}) <= 200 and length(${t.referrerHost}) <= 255`),
  ...tenantPolicies('funnel_events', {
    select: isManager,
    // The program's own policies decide which programs the embed caller may report on (active public, or by_link with its token).
    insert: anyOf(sql`(${isAnonymous} and program_id in (select id from programs))`, sql`app_role() = 'system'`),
    update: nobody,
    delete: nobody,
  }),
]).enableRLS();
