import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { withSystem } from '../../platform/db/escalation.ts';
import type { AppConfig } from '../../deps.ts';
import { MESSAGES_QUEUE, sendMessagesDigest, type MessagesDigestJob } from './messages.mutations.ts';

/** At the end of a thread's ten-minute window: one mail with that window's messages to the other side. */
export function messagesJob(env: { db: Database; now: () => Date; config: AppConfig }): JobDefinition<MessagesDigestJob> {
  return {
    name: MESSAGES_QUEUE,
    handle: async (job) => {
      await withSystem(env.db, job.orgId, 'messaging: the batched mail of a thread\'s new messages', (tx) => sendMessagesDigest(tx, { now: env.now(), config: env.config }, job));
    },
  };
}
