/**
 * Voiding the invoice of a reservation that lapsed unpaid, after the release committed: one job per
 * order (added by bookings' releaseExpiredHolds), settled in one transaction by settleLapsedHold.
 * Run again, or after money restored the booking, it does nothing.
 */
import type { Database } from '../../platform/db/database.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { AppConfig } from '../../deps.ts';
import { LAPSE_VOID_QUEUE } from '../bookings/index.ts';
import { settleLapsedHold, type SettlementOut } from './settlement.mutations.ts';

export interface LapseJobEnv { db: Database; now: () => Date; config: AppConfig }
interface LapseJob { orgId: string; bookingId: string; orderId: string }

export function voidLapsedInvoice(env: LapseJobEnv, job: LapseJob): Promise<SettlementOut | null> {
  return withSystem(env.db, job.orgId, 'billing: void the invoice of a reservation that lapsed unpaid', (tx) =>
    settleLapsedHold(tx, { ...job, now: env.now(), config: env.config }));
}

export function lapseVoidJob(env: LapseJobEnv): JobDefinition<LapseJob> {
  return { name: LAPSE_VOID_QUEUE, handle: async (job) => { await voidLapsedInvoice(env, job); } };
}
