import { parse } from 'csv-parse/sync';

/** One data row of a CSV file with a header row. */
export interface CsvRow {
  /** Line in the file, counting the header as line 1, so it matches what an editor shows. */
  line: number;
  record: Record<string, string>;
}

/** Parses a UTF-8 CSV text with a header row (a BOM is dropped, cells are trimmed, blank lines skipped). */
export function parseCsv(content: string): CsvRow[] {
  const rows = parse(content, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return rows.map(({ record, info }) => ({ line: info.lines, record }));
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** CSV text with a header row of `columns`; absent values become empty cells. */
export function toCsv(columns: readonly string[], records: Record<string, string | number | null>[]): string {
  const lines = [columns.join(',')];
  for (const record of records) lines.push(columns.map((c) => quote(String(record[c] ?? ''))).join(','));
  return `${lines.join('\n')}\n`;
}
