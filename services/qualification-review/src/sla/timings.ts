import type { ReviewConfig } from '../config';
import { SlaScheduler, type SlaTimings } from './schedule';

export const slaTimings = (config: ReviewConfig): SlaTimings => ({
  reminderBeforeMs: config.REVIEW_REMINDER_BEFORE_SECONDS * 1000,
  escalateAfterMs: config.REVIEW_ESCALATE_AFTER_SECONDS * 1000,
});

/** The SLA queue as the configuration sets it up (the server's commands and the worker share it). */
export const openSlaScheduler = (config: ReviewConfig) =>
  new SlaScheduler(config.REDIS_URL, config.QUEUE_PREFIX, slaTimings(config));
