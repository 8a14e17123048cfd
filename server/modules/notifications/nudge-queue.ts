import type { AppConfig } from '../../deps.ts';

/** The queue of every reminder and nudge; the job's `kind` says which. */
export const NUDGE_QUEUE = 'notifications.nudge';

/** What planning and sending a nudge need besides the transaction: the clock and the config (links). */
export interface NudgeEnv { now: Date; config: AppConfig }
