import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The only codes a client ever sees (docs/design.md §3); anything else is masked as INTERNAL_SERVER_ERROR. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  // The same Idempotency-Key with another operation or variables (idempotency.ts).
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes produced by GraphQL itself for a malformed request; they are safe to pass through. */
const REQUEST_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
];

function expected(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (field: string, message: string) => expected('BAD_USER_INPUT', message, { field });
export const unauthenticated = (message = 'A valid token is required') =>
  expected('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => expected('FORBIDDEN', message);
export const notFound = (what: string) => expected('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => expected('CONFLICT', message);

export function isExpectedCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    ((ERROR_CODES as readonly string[]).includes(code) || REQUEST_CODES.includes(code))
  );
}

/**
 * Builds Apollo's `formatError`: expected errors go out as they are; everything else loses its
 * message, stack and details so that no SQL, path or internal state leaks.
 */
export function maskingFormatError(onInternal: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    if (isExpectedCode(formatted.extensions?.code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    onInternal(original);
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Postgres unique_violation (23505), as raised through TypeORM's QueryFailedError. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
