import pino, { type Logger } from 'pino';

export type { Logger };

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

export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, redact: { paths: REDACTED, censor: '[redacted]' } });
}
