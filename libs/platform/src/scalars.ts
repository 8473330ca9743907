import { DateTimeFormatter, LocalDate, OffsetDateTime, ResolverStyle } from '@js-joda/core';
import { GraphQLScalarType, Kind } from 'graphql';

/**
 * A value a scalar could not accept. Scalars do not know which field they are parsing, so they hand
 * this on instead of throwing, and the strict-input check (strict-input.ts), which walks every
 * argument with its path, refuses it as BAD_USER_INPUT naming the field — during execution, so the
 * refusal travels through the gateway like any other resolver error.
 */
export class RefusedValue {
  constructor(readonly problem: string) {}
}

// The shape first (a four-digit year, upper-case T and Z); js-joda then checks the calendar and the
// ranges strictly: 29 February of a common year, 31 April, hour 24 or second 60 are refused rather
// than moved to the next day as Date.parse does.
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const STRICT_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);
const STRICT_INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

export const INSTANT_PROBLEM = '须为真实存在的时刻并写明时区偏移，例如 2026-11-21T09:00:00+08:00';
export const DATE_PROBLEM = '须为真实存在的日历日期，格式 YYYY-MM-DD，例如 2026-11-21';

/** An ISO 8601 date-time with an offset that names a real instant, or undefined. */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !INSTANT_SHAPE.test(value)) return undefined;
  try {
    return new Date(OffsetDateTime.parse(value, STRICT_INSTANT).toInstant().toEpochMilli());
  } catch {
    return undefined;
  }
}

/** A YYYY-MM-DD calendar date that exists, or undefined. */
export function parseCalendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value)) return undefined;
  try {
    return LocalDate.parse(value, STRICT_DATE).toString();
  } catch {
    return undefined;
  }
}

const instantOrRefused = (value: unknown) => parseInstant(value) ?? new RefusedValue(INSTANT_PROBLEM);
const dateOrRefused = (value: unknown) => parseCalendarDate(value) ?? new RefusedValue(DATE_PROBLEM);

/** Instants go out as ISO 8601 UTC strings and come in with an explicit offset; stored as timestamptz. */
export const DateTimeScalar = new GraphQLScalarType<Date | RefusedValue, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: instantOrRefused,
  parseLiteral: (ast) => instantOrRefused(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Calendar dates (licence validity, holidays) as YYYY-MM-DD strings. */
export const DateScalar = new GraphQLScalarType<string | RefusedValue, string>({
  name: 'Date',
  serialize: (value) => String(value),
  parseValue: dateOrRefused,
  parseLiteral: (ast) => dateOrRefused(ast.kind === Kind.STRING ? ast.value : undefined),
});
