/**
 * Writing pay rules: a rule is never edited (a change is a new row valid from a later date), so
 * what was earned under the old one stays as it was. A new rule may not start on or before the
 * last day of a closed period (that pay is settled), and only a rule nothing was earned under
 * may be removed (a mistake, caught in time). Sessions delivered from the new rule's date that
 * earned nothing yet (no rule applied when they were delivered) are computed with it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventContext } from '../../platform/events/record.ts';
import { recordEvent } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { PayRuleBody } from '../../../schema/api/admin-payroll.ts';
import { payrollSettingsOf } from './settings.queries.ts';
import { payRuleById, type PayRuleRow } from './rules.queries.ts';
import { EARNINGS_QUEUE } from './earnings.jobs.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import type { PeriodActor } from './periods.mutations.ts';

function mustManage(by: PeriodActor): void {
  if (by.role === 'instructor') throw new AppError('forbidden', 'Only owners and managers set pay rules.');
}

const fieldError = (field: string, message: string) => new AppError('validation_failed', undefined, { errors: [{ field, message }] });

export async function createPayRule(tx: Tx, orgId: string, body: PayRuleBody, by: PeriodActor, ctx: EventContext): Promise<PayRuleRow> {
  mustManage(by);
  const settings = await payrollSettingsOf(tx, orgId);
  const currency = body.currency ?? settings.currency;
  if (currency !== settings.currency) throw fieldError('currency', `must be the studio's payroll currency (${settings.currency})`);
  const [member] = await tx.select({ id: t.staff.id }).from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, body.staff_id)));
  if (!member) throw fieldError('staff_id', 'no such staff member in this studio');
  if (body.program_id) {
    const [program] = await tx.select({ id: t.programs.id }).from(t.programs).where(and(eq(t.programs.orgId, orgId), eq(t.programs.id, body.program_id)));
    if (!program) throw fieldError('program_id', 'no such program in this studio');
  }
  const [settled] = await tx.select({ last: sql<string | null>`max(${t.payrollPeriods.endsOn})` }).from(t.payrollPeriods)
    .where(and(eq(t.payrollPeriods.orgId, orgId), inArray(t.payrollPeriods.status, ['closed', 'paid'])));
  if (settled?.last && body.valid_from <= settled.last) {
    throw new AppError('invalid_state', `Pay up to ${settled.last} is settled (a closed period): a new rule can be valid from ${nextDay(settled.last)} on.`);
  }
  const [row] = await tx.insert(t.payrollRules).values({
    orgId, staffId: body.staff_id, programId: body.program_id ?? null, kind: body.kind, value: body.value, currency,
    minAmount: body.min_amount ?? null, maxAmount: body.max_amount ?? null, validFrom: body.valid_from, createdBy: by.staffId, createdAt: ctx.now,
  }).returning();
  await recordEvent(tx, { orgId, type: 'payroll.rule_added', subjectId: row!.id, payload: { staff_id: body.staff_id, kind: body.kind, value: body.value, valid_from: body.valid_from, by: { role: by.role, staff_id: by.staffId } } }, ctx);
  // Sessions already delivered from its date that earned nothing yet (no rule applied then) are computed now; earned ones stay as they are.
  const waiting = rowsOf<{ booking_id: string }>(await tx.execute(sql`
    select distinct s.booking_id from program_sessions s
      join program_bookings b on b.org_id = s.org_id and b.id = s.booking_id
     where s.org_id = ${orgId}::uuid and b.instructor_id = ${body.staff_id}::uuid
       and (${body.program_id ?? null}::uuid is null or b.program_id = ${body.program_id ?? null}::uuid)
       and s.status in ('completed', 'no_show', 'cancelled')
       and s.starts_at >= (${body.valid_from}::date)::timestamp at time zone ${settings.timezone}
       and not exists (select 1 from earnings e where e.org_id = s.org_id and e.session_id = s.id and e.kind = 'session')`));
  for (const w of waiting) await enqueue(tx, EARNINGS_QUEUE, { orgId, bookingId: String(w.booking_id), cause: 'payroll.rule_added' });
  return row!;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function deletePayRule(tx: Tx, orgId: string, id: string, by: PeriodActor, ctx: EventContext): Promise<void> {
  mustManage(by);
  const rule = await payRuleById(tx, orgId, id);
  if (!rule) throw new AppError('not_found', 'No such pay rule.');
  const [used] = await tx.select({ n: sql<number>`count(*)::int` }).from(t.earnings).where(and(eq(t.earnings.orgId, orgId), eq(t.earnings.ruleId, id)));
  if ((used?.n ?? 0) > 0) throw new AppError('invalid_state', 'Earnings were computed under this rule: it stays as history. Add a new rule from a later date instead.');
  await tx.delete(t.payrollRules).where(and(eq(t.payrollRules.orgId, orgId), eq(t.payrollRules.id, id)));
  await recordEvent(tx, { orgId, type: 'payroll.rule_removed', subjectId: id, payload: { staff_id: rule.staffId, kind: rule.kind, value: rule.value, valid_from: rule.validFrom, by: { role: by.role, staff_id: by.staffId } } }, ctx);
}
