/**
 * Studios whose owner never proved the address do not stay: once a day the runner sends this job,
 * which removes every studio still unverified UNVERIFIED_SIGN_UP_DAYS after it signed up (the
 * studio, its inactive owner, the sign-up and its waiting code mails), through one definer
 * function, since no org is known here. The code itself expires after ten minutes; a week is
 * generous for someone who asks for a new one.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withCrossTenant } from '../../platform/db/identity.ts';
import { rows } from '../../platform/db/prepared.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';

export const UNVERIFIED_SIGN_UPS_QUEUE = 'staff.unverified-sign-ups';
export const UNVERIFIED_SIGN_UP_DAYS = 7;

/** Removes the studios still unverified after UNVERIFIED_SIGN_UP_DAYS; answers how many. */
export async function removeUnverifiedSignUps(env: { db: Database; now: () => Date }): Promise<number> {
  const before = new Date(env.now().getTime() - UNVERIFIED_SIGN_UP_DAYS * 86_400_000);
  return withCrossTenant(env.db, 'sign-up: remove studios whose owner never proved the address', async (tx) => {
    const [row] = await rows(tx, sql`select sign_ups_remove_unverified(${before.toISOString()}::timestamptz) as removed`);
    return Number(row?.removed ?? 0);
  });
}

export function unverifiedSignUpsJob(env: { db: Database; now: () => Date }): JobDefinition {
  return { name: UNVERIFIED_SIGN_UPS_QUEUE, cron: '17 3 * * *', retryLimit: 0, handle: async () => { await removeUnverifiedSignUps(env); } };
}
