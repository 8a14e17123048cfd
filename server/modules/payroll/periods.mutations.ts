/**
 * Closing a period and marking it paid: the studio's people decide (an instructor may read
 * periods, not close them). Closed, nothing in it changes: the database refuses rows into it
 * and any move back (migration 0018); later corrections go to the next open period.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { EventContext } from '../../platform/events/record.ts';
import { recordEvent } from '../../platform/events/record.ts';
import { AppError } from '../../platform/errors.ts';
import * as t from '../../../schema/db/index.ts';
import { dateOfInstant } from '../../../shared/zone.ts';
import { periodById, type PeriodRow } from './periods.queries.ts';
import { payrollSettingsOf } from './settings.queries.ts';

export interface PeriodActor { role: 'owner' | 'manager' | 'instructor'; staffId: string }

function mustManage(by: PeriodActor): void {
  if (by.role === 'instructor') throw new AppError('forbidden', 'Only owners and managers close payroll periods and mark them paid.');
}

/** The period as the caller sees it, locked (404 when not theirs to see). */
export async function periodForChange(tx: Tx, orgId: string, periodId: string): Promise<PeriodRow> {
  const period = await periodById(tx, orgId, periodId, false);
  if (!period) throw new AppError('not_found', 'No such payroll period.');
  return period;
}

/** open → closed, once its last day is over in the studio's zone. Closing a closed period answers it unchanged. */
export async function closePeriod(tx: Tx, orgId: string, periodId: string, by: PeriodActor, ctx: EventContext): Promise<PeriodRow> {
  mustManage(by);
  const period = (await periodById(tx, orgId, periodId, true))!;
  if (period.status !== 'open') return period;
  const { timezone } = await payrollSettingsOf(tx, orgId);
  const today = dateOfInstant(ctx.now.getTime(), timezone);
  if (today <= period.endsOn) throw new AppError('invalid_state', `The period runs until ${period.endsOn} (${timezone}); it can be closed from the day after.`);
  await tx.update(t.payrollPeriods).set({ status: 'closed', closedAt: ctx.now, closedBy: by.staffId })
    .where(and(eq(t.payrollPeriods.orgId, orgId), eq(t.payrollPeriods.id, periodId), eq(t.payrollPeriods.status, 'open')));
  await recordEvent(tx, { orgId, type: 'payroll.period_closed', subjectId: periodId, payload: { starts_on: period.startsOn, ends_on: period.endsOn, by: { role: by.role, staff_id: by.staffId } } }, ctx);
  return (await periodById(tx, orgId, periodId))!;
}

/** closed → paid, with the date and the payment's reference. An open period is 409; a paid one answers unchanged when the same payment is given again. */
export async function markPeriodPaid(tx: Tx, orgId: string, periodId: string, paid: { paidOn: string; reference: string }, by: PeriodActor, ctx: EventContext): Promise<PeriodRow> {
  mustManage(by);
  const period = (await periodById(tx, orgId, periodId, true))!;
  if (period.status === 'open') throw new AppError('invalid_state', 'Close the period before marking it paid.');
  if (period.status === 'paid') {
    if (period.paidOn === paid.paidOn && period.paidReference === paid.reference) return period;
    throw new AppError('invalid_state', `The period was already marked paid on ${period.paidOn} (${period.paidReference}).`);
  }
  if (paid.paidOn <= period.endsOn) throw new AppError('validation_failed', undefined, { errors: [{ field: 'paid_on', message: `must be after the period's last day (${period.endsOn})` }] });
  await tx.update(t.payrollPeriods).set({ status: 'paid', paidOn: paid.paidOn, paidReference: paid.reference, paidAt: ctx.now })
    .where(and(eq(t.payrollPeriods.orgId, orgId), eq(t.payrollPeriods.id, periodId), eq(t.payrollPeriods.status, 'closed')));
  await recordEvent(tx, { orgId, type: 'payroll.period_paid', subjectId: periodId, payload: { paid_on: paid.paidOn, reference: paid.reference, by: { role: by.role, staff_id: by.staffId } } }, ctx);
  return (await periodById(tx, orgId, periodId))!;
}
