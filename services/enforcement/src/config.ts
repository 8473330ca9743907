import {
  parseConfig,
  parseTimeLimit,
  subgraphConfigSchema,
  timeLimitSchema,
  type TimeLimit,
  workerPortSchema,
} from '@jianguan/platform';
import { z } from 'zod';

/** A comma-separated list of seconds, e.g. `604800,259200,86400` (7, 3, 1 days). */
const secondsList = z.string().transform((value, ctx) => {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    ctx.addIssue({ code: 'custom', message: 'must be positive whole seconds separated by commas' });
    return z.NEVER;
  }
  return [...new Set(numbers)].sort((a, b) => b - a);
});

/** A grace period in the time-limit notation: `5wd`, or `30s`, `15m`, `2h`, `3d` for tests and drills. */
export type Grace = TimeLimit;

export const enforcementConfigSchema = subgraphConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** The worker's `/healthz`, `/readyz` and `/metrics` (0 picks a free port). */
  WORKER_PORT: workerPortSchema(9104),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(2000),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Reminders before a rectification deadline, in seconds before it (default 7, 3 and 1 days). */
  ENFORCEMENT_REMINDER_OFFSETS_SECONDS: secondsList.default([7 * 86400, 3 * 86400, 86400]),
  /** How long each escalation case (county, city, province) has to record an enforcement action. */
  ENFORCEMENT_ESCALATION_GRACE: timeLimitSchema.default(parseTimeLimit('5wd')),
  /** Rectification deadline of orders opened from events when no campaign sets one. */
  ENFORCEMENT_DEFAULT_DEADLINE_WORKING_DAYS: z.coerce.number().int().positive().default(20),
  /** How often the reconciler re-schedules whatever Redis lost (it also runs at worker start). */
  ENFORCEMENT_RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000),
  /** Deadline jobs processed at once by one worker. */
  ENFORCEMENT_DEADLINE_CONCURRENCY: z.coerce.number().int().positive().default(10),
  /**
   * Due orders one deadline transaction takes: a deadline check sweeps the others due with its own
   * order in batches of this size, so thousands due in the same second cost a few transactions.
   */
  ENFORCEMENT_DEADLINE_BATCH_SIZE: z.coerce.number().int().positive().max(5000).default(500),
  /**
   * How long a deadline job stays locked to the worker running it; a worker that died (SIGKILL) leaves
   * its jobs locked this long before another worker takes them up again.
   */
  ENFORCEMENT_JOB_LOCK_MS: z.coerce.number().int().positive().default(30_000),
  /** A red card suspends the platform for this long (a pause, 暂停: it ends by itself). */
  ENFORCEMENT_RED_CARD_SUSPENSION_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 86400),
  /** Institutions one transaction of a campaign's enrolment takes. */
  ENFORCEMENT_CAMPAIGN_BATCH_SIZE: z.coerce.number().int().positive().max(5000).default(200),
  /** Two yellow cards of online patrol within this window make a red card (a suspension). */
  ENFORCEMENT_YELLOW_CARD_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(365 * 86400),
  /** When set, every notification is also POSTed here as JSON (the webhook delivery channel). */
  ENFORCEMENT_NOTIFY_WEBHOOK_URL: z.string().url().optional(),
});
export type EnforcementConfig = z.infer<typeof enforcementConfigSchema>;

export const loadEnforcementConfig = (env?: Record<string, string | undefined>): EnforcementConfig =>
  parseConfig(enforcementConfigSchema, env);
