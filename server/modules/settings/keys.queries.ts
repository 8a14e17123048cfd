/** The studio's keys and allowed origins as its owners and managers see them (their policies; instructors see none). */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import * as t from '../../../schema/db/index.ts';

export type KeyRow = Pick<typeof t.apiKeys.$inferSelect, 'id' | 'kind' | 'prefix' | 'label' | 'revokedAt' | 'createdAt' | 'staffId'>;
export type OriginRow = typeof t.orgDomains.$inferSelect;

const keyColumns = { id: t.apiKeys.id, kind: t.apiKeys.kind, prefix: t.apiKeys.prefix, label: t.apiKeys.label, revokedAt: t.apiKeys.revokedAt, createdAt: t.apiKeys.createdAt, staffId: t.apiKeys.staffId };

export function keysOfStudio(tx: Tx, orgId: string): Promise<KeyRow[]> {
  return tx.select(keyColumns).from(t.apiKeys).where(eq(t.apiKeys.orgId, orgId)).orderBy(desc(t.apiKeys.createdAt), asc(t.apiKeys.id));
}

export async function keyOfStudio(tx: Tx, orgId: string, id: string): Promise<KeyRow | undefined> {
  const [row] = await tx.select(keyColumns).from(t.apiKeys).where(and(eq(t.apiKeys.orgId, orgId), eq(t.apiKeys.id, id)));
  return row;
}

export function originsOfStudio(tx: Tx, orgId: string): Promise<OriginRow[]> {
  return tx.select().from(t.orgDomains).where(eq(t.orgDomains.orgId, orgId)).orderBy(asc(t.orgDomains.origin));
}

export async function originOfStudio(tx: Tx, orgId: string, id: string): Promise<OriginRow | undefined> {
  const [row] = await tx.select().from(t.orgDomains).where(and(eq(t.orgDomains.orgId, orgId), eq(t.orgDomains.id, id)));
  return row;
}
