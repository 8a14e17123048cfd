/** Pay rules with their history, as the caller sees them (an instructor: their own). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type PayRuleRow = typeof t.payrollRules.$inferSelect;

export async function listPayRules(tx: Tx, orgId: string, filter: { staffId?: string | undefined } = {}): Promise<PayRuleRow[]> {
  return tx.select().from(t.payrollRules)
    .where(and(eq(t.payrollRules.orgId, orgId), filter.staffId ? eq(t.payrollRules.staffId, filter.staffId) : undefined))
    .orderBy(asc(t.payrollRules.staffId), asc(t.payrollRules.validFrom), asc(t.payrollRules.createdAt));
}

export async function payRuleById(tx: Tx, orgId: string, id: string): Promise<PayRuleRow | undefined> {
  const [row] = await tx.select().from(t.payrollRules).where(and(eq(t.payrollRules.orgId, orgId), eq(t.payrollRules.id, id)));
  return row;
}

/** Which of these rules earnings were computed under (they stay as history). */
export async function payRulesInUse(tx: Tx, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.selectDistinct({ id: t.earnings.ruleId }).from(t.earnings).where(and(eq(t.earnings.orgId, orgId), inArray(t.earnings.ruleId, ids)));
  return new Set(rows.map((r) => r.id!));
}
