import { parseConfig, subgraphConfigSchema, timeLimitSchema, workerPortSchema } from '@jianguan/platform';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const reviewConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  WORKER_PORT: workerPortSchema(9102),
  // The time limits' defaults are written as the variable would be set (`prefault`: parsed like it).
  REVIEW_ACCELERATED_LIMIT: timeLimitSchema
    .prefault('10wd')
    .describe(
      'statutory limit of the accelerated track (institutions otherwise qualified): `wd` = working days, or `30s`, `15m`, `2h`, `3d`',
    ),
  REVIEW_STANDARD_LIMIT: timeLimitSchema.prefault('20wd').describe('statutory limit of the standard track'),
  REVIEW_REMINDER_BEFORE_SECONDS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(24 * 3600)
    .describe('reviewers are reminded this many seconds before the due time'),
  REVIEW_ESCALATE_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('an undecided review escalates to the head of the department this many seconds after it'),
  REVIEW_PAUSE_CLOCK_ON_MATERIALS_REQUEST: booleanFlag
    .default(true)
    .describe('the clock stops while the institution gathers requested materials'),
  REVIEW_RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000)
    .describe('how often lost SLA jobs are re-scheduled (also at worker start)'),
});
export type ReviewConfig = z.infer<typeof reviewConfigSchema>;

export const loadReviewConfig = (env?: Record<string, string | undefined>): ReviewConfig =>
  parseConfig(reviewConfigSchema, env);
