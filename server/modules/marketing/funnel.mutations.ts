import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { campaignValue, referrerHost, type FunnelStep, type VisitSource } from './domain/index.ts';

export interface FunnelReport {
  visit: string;
  source: VisitSource;
  events: { program: string; variant?: string | undefined; step: FunnelStep }[];
}

/**
 * Records a visit's steps, as the embed's anonymous caller: only for programs the caller can see
 * (the programs' own policies; a private program with its token), each step at most once per visit
 * and program (a repeat is ignored). A variant not of that program is dropped, not the event.
 * Answers how many events were accepted (repeats included).
 */
export async function recordFunnelEvents(tx: Tx, orgId: string, report: FunnelReport): Promise<number> {
  const programIds = [...new Set(report.events.map((e) => e.program))];
  const visible = await tx.select({ id: t.programVariants.id, programId: t.programs.id }).from(t.programs)
    .leftJoin(t.programVariants, and(eq(t.programVariants.programId, t.programs.id), eq(t.programVariants.orgId, t.programs.orgId)))
    .where(and(eq(t.programs.orgId, orgId), inArray(t.programs.id, programIds)));
  const programs = new Set(visible.map((r) => r.programId));
  const variants = new Set(visible.map((r) => `${r.programId}:${r.id}`));
  const source = {
    utmSource: campaignValue(report.source.utm_source),
    utmMedium: campaignValue(report.source.utm_medium),
    utmCampaign: campaignValue(report.source.utm_campaign),
    referrerHost: referrerHost(report.source.referrer),
  };
  const rows = report.events.filter((e) => programs.has(e.program)).map((e) => ({
    orgId, programId: e.program, step: e.step, visitId: report.visit,
    variantId: e.variant && variants.has(`${e.program}:${e.variant}`) ? e.variant : null,
    ...source,
  }));
  // No RETURNING: the anonymous caller may add events but not read them.
  if (rows.length) await tx.insert(t.funnelEvents).values(rows).onConflictDoNothing();
  return rows.length;
}

/**
 * The `paid` step of a booking made through the widget, recorded when its booking is confirmed
 * (money settled: a card payment's webhook, a QR-bill or transfer the studio records, credits):
 * for the visit the booking names, with that visit's own source (its first step's), so the
 * report's groups and its steps agree; a visit whose steps are gone takes the booking's source.
 * Once: the widget may have reported the same step (a card payment it saw), and the unique index
 * keeps one. A booking without a visit (made by staff, by an older widget) adds nothing. Runs as
 * the system, in the transaction that confirms the booking.
 */
export async function recordPaidStep(tx: Tx, orgId: string, bookingId: string, now: Date): Promise<void> {
  const [booking] = await tx.select({ programId: t.programBookings.programId, variantId: t.programBookings.variantId, visit: t.programBookings.funnelVisit, source: t.programBookings.source })
    .from(t.programBookings).where(and(eq(t.programBookings.orgId, orgId), eq(t.programBookings.id, bookingId)));
  if (!booking?.visit) return;
  const [first] = await tx.select({ utmSource: t.funnelEvents.utmSource, utmMedium: t.funnelEvents.utmMedium, utmCampaign: t.funnelEvents.utmCampaign, referrerHost: t.funnelEvents.referrerHost })
    .from(t.funnelEvents)
    .where(and(eq(t.funnelEvents.orgId, orgId), eq(t.funnelEvents.programId, booking.programId), eq(t.funnelEvents.visitId, booking.visit)))
    .orderBy(asc(t.funnelEvents.occurredAt)).limit(1);
  const source = first ?? {
    utmSource: campaignValue(booking.source.utm_source),
    utmMedium: campaignValue(booking.source.utm_medium),
    utmCampaign: campaignValue(booking.source.utm_campaign),
    referrerHost: referrerHost(booking.source.referrer),
  };
  await tx.insert(t.funnelEvents).values({
    orgId, programId: booking.programId, variantId: booking.variantId, visitId: booking.visit, step: 'paid', ...source, occurredAt: now,
  }).onConflictDoNothing();
}
