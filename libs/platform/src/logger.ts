import pino, { type DestinationStream, type Logger } from 'pino';
import { maskIdNumber } from './identifiers/id-number';
import { maskPhone } from './identifiers/phone';

export type { DestinationStream, Logger };

/** Fields that carry personal data or credentials, by name; replaced wherever they appear in an error. */
const SENSITIVE_KEYS = [
  'authorization',
  'x-subgraph-secret',
  'idNumber',
  'phone',
  'contactPhone',
  'legalRepresentative',
  'token',
];

/** Paths that may carry personal data or credentials; pino replaces them before anything is written. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers["x-subgraph-secret"]',
  'headers.authorization',
  'headers["x-subgraph-secret"]',
  ...SENSITIVE_KEYS.flatMap((key) => (/^[\w]+$/.test(key) ? [key, `*.${key}`] : [])),
];

/**
 * What a database error carries that holds the row's values: TypeORM's `parameters` (a failed INSERT's
 * phone numbers, names, ID numbers) and PostgreSQL's `detail` ("Key (x)=(value) already exists").
 * They are dropped; the SQL text, the error code, table and constraint are enough to find the fault.
 */
const DROPPED_KEYS = new Set(['parameters', 'detail']);

/** Personal data and credentials that can turn up inside a message (e.g. a database error's text). */
const TEXT_PATTERNS: Array<[RegExp, (match: string) => string]> = [
  [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, maskIdNumber],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, maskPhone],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, () => '[redacted token]'],
];

const scrubText = (text: string) =>
  TEXT_PATTERNS.reduce((result, [pattern, mask]) => result.replace(pattern, mask), text);

/** A copy of a logged error's fields with every personal value masked or dropped, however deep. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    copy[key] = SENSITIVE_KEYS.includes(key) ? '[redacted]' : scrub(field, depth + 1);
  }
  return copy;
}

/** pino's error serializer (message, stack, type and own fields), then scrubbed. */
const safeError = (error: unknown) =>
  scrub(error instanceof Error ? pino.stdSerializers.err(error) : error) as Record<string, unknown>;

/**
 * One JSON line per entry, on stdout unless `destination` says otherwise (tests capture lines
 * with a stream of their own). Personal data and credentials are redacted by field name at the top
 * levels, and in errors (`err`, `error`, GraphQL `extensions`) at every level and inside their text.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: { err: safeError, error: safeError, extensions: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
