import {
  parseConfig,
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
  WORKER_PORT: workerPortSchema(9104),
  // Defaults of the two parsed settings are written as the variable would be set (`prefault`: parsed like it).
  ENFORCEMENT_REMINDER_OFFSETS_SECONDS: secondsList
    .prefault('604800,259200,86400')
    .describe('reminders this many seconds before a rectification deadline (7, 3, 1 days)'),
  ENFORCEMENT_ESCALATION_GRACE: timeLimitSchema
    .prefault('5wd')
    .describe(
      'time each level (county, city, province) has to record an action on an overdue case before it climbs (`wd` = working days, or `30s`, `15m`, `2h`, `3d`)',
    ),
  ENFORCEMENT_DEFAULT_DEADLINE_WORKING_DAYS: z.coerce
    .number()
    .int()
    .positive()
    .default(20)
    .describe('deadline of orders opened from events outside a campaign'),
  ENFORCEMENT_RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000)
    .describe('how often the reconciler restores deadline jobs Redis lost (also at worker start)'),
  ENFORCEMENT_DEADLINE_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('deadline jobs processed at once per worker'),
  ENFORCEMENT_DEADLINE_BATCH_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .max(5000)
    .default(500)
    .describe(
      'due orders one deadline transaction takes: a deadline check sweeps the others due with its own in batches, so thousands due in the same second cost a few transactions',
    ),
  ENFORCEMENT_JOB_LOCK_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30_000)
    .describe("how long a dead worker's deadline jobs stay locked before another worker takes them"),
  ENFORCEMENT_RED_CARD_SUSPENSION_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 86400)
    .describe('a red card suspends the platform this many seconds (a pause, 暂停: it ends by itself)'),
  ENFORCEMENT_CAMPAIGN_BATCH_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .max(5000)
    .default(200)
    .describe("institutions one transaction of a campaign's enrolment takes"),
  ENFORCEMENT_YELLOW_CARD_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(365 * 86400)
    .describe('two yellow cards of online patrol within this window make a red card (a suspension)'),
  ENFORCEMENT_NOTIFY_WEBHOOK_URL: z
    .string()
    .url()
    .optional()
    .describe('where every notification is POSTed as JSON (otherwise only recorded and logged)'),
});
export type EnforcementConfig = z.infer<typeof enforcementConfigSchema>;

export const loadEnforcementConfig = (env?: Record<string, string | undefined>): EnforcementConfig =>
  parseConfig(enforcementConfigSchema, env);
