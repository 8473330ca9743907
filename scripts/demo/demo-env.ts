/**
 * What `pnpm start --demo` changes in the environment of the stack: durations short enough to watch
 * the deadline ladder (reminders, county → city → province → discipline referral) within minutes,
 * its own data directory and queue prefix. Variables the user sets win over these defaults.
 */
export const DEMO_SERVICE_ENV: Record<string, string> = {
  /** Reminders 2 minutes, 1 minute and 20 seconds before each deadline. */
  ENFORCEMENT_REMINDER_OFFSETS_SECONDS: '120,60,20',
  /** Each escalation level (county, city, province) has one minute to act. */
  ENFORCEMENT_ESCALATION_GRACE: '1m',
  /** The reconciler looks for deadlines Redis lost every 15 seconds. */
  ENFORCEMENT_RECONCILE_INTERVAL_MS: '15000',
};

export const DEMO_LAUNCHER_ENV: Record<string, string> = {
  /** A separate embedded database and secrets, so the demo never mixes with a development `.data/`. */
  JIANGUAN_DATA_DIR: '.data/demo',
  /** Its own BullMQ keys, in case it shares a Redis with a development stack. */
  QUEUE_PREFIX: 'jianguan-demo',
};

const isSet = (value: string | undefined) => value !== undefined && value !== '';

/** The environment with the demo defaults filled in where the user set nothing. */
export function withDemoDefaults(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const merged = { ...env };
  for (const [name, value] of Object.entries({ ...DEMO_LAUNCHER_ENV, ...DEMO_SERVICE_ENV })) {
    if (!isSet(merged[name])) merged[name] = value;
  }
  return merged;
}

/** The launcher's environment in demo mode: the process environment with the demo defaults. */
export const demoEnvironment = (env: Record<string, string | undefined> = process.env) =>
  withDemoDefaults(env);
