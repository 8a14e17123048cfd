/** What a statement PDF needs, read as the caller (an instructor: only their own). */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';
import { periodById, periodLines } from './periods.queries.ts';
import type { StatementDocument } from './statement-pdf.ts';
import { formatLocale, langOf, type Lang } from '../../../shared/format.ts';

/** `lang`: the language asked for; else the studio's own (staff have no language of their own yet). */
export async function statementDocument(tx: Tx, orgId: string, periodId: string, staffId: string, lang?: Lang): Promise<StatementDocument | undefined> {
  const period = await periodById(tx, orgId, periodId);
  if (!period) return undefined;
  const [member] = await tx.select({ id: t.staff.id, name: t.staff.name }).from(t.staff).where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, staffId)));
  if (!member) return undefined;
  const lines = await periodLines(tx, orgId, periodId, [staffId]);
  const [org] = await tx.select({ name: t.orgs.name, timezone: t.orgs.timezone, locale: t.orgs.defaultLocale, billing: t.orgs.billing }).from(t.orgs).where(eq(t.orgs.id, orgId));
  const words = lang ?? langOf(org!.locale);
  return { studio: org!.name, zone: org!.timezone, period, staff: member, lines, lang: words, locale: formatLocale(words, org!.billing?.country) };
}
