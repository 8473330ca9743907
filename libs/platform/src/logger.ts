import pino, { type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** Paths that may carry personal data or credentials; pino replaces them before anything is written. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-subgraph-secret"]',
  'headers.authorization',
  '*.idNumber',
  '*.phone',
  'idNumber',
  'phone',
  'token',
];

/**
 * One JSON line per entry, on stdout unless `destination` says otherwise (tests capture lines
 * with a stream of their own).
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = { name: service, level, redact: { paths: REDACTED, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
