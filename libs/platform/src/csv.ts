import Papa from 'papaparse';

/** One data row of a CSV file with a header row. */
export interface CsvRow {
  /** Line in the file where the row starts, counting the header as line 1, as an editor shows it. */
  line: number;
  record: Record<string, string>;
}

/** The text has no newline in it, or how many (a quoted cell may span lines). */
const newlines = (cells: string[]) => {
  let n = 0;
  for (const cell of cells)
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) n += 1;
  return n;
};

/**
 * Parses a UTF-8 CSV text with a header row (a BOM is dropped, cells are trimmed, blank lines skipped).
 * papaparse does the splitting (several times faster than a character-by-character parser on large
 * files); a malformed file (an unclosed quote, a row with more or fewer cells than the header) throws,
 * naming the line.
 */
export function parseCsv(content: string): CsvRow[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false });
  let line = 1;
  const lineOf: number[] = [];
  for (const cells of data) {
    lineOf.push(line);
    line += 1 + newlines(cells);
  }
  if (errors.length) {
    const error = errors[0];
    const at = error.row === undefined ? '' : ` on line ${lineOf[error.row] ?? line}`;
    throw new Error(`CSV not readable${at}: ${error.message}`);
  }
  const [header = [], ...body] = data;
  const columns = header.map((c) => c.trim());
  const rows: CsvRow[] = [];
  body.forEach((cells, i) => {
    if (cells.length === 1 && cells[0].trim() === '') return; // a blank line
    if (cells.length !== columns.length) {
      throw new Error(
        `CSV not readable on line ${lineOf[i + 1]}: ${cells.length} cells where the header has ${columns.length}`,
      );
    }
    const record: Record<string, string> = {};
    columns.forEach((column, c) => (record[column] = cells[c].trim()));
    rows.push({ line: lineOf[i + 1], record });
  });
  return rows;
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** CSV text with a header row of `columns`; absent values become empty cells. */
export function toCsv(columns: readonly string[], records: Record<string, string | number | null>[]): string {
  const lines = [columns.join(',')];
  for (const record of records) lines.push(columns.map((c) => quote(String(record[c] ?? ''))).join(','));
  return `${lines.join('\n')}\n`;
}
