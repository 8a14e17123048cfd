import { and, eq, inArray } from 'drizzle-orm';
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
