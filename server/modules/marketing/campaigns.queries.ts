/** A campaign and what became of its mails (the outbox and the recipients' consents). */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { rowsOf } from '../../platform/db/rows.ts';
import { sql } from 'drizzle-orm';
import * as t from '../../../schema/db/index.ts';
import type { CampaignRow } from './campaigns.mutations.ts';

export interface CampaignStats { delivered: number; pending: number; failed: number; unsubscribed: number }

export async function campaignById(tx: Tx, orgId: string, id: string): Promise<CampaignRow | undefined> {
  const [row] = await tx.select().from(t.campaigns).where(and(eq(t.campaigns.orgId, orgId), eq(t.campaigns.id, id)));
  return row;
}

export async function campaignsOf(tx: Tx, orgId: string, limit: number): Promise<CampaignRow[]> {
  return tx.select().from(t.campaigns).where(eq(t.campaigns.orgId, orgId)).orderBy(desc(t.campaigns.createdAt)).limit(limit);
}

/** Sent (handed to the mail server), waiting, failed or held; unsubscribes by recipients since the campaign started sending. */
export async function campaignStats(tx: Tx, orgId: string, campaignId: string): Promise<CampaignStats> {
  const prefix = `campaign:${campaignId}:%`;
  const [row] = rowsOf(await tx.execute(sql`select
      count(*) filter (where o.status = 'sent')::int as delivered,
      count(*) filter (where o.status = 'pending')::int as pending,
      count(*) filter (where o.status in ('failed', 'held'))::int as failed,
      count(*) filter (where m.status = 'withdrawn' and m.withdrawn_at >= c.started_at)::int as unsubscribed
    from mail_outbox o join campaigns c on c.org_id = o.org_id and c.id = ${campaignId}::uuid
    left join marketing_consents m on m.org_id = o.org_id and m.id = o.consent_id
    where o.org_id = ${orgId}::uuid and o.dedupe_key like ${prefix}`));
  return { delivered: Number(row?.delivered ?? 0), pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), unsubscribed: Number(row?.unsubscribed ?? 0) };
}

/** The e-mail address and language of a staff member (a test send goes there when no address is given). */
export async function staffAddressOf(tx: Tx, orgId: string, staffId: string): Promise<{ email: string; locale: string } | undefined> {
  const [row] = await tx.select({ email: t.staff.email, locale: t.orgs.defaultLocale }).from(t.staff).innerJoin(t.orgs, eq(t.orgs.id, t.staff.orgId))
    .where(and(eq(t.staff.orgId, orgId), eq(t.staff.id, staffId)));
  return row;
}
