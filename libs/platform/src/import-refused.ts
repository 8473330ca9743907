/** What is wrong with one cell (or the whole row, when column is null) of an imported file. */
export interface RowProblem {
  /** The sheet, for imports made of several. */
  sheet?: string;
  line: number;
  column: string | null;
  message: string;
}

/** Problems listed in the message; the rest are counted (the whole list is on `problems`). */
const LISTED = 100;

/** An import refused whole: nothing was loaded. */
export class ImportRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(
      `Import refused, nothing loaded: ${problems.length} problem(s)\n` +
        problems
          .slice(0, LISTED)
          .map(
            (p) =>
              `  ${p.sheet ? `${p.sheet} ` : ''}line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.message}`,
          )
          .join('\n') +
        (problems.length > LISTED ? `\n  … and ${problems.length - LISTED} more` : ''),
    );
  }
}

/**
 * For import commands: a refusal is the operator's to fix, so it is printed without a stack trace and
 * the command exits 2; anything else is rethrown.
 */
export function reportImportRefusal(error: unknown): void {
  if (!(error instanceof ImportRefused)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
