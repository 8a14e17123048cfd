/**
 * A studio's own domain, set by its owner: naming a host gives it a new verification token (the
 * same host again changes nothing), verifying records what the DNS showed, removing it stops its
 * pages answering there. Each records an event; the DNS is read by the caller before the transaction.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordEvent, type EventContext } from '../../platform/events/record.ts';
import * as t from '../../../schema/db/index.ts';
import type { CustomDomainRow } from './domains.queries.ts';

export async function setCustomDomain(tx: Tx, orgId: string, staffId: string, host: string, ctx: EventContext): Promise<CustomDomainRow> {
  const [current] = await tx.select().from(t.customDomains).where(eq(t.customDomains.orgId, orgId)).for('update');
  if (current?.host === host) return current;
  if (current) await tx.delete(t.customDomains).where(eq(t.customDomains.id, current.id));
  // Another studio's host: the unique index says so without showing its row.
  const [row] = await tx.insert(t.customDomains).values({ orgId, host, verificationToken: randomBytes(18).toString('base64url'), createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing({ target: t.customDomains.host }).returning();
  if (!row) throw new AppError('conflict', 'This domain is already another studio\'s.', { errors: [{ field: 'host', message: 'is already another studio\'s' }] });
  await recordEvent(tx, { orgId, type: 'custom_domain.set', subjectId: null, payload: { host, previous: current?.host ?? null, by: staffId } }, ctx);
  return row;
}

/**
 * What a check of the DNS found for the domain as it was read (`host`, `token`): verified when
 * nothing is missing (and stays verified after a later failed check; the failure is noted).
 * Undefined when the domain changed or went meanwhile.
 */
export async function recordDomainCheck(tx: Tx, orgId: string, staffId: string, checked: { host: string; token: string; missing: string[] }, ctx: EventContext): Promise<CustomDomainRow | undefined> {
  const [current] = await tx.select().from(t.customDomains).where(eq(t.customDomains.orgId, orgId)).for('update');
  if (!current || current.host !== checked.host || current.verificationToken !== checked.token) return undefined;
  const passed = checked.missing.length === 0;
  const [row] = await tx.update(t.customDomains).set({
    verifiedAt: current.verifiedAt ?? (passed ? ctx.now : null), checkedAt: ctx.now, lastError: passed ? null : checked.missing.join(','), updatedAt: ctx.now,
  }).where(and(eq(t.customDomains.orgId, orgId), eq(t.customDomains.id, current.id))).returning();
  if (passed && !current.verifiedAt) await recordEvent(tx, { orgId, type: 'custom_domain.verified', subjectId: null, payload: { host: checked.host, by: staffId } }, ctx);
  return row;
}

/** Removes the studio's domain; removing none changes nothing. */
export async function removeCustomDomain(tx: Tx, orgId: string, staffId: string, ctx: EventContext): Promise<void> {
  const [gone] = await tx.delete(t.customDomains).where(eq(t.customDomains.orgId, orgId)).returning({ host: t.customDomains.host });
  if (gone) await recordEvent(tx, { orgId, type: 'custom_domain.removed', subjectId: null, payload: { host: gone.host, by: staffId } }, ctx);
}
