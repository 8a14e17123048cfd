/**
 * The job queues and their handlers: composition only. Each module owns its jobs
 * (`*.jobs.ts`); this file lists them so start-up can create the queues and work them.
 */
import type { AppDeps } from './deps.ts';
import type { JobDefinition, QueueSettings } from './platform/jobs/queue.ts';
import { holdsJob, HOLDS_QUEUE, lifecycleJob, LIFECYCLE_QUEUE } from './modules/bookings/index.ts';
import { balanceExpiryJob, BALANCE_EXPIRY_QUEUE, feesJob, FEES_QUEUE, lapseVoidJob, referralRewardJob, REFERRAL_REWARD_QUEUE, installmentsJob, INSTALLMENTS_QUEUE, refundsJob, REFUNDS_QUEUE, renderInvoiceAttachment, intentCancelJob, INTENT_CANCEL_QUEUE } from './modules/billing/index.ts';
import { webhookDeliveryJob, WEBHOOK_QUEUE } from './modules/webhooks/index.ts';
import { holdMailJobs, mailJob, MAIL_QUEUE, nudgeJob, NUDGE_QUEUE, PAYMENT_REMINDER_QUEUE, staffNoticeJob, STAFF_NOTICE_QUEUE } from './modules/notifications/index.ts';
import { HOLD_LAPSED_QUEUE, LAPSE_VOID_QUEUE } from './modules/bookings/index.ts';
import { earningsJob, EARNINGS_QUEUE } from './modules/payroll/index.ts';
import { messagesJob, MESSAGES_QUEUE } from './modules/messaging/index.ts';
import { feedRefreshJob, feedSyncJob, FEED_REFRESH_QUEUE, FEEDS_QUEUE } from './modules/availability/index.ts';
import { campaignJob, CAMPAIGN_QUEUE } from './modules/marketing/index.ts';
import { healthRetentionJob, HEALTH_RETENTION_QUEUE } from './modules/customers/index.ts';
import { unverifiedSignUpsJob, UNVERIFIED_SIGN_UPS_QUEUE } from './modules/staff/index.ts';
import { homeworkObjectsJob, HOMEWORK_OBJECTS_QUEUE } from './modules/homework/index.ts';
import { programImageObjectsJob, PROGRAM_IMAGE_OBJECTS_QUEUE } from './modules/program-editor/index.ts';
import { ACTION_QUEUE as AUTOMATION_ACTION_QUEUE, automationRunJob, automationStepJob, automationSweepJob, RUN_QUEUE as AUTOMATION_RUN_QUEUE, SWEEP_QUEUE as AUTOMATION_SWEEP_QUEUE } from './modules/automations/index.ts';

