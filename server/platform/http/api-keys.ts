import { withCrossTenant } from '../db/identity.ts';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface ResolvedKey {
  orgId: string;
  keyId: string;
  kind: 'publishable' | 'secret';
  staffId: string | null;
  revoked: boolean;
  origins: string[];
  /** A secret key's staff member: their role and whether they are still active (null for publishable keys). */
  staff: { role: 'owner' | 'manager' | 'instructor'; isActive: boolean } | null;
}

/** Looks a key up by its hash (a SECURITY DEFINER function: the org is not known yet). */
export async function resolveKey(db: Database, key: string): Promise<ResolvedKey | undefined> {
  const rows = await withCrossTenant(db, 'api key: the org is not known before the key is resolved', async (tx) => tx.execute(sql`select org_id, key_id, kind, staff_id, revoked, origins, staff_role, staff_active from resolve_api_key(${hashKey(key)})`));
  const row = rowsOf(rows)[0];
  if (!row) return undefined;
  return {
    orgId: String(row.org_id), keyId: String(row.key_id), kind: row.kind as ResolvedKey['kind'],
    staffId: row.staff_id ? String(row.staff_id) : null, revoked: Boolean(row.revoked), origins: parseTextArray(row.origins),
    staff: row.staff_role ? { role: row.staff_role as 'owner' | 'manager' | 'instructor', isActive: Boolean(row.staff_active) } : null,
  };
}

export async function isOriginAllowedAnywhere(db: Database, origin: string): Promise<boolean> {
  const rows = await withCrossTenant(db, 'CORS preflight: is this origin allowed by any org', async (tx) => tx.execute(sql`select origin_is_allowed(${origin}) as allowed`));
  return Boolean(rowsOf(rows)[0]?.allowed);
}


function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));
  return [];
}
