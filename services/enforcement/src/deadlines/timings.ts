import { timeLimitEnd } from '@jianguan/platform';
import type { EnforcementConfig, Grace } from '../config';
import type { DeadlineTimings } from './schedule';

export const deadlineTimings = (config: EnforcementConfig): DeadlineTimings => ({
  reminderOffsetsMs: config.ENFORCEMENT_REMINDER_OFFSETS_SECONDS.map((s) => s * 1000),
});

/** The respond-by time of an escalation case opened at `from`. */
export const respondByFrom = (from: Date, grace: Grace): Date => timeLimitEnd(from, grace);