export const JOB_QUEUES: QueueSettings[] = [
  { name: MAIL_QUEUE },
  { name: PAYMENT_REMINDER_QUEUE },
  { name: HOLD_LAPSED_QUEUE },
  // Voiding checks the order's state first, so a retry never credits twice.
  { name: LAPSE_VOID_QUEUE },
  { name: NUDGE_QUEUE },
  { name: STAFF_NOTICE_QUEUE },
  // A delivery's own attempts and back-off decide; the queue retries only a run that crashed.
  { name: WEBHOOK_QUEUE, retryLimit: 8 },
  { name: MESSAGES_QUEUE },
  { name: HOLDS_QUEUE },
  { name: LIFECYCLE_QUEUE },
  // A charge is never retried by the queue: the installment's own attempts and dates decide.
  { name: INSTALLMENTS_QUEUE, retryLimit: 0 },
  // A refund is retried with back-off; the provider is keyed by the refund row, so it refunds once.
  { name: REFUNDS_QUEUE, retryLimit: 8 },
  // Cancelling a charge under way asks the provider again on a retry; a paid one is recorded once (by its row).
  { name: INTENT_CANCEL_QUEUE, retryLimit: 8 },
  // Earnings are recomputed from the facts each time, so a retry is always safe.
  { name: EARNINGS_QUEUE },
  // A fee is charged keyed by its payment row, so a retry charges it once.
  { name: FEES_QUEUE, retryLimit: 5 },
  // Cancelling an intent is safe to repeat, and the row moves once from pending, so a retry is safe.
  { name: BALANCE_EXPIRY_QUEUE, retryLimit: 10 },
  // A feed that fails keeps its last import and says why; the queue tries a crashed run again.
  { name: FEEDS_QUEUE, retryLimit: 3 },
  // Sent by the runner's schedule; a missed round is the next quarter hour's, so no retry.
  { name: FEED_REFRESH_QUEUE, retryLimit: 0 },
  // Deleting a stored object is safe to repeat; a storage that is down is tried again for a while.
  { name: HOMEWORK_OBJECTS_QUEUE, retryLimit: 10 },
  { name: PROGRAM_IMAGE_OBJECTS_QUEUE, retryLimit: 10 },
  // A reward is settled once by its row's status, so a retry is always safe.
  { name: REFERRAL_REWARD_QUEUE, retryLimit: 5 },
  // A campaign mails each member once (the outbox's dedupe key), so a retried round is safe.
  { name: CAMPAIGN_QUEUE, retryLimit: 5 },
  // Deleting health answers reads the booking first and removes only what is there, so a retry is safe.
  { name: HEALTH_RETENTION_QUEUE, retryLimit: 5 },
  // Sent by the runner's schedule once a day; a missed round is the next day's, so no retry.
  { name: UNVERIFIED_SIGN_UPS_QUEUE, retryLimit: 0 },
  // A run starts once (its row's status); an action's own attempts and back-off decide, the queue retries only a crashed run.
  { name: AUTOMATION_RUN_QUEUE, retryLimit: 5 },
  { name: AUTOMATION_ACTION_QUEUE, retryLimit: 5 },
  // The sweep looks from where the last one stopped, so a retry finds nothing twice.
  { name: AUTOMATION_SWEEP_QUEUE, retryLimit: 5 },
];

export function jobDefinitions(deps: AppDeps): JobDefinition[] {
  return [
    mailJob({ db: deps.db, mailer: deps.mailer, now: deps.now, render: (orgId, spec) => renderInvoiceAttachment(deps.db, orgId, spec) }),
    nudgeJob({ db: deps.db, now: deps.now, config: deps.config }),
    staffNoticeJob({ db: deps.db, now: deps.now, config: deps.config }),
    webhookDeliveryJob({ db: deps.db, now: deps.now, allowPrivateTargets: deps.config.allowPrivateWebhookTargets === true }),
    messagesJob({ db: deps.db, now: deps.now, config: deps.config }),
    holdsJob({ db: deps.db, now: deps.now }),
    lifecycleJob({ db: deps.db, now: deps.now, config: deps.config }),
    installmentsJob({ db: deps.db, payments: deps.payments, now: deps.now, config: deps.config }),
    refundsJob({ db: deps.db, payments: deps.payments, now: deps.now, config: deps.config }),
    intentCancelJob({ db: deps.db, payments: deps.payments, now: deps.now, config: deps.config }),
    earningsJob({ db: deps.db, now: deps.now }),
    feesJob({ db: deps.db, payments: deps.payments, now: deps.now, config: deps.config }),
    balanceExpiryJob({ db: deps.db, payments: deps.payments, now: deps.now, config: deps.config }),
    feedSyncJob({ db: deps.db, now: deps.now, allowPrivateTargets: deps.config.allowPrivateWebhookTargets === true }),
    feedRefreshJob({ db: deps.db, now: deps.now }),
    lapseVoidJob({ db: deps.db, now: deps.now, config: deps.config }),
    referralRewardJob({ db: deps.db, now: deps.now, config: deps.config }),
    campaignJob({ db: deps.db, now: deps.now, config: deps.config }),
    healthRetentionJob({ db: deps.db, now: deps.now, config: deps.config }),
    unverifiedSignUpsJob({ db: deps.db, now: deps.now }),
    automationRunJob({ db: deps.db, now: deps.now }),
    automationStepJob({ db: deps.db, now: deps.now, config: deps.config, allowPrivateTargets: deps.config.allowPrivateWebhookTargets === true }),
    automationSweepJob({ db: deps.db, now: deps.now }),
    ...holdMailJobs({ db: deps.db, now: deps.now, config: deps.config }),
    ...(deps.storage ? [homeworkObjectsJob({ storage: deps.storage }), programImageObjectsJob({ storage: deps.storage })] : []),
  ] as JobDefinition[];
}
