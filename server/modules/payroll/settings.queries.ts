/** The studio's payroll settings as the caller sees them, with the defaults where none were saved. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import type { PeriodKind } from './domain/index.ts';

export interface PayrollSettings {
  periodKind: PeriodKind;
  anchorOn: string | null;
  noShowShareBp: number;
  lateCancelShareBp: number;
  currency: string;
  /** The studio's zone: periods are its local dates. */
  timezone: string;
  /** False: the defaults (monthly, nothing on no-shows and late cancellations, the studio's currency). */
  saved: boolean;
}

export async function payrollSettingsOf(tx: Tx, orgId: string): Promise<PayrollSettings> {
  const [org] = await tx.select({ timezone: t.orgs.timezone, currency: t.orgs.currency }).from(t.orgs).where(eq(t.orgs.id, orgId));
  if (!org) throw new Error(`org ${orgId} is not visible`);
  const [row] = await tx.select().from(t.payrollSettings).where(eq(t.payrollSettings.orgId, orgId));
  if (!row) return { periodKind: 'monthly', anchorOn: null, noShowShareBp: 0, lateCancelShareBp: 0, currency: org.currency, timezone: org.timezone, saved: false };
  return {
    periodKind: row.periodKind as PeriodKind, anchorOn: row.anchorOn, noShowShareBp: row.noShowShareBp, lateCancelShareBp: row.lateCancelShareBp,
    currency: row.currency, timezone: org.timezone, saved: true,
  };
}
