/**
 * The one text rule for everything a person or a file sends in — every String and ID argument of
 * every subgraph (strict-input.ts) and every cell of the file imports (`strictRecord`):
 *
 * - control characters (C0, DEL, C1; free text keeps tab and line breaks) and unpaired surrogates
 *   are refused: PostgreSQL cannot store U+0000 or half a surrogate pair, and nothing a person types
 *   needs them;
 * - names and codes are normalised to NFKC, so a full-width ＡＢＣ１２３ or （ is the same name or
 *   code as its ordinary form (the same credit code cannot be registered twice by typing it wide);
 *   other text to NFC;
 * - the length is bounded per kind; each service's own rules may bound a field tighter.
 *
 * Which kind a value is follows its field's name, so every schema and file gets it without marking:
 * `name`, `name…` (`nameContains`), `…Name` and `query` are names; `code`, `…Code`, `number`,
 * `…Number`, `id` and `…Id` are codes.
 */
export type TextKind = 'name' | 'code' | 'text';

export const TEXT_LIMITS: Record<TextKind, number> = { name: 200, code: 100, text: 10_000 };

export function textKindOf(field: string): TextKind {
  if (/^(name|query)|Name$/.test(field)) return 'name';
  if (/^(code|number|id)$|(Code|Number|Id)$/.test(field)) return 'code';
  return 'text';
}

// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_NAME = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /\p{Cs}/u;
/** Printable ASCII is already in every normal form: most codes and numbers skip normalising. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export type TextResult = { value: string; problem?: undefined } | { value?: undefined; problem: string };

/** The value as it may be stored, or the problem (a Chinese phrase that follows the field's name). */
export function strictText(value: string, kind: TextKind): TextResult {
  if (PRINTABLE_ASCII.test(value)) {
    return value.length > TEXT_LIMITS[kind] ? { problem: tooLong(kind) } : { value };
  }
  if ((kind === 'text' ? CONTROL_IN_TEXT : CONTROL_IN_NAME).test(value)) {
    return {
      problem:
        kind === 'text' ? '含有控制字符（如 U+0000），请删除后再提交' : '含有控制字符或换行，请删除后再提交',
    };
  }
  if (LONE_SURROGATE.test(value)) return { problem: '含有无法识别的字符（不成对的代理项），请删除后再提交' };
  const normalised = value.normalize(kind === 'text' ? 'NFC' : 'NFKC');
  return normalised.length > TEXT_LIMITS[kind] ? { problem: tooLong(kind) } : { value: normalised };
}

const tooLong = (kind: TextKind) => `不能超过 ${TEXT_LIMITS[kind]} 个字符`;

export interface CellProblem {
  column: string;
  message: string;
}

/**
 * The text rule for one row of an imported file: every cell checked as the field of the same name
 * would be through GraphQL, the record with its cells normalised, and a problem per refused cell.
 */
export function strictRecord(record: Record<string, string>): {
  record: Record<string, string>;
  problems: CellProblem[];
} {
  const checked: Record<string, string> = {};
  const problems: CellProblem[] = [];
  for (const [column, cell] of Object.entries(record)) {
    const result = strictText(cell, textKindOf(column));
    if (result.problem !== undefined) problems.push({ column, message: `${column} ${result.problem}` });
    checked[column] = result.value ?? cell;
  }
  return { record: checked, problems };
}
