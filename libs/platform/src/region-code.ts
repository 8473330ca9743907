import { z } from 'zod';

/** Digits per level of a statistical division code: province, city, county, township, village. */
const LEVEL_DIGITS = [2, 2, 2, 3, 3];

/**
 * The prefix code the graph keys regions by (63, 6301, 630102, 630102001, 630102001001), from any
 * form an official writes: the prefix itself, the 6-digit GB/T 2260 code (630000 is Qinghai, 630100
 * Xining) or the 9- and 12-digit statistical codes (统计用区划代码, 630100000000 is Xining again):
 * trailing all-zero levels are dropped. Null when it is no division code at all.
 */
export function normaliseRegionCode(code: string): string | null {
  const digits = code.trim();
  if (/^(\d{2}|\d{4})$/.test(digits)) return digits === '00' ? null : digits;
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(digits)) return null;
  const levels: string[] = [];
  for (let at = 0, i = 0; at < digits.length; at += LEVEL_DIGITS[i], i += 1) {
    levels.push(digits.slice(at, at + LEVEL_DIGITS[i]));
  }
  while (levels.length > 1 && /^0+$/.test(levels[levels.length - 1])) levels.pop();
  if (/^0+$/.test(levels[0]) || levels.some((level) => /^0+$/.test(level))) return null;
  return levels.join('');
}

/** The 6-digit GB/T 2260 code of a province, city or county (63 → 630000); townships and villages keep theirs. */
export const standardRegionCode = (prefix: string): string =>
  prefix.length < 6 ? prefix.padEnd(6, '0') : prefix;

/** A region code in an input object: any of the forms above, answered as the prefix code. */
export const regionCodeInput = z.string().transform((value, ctx) => {
  const code = normaliseRegionCode(value);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: 'must be a division code' });
    return z.NEVER;
  }
  return code;
});
