import {
  parseConfig,
  parseTimeLimit,
  subgraphConfigSchema,
  timeLimitSchema,
  workerPortSchema,
} from '@jianguan/platform';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const reviewConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  /** The worker's `/healthz`, `/readyz` and `/metrics` (0 picks a free port). */
  WORKER_PORT: workerPortSchema(9102),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Statutory limit of the accelerated track (institutions otherwise qualified). */
  REVIEW_ACCELERATED_LIMIT: timeLimitSchema.default(parseTimeLimit('10wd')),
  /** Statutory limit of the standard track. */
  REVIEW_STANDARD_LIMIT: timeLimitSchema.default(parseTimeLimit('20wd')),
  /** How long before dueAt the reviewers are reminded. */
  REVIEW_REMINDER_BEFORE_SECONDS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(24 * 3600),
  /** How long after dueAt an undecided review is escalated to the head of the department. */
  REVIEW_ESCALATE_AFTER_SECONDS: z.coerce.number().int().nonnegative().default(0),
  /** Whether the clock stops while the institution is gathering requested materials. */
  REVIEW_PAUSE_CLOCK_ON_MATERIALS_REQUEST: booleanFlag.default(true),
  /** How often the reconciler re-schedules SLA jobs Redis has lost (it also runs at worker start). */
  REVIEW_RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000),
});
export type ReviewConfig = z.infer<typeof reviewConfigSchema>;

export const loadReviewConfig = (env?: Record<string, string | undefined>): ReviewConfig =>
  parseConfig(reviewConfigSchema, env);
