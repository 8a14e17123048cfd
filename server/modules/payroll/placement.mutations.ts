/** Finding (or opening) the period a row dated `date` goes into: see `placeOn`. */
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import * as t from '../../../schema/db/index.ts';
import { placeOn, type KnownPeriod } from './domain/index.ts';
import { periodsAround } from './periods.queries.ts';
import { payrollSettingsOf, type PayrollSettings } from './settings.queries.ts';
import { dateOfInstant } from '../../../shared/zone.ts';

export async function periodFor(tx: Tx, orgId: string, date: string, settings: PayrollSettings): Promise<KnownPeriod> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const placed = placeOn(date, await periodsAround(tx, orgId, date), { kind: settings.periodKind, anchorOn: settings.anchorOn });
    if ('period' in placed) return placed.period;
    // Two jobs may open the same period at once: the unique start makes one insert win, the other reads it.
    await tx.insert(t.payrollPeriods).values({ orgId, startsOn: placed.create.startsOn, endsOn: placed.create.endsOn }).onConflictDoNothing();
    const [row] = await tx.select({ id: t.payrollPeriods.id, startsOn: t.payrollPeriods.startsOn, endsOn: t.payrollPeriods.endsOn, status: t.payrollPeriods.status })
      .from(t.payrollPeriods).where(and(eq(t.payrollPeriods.orgId, orgId), eq(t.payrollPeriods.startsOn, placed.create.startsOn)));
    if (row?.status === 'open' && row.startsOn <= date && date <= row.endsOn) return row as KnownPeriod;
  }
  throw new Error(`no open payroll period could be found for ${date}`);
}

/**
 * The period of today (the studio's date) exists, open, even before anything is earned in it: the
 * console shows the current period with its live totals from its first day. Runs as system.
 */
export async function ensureCurrentPeriod(tx: Tx, orgId: string, now: Date): Promise<KnownPeriod> {
  const settings = await payrollSettingsOf(tx, orgId);
  return periodFor(tx, orgId, dateOfInstant(now.getTime(), settings.timezone), settings);
}

/** The same in its own transaction as system, for a read that shows the current period (listing periods). */
export function openCurrentPeriod(db: Database, orgId: string, now: Date): Promise<KnownPeriod> {
  return withSystem(db, orgId, 'payroll: the current period exists before anything is earned in it', (tx) => ensureCurrentPeriod(tx, orgId, now));
}
