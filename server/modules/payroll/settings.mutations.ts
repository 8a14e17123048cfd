/** The studio's payroll settings, set by its owners and managers (the server only reads them). */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventContext } from '../../platform/events/record.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { PayrollSettingsBody } from '../../../schema/api/admin-payroll.ts';
import { payrollSettingsOf, type PayrollSettings } from './settings.queries.ts';
import type { PeriodActor } from './periods.mutations.ts';

export async function savePayrollSettings(tx: Tx, orgId: string, body: PayrollSettingsBody, by: PeriodActor, ctx: EventContext): Promise<PayrollSettings> {
  if (by.role === 'instructor') throw new AppError('forbidden', 'Only owners and managers change the payroll settings.');
  const current = await payrollSettingsOf(tx, orgId);
  const values = {
    orgId, periodKind: body.period, anchorOn: body.period === 'biweekly' ? body.anchor_on! : null,
    noShowShareBp: body.no_show_share_bp, lateCancelShareBp: body.late_cancel_share_bp, currency: body.currency ?? current.currency, updatedAt: ctx.now,
  };
  await tx.insert(t.payrollSettings).values(values).onConflictDoUpdate({
    target: t.payrollSettings.orgId,
    set: { periodKind: values.periodKind, anchorOn: values.anchorOn, noShowShareBp: values.noShowShareBp, lateCancelShareBp: values.lateCancelShareBp, currency: values.currency, updatedAt: sql`excluded.updated_at` },
  });
  await recordEvent(tx, { orgId, type: 'payroll.settings_changed', subjectId: null, payload: { before: current.saved ? { period: current.periodKind, anchor_on: current.anchorOn, no_show_share_bp: current.noShowShareBp, late_cancel_share_bp: current.lateCancelShareBp, currency: current.currency } : null, after: { period: values.periodKind, anchor_on: values.anchorOn, no_show_share_bp: values.noShowShareBp, late_cancel_share_bp: values.lateCancelShareBp, currency: values.currency }, by: { role: by.role, staff_id: by.staffId } } }, ctx);
  return payrollSettingsOf(tx, orgId);
}
