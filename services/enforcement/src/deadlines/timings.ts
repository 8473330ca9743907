import { timeLimitEnd } from '@jianguan/platform';
import type { EnforcementConfig, Grace } from '../config';
import { DeadlineScheduler, type DeadlineTimings } from './schedule';

export const deadlineTimings = (config: EnforcementConfig): DeadlineTimings => ({
  reminderOffsetsMs: config.ENFORCEMENT_REMINDER_OFFSETS_SECONDS.map((s) => s * 1000),
});

/** The deadline queue as the configuration sets it up (the server's commands and the worker share it). */
export const openDeadlineScheduler = (config: EnforcementConfig) =>
  new DeadlineScheduler(config.REDIS_URL, config.QUEUE_PREFIX, deadlineTimings(config));

/** The respond-by time of an escalation case opened at `from`. */
export const respondByFrom = (from: Date, grace: Grace): Date => timeLimitEnd(from, grace);
