/** Label values Prometheus is happy with: short identifiers. */
const SAFE_VALUE = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Keeps a label's values to a bounded set: a client chooses its operation names, and every new
 * value is a new time series. The first `limit` safe values are kept as they are; later ones and
 * odd ones become `other`.
 */
export function boundedLabel(limit: number) {
  const seen = new Set<string>();
  return (value: string | null | undefined, fallback: string): string => {
    if (!value) return fallback;
    if (seen.has(value)) return value;
    if (!SAFE_VALUE.test(value) || seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}
