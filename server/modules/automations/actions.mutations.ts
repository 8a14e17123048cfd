/**
 * The actions that are rows (a mail in the outbox, a tag, a coupon, credits): done in the same
 * transaction that marks the step succeeded, so each is done once however often its job runs.
 * Mail is keyed `automation:<run>:<position>` in the outbox besides. A marketing mail goes only
 * under the customer's confirmed consent (with the unsubscribe link and headers); a transactional
 * one never asks. An action that cannot be done throws; the step records the error and is retried.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { renderMarkdown } from '../../platform/adapters/markdown.ts';
import type { AppConfig } from '../../deps.ts';
import * as t from '../../../schema/db/index.ts';
import { langOf } from '../../../shared/format.ts';
import { enqueueMail } from '../notifications/index.ts';
import { enqueueMarketingMail } from '../marketing/index.ts';
import { addCustomerTag } from '../customers/index.ts';
import { fillMailVariables, mailTextOf, type Action, type MailVariables } from './domain/index.ts';
import type { RunRow } from './runs.mutations.ts';

/** An action that can never succeed as it stands (no customer to mail): failed at once, not retried. */
export class PermanentActionError extends Error {}

export type RowAction = Exclude<Action, { type: 'call_webhook' }>;
export type ActionResult = { status: 'succeeded' | 'skipped'; result: Record<string, unknown> };

export interface Recipient { id: string; name: string; email: string; locale: string; zone: string }

export async function recipientOf(tx: Tx, run: RunRow): Promise<Recipient | null> {
  if (!run.customerId) return null;
  const [row] = await tx.select({ id: t.customers.id, name: t.customers.name, email: t.customers.email, locale: t.customers.locale, zone: t.customers.timezone, orgZone: t.orgs.timezone })
    .from(t.customers).innerJoin(t.orgs, eq(t.orgs.id, t.customers.orgId))
    .where(and(eq(t.customers.orgId, run.orgId), eq(t.customers.id, run.customerId)));
  return row ? { id: row.id, name: row.name, email: row.email, locale: row.locale, zone: row.zone || row.orgZone } : null;
}

const need = (who: Recipient | null, what: string): Recipient => {
  if (!who) throw new PermanentActionError(`${what}: the trigger names no customer`);
  return who;
};

/** A coupon code nobody guesses: the prefix and 10 characters without look-alikes. */
function couponCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `AUTO-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** What the run's earlier steps granted that a mail may name: the latest coupon's code and last day. */
async function mailVariables(tx: Tx, run: RunRow, position: number): Promise<MailVariables> {
  const [granted] = await tx.select({ result: t.automationRunActions.result }).from(t.automationRunActions)
    .where(and(eq(t.automationRunActions.orgId, run.orgId), eq(t.automationRunActions.runId, run.id), lt(t.automationRunActions.position, position),
      eq(t.automationRunActions.type, 'grant_coupon'), eq(t.automationRunActions.status, 'succeeded')))
    .orderBy(desc(t.automationRunActions.position)).limit(1);
  const result = granted?.result as { code?: unknown; valid_until?: unknown } | null | undefined;
  return typeof result?.code === 'string'
    ? { coupon_code: result.code, ...(typeof result.valid_until === 'string' ? { coupon_valid_until: result.valid_until.slice(0, 10) } : {}) }
    : {};
}

export async function performRowAction(tx: Tx, env: { now: Date; config: AppConfig }, run: RunRow, position: number, action: RowAction, who: Recipient | null): Promise<ActionResult> {
  const orgId = run.orgId;
  switch (action.type) {
    case 'send_mail': {
      const to = need(who, 'send_mail');
      const words = mailTextOf(action, langOf(to.locale));
      const vars = await mailVariables(tx, run, position);
      const subjectFilled = fillMailVariables(words.subject, vars);
      const bodyFilled = fillMailVariables(words.bodyMd, vars);
      const missing = [...new Set([...subjectFilled.missing, ...bodyFilled.missing])];
      if (missing.length) throw new PermanentActionError(`send_mail: no earlier action of this run gave ${missing.map((m) => `{{${m}}}`).join(', ')}`);
      const subject = subjectFilled.text;
      const bodyMd = bodyFilled.text;
      const dedupeKey = `automation:${run.id}:${position}`;
      if (action.marketing) {
        const outcome = await enqueueMarketingMail(tx, env, { orgId, customerId: to.id, dedupeKey, subject, text: bodyMd, html: renderMarkdown(bodyMd) });
        if (!outcome.queued && outcome.reason === 'no_consent') return { status: 'skipped', result: { reason: 'no_consent' } };
        return { status: 'succeeded', result: { mail: dedupeKey } };
      }
      await enqueueMail(tx, { orgId, dedupeKey, to: to.email, subject, text: bodyMd, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em">${renderMarkdown(bodyMd)}</body></html>` });
      return { status: 'succeeded', result: { mail: dedupeKey } };
    }
    case 'add_tag': {
      const to = need(who, 'add_tag');
      // As staff tag: one per customer whatever its case, and `customer.tag_added` recorded when it is new.
      await addCustomerTag(tx, env, orgId, to.id, action.tag, { kind: 'automation', automation_id: run.automationId, run_id: run.id });
      return { status: 'succeeded', result: { tag: action.tag } };
    }
    case 'grant_coupon': {
      const to = need(who, 'grant_coupon');
      const validUntil = new Date(env.now.getTime() + action.valid_days * 86_400_000);
      // The customer's own: checkout refuses it to anyone else (coupon_not_yours).
      const [coupon] = await tx.insert(t.coupons).values({
        orgId, code: couponCode(), kind: 'percent', percentBp: action.percent_off * 100, validFrom: env.now, validUntil, maxRedemptions: 1, maxPerCustomer: 1, customerId: to.id,
      }).returning({ id: t.coupons.id, code: t.coupons.code });
      return { status: 'succeeded', result: { coupon_id: coupon!.id, code: coupon!.code, valid_until: validUntil.toISOString() } };
    }
    case 'grant_credits': {
      const to = need(who, 'grant_credits');
      const [entry] = await tx.insert(t.creditLedger).values({ orgId, customerId: to.id, delta: action.credits, balanceAfter: 0, reason: 'automation', bookingId: run.bookingId })
        .returning({ id: t.creditLedger.id, balanceAfter: t.creditLedger.balanceAfter });
      return { status: 'succeeded', result: { ledger_id: entry!.id, credits: action.credits, balance_after: entry!.balanceAfter } };
    }
  }
}
