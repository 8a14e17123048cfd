/**
 * Keys and origins, changed by the studio's owners: a new key is random (a secret one is stored
 * as its SHA-256 only and shown once), revoking stops it at once (the database announces the
 * change, so every process forgets its cached keys), an origin is added once.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
// The same SHA-256 (hex) the key lookup compares (platform/http/api-keys.ts hashKey).
import { derivedToken, tokenHash as hashKey } from '../../platform/derived-tokens.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { KeyRow, OriginRow } from './keys.queries.ts';

/** How much of a secret key lists show: enough to tell keys apart, far too little to use. */
const SECRET_PREFIX_LENGTH = 12;

/**
 * The key of a key row, derived from its random id under the server's secret (as the other
 * tokens are): the answer that shows a secret key once is stored for replays without it, and a
 * replay derives it again, so the key itself is written nowhere.
 */
export function keyOfRow(secret: string, kind: 'publishable' | 'secret', id: string): string {
  return `${kind === 'publishable' ? 'pk' : 'sk'}_live_${derivedToken(secret, `api-key:${kind}`, id)}`;
}

export async function createKey(tx: Tx, orgId: string, staffId: string, input: { kind: 'publishable' | 'secret'; label: string }, ctx: EventContext): Promise<{ row: KeyRow; key: string }> {
  const id = randomUUID();
  const key = keyOfRow(ctx.config.secret, input.kind, id);
  const [row] = await tx.insert(t.apiKeys).values({
    id, orgId, kind: input.kind, prefix: input.kind === 'publishable' ? key : key.slice(0, SECRET_PREFIX_LENGTH), keyHash: hashKey(key), label: input.label,
    // A secret key acts as the person who made it, with their role.
    staffId: input.kind === 'secret' ? staffId : null, createdAt: ctx.now,
  }).returning();
  await recordEvent(tx, { orgId, type: 'api_key.created', subjectId: row!.id, payload: { kind: input.kind, by: staffId } }, ctx);
  return { row: row!, key };
}

/** Revoked keys stay listed (as revoked); revoking again changes nothing. */
export async function revokeKey(tx: Tx, orgId: string, staffId: string, key: KeyRow, ctx: EventContext): Promise<KeyRow> {
  if (key.revokedAt) return key;
  const [row] = await tx.update(t.apiKeys).set({ revokedAt: ctx.now })
    .where(and(eq(t.apiKeys.orgId, orgId), eq(t.apiKeys.id, key.id), isNull(t.apiKeys.revokedAt))).returning();
  await recordEvent(tx, { orgId, type: 'api_key.revoked', subjectId: key.id, payload: { kind: key.kind, by: staffId } }, ctx);
  return row ?? key;
}

export async function addOrigin(tx: Tx, orgId: string, origin: string, now: Date): Promise<OriginRow> {
  const [row] = await tx.insert(t.orgDomains).values({ orgId, origin, createdAt: now }).onConflictDoNothing({ target: [t.orgDomains.orgId, t.orgDomains.origin] }).returning();
  if (!row) throw new AppError('conflict', 'This origin is already allowed.', { errors: [{ field: 'origin', message: 'is already allowed' }] });
  return row;
}

export async function removeOrigin(tx: Tx, origin: OriginRow): Promise<void> {
  await tx.delete(t.orgDomains).where(and(eq(t.orgDomains.orgId, origin.orgId), eq(t.orgDomains.id, origin.id)));
}
