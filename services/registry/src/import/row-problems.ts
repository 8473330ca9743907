import type { z } from 'zod';

/** What is wrong with one cell (or the whole row, when column is null) of the file. */
export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

/** The file was refused whole; nothing was loaded. */
export class ImportRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(
      `Import refused, nothing loaded: ${problems.length} problem(s)\n` +
        problems
          .slice(0, 100)
          .map((p) => `  line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.message}`)
          .join('\n') +
        (problems.length > 100 ? `\n  … and ${problems.length - 100} more` : ''),
    );
  }
}

/**
 * zod's issues as problems of the file's columns: survey cells are named as in the file, a licence by
 * its position in the licences cell (1-based).
 */
export function problemsOf(line: number, error: z.ZodError): RowProblem[] {
  return error.issues.map((issue) => {
    const [first, second, third] = issue.path;
    if (first === 'licences' && typeof second === 'number') {
      const field = third === undefined ? '' : ` ${String(third)}`;
      return { line, column: 'licences', message: `licence ${second + 1}${field} ${issue.message}` };
    }
    const column = first === 'survey' && second !== undefined ? String(second) : first;
    return column === undefined
      ? { line, column: null, message: issue.message }
      : { line, column: String(column), message: `${String(column)} ${issue.message}` };
  });
}
