import type { z } from 'zod';
import type { RowProblem } from '@jianguan/platform';

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
