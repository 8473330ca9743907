import { Kind, parse, print, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { queryLimits } from '@jianguan/platform';

/**
 * Longest key a kept answer may have (the printed document and its variables). Anything longer is
 * answered by Apollo but not kept, so no request can make one entry cost more than this.
 */
export const MAX_ANSWER_KEY_CHARS = 4096;

/** Memory for remembering which raw body printed to which key, so a repeat is not parsed again. */
const MEMO_BYTES = 4 * 1024 * 1024;

const NOT_KEPT = '';

/**
 * What makes two anonymous requests the same request: the operation name, the document as the
 * parser reads it and `print` writes it back (whitespace, commas and comments do not count), and the
 * values of the variables the document declares (others are ignored by GraphQL, so they must not
 * make a new key). Padding a request therefore lands on the key of the unpadded one instead of
 * taking cache room of its own: without this, ~64 requests padded to 1 MB evicted every kept answer.
 *
 * `answerKeyOf(raw, parsed)` gives the key, or undefined when the request is not one to keep (not a
 * single query request, unparsable, or over MAX_ANSWER_KEY_CHARS). `parsed` is called only when the
 * raw body was not seen lately, and throws for malformed JSON.
 */
export function answerKeys(): (raw: string, parsed: () => unknown) => string | undefined {
  const { parseOptions } = queryLimits();
  // Keyed by the raw body, so only bodies no longer than a key are remembered (padding is not).
  const memo = new LRUCache<string, string>({
    maxSize: MEMO_BYTES,
    sizeCalculation: (key, raw) => raw.length + key.length + 1,
  });
  return (raw, parsed) => {
    let key = memo.get(raw);
    if (key === undefined) {
      key = keyOf(parsed(), parseOptions);
      if (raw.length <= MAX_ANSWER_KEY_CHARS) memo.set(raw, key);
    }
    return key === NOT_KEPT ? undefined : key;
  };
}

function keyOf(body: unknown, parseOptions: { maxTokens: number }): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return NOT_KEPT;
  const { query, operationName, variables } = body as Record<string, unknown>;
  if (typeof query !== 'string') return NOT_KEPT;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return NOT_KEPT;
  }
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    return NOT_KEPT;
  }
  let document: DocumentNode;
  try {
    document = parse(query, parseOptions);
  } catch {
    return NOT_KEPT; // Apollo answers it with the syntax error, which is never kept
  }
  const given = (variables ?? {}) as Record<string, unknown>;
  const declared = document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? (definition.variableDefinitions ?? []).map((variable) => variable.variable.name.value)
      : [],
  );
  const values = Object.fromEntries(
    declared.filter((name) => Object.hasOwn(given, name)).map((name) => [name, given[name]]),
  );
  const key = JSON.stringify([operationName ?? null, print(document), values]);
  return key.length > MAX_ANSWER_KEY_CHARS ? NOT_KEPT : key;
}
