import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { withCrossTenant } from '../db/identity.ts';
import { rowsOf } from '../db/rows.ts';
import { tokenHash } from '../derived-tokens.ts';
import { STAFF_SESSION_TTL_MS } from '../staff-session-tokens.ts';

export interface LiveStaffSession { orgId: string; sessionId: string; staffId: string; role: 'owner' | 'manager' | 'instructor'; expiresAt: Date }

/**
 * The live session of a cookie's token (of an active staff member), extended to 12 hours from
 * now: a SECURITY DEFINER function, as the cookie names no studio before it is resolved.
 */
export async function touchStaffSession(db: Database, token: string, now: Date): Promise<LiveStaffSession | undefined> {
  const until = new Date(now.getTime() + STAFF_SESSION_TTL_MS);
  const found = await withCrossTenant(db, 'staff session: the studio is not known before the cookie is resolved', (tx) =>
    tx.execute(sql`select org_id, session_id, staff_id, role, expires_at from staff_session_touch(${tokenHash(token)}, ${now.toISOString()}::timestamptz, ${until.toISOString()}::timestamptz)`));
  const row = rowsOf(found)[0];
  if (!row) return undefined;
  return {
    orgId: String(row.org_id), sessionId: String(row.session_id), staffId: String(row.staff_id),
    role: row.role as LiveStaffSession['role'], expiresAt: new Date(String(row.expires_at instanceof Date ? row.expires_at.toISOString() : row.expires_at)),
  };
}
