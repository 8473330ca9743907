import type { ReviewConfig } from '../config';
import type { SlaTimings } from './schedule';

export const slaTimings = (config: ReviewConfig): SlaTimings => ({
  reminderBeforeMs: config.REVIEW_REMINDER_BEFORE_SECONDS * 1000,
  escalateAfterMs: config.REVIEW_ESCALATE_AFTER_SECONDS * 1000,
});
