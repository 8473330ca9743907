/** Waiting for what other departments learn from events: poll, as a client would, until it shows. */
import { pollUntil } from '@jianguan/tools';

export { sleep } from '@jianguan/tools';

/** Reads until `done` holds or the time is up, and returns the last value read (the test asserts on it). */
export const until = <T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> => pollUntil(read, done, { timeoutMs, intervalMs: 100 });
